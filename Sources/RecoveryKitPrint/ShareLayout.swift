/// Places one share paper on one page, with the kit's drawing primitives
/// (`PageDrawing`, `TextBlock`) and standard fonts: title and kit tag, what
/// it takes to recover, the words numbered in a grid, what to do with it.
enum ShareLayout {
    static func page(for share: PrintableShare) throws(PrintError) -> PageDrawing {
        try share.validate()
        let (W, H) = share.paper.size
        let m = KitLayout.margin
        let width = W - 2 * m
        var page = PageDrawing(width: W, height: H)
        let title = TextBlock(.helveticaBold, 20)
        page.text(ShareWording.title(share), x: m, baseline: m + title.ascent, title)
        let created = "Created " + share.createdAt
        page.text(created, x: W - m - Font.helvetica.width(created, size: 9), baseline: m + title.ascent,
                  TextBlock(.helvetica, 9, gray: 0.35))
        var y = m + 34
        // Kit tag box, as on the kit.
        let label = TextBlock(.helvetica, 9, gray: 0.4)
        y = page.paragraph("Kit tag (the first 8 characters of the kit's credential ID; the kit paper shows the same tag):",
                           x: m, top: y, width: width, label)
        let tagWidth = Font.courierBold.width(share.kitTag, size: 22)
        page.ops.append(.stroke(Rect(x: m, y: y + 3, width: tagWidth + 16, height: 30), lineWidth: 1, gray: 0))
        page.text(share.kitTag, x: m + 8, baseline: y + 3 + 22, TextBlock(.courierBold, 22))
        y += 3 + 30 + 12
        // What it takes, in a grey band.
        let needStyle = TextBlock(.helveticaBold, 12)
        let lines = needStyle.wrap(ShareWording.need(share), width: width - 20)
        let band = needStyle.height(lines: lines.count) + 16
        page.ops.append(.fill([Rect(x: m, y: y, width: width, height: band)], gray: 0.9))
        page.ops.append(.fill([Rect(x: m, y: y, width: 4, height: band)], gray: 0))
        page.lines(lines, x: m + 12, top: y + 8, needStyle)
        y += band + 16
        // The words: four columns, numbered, read across.
        page.text("Share words (\(share.words.count)), read across:", x: m, baseline: y + 10, TextBlock(.helveticaBold, 11))
        y += 20
        let columns = 4
        let cell = width / Double(columns)
        let number = TextBlock(.helvetica, 10, gray: 0.45)
        let word = TextBlock(.courierBold, 15)
        let rows = (share.words.count + columns - 1) / columns
        for row in 0..<rows {
            let baseline = y + 18 + Double(row) * 26
            for column in 0..<columns {
                let i = row * columns + column
                guard i < share.words.count else { break }
                let x = m + Double(column) * cell
                let n = "\(i + 1)."
                page.text(n, x: x + 22 - Font.helvetica.width(n, size: 10), baseline: baseline, number)
                page.text(share.words[i], x: x + 28, baseline: baseline, word)
            }
        }
        let gridHeight = Double(rows) * 26 + 10
        page.ops.append(.stroke(Rect(x: m, y: y, width: width, height: gridHeight), lineWidth: 0.6, gray: 0.55))
        y += gridHeight + 14
        let body = TextBlock(.helvetica, 9.5)
        y = page.paragraph(ShareWording.setWords, x: m, top: y, width: width, body)
        y = page.paragraph("What to do with it", x: m, top: y + 12, width: width, TextBlock(.helveticaBold, 11))
        y = page.paragraph(ShareWording.keep, x: m, top: y + 4, width: width, body)
        y = page.paragraph(ShareWording.use, x: m, top: y + 6, width: width, body)
        let footer = "Share paper \(share.number) of \(share.total) · SLIP-0039"
        page.text(footer, x: W - m - Font.helvetica.width(footer, size: 8), baseline: H - m / 2, TextBlock(.helvetica, 8, gray: 0.4))
        guard y <= H - m else { throw .invalidKit("the share paper does not fit on the page") }
        return page
    }
}

/// A share paper as a one-page PDF 1.4 with the standard fonts (the same
/// drawing translation as the kit's PDF).
public enum SharePDF {
    public static func render(_ share: PrintableShare) throws(PrintError) -> [UInt8] {
        let page = try ShareLayout.page(for: share)
        var file = PDFFile()
        let catalog = file.reserve()
        let pagesObj = file.reserve()
        let fonts = Font.allCases.map { font in
            (font, file.add("<< /Type /Font /Subtype /Type1 /BaseFont /\(font.pdfName) /Encoding /WinAnsiEncoding >>"))
        }
        let fontDict = fonts.map { "/\($0.0.resourceName) \($0.1) 0 R" }.joined(separator: " ")
        let content = file.addStream(Array(KitPDF.contentStream(page).utf8))
        let kid = file.add("<< /Type /Page /Parent \(pagesObj) 0 R /MediaBox [0 0 \(PDFFile.num(page.width)) \(PDFFile.num(page.height))] /Resources << /Font << \(fontDict) >> >> /Contents \(content) 0 R >>")
        file.set(pagesObj, "<< /Type /Pages /Kids [\(kid) 0 R] /Count 1 >>")
        file.set(catalog, "<< /Type /Catalog /Pages \(pagesObj) 0 R >>")
        let info = file.add("<< /Title (Recovery code share) /Producer (rkit RecoveryKitPrint) >>")
        return file.serialize(root: catalog, info: info)
    }
}

/// A share paper as text (share-N.txt): the same facts, every line but the
/// words starting with `#`, so the file itself can be given to
/// `rkit-sign --share-file`.
public enum ShareText {
    /// The comment that records the split (read back by rkit-sign --new-kit).
    public static let splitKey = "rkit-split:"

    public static func render(_ share: PrintableShare) throws(PrintError) -> String {
        try share.validate()
        var lines: [String] = []
        func comment(_ text: String) {
            if text.isEmpty { lines.append("#"); return }
            lines.append(contentsOf: KitText.wrap(text, width: KitText.width - 2).map { "# " + $0 })
        }
        comment(ShareWording.title(share).uppercased())
        comment("Kit tag \(share.kitTag), created \(share.createdAt), share paper \(share.number) of \(share.total)")
        comment("")
        comment(ShareWording.need(share))
        comment("")
        comment("Share words, numbered:")
        for row in stride(from: 0, to: share.words.count, by: 4) {
            lines.append(share.words[row..<min(row + 4, share.words.count)].enumerated().map { offset, word in
                "\(row + offset + 1).".padded(to: 4) + word.padded(to: 10)
            }.joined().trimmingTrailingSpaces)
        }
        comment("")
        comment(ShareWording.setWords)
        comment("")
        comment(ShareWording.keep)
        comment("")
        comment(ShareWording.use)
        if let split = share.split {
            comment("")
            lines.append("# \(ShareText.splitKey) \(split)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    func padded(to length: Int) -> String { count >= length ? self + " " : self + String(repeating: " ", count: length - count) }

    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
