/// One embedded font in the PDF: a subset of a TrueType file as a Type0
/// font over a CIDFontType2 (Identity-H: two bytes per glyph, the glyph's
/// number in the subset) with a ToUnicode map, so a reader copies the text
/// back out (`pdftotext`, search, a screen reader).
struct PDFCIDFont {
    let resourceName: String
    let face: FontFace
    /// Old glyph ID (the font file's) to the subset's.
    let newID: [UInt32: UInt32]

    /// Embeds the glyphs of `text` (old glyph ID to the text it stands for)
    /// into `pdf`; returns the font and its object number, or nil when
    /// HarfBuzz cannot subset the file.
    static func embed(_ face: FontFace, text: [UInt32: String], resourceName: String,
                      into pdf: inout PDFFile) -> (font: PDFCIDFont, object: Int)? {
        guard let subset = face.subset(Set(text.keys)) else { return nil }
        let font = PDFCIDFont(resourceName: resourceName, face: face, newID: subset.newID)
        // A tag from the glyph set names the subset (PDF 1.4 §5.5.3): six
        // capitals, the same for the same glyphs, so the output stays
        // deterministic.
        var hash: UInt32 = 2_166_136_261
        for id in subset.newID.keys.sorted() { hash = (hash ^ id) &* 16_777_619 }
        var tag = ""
        for _ in 0..<6 { tag.append(Character(Unicode.Scalar(UInt8(65 + hash % 26)))); hash /= 26 }
        let name = "/\(tag)+\(face.postScriptName)"

        let file = pdf.addStream(subset.bytes, extra: "/Length1 \(subset.bytes.count)")
        let em = Double(face.unitsPerEm)
        func scaled(_ v: Int32) -> String { PDFFile.num(Double(v) * 1000 / em) }
        let box = face.boundingBox.map { PDFFile.num(Double($0) * 1000 / em) }.joined(separator: " ")
        let metrics = face.verticalMetrics
        let descriptor = pdf.add("<< /Type /FontDescriptor /FontName \(name) /Flags 32 /FontBBox [\(box)] /ItalicAngle 0 /Ascent \(scaled(metrics.ascent)) /Descent \(scaled(metrics.descent)) /CapHeight \(scaled(metrics.capHeight)) /StemV 80 /FontFile2 \(file) 0 R >>")
        let widths = text.keys.sorted { subset.newID[$0]! < subset.newID[$1]! }
            .map { "\(subset.newID[$0]!) [\(scaled(face.advance(of: $0)))]" }.joined(separator: " ")
        let cidFont = pdf.add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont \(name) /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor \(descriptor) 0 R /DW 1000 /W [\(widths)] /CIDToGIDMap /Identity >>")
        let toUnicode = pdf.addStream(Array(font.toUnicodeCMap(text).utf8))
        let type0 = pdf.add("<< /Type /Font /Subtype /Type0 /BaseFont \(name) /Encoding /Identity-H /DescendantFonts [\(cidFont) 0 R] /ToUnicode \(toUnicode) 0 R >>")
        return (font, type0)
    }

    /// The CMap from the subset's glyph numbers to the text each stands for
    /// (UTF-16BE), at most 100 entries a block as the format asks.
    func toUnicodeCMap(_ text: [UInt32: String]) -> String {
        func hex(_ v: UInt16) -> String {
            let h = String(v, radix: 16, uppercase: true)
            return String(repeating: "0", count: 4 - h.count) + h
        }
        let entries = text.compactMap { old, string -> (UInt32, String)? in
            guard let new = newID[old], !string.isEmpty else { return nil }
            return (new, string.utf16.map(hex).joined())
        }.sorted { $0.0 < $1.0 }
        var s = """
        /CIDInit /ProcSet findresource begin
        12 dict begin
        begincmap
        /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
        /CMapName /Adobe-Identity-UCS def
        /CMapType 2 def
        1 begincodespacerange
        <0000> <FFFF>
        endcodespacerange

        """
        var start = 0
        while start < entries.count {
            let block = entries[start..<min(start + 100, entries.count)]
            s += "\(block.count) beginbfchar\n"
            for (new, utf16) in block { s += "<\(hex(UInt16(new)))> <\(utf16)>\n" }
            s += "endbfchar\n"
            start += 100
        }
        s += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
        return s
    }

    /// Content-stream operators that show `run` (already in this font) at
    /// `size` points from the current text position: one TJ, each glyph
    /// moved by HarfBuzz's offsets and advanced by its shaped advance (a
    /// mark's vertical offset through the text rise, Ts).
    func show(_ run: EmbeddedFonts.Run, size: Double) -> String {
        let em = Double(face.unitsPerEm)
        func units(_ v: Int32) -> Double { Double(v) * 1000 / em }
        let n = PDFFile.num
        var s = "/\(resourceName) \(n(size)) Tf\n"
        var items: [String] = []
        func flush() {
            if !items.isEmpty { s += "[\(items.joined(separator: " "))] TJ\n" }
            items = []
        }
        for glyph in run.glyphs {
            let id = newID[glyph.id] ?? 0
            let h = String(id, radix: 16, uppercase: true)
            let width = (units(face.advance(of: glyph.id)) * 1000).rounded() / 1000
            let x = units(glyph.xOffset), rise = units(glyph.yOffset)
            if rise != 0 { flush(); s += "\(n(rise * size / 1000)) Ts\n" }
            if x != 0 { items.append(n(-x)) }
            items.append("<" + String(repeating: "0", count: 4 - h.count) + h + ">")
            let after = width - units(glyph.advance) + x
            if abs(after) >= 0.001 { items.append(n(after)) }
            if rise != 0 { flush(); s += "0 Ts\n" }
        }
        flush()
        return s
    }
}
