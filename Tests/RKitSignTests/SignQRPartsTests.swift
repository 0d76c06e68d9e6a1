import Foundation
import Testing
import RKitTestSupport
@testable import RecoveryKitCore

/// rkit-sign's QR parts across the air gap, as a person uses them: the
/// parts shown on a terminal of a given size, photographed on a dark and
/// on a light terminal (the terminal text drawn to an image and read by
/// zbarimg), joined on the other side into exactly the original bytes.
@Suite struct SignQRPartsTests {
    static let terminal80x24: [String: String?] = ["COLUMNS": "80", "LINES": "24"]

    /// Shows `file` with `rkit-sign --qr-split` on a terminal of `size`,
    /// scans every part from the screen in `theme`, and returns the scanned
    /// texts (one per part) after checking each code fits the window.
    static func showAndScan(_ fx: SignFixture, _ arguments: [String], columns: Int, lines: Int,
                            theme: TerminalScreen.Theme) throws -> [String] {
        let shown = try fx.sign(arguments, environment: ["COLUMNS": "\(columns)", "LINES": "\(lines)"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(!shown.stderr.contains("warning"), "\(shown.stderr)")
        let blocks = TerminalScreen.partBlocks(shown.stdout)
        #expect(!blocks.isEmpty)
        var scanned: [String] = []
        for (index, block) in blocks.enumerated() {
            let rows = block.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            // Heading + code + prompt + cursor line fit the window: nothing scrolls away.
            #expect(rows.count + 2 <= lines, "part \(index + 1) takes \(rows.count) lines on a \(lines)-line terminal")
            let screen = TerminalScreen(block, theme: theme)
            #expect(screen.width / 4 <= columns + 4, "part \(index + 1) is wider than \(columns) columns")
            let texts = try screen.scan(writingTo: fx.dir.file("part\(index + 1)-\(theme.name).pgm"))
            #expect(texts.count == 1, "part \(index + 1) did not scan on a \(theme.name) terminal")
            scanned += texts
        }
        #expect(scanned.count == blocks.count)
        return scanned
    }

    /// The finding: new-key.pem (several lines) could not cross at all, and
    /// a joined response.json was not byte-identical. Now any file crosses
    /// byte for byte, on dark and light terminals, sized to an 80×24 window.
    @Test(arguments: TerminalScreen.Theme.all)
    func anyFileCrossesByteForByte(theme: TerminalScreen.Theme) throws {
        let fx = try SignFixture()
        let pem = try ToolRunner.external("openssl", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"])
        #expect(pem.status == 0)
        try fx.dir.write("new-key.pem", pem.stdout)
        try fx.dir.write("odd.json", "{\n  \"a\" : 1,\t\"b\": [ 1,2 ],\r\n  \"c\": \"Zoë\"   }")  // no final newline
        for name in ["new-key.pem", "challenge.json", "odd.json"] {
            let original = try Data(contentsOf: fx.dir.url.appendingPathComponent(name))
            let scanned = try Self.showAndScan(fx, ["--qr-split", name], columns: 80, lines: 24, theme: theme)
            #expect(scanned.allSatisfy { $0.hasPrefix("RK2/") })
            try fx.dir.write("\(name).parts", scanned.reversed().map { "QR-Code:" + $0 }.joined(separator: "\n") + "\n")
            let joined = try fx.sign(["--qr-join", "\(name).parts"])
            #expect(joined.status == 0, "\(joined.stderr)")
            #expect(Data(joined.stdoutBytes) == original, "\(name) did not cross byte for byte")
        }
    }

    /// Parts are sized to the window: a larger one gets larger codes and
    /// fewer parts; an explicit --qr-part-bytes too large for the window
    /// gets a warning naming both sizes.
    @Test func partsAreSizedToTheTerminal() throws {
        let fx = try SignFixture()
        let small = try fx.sign(["--qr-split", "challenge.json"], environment: Self.terminal80x24)
        let large = try fx.sign(["--qr-split", "challenge.json"], environment: ["COLUMNS": "200", "LINES": "60"])
        let smallBlocks = TerminalScreen.partBlocks(small.stdout), largeBlocks = TerminalScreen.partBlocks(large.stdout)
        #expect(largeBlocks.count < smallBlocks.count)
        #expect(largeBlocks.allSatisfy { $0.split(separator: "\n").count + 2 <= 60 })
        let forced = try fx.sign(["--qr-split", "challenge.json", "--qr-part-bytes", "600"], environment: Self.terminal80x24)
        #expect(forced.status == 0)
        #expect(forced.stderr.contains("warning: each QR part is"), "\(forced.stderr)")
        #expect(forced.stderr.contains("but the terminal is 80×24"))
    }

    /// The challenge carried as parts in several files, in any order,
    /// signs exactly like the file itself.
    @Test func challengeAcceptsPartsFromFilesAndStdin() throws {
        let fx = try SignFixture()
        let original = try fx.dir.read("challenge.json")
        let parts = try MultipartText.split(original, partBytes: 300)
        #expect(parts.count >= 3)
        // Shuffled over two files, one with zbarimg's "QR-Code:" prefix.
        try fx.dir.write("a.txt", [parts[2], parts[0]].map { "QR-Code:" + $0 }.joined(separator: "\n"))
        try fx.dir.write("b.txt", parts.dropFirst().filter { $0 != parts[2] }.reversed().joined(separator: "\n") + "\n")
        let signed = try fx.sign(["--kit", "kit.json", "--challenge", "a.txt", "--challenge", "-", "--code-file", "code.txt",
                                  "--origin", SignFixture.origin, "--new-key", "k.pem", "--plain-new-key"], stdin: try fx.dir.read("b.txt"))
        #expect(signed.status == 0, "\(signed.stderr)")
        _ = try SignFixture.coreVerify(body: signed.stdout, publicKey: try P256PublicKey(pem: fx.kit.publicKeyPEM!))

        // One part missing: a clean error naming it.
        let missing = try fx.sign(["--kit", "kit.json", "--challenge", "b.txt", "--code-file", "code.txt",
                                   "--origin", SignFixture.origin, "--new-key", "k2.pem", "--plain-new-key"])
        #expect(missing.status == 4)
        #expect(missing.stderr.contains("missing parts 1, 3 of \(parts.count)"), "\(missing.stderr)")
        #expect(!fx.dir.exists("k2.pem"))

        let joined = try fx.sign(["--qr-join", "b.txt", "a.txt"])
        #expect(joined.stdout == original)
    }

    /// --qr shows the body as parts that scan back, on both themes, to the
    /// exact bytes of the body written to --out.
    @Test(arguments: TerminalScreen.Theme.all)
    func bodyQRPartsScanBackToTheBody(theme: TerminalScreen.Theme) throws {
        let fx = try SignFixture()
        let scanned = try Self.showAndScan(fx, ["--kit", "kit.json", "--challenge", "challenge.json", "--code-file", "code.txt",
                                                "--origin", SignFixture.origin, "--new-key", "k.pem", "--plain-new-key", "--new-kit", "nk",
                                                "--out", "body.json", "--qr"], columns: 80, lines: 24, theme: theme)
        #expect(scanned.count > 3)
        #expect(try MultipartText.joinBytes(scanned.reversed()) == Array(try Data(contentsOf: fx.dir.url.appendingPathComponent("body.json"))))
    }
}
