/// The paper kit as a PDF 1.4 file: one page (code half below a cut line) or,
/// with `splitCodePage`, two pages (code on page 2).
///
/// Only the standard Type 1 fonts Helvetica, Helvetica-Bold and Courier-Bold
/// with WinAnsiEncoding are used, so nothing is embedded. Characters outside
/// WinAnsi are printed as `\u{XXXX}` with a note on the page (see `WinAnsi`),
/// never replaced silently. The QR is drawn as filled rectangles, one per
/// horizontal run of dark modules, with a 4-module quiet zone.
public enum KitPDF {
    public static func render(_ kit: PrintableKit) throws(PrintError) -> [UInt8] {
        let pages = try KitLayout.pages(for: kit, repertoire: .winAnsi)
        var file = PDFFile()
        let catalog = file.reserve()
        let pagesObj = file.reserve()
        let fonts = Font.allCases.map { font in
            (font, file.add("<< /Type /Font /Subtype /Type1 /BaseFont /\(font.pdfName) /Encoding /WinAnsiEncoding >>"))
        }
        let fontDict = fonts.map { "/\($0.0.resourceName) \($0.1) 0 R" }.joined(separator: " ")
        var kids: [Int] = []
        for page in pages {
            let content = file.addStream(Array(contentStream(page).utf8))
            kids.append(file.add("<< /Type /Page /Parent \(pagesObj) 0 R /MediaBox [0 0 \(PDFFile.num(page.width)) \(PDFFile.num(page.height))] /Resources << /Font << \(fontDict) >> >> /Contents \(content) 0 R >>"))
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
    static func contentStream(_ page: PageDrawing) -> String {
        let n = PDFFile.num
        let H = page.height
        var s = ""
        for op in page.ops {
            switch op {
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
