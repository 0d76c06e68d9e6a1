import Foundation
import Testing
import RKitTestSupport
import RecoveryKitCore

/// The paper kit read back with real tools, as a person's printer and
/// phone would: qpdf, poppler, zbar and librsvg.
@Suite struct GeneratePaperTests {
    static func made(_ extra: [String] = [], stdin: String? = nil) throws -> (Generated, RecoveryKit, RecoveryCode) {
        let g = try Generated.run(["--username", "demo@example.com", "--org-id", "or-demo", "--origin", Generated.origin,
                                   "--formats", "pdf,txt,svg", "--code-out", "code.txt"] + extra, stdin: stdin)
        #expect(g.result.status == 0, "\(g.result.stderr)")
        return (g, try g.kit(), try g.code())
    }

    static func decode(_ png: String) throws -> String {
        let result = try QRScanner.scan(png)
        #expect(result.status == 0, "zbarimg found no QR code in \(png)")
        var text = result.stdout
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// What was scanned is the kit: same text, and it parses back to the
    /// same credential.
    static func expectIsTheKit(_ scanned: String, _ kit: RecoveryKit) throws {
        #expect(scanned == kit.qrText)
        let parsed = try RecoveryKit.parse(Array(scanned.utf8))
        #expect(parsed.source == .qrText)
        #expect(parsed.credentialId == kit.credentialId)
        #expect(parsed.envelope.text == kit.envelope.text)
        #expect(parsed.username == kit.username)
        #expect(parsed.orgId == kit.orgId)
        #expect(parsed.origin == kit.origin)
    }

    @Test(arguments: [[], ["--paper", "letter"], ["--split"]])
    func pdfPassesQpdfScansAndShowsTheCode(_ extra: [String]) throws {
        let (g, kit, code) = try Self.made(extra)
        let pdf = g.path("kit.pdf")
        let check = try ToolRunner.external("qpdf", ["--check", pdf])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")

        let prefix = g.dir.file("page")
        let raster = try ToolRunner.external("pdftoppm", ["-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile", pdf, prefix])
        #expect(raster.status == 0, "\(raster.stderr)")
        try Self.expectIsTheKit(try Self.decode(prefix + ".png"), kit)

        let text = try ToolRunner.external("pdftotext", ["-layout", pdf, "-"])
        #expect(text.status == 0)
        #expect(text.stdout.contains(code.revealCanonicalText()))
        for group in code.revealGroups() { #expect(text.stdout.contains(group)) }
        #expect(text.stdout.contains(kit.credentialId))
        #expect(text.stdout.contains("demo@example.com"))
        // A command that wraps on the page ends its broken lines in a shell
        // continuation; read it back as a shell would (backslash-newline
        // and the next line's indentation vanish), then join runs of spaces.
        let typed = text.stdout.replacing(#/\\\n[ \t]*/#, with: "")
        let words = typed.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("rkit-sign code-request --kit kit-qr.txt --curl | sh"))
        #expect(words.contains("rkit-sign init-request --kit kit-qr.txt --verification-code <e-mail code> --curl | sh > response.json"))
        #expect(words.contains("rkit-sign recover --kit kit-qr.txt --challenge response.json --security-key --new-kit ~/rkit-new-kit --out body.json"))
        #expect(words.contains("rkit-sign curl --body body.json --challenge response.json | sh"))
        // Typed line by line exactly as printed, the recover command reaches
        // a shell as one command with every word intact (the box wraps it).
        let printed = text.stdout.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let start = try #require(printed.firstIndex { $0.hasPrefix("rkit-sign recover ") })
        var typedLines = [printed[start]]
        while typedLines.last!.hasSuffix("\\"), start + typedLines.count < printed.count { typedLines.append(printed[start + typedLines.count]) }
        // (A4 wraps it; Letter sets the steps smaller and may not.)
        #expect(typedLines.count > 1 || extra == ["--paper", "letter"], "the recover command no longer wraps on this paper; the continuation is then untested")
        let echoed = try ToolRunner.external("env", ["HOME=/h", "sh", "-c", "set -- " + typedLines.joined(separator: "\n") + "\nprintf '%s\\n' \"$@\""])
        #expect(echoed.stdout.split(separator: "\n").joined(separator: " ")
                == "rkit-sign recover --kit kit-qr.txt --challenge response.json --security-key --new-kit /h/rkit-new-kit --out body.json")
        let pages = try ToolRunner.external("qpdf", ["--show-npages", pdf]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(pages == (extra == ["--split"] ? "2" : "1"))
    }

    @Test func svgRasterizesAndScans() throws {
        let (g, kit, code) = try Self.made()
        let png = g.dir.file("kit-svg.png")
        let result = try ToolRunner.external("rsvg-convert", ["--dpi-x", "150", "--dpi-y", "150", "--zoom", "2.08",
                                                               "--background-color", "white", "-o", png, g.path("kit.svg")])
        #expect(result.status == 0, "\(result.stderr)")
        try Self.expectIsTheKit(try Self.decode(png), kit)
        let svg = String(decoding: try g.bytes("kit.svg"), as: UTF8.self)
        #expect(svg.contains(kit.credentialId))
        for group in code.revealGroups() { #expect(svg.contains(group)) }
    }

    @Test func textKitHoldsTheSameFactsAndTheQRText() throws {
        let (g, kit, code) = try Self.made()
        let text = String(decoding: try g.bytes("kit.txt"), as: UTF8.self)
        #expect(text.contains(code.revealCanonicalText()))
        for (group, check) in zip(code.revealGroups(), code.checkCharacters) { #expect(text.contains("\(group) [\(check)]")) }
        #expect(text.contains(kit.credentialId))
        #expect(text.contains("or-demo"))
        #expect(text.contains(Generated.origin))
        #expect(text.contains(String(kit.createdAt!.prefix(10))))
        #expect(text.contains("rkit-sign recover --kit kit-qr.txt --challenge response.json --security-key --new-kit ~/rkit-new-kit --out body.json"))
        // The QR text is on a line of its own, exactly, and reads back as the kit.
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("{\"rk\":") })
        try Self.expectIsTheKit(String(line), kit)
    }

    /// The terminal QR stays under 90 columns with a full-length org ID
    /// (level L); it scans on both themes (GenerateWalkTests).
    @Test func terminalQRIsNarrow() throws {
        let g = try Generated.run(["--username", "demo@example.com", "--org-id", "or-30ldf-8d7s5-8kerbutv6g2dumq7",
                                   "--origin", Generated.origin, "--formats", "terminal", "--code-out", "code.txt"])
        #expect(g.result.status == 0, "\(g.result.stderr)")
        let lines = g.result.stdout.split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.isEmpty }
        let visible = lines.map { $0.replacingOccurrences(of: "\u{1B}[30;107m", with: "").replacingOccurrences(of: "\u{1B}[0m", with: "") }
        #expect(visible.allSatisfy { $0.count <= 90 }, "\(visible.first?.count ?? 0) columns")
        #expect(lines.count > 20)
    }

    @Test func filesCarryingTheCodeAre0600AndTheRest0644() throws {
        let (g, _, _) = try Self.made()
        for name in ["kit.pdf", "kit.txt", "kit.svg"] { #expect(try Generated.mode(g.path(name)) == 0o600, "\(name)") }
        #expect(try Generated.mode(g.path("kit.json")) == 0o644)
        #expect(try Generated.mode(g.dir.file("code.txt")) == 0o600)
        let withChallenge = try Generated.run(["--username", "a@example.com", "--origin", Generated.origin,
                                               "--challenge", "-", "--formats", "txt"], stdin: Generated.challenge)
        #expect(try Generated.mode(withChallenge.path("attestation.json")) == 0o644)
    }

    /// Finding 3: a kit made without --challenge prints NOT REGISTERED and
    /// the command that registers it, on the PDF and kit.txt; a kit made
    /// with one carries neither.
    @Test func unregisteredKitPaperSaysSo() throws {
        let (g, _, _) = try Self.made()
        let pdf = try ToolRunner.external("pdftotext", [g.path("kit.pdf"), "-"]).stdout
        let words = pdf.replacing(#/\\\n[ \t]*/#, with: "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("NOT REGISTERED"))
        #expect(words.contains("rkit-sign attest --kit kit.json --challenge challenge.json --out attestation.json"))
        let txt = String(decoding: try g.bytes("kit.txt"), as: UTF8.self)
        #expect(txt.contains("NOT REGISTERED"))
        #expect(txt.contains("rkit-sign attest --kit kit.json --challenge challenge.json --out attestation.json"))

        let (r, _, _) = try Self.made(["--challenge", "-"], stdin: Generated.challenge)
        #expect(r.kitListing.contains("attestation.json"))
        let registered = try ToolRunner.external("pdftotext", [r.path("kit.pdf"), "-"]).stdout
        #expect(!registered.localizedCaseInsensitiveContains("regist"), "\(registered)")
        #expect(!String(decoding: try r.bytes("kit.txt"), as: UTF8.self).localizedCaseInsensitiveContains("not regist"))
    }

    /// Finding 4 through the tool: Latin, Greek, Cyrillic, CJK usernames
    /// print on the PDF exactly as given (pdftotext reads them back).
    @Test(arguments: ["Zoë.Łukasz@example.com", "πέτρος@παράδειγμα.ελ", "иван@пример.рф", "张伟@例子.中国", "山田.たろう@例え.日本", "김민준@예시.한국"])
    func usernameInAnyScriptPrintsExactly(username: String) throws {
        let g = try Generated.run(["--username", username, "--org-id", "or-demo", "--origin", Generated.origin,
                                   "--formats", "pdf", "--code-out", "code.txt"])
        #expect(g.result.status == 0, "\(g.result.stderr)")
        let text = try ToolRunner.external("pdftotext", [g.path("kit.pdf"), "-"]).stdout
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains { $0.unicodeScalars.elementsEqual(("Belongs to " + username).unicodeScalars) }, "\(lines.prefix(3))")
        #expect(!text.contains("\\u{"))
    }

    /// Finding 11: a paper that would print a placeholder says so when it
    /// is made; a kit that records both prints none and warns of none.
    @Test func placeholderOnThePaperIsWarnedOf() throws {
        let bare = try Generated.run(["--username", "demo@example.com", "--formats", "pdf", "--code-out", "code.txt"])
        #expect(bare.result.status == 0)
        #expect(bare.result.stderr.contains("rkit-generate: warning: no --org-id: the paper's recovery steps will print <org ID>"))
        #expect(bare.result.stderr.contains("rkit-generate: warning: no --origin:"))
        let text = try ToolRunner.external("pdftotext", [bare.path("kit.pdf"), "-"]).stdout
        #expect(text.contains("<org ID>"))
        let (full, _, _) = try Self.made()
        #expect(!full.result.stderr.contains("warning"), "\(full.result.stderr)")
        #expect(!(try ToolRunner.external("pdftotext", [full.path("kit.pdf"), "-"]).stdout.contains("<org ID>")))
    }
}
