import Foundation
import Testing
import RKitTestSupport
@testable import RecoveryKitCore

/// rkit-sign's QR frames (BBQr) across the air gap, as a person uses them:
/// the frames shown on a terminal of a given size, photographed on a dark
/// and on a light terminal (the terminal text drawn to an image and read by
/// zbarimg), joined on the other side into exactly the original bytes.
/// (bitcoin-qr-tools judges the same frames in Tests/BBQr/interop.py.)
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
            // Caption + code fit the window: nothing scrolls away.
            #expect(rows.count <= lines, "frame \(index + 1) takes \(rows.count) lines on a \(lines)-line terminal")
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
            #expect(scanned.allSatisfy { $0.hasPrefix("B$") })
            try fx.dir.write("\(name).parts", scanned.reversed().map { "QR-Code:" + $0 }.joined(separator: "\n") + "\n")
            let joined = try fx.sign(["--qr-join", "\(name).parts"])
            #expect(joined.status == 0, "\(joined.stderr)")
            #expect(Data(joined.stdoutBytes) == original, "\(name) did not cross byte for byte")
        }
    }

    /// Frames are sized to the window: the largest version that fits with
    /// its caption (80×24: version 6, 45 columns × 23 lines + caption); a
    /// larger window gets larger codes and fewer frames; --qr-version or
    /// --qr-part-bytes too large for the window gets a warning naming both.
    @Test func framesAreSizedToTheTerminal() throws {
        let fx = try SignFixture()
        let small = try fx.sign(["--qr-split", "challenge.json"], environment: Self.terminal80x24)
        let large = try fx.sign(["--qr-split", "challenge.json"], environment: ["COLUMNS": "200", "LINES": "60"])
        let smallBlocks = TerminalScreen.partBlocks(small.stdout), largeBlocks = TerminalScreen.partBlocks(large.stdout)
        #expect(smallBlocks.allSatisfy { $0.split(separator: "\n").count == 24 })
        #expect(largeBlocks.count < smallBlocks.count)
        #expect(largeBlocks.allSatisfy { $0.split(separator: "\n").count <= 60 })
        for forcing in [["--qr-part-bytes", "600"], ["--qr-version", "12"]] {
            let forced = try fx.sign(["--qr-split", "challenge.json"] + forcing, environment: Self.terminal80x24)
            #expect(forced.status == 0)
            #expect(forced.stderr.contains("warning: each QR frame (version"), "\(forced.stderr)")
            #expect(forced.stderr.contains("but the terminal is 80×24; version 6 fits"))
        }
        let version3 = try fx.sign(["--qr-split", "challenge.json", "--qr-version", "3"], environment: Self.terminal80x24)
        #expect(TerminalScreen.partBlocks(version3.stdout).allSatisfy { $0.split(separator: "\n").count == 1 + (29 + 4 + 1) / 2 })
        #expect(try fx.sign(["--qr-split", "challenge.json", "--qr-version", "41"]).status == 2)
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

        // BBQr frames from files and stdin, shuffled with a repeat; then one missing.
        let frames = try BBQr.split(bytes: Array(original.utf8), perFrame: 184)
        #expect(frames.count >= 3)
        try fx.dir.write("f1.txt", ([frames[2], frames[0]] + [frames[0]]).map { "QR-Code:" + $0 }.joined(separator: "\n"))
        try fx.dir.write("f2.txt", frames.enumerated().filter { ![0, 2].contains($0.offset) }.map(\.element).reversed().joined(separator: "\n") + "\n")
        let fromFrames = try fx.sign(["--kit", "kit.json", "--challenge", "f1.txt", "--challenge", "-", "--code-file", "code.txt",
                                      "--origin", SignFixture.origin, "--new-key", "k3.pem", "--plain-new-key"], stdin: try fx.dir.read("f2.txt"))
        #expect(fromFrames.status == 0, "\(fromFrames.stderr)")
        let frameMissing = try fx.sign(["--kit", "kit.json", "--challenge", "f2.txt", "--code-file", "code.txt",
                                        "--origin", SignFixture.origin, "--new-key", "k4.pem", "--plain-new-key"])
        #expect(frameMissing.status == 4)
        #expect(frameMissing.stderr.contains("missing frames 1, 3 of \(frames.count)"), "\(frameMissing.stderr)")
        #expect(!fx.dir.exists("k4.pem"))
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
        #expect(scanned.allSatisfy { $0.hasPrefix("B$ZJ") })
        #expect(try MultipartText.joinBytes(scanned.reversed()) == Array(try Data(contentsOf: fx.dir.url.appendingPathComponent("body.json"))))
    }

    /// recover --qr takes --qr-version as qr-split does; either size option
    /// without --qr is a usage error, before anything is read or written.
    @Test func recoverSizesItsFramesLikeQRSplit() throws {
        let fx = try SignFixture()
        let base = ["recover", "--kit", "kit.json", "--challenge", "challenge.json", "--code-file", "code.txt",
                    "--origin", SignFixture.origin, "--new-key", "k.pem", "--plain-new-key"]
        for option in [["--qr-version", "8"], ["--qr-part-bytes", "100"]] {
            let alone = try fx.sign(base + option)
            #expect(alone.status == 2 && alone.stderr.contains("give --qr too"), "\(alone.stderr)")
            #expect(!fx.dir.exists("k.pem"))
        }
        let both = try fx.sign(base + ["--qr", "--qr-version", "8", "--qr-part-bytes", "100"])
        #expect(both.status == 2 && both.stderr.contains("not both"), "\(both.stderr)")
        let shown = try fx.sign(base + ["--qr", "--qr-version", "8"], environment: ["COLUMNS": "200", "LINES": "60"])
        #expect(shown.status == 0, "\(shown.stderr)")
        let blocks = TerminalScreen.partBlocks(shown.stdout)
        #expect(blocks.count >= 2)
        // Version 8: 49 modules and a 2-module quiet zone on each side, 27 lines, under the caption.
        #expect(blocks.allSatisfy { $0.split(separator: "\n").count == 1 + 27 }, "\(blocks.map { $0.split(separator: "\n").count })")
    }
}
