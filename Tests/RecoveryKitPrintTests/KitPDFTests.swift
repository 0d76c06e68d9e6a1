import Foundation
import Testing
@testable import RecoveryKitPrint

@Suite struct KitPDFTests {
    static let papers = Paper.allCases

    private func render(_ kit: PrintableKit, _ name: String) throws -> URL {
        try Scratch.write(try KitPDF.render(kit), name)
    }

    private func text(_ pdf: URL, page: Int? = nil) throws -> String {
        var args = ["-layout"]
        if let page { args += ["-f", "\(page)", "-l", "\(page)"] }
        let out = try ExternalTool.pdftotext.run(args + [pdf.path, "-"])
        return String(decoding: out.stdout, as: UTF8.self)
    }

    private func pageCount(_ pdf: URL) throws -> Int {
        let out = try ExternalTool.qpdf.run(["--show-npages", pdf.path])
        return Int(String(decoding: out.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// Rasterises one page at 150 dpi (half a typical print) and decodes the QR.
    private func decodeQR(_ pdf: URL, page: Int = 1) throws -> String {
        let prefix = pdf.deletingPathExtension().path + "-p\(page)"
        try ExternalTool.pdftoppm.run(["-r", "150", "-png", "-f", "\(page)", "-l", "\(page)", "-singlefile", pdf.path, prefix])
        return try ExternalTool.decodeQR(URL(fileURLWithPath: prefix + ".png"))
    }

    @Test(arguments: papers)
    func onePageKitPassesQpdfAndDecodes(paper: Paper) throws {
        let kit = Sample.kit(paper: paper)
        let pdf = try render(kit, "kit-\(paper.rawValue).pdf")
        try ExternalTool.qpdf.run(["--check", pdf.path])
        #expect(try pageCount(pdf) == 1)
        #expect(try decodeQR(pdf) == kit.qrText)
        let text = try text(pdf)
        for group in kit.codeGroups { #expect(text.contains(group)) }
        #expect(text.contains(kit.credentialId))
        #expect(text.contains(kit.recoveryCode))
        #expect(text.contains("demo@example.com"))
        #expect(text.contains("cut here"))
        #expect(text.contains("2026-11-23"))
    }

    @Test(arguments: papers)
    func splitKitHasTheCodeOnPageTwo(paper: Paper) throws {
        let kit = Sample.kit(paper: paper, split: true)
        let pdf = try render(kit, "kit-\(paper.rawValue)-split.pdf")
        try ExternalTool.qpdf.run(["--check", pdf.path])
        #expect(try pageCount(pdf) == 2)
        #expect(try decodeQR(pdf, page: 1) == kit.qrText)
        let page1 = try text(pdf, page: 1), page2 = try text(pdf, page: 2)
        #expect(page1.contains(kit.credentialId))
        for group in kit.codeGroups {
            #expect(page2.contains(group))
            #expect(!page1.contains(group))
        }
        #expect(page2.contains(kit.kitTag))
        #expect(!page1.contains("cut here"))
    }

    @Test func pageSizesMatchThePaper() throws {
        for paper in Paper.allCases {
            let bytes = try KitPDF.render(Sample.kit(paper: paper))
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.contains("/MediaBox [0 0 \(Int(paper.size.width)) \(Int(paper.size.height))]"))
            #expect(text.hasPrefix("%PDF-1.4\n"))
        }
    }

    @Test func onlyStandardFontsWithWinAnsi() throws {
        let text = String(decoding: try KitPDF.render(Sample.kit()), as: UTF8.self)
        let fonts = text.components(separatedBy: "/BaseFont /").dropFirst().map { $0.prefix { $0 != " " } }
        #expect(Set(fonts) == ["Helvetica", "Helvetica-Bold", "Courier-Bold"])
        #expect(!text.contains("/FontFile"))
        #expect(text.components(separatedBy: "/Encoding /WinAnsiEncoding").count == 4)
    }

    /// Latin-1 names print as they are; others are spelled out as \u{…} with a
    /// note, never turned into "?". The QR keeps the exact name.
    @Test func nonLatin1UsernameIsEscapedVisibly() throws {
        let latin = Sample.kit(username: "josé.müller@exämple.com")
        let latinPDF = try render(latin, "kit-latin1.pdf")
        try ExternalTool.qpdf.run(["--check", latinPDF.path])
        let latinText = try text(latinPDF)
        #expect(latinText.contains("josé.müller@exämple.com"))
        #expect(!latinText.contains("\\u{"))

        let kit = Sample.kit(username: "иван@пример.рф")
        let pdf = try render(kit, "kit-cyrillic.pdf")
        try ExternalTool.qpdf.run(["--check", pdf.path])
        let text = try text(pdf)
        #expect(text.contains(#"\u{438}\u{432}\u{430}\u{43D}@"#))
        #expect(text.contains("Unicode code point"))
        #expect(!text.contains("?@"))
        #expect(try decodeQR(pdf) == kit.qrText)
    }

    @Test func pdfSyntaxCharactersInTextAreEscaped() throws {
        let kit = Sample.kit(username: #"we(ird)\name@example.com"#)
        let pdf = try render(kit, "kit-syntax.pdf")
        try ExternalTool.qpdf.run(["--check", pdf.path])
        #expect(try text(pdf).contains(#"we(ird)\name@example.com"#))
    }

    @Test func longUsernameStillFitsOnOnePage() throws {
        let name = String(repeating: "very.long.mailbox.name", count: 5) + "@a-rather-long-company-domain.example.com"
        let kit = Sample.kit(paper: .letter, username: name)
        let pdf = try render(kit, "kit-long-name.pdf")
        try ExternalTool.qpdf.run(["--check", pdf.path])
        #expect(try pageCount(pdf) == 1)
        #expect(try decodeQR(pdf) == kit.qrText)
    }

    @Test func tooLongQRTextIsATypedError() {
        var kit = Sample.kit()
        kit.qrText = String(repeating: "x", count: 3000)
        #expect(throws: PrintError.textTooLongForQR(bytes: 3000, maxBytes: 2331, level: .M)) {
            try KitPDF.render(kit)
        }
    }

    @Test func malformedCodeIsRejected() {
        var kit = Sample.kit()
        kit.codeGroups.removeLast()
        #expect(throws: PrintError.self) { try KitPDF.render(kit) }
    }

    @Test func xrefOffsetsPointAtObjects() throws {
        let bytes = try KitPDF.render(Sample.kit())
        let text = String(decoding: bytes, as: UTF8.self)
        let xrefStart = Int(text.components(separatedBy: "startxref\n")[1].prefix { $0.isNumber })!
        let table = String(decoding: bytes[xrefStart...], as: UTF8.self).split(separator: "\n")
        #expect(table[0] == "xref")
        let count = Int(table[1].split(separator: " ")[1])!
        for i in 1..<count {
            let offset = Int(table[2 + i].prefix(10))!
            let head = String(decoding: bytes[offset..<(offset + 12)], as: UTF8.self)
            #expect(head.hasPrefix("\(i) 0 obj"))
        }
    }

    @Test func checkLettersAreOptional() throws {
        var kit = Sample.kit()
        kit.checkCharacters = []
        let pdf = try render(kit, "kit-no-checks.pdf")
        try ExternalTool.qpdf.run(["--check", pdf.path])
        let text = try text(pdf)
        #expect(!text.contains("check letters"))
        for group in kit.codeGroups { #expect(text.contains(group)) }
    }

    /// ~5-7 cm wide with quiet zone, modules a whole number of 300-dpi dots.
    @Test func qrIsPrintedAtAPhoneReadableSize() throws {
        let qr = try QRMatrix(text: Sample.qrText())
        let module = KitLayout.moduleSize(forSymbolSize: qr.size)
        let widthCm = module * Double(qr.size + 8) / 72 * 2.54
        #expect((5.0...7.0).contains(widthCm))
        let dots = module / (72.0 / 300.0)
        #expect(abs(dots - dots.rounded()) < 1e-9)
        #expect(module / 72 * 25.4 >= 0.5) // mm per module
    }
}
