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

    /// Usernames in each script the paper promises, as a person would
    /// type them (one NFD, one mixing CJK with full-width Latin).
    static let scripts: [(name: String, username: String)] = [
        ("latin1", "josé.müller@exämple.com"),
        ("latin-extended", "Zoë.Łukasz@example.com"),
        ("latin-nfd", "zoe\u{308}.dvor\u{30C}ak@example.com"),
        ("greek", "πέτρος.παπαδόπουλος@παράδειγμα.ελ"),
        ("cyrillic", "иван.петров@пример.рф"),
        ("chinese", "张伟@例子.中国"),
        ("japanese", "やまだ.たろう@例え.日本"),
        ("korean", "김민준@예시.한국"),
        ("fullwidth-mixed", "ｔａｒｏ.山田@example.jp"),
    ]

    /// Each script prints as itself and copies back out exactly: pdftotext
    /// reads the username through the embedded fonts' ToUnicode maps, with
    /// no \u{…} spelling and no missing glyph (<0000>) in any content.
    @Test(arguments: scripts.map(\.name))
    func everyScriptPrintsAndCopiesBackOut(script: String) throws {
        let username = Self.scripts.first { $0.name == script }!.username
        for paper in Paper.allCases {
            let kit = Sample.kit(paper: paper, username: username)
            let pdf = try render(kit, "kit-\(script)-\(paper.rawValue).pdf")
            try ExternalTool.qpdf.run(["--check", pdf.path])
            #expect(try pageCount(pdf) == 1)
            let text = try text(pdf)
            let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            // Compared as scalars: the NFD name must come back NFD.
            #expect(lines.contains { $0.unicodeScalars.elementsEqual(("Belongs to " + username).unicodeScalars) },
                    "pdftotext gave: \(lines.prefix(4))")
            #expect(!text.contains("\\u{"))
            #expect(!text.contains("Unicode code point"))
            #expect(try decodeQR(pdf) == kit.qrText)
            let bytes = String(decoding: try KitPDF.render(kit), as: UTF8.self)
            #expect(!bytes.contains(#/\[[^\]]*<0000>/#), "a glyph is missing from the embedded font")
            if script != "latin1" {
                #expect(bytes.contains("/Subtype /Type0"))
                #expect(bytes.contains("/Encoding /Identity-H"))
                #expect(bytes.contains("/Subtype /CIDFontType2"))
                #expect(bytes.contains("/ToUnicode"))
                #expect(bytes.contains("/FontFile2"))
            }
        }
    }

    /// The embedded fonts are HarfBuzz subsets: the whole PDF of a Chinese
    /// name stays far below the 4 MB font file, and pdffonts lists every
    /// font it uses as embedded subsets with a Unicode map.
    @Test func embeddedFontsAreSubsetsWithUnicodeMaps() throws {
        let kit = Sample.kit(username: "张伟.иван.Łukasz@例子.中国")
        let pdf = try render(kit, "kit-fonts.pdf")
        #expect(try Data(contentsOf: pdf).count < 200_000)
        let listed = String(decoding: try ExternalTool.pdffonts.run([pdf.path]).stdout, as: UTF8.self)
        let embedded = listed.split(separator: "\n").filter { $0.contains("CID TrueType") }
        #expect(embedded.count >= 2, "\(listed)")
        for line in embedded {
            let columns = line.split(separator: " ", omittingEmptySubsequences: true)
            #expect(line.contains("+DejaVu") || line.contains("+WenQuanYi"), "\(line)")
            #expect(columns.suffix(5).prefix(3) == ["yes", "yes", "yes"], "emb sub uni: \(line)")
        }
    }

    /// Right-to-left letters (the PDF has no bidi reordering), invisible
    /// characters and look-alike spaces are spelled out as \u{…} with the
    /// note, never drawn in an order or a shape that misleads.
    @Test(arguments: [
        ("שלום@example.com", #"\u{5E9}\u{5DC}\u{5D5}\u{5DD}@example.com"#),
        ("مريم@example.com", #"\u{645}\u{631}\u{64A}\u{645}@example.com"#),
        ("a\u{200B}b@example.com", #"a\u{200B}b@example.com"#),
        ("a\u{00A0}b@example.com", #"a\u{A0}b@example.com"#),
        ("a\u{202E}moc.elpmaxe@b", #"a\u{202E}moc.elpmaxe@b"#),
    ])
    func unprintableCharactersAreSpelledOut(username: String, printed: String) throws {
        let kit = Sample.kit(username: username)
        let pdf = try render(kit, "kit-spelled-\(abs(printed.hashValue)).pdf")
        try ExternalTool.qpdf.run(["--check", pdf.path])
        let text = try text(pdf)
        #expect(text.contains(printed), "\(text.prefix(300))")
        #expect(text.contains("Unicode code point"))
        #expect(try decodeQR(pdf) == kit.qrText)
    }

    /// An unregistered kit says so in large type with the command that
    /// registers it; a registered one never carries the words.
    @Test(arguments: papers)
    func unregisteredKitSaysSoInLargeType(paper: Paper) throws {
        var kit = Sample.kit(paper: paper)
        kit.registered = false
        let pdf = try render(kit, "kit-unregistered-\(paper.rawValue).pdf")
        #expect(try pageCount(pdf) == 1)
        let words = try text(pdf).replacing(#/\\\n[ \t]*/#, with: "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("NOT REGISTERED"))
        #expect(words.contains("rkit-sign attest --kit kit.json --challenge challenge.json --out attestation.json"))
        // Large type: the content stream sets the words at 20 pt.
        let bytes = String(decoding: try KitPDF.render(kit), as: UTF8.self)
        #expect(bytes.contains("/F2 20 Tf 0 g"), "NOT REGISTERED is no longer in 20 pt bold")
        #expect(bytes.contains("(NOT REGISTERED) Tj"))

        kit.registered = true
        let registered = try render(kit, "kit-registered-\(paper.rawValue).pdf")
        #expect(!(try text(registered)).localizedCaseInsensitiveContains("regist"))
    }

    @Test func pdfSyntaxCharactersInTextAreEscaped() throws {
        let kit = Sample.kit(username: #"we(ird)\name@example.com"#)
        let pdf = try render(kit, "kit-syntax.pdf")
        try ExternalTool.qpdf.run(["--check", pdf.path])
        #expect(try text(pdf).contains(#"we(ird)\name@example.com"#))
    }

    /// A very long name fits on one A4 page; on Letter, where the QR and
    /// the name leave no room for the code half, the code moves to page 2
    /// (as --split), rather than failing.
    @Test func longUsernameStillPrints() throws {
        let name = String(repeating: "very.long.mailbox.name", count: 5) + "@a-rather-long-company-domain.example.com"
        for paper in Paper.allCases {
            let kit = Sample.kit(paper: paper, username: name)
            let pdf = try render(kit, "kit-long-name-\(paper.rawValue).pdf")
            try ExternalTool.qpdf.run(["--check", pdf.path])
            let pages = try pageCount(pdf)
            #expect(paper == .a4 ? pages == 1 : (1...2).contains(pages))
            #expect(try decodeQR(pdf) == kit.qrText)
            if pages == 2 {
                #expect(try text(pdf, page: 1).contains("The recovery code is on page 2"))
                #expect(try text(pdf, page: 2).contains(kit.codeGroups[0]))
            }
        }
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

    /// ~7-10.5 cm wide with quiet zone (the module measured for a phone
    /// photo, PhonePhotoTests), modules a whole number of 300-dpi dots.
    @Test func qrIsPrintedAtAPhoneReadableSize() throws {
        let qr = try QRMatrix(text: Sample.qrText())
        let module = KitLayout.moduleSize(forSymbolSize: qr.size)
        let widthCm = module * Double(qr.size + 8) / 72 * 2.54
        #expect((7.0...10.5).contains(widthCm), "\(widthCm) cm")
        let dots = module / (72.0 / 300.0)
        #expect(abs(dots - dots.rounded()) < 1e-9)
        #expect(module / 72 * 25.4 >= 0.9) // mm per module
    }
}
