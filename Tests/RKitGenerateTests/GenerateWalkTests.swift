import Foundation
import Testing
import RKitTestSupport
import RecoveryKitCore

/// Issue 11, as a person meets rkit-generate: a kit whose code would exist
/// nowhere is never made; a kit made without a challenge says it is not
/// registered and names the command that registers it; the kit's QR reads
/// back exactly with a stock decoder whatever the username's script, and
/// zbarimg's plain output is a kit every tool reads.
@Suite struct GenerateWalkTests {
    /// Before: exit 0, kit.json written, the code nowhere (and with --json a
    /// success summary). Now: a usage error, one line naming the fix, nothing written.
    @Test(arguments: [[], ["--json"], ["--origin", Generated.origin, "--challenge", "-"]])
    func aKitWhoseCodeWouldBeNowhereIsRefused(_ extra: [String]) throws {
        let g = try Generated.run(["--username", "demo@example.com", "--formats", "terminal"] + extra, stdin: Generated.challenge)
        GenerateErrorTests.expectOneLine(g.result, status: 2, mentioning: "add pdf, txt or svg to --formats, or give --code-out FILE or --show-code")
        #expect(g.dir.listing().isEmpty, "\(g.dir.listing())")
    }

    /// --code-out (or a paper format) is somewhere: the terminal-only kit is made.
    @Test func terminalWithCodeOutIsMade() throws {
        let g = try Generated.run(["--username", "demo@example.com", "--formats", "terminal", "--code-out", "code.txt"])
        #expect(g.result.status == 0, "\(g.result.stderr)")
        #expect(g.result.stdout.contains("The recovery code is only in: code.txt."))
    }

    /// Before: the summary ended "Next: print the kit…" and nothing said the
    /// kit was unknown to Dfns.
    @Test func aKitMadeWithoutAChallengeSaysItIsNotRegistered() throws {
        let g = try Generated.run(["--username", "demo@example.com", "--formats", "txt"])
        #expect(g.result.status == 0, "\(g.result.stderr)")
        #expect(g.result.stdout.contains("NOT REGISTERED: Dfns does not know this kit yet"))
        let command = "rkit-sign attest --kit \(g.path("kit.json")) --challenge FILE --out \(g.path("attestation.json"))"
        #expect(g.result.stdout.contains("\n  \(command)\n"), "\(g.result.stdout)")
        let json = try Generated.run(["--username", "demo@example.com", "--formats", "txt", "--json"])
        #expect(try JSONParser.parse(Array(json.result.stdout.utf8))["register"]?.stringValue
                == "rkit-sign attest --kit \(json.path("kit.json")) --challenge FILE --out \(json.path("attestation.json"))")

        let registered = try Generated.run(["--username", "demo@example.com", "--formats", "txt", "--origin", Generated.origin,
                                            "--challenge", "-", "--json"], stdin: Generated.challenge)
        #expect(registered.result.status == 0, "\(registered.result.stderr)")
        #expect(try JSONParser.parse(Array(registered.result.stdout.utf8))["register"] == nil)
    }

    /// Before: zbarimg read "zoë" as "zo禱", and the scanned kit named a
    /// username whose salt no longer opened the envelope; and its plain
    /// output (with "QR-Code:") was refused by --kit. Now the printed QR is
    /// ASCII, and `zbarimg page.png > kit-qr.txt` is a kit for every tool.
    /// (Right-to-left names are refused by rkit-generate since issue 19:
    /// GenerateErrorTests.rightToLeftUsernameIsRefusedBeforeAnythingIsMade.)
    @Test(arguments: ["zoë@example.com", "αλέξης@example.gr", "иван@пример.рф", "山田太郎@例え.jp", "김민준@예시.한국", "🙂@example.com"])
    func scannedKitReadsBackExactlyInEveryScript(username: String) throws {
        let g = try Generated.run(["--username", username, "--origin", Generated.origin, "--formats", "pdf", "--code-out", "code.txt"])
        #expect(g.result.status == 0, "\(g.result.stderr)")
        let kit = try g.kit()
        #expect(kit.qrText.utf8.allSatisfy { $0 < 0x80 }, "the kit's QR text is ASCII")
        let page = g.dir.file("page")
        let raster = try ToolRunner.external("pdftoppm", ["-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile", g.path("kit.pdf"), page])
        #expect(raster.status == 0, "\(raster.stderr)")
        // What a person types: zbarimg's plain output, prefix and all.
        let scanned = try ToolRunner.external("zbarimg", ["--nodbus", "-q", "-Sdisable", "-Sqrcode.enable", page + ".png"])
        #expect(scanned.status == 0, "\(scanned.stderr)")
        #expect(scanned.stdout == "QR-Code:" + kit.qrText + "\n")
        try g.dir.write("kit-qr.txt", scanned.stdout)
        let parsed = try RecoveryKit.parse(Array(scanned.stdout.utf8))
        #expect(parsed.username == username)
        _ = try parsed.envelope.open(code: try g.code(), username: parsed.username)
        let verified = try ToolRunner.rkit("rkit-verify", ["kit", g.dir.file("kit-qr.txt"), "--code-file", g.dir.file("code.txt")])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("✓ \(g.dir.file("kit-qr.txt"))  \(kit.credentialId)\n"))
    }

    /// The terminal QR read from the screen on dark and light terminals.
    @Test(arguments: TerminalScreen.Theme.all)
    func terminalQRScansOnDarkAndLightTerminals(theme: TerminalScreen.Theme) throws {
        let g = try Generated.run(["--username", "zoë@example.com", "--org-id", "or-30ldf-8d7s5-8kerbutv6g2dumq7",
                                   "--origin", Generated.origin, "--formats", "terminal", "--code-out", "code.txt"])
        #expect(g.result.status == 0, "\(g.result.stderr)")
        let picture = g.result.stdout.split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.isEmpty }
        let screen = TerminalScreen(picture.joined(separator: "\n"), theme: theme, scale: 6)
        #expect(try screen.scan(writingTo: g.dir.file("terminal-\(theme.name).pgm")) == [try g.kit().qrText])
    }
}
