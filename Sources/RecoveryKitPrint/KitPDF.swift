/// The paper kit as a PDF 1.4 file: one page (code half below a cut line) or,
/// with `splitCodePage`, two pages (code on page 2).
///
/// Text in WinAnsi is drawn in the standard Type 1 fonts Helvetica,
/// Helvetica-Bold and Courier-Bold (never embedded). A text with anything
/// else (a username in Greek, Cyrillic, Polish, Chinese) is drawn in an
/// embedded subset of Debian's DejaVu or WenQuanYi Micro Hei, made by
/// HarfBuzz, with a ToUnicode map so the text copies back out
/// (`EmbeddedFonts`, `PDFCIDFont`). What no font has is spelled out as
/// `\u{XXXX}` with a note on the page (`PaperText`), never replaced
/// silently. The QR is drawn as filled rectangles, one per horizontal run
/// of dark modules, with a 4-module quiet zone.
public enum KitPDF {
    public static func render(_ kit: PrintableKit) throws(PrintError) -> [UInt8] {
        let pages = try KitLayout.pages(for: kit, repertoire: .pdf)
        // Shape each text the standard fonts cannot draw; note the glyphs
        // each font must embed and the text each glyph stands for.
        let shaped: [[[EmbeddedFonts.Run]?]] = pages.map { page in
            page.ops.map { op in
                guard case let .text(text, _, _, font, _, _) = op, Font.drawsEmbedded(text),
                      let fonts = EmbeddedFonts.shared else { return nil }
                return fonts.runs(text, style: font)
            }
        }
        var glyphText: [FontFile: [UInt32: String]] = [:]
        for run in shaped.joined().compactMap({ $0 }).joined() {
            let utf8 = Array(run.text.utf8)
            let starts = Set(run.glyphs.map(\.cluster)).sorted()
            for glyph in run.glyphs {
                let next = starts.first { $0 > glyph.cluster } ?? utf8.count
                let text = String(decoding: utf8[glyph.cluster..<next], as: UTF8.self)
                // The first glyph of a character carries its text; a glyph
                // already mapped keeps its first text.
                let first = run.glyphs.first { $0.cluster == glyph.cluster }!.id == glyph.id
                if glyphText[run.file, default: [:]][glyph.id] == nil || first && glyphText[run.file]![glyph.id]!.isEmpty {
                    glyphText[run.file, default: [:]][glyph.id] = first ? text : ""
                }
            }
        }

        var file = PDFFile()
        let catalog = file.reserve()
        let pagesObj = file.reserve()
        var fontDict = Font.allCases.map { font in
            "/\(font.resourceName) \(file.add("<< /Type /Font /Subtype /Type1 /BaseFont /\(font.pdfName) /Encoding /WinAnsiEncoding >>")) 0 R"
        }
        var embedded: [FontFile: PDFCIDFont] = [:]
        for (index, fontFile) in FontFile.allCases.enumerated() {
            guard let text = glyphText[fontFile], let fonts = EmbeddedFonts.shared else { continue }
            guard let made = PDFCIDFont.embed(fonts.face(fontFile), text: text, resourceName: "E\(index + 1)", into: &file) else {
                throw .fontSubsetFailed(fontFile.fileName)
            }
            embedded[fontFile] = made.font
            fontDict.append("/E\(index + 1) \(made.object) 0 R")
        }
        var kids: [Int] = []
        for (page, runs) in zip(pages, shaped) {
            let content = file.addStream(Array(contentStream(page, runs: runs, fonts: embedded).utf8))
            kids.append(file.add("<< /Type /Page /Parent \(pagesObj) 0 R /MediaBox [0 0 \(PDFFile.num(page.width)) \(PDFFile.num(page.height))] /Resources << /Font << \(fontDict.joined(separator: " ")) >> >> /Contents \(content) 0 R >>"))
        }
        file.set(pagesObj, "<< /Type /Pages /Kids [\(kids.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(kids.count) >>")
        file.set(catalog, "<< /Type /Catalog /Pages \(pagesObj) 0 R >>")
        // The title is fixed ASCII: the username stays out of file metadata,
        // where it would show in file managers and search indexes.
        let info = file.add("<< /Title (Account recovery kit) /Producer (rkit RecoveryKitPrint) >>")
        return file.serialize(root: catalog, info: info)
    }

    /// Translates the top-left-origin drawing into PDF operators (origin at
    /// bottom left).
    static func contentStream(_ page: PageDrawing, runs: [[EmbeddedFonts.Run]?] = [],
                              fonts: [FontFile: PDFCIDFont] = [:]) -> String {
        let n = PDFFile.num
        let H = page.height
        var s = ""
        for (index, op) in page.ops.enumerated() {
            switch op {
            case let .text(_, x, y, _, size, gray) where index < runs.count && runs[index] != nil:
                s += "BT \(n(gray)) g \(n(x)) \(n(H - y)) Td\n"
                for run in runs[index]! { s += fonts[run.file]!.show(run, size: size) }
                s += "ET\n"
            case let .text(text, x, y, font, size, gray):
                s += "BT /\(font.resourceName) \(n(size)) Tf \(n(gray)) g \(n(x)) \(n(H - y)) Td \(PDFFile.literal(WinAnsi.encode(text))) Tj ET\n"
            case let .fill(rects, gray):
                guard !rects.isEmpty else { continue }
                s += "\(n(gray)) g\n"
                for r in rects {
                    s += "\(n(r.x)) \(n(H - r.y - r.height)) \(n(r.width)) \(n(r.height)) re\n"
                }
                s += "f\n"
            case let .stroke(r, lineWidth, gray):
                s += "\(n(gray)) G \(n(lineWidth)) w [] 0 d \(n(r.x)) \(n(H - r.y - r.height)) \(n(r.width)) \(n(r.height)) re S\n"
            case let .line(x1, y1, x2, y2, lineWidth, gray, dash):
                s += "\(n(gray)) G \(n(lineWidth)) w [\(dash.map(n).joined(separator: " "))] 0 d \(n(x1)) \(n(H - y1)) m \(n(x2)) \(n(H - y2)) l S\n"
            case let .circle(cx, cy, r, lineWidth, gray):
                // Four cubic Béziers; k makes each a close quarter circle.
                let k = 0.5523 * r
                let y = H - cy
                s += "\(n(gray)) G \(n(lineWidth)) w [] 0 d \(n(cx + r)) \(n(y)) m "
                s += "\(n(cx + r)) \(n(y + k)) \(n(cx + k)) \(n(y + r)) \(n(cx)) \(n(y + r)) c "
                s += "\(n(cx - k)) \(n(y + r)) \(n(cx - r)) \(n(y + k)) \(n(cx - r)) \(n(y)) c "
                s += "\(n(cx - r)) \(n(y - k)) \(n(cx - k)) \(n(y - r)) \(n(cx)) \(n(y - r)) c "
                s += "\(n(cx + k)) \(n(y - r)) \(n(cx + r)) \(n(y - k)) \(n(cx + r)) \(n(y)) c S\n"
            }
        }
        return s
    }
}
