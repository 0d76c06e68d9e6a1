/// The paper kit as one SVG document with the same content and layout as the
/// PDF. With `splitCodePage` the two pages are stacked vertically in the same
/// SVG (page 2 below page 1, separated by a dashed page-break line), so one
/// file still holds the whole kit.
///
/// Unlike the PDF, SVG text is Unicode, so a non-Latin-1 username is shown as
/// it is (fonts permitting); only control characters are escaped visibly. All
/// user text is XML-escaped. Units are points, like the PDF.
public enum KitSVG {
    public static func render(_ kit: PrintableKit) throws(PrintError) -> String {
        let pages = try KitLayout.pages(for: kit, repertoire: .unicode)
        let W = pages[0].width, H = pages[0].height
        let total = H * Double(pages.count)
        let n = PDFFile.num
        var s = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(n(W))pt" height="\(n(total))pt" viewBox="0 0 \(n(W)) \(n(total))">
        <title>Account recovery kit</title>
        <rect x="0" y="0" width="\(n(W))" height="\(n(total))" fill="#ffffff"/>

        """
        for (index, page) in pages.enumerated() {
            let offset = H * Double(index)
            if index > 0 {
                s += "<line x1=\"0\" y1=\"\(n(offset))\" x2=\"\(n(W))\" y2=\"\(n(offset))\" stroke=\"#999999\" stroke-width=\"0.5\" stroke-dasharray=\"2 2\"/>\n"
            }
            s += "<g id=\"page\(index + 1)\" transform=\"translate(0 \(n(offset)))\">\n"
            s += body(page)
            s += "</g>\n"
        }
        s += "</svg>\n"
        return s
    }

    static func body(_ page: PageDrawing) -> String {
        let n = PDFFile.num
        var s = ""
        for op in page.ops {
            switch op {
            case let .text(text, x, y, font, size, gray):
                s += "<text x=\"\(n(x))\" y=\"\(n(y))\" font-family=\"\(escape(font.svgFamily))\" font-size=\"\(n(size))\""
                s += font.isBold ? " font-weight=\"bold\"" : ""
                s += " fill=\"\(color(gray))\" xml:space=\"preserve\">\(escape(text))</text>\n"
            case let .fill(rects, gray):
                guard !rects.isEmpty else { continue }
                if rects.count == 1, let r = rects.first {
                    s += "<rect x=\"\(n(r.x))\" y=\"\(n(r.y))\" width=\"\(n(r.width))\" height=\"\(n(r.height))\" fill=\"\(color(gray))\"/>\n"
                } else {
                    // Many rectangles (the QR runs): one path, crisp edges.
                    var d = ""
                    for r in rects { d += "M\(n(r.x)) \(n(r.y))h\(n(r.width))v\(n(r.height))h\(n(-r.width))z" }
                    s += "<path d=\"\(d)\" fill=\"\(color(gray))\" shape-rendering=\"crispEdges\"/>\n"
                }
            case let .stroke(r, lineWidth, gray):
                s += "<rect x=\"\(n(r.x))\" y=\"\(n(r.y))\" width=\"\(n(r.width))\" height=\"\(n(r.height))\" fill=\"none\" stroke=\"\(color(gray))\" stroke-width=\"\(n(lineWidth))\"/>\n"
            case let .line(x1, y1, x2, y2, lineWidth, gray, dash):
                s += "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(color(gray))\" stroke-width=\"\(n(lineWidth))\""
                s += dash.isEmpty ? "" : " stroke-dasharray=\"\(dash.map(n).joined(separator: " "))\""
                s += "/>\n"
            case let .circle(cx, cy, r, lineWidth, gray):
                s += "<circle cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"\(n(r))\" fill=\"none\" stroke=\"\(color(gray))\" stroke-width=\"\(n(lineWidth))\"/>\n"
            }
        }
        return s
    }

    /// Escapes text for XML content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    static func color(_ gray: Gray) -> String {
        let v = Int((max(0, min(1, gray)) * 255).rounded())
        let hex = String(v, radix: 16)
        let h = hex.count == 1 ? "0" + hex : hex
        return "#" + h + h + h
    }
}
