import Foundation
import Testing
import RKitTestSupport
@testable import RecoveryKitCore

/// rkit-sign's QR parts across the air gap: the challenge accepted as
/// parts, and the parts shown by --qr are real QR codes that zbar reads back.
@Suite struct SignQRPartsTests {
    /// The challenge carried as parts in several files, in any order,
    /// signs exactly like the file itself.
    @Test func challengeAcceptsPartsFromFilesAndStdin() throws {
        let fx = try SignFixture()
        let split = try fx.sign(["--qr-split", "challenge.json", "--qr-part-bytes", "300"])
        #expect(split.status == 0, "\(split.stderr)")
        let compact = JSONText.stringify(try JSONParser.parse(try fx.dir.read("challenge.json")))
        let parts = try MultipartText.split(compact, partBytes: 300)
        #expect(parts.count >= 3)
        // Shuffled over two files, one with zbarimg's "QR-Code:" prefix.
        try fx.dir.write("a.txt", [parts[2], parts[0]].map { "QR-Code:" + $0 }.joined(separator: "\n"))
        try fx.dir.write("b.txt", parts.dropFirst().filter { $0 != parts[2] }.reversed().joined(separator: "\n") + "\n")
        let signed = try fx.sign(["--kit", "kit.json", "--challenge", "a.txt", "--challenge", "-", "--code-file", "code.txt",
                                  "--origin", SignFixture.origin, "--new-key", "k.pem"], stdin: try fx.dir.read("b.txt"))
        #expect(signed.status == 0, "\(signed.stderr)")
        _ = try SignFixture.coreVerify(body: signed.stdout, publicKey: try P256PublicKey(pem: fx.kit.publicKeyPEM!))

        // One part missing: a clean error naming it.
        let missing = try fx.sign(["--kit", "kit.json", "--challenge", "b.txt", "--code-file", "code.txt",
                                   "--origin", SignFixture.origin, "--new-key", "k2.pem"])
        #expect(missing.status == 4)
        #expect(missing.stderr.contains("missing parts 1, 3 of \(parts.count)"), "\(missing.stderr)")
        #expect(!fx.dir.exists("k2.pem"))

        let joined = try fx.sign(["--qr-join", "b.txt", "a.txt"])
        #expect(joined.stdout == compact + "\n")
    }

    /// --qr prints real QR codes: rasterised as a dark terminal shows them
    /// and read by zbar, the parts reassemble to the body written to --out.
    @Test func bodyQRPartsScanBackToTheBody() throws {
        let fx = try SignFixture()
        let result = try fx.sign(["--kit", "kit.json", "--challenge", "challenge.json", "--code-file", "code.txt",
                                  "--origin", SignFixture.origin, "--new-key", "k.pem", "--new-kit", "nk",
                                  "--out", "body.json", "--qr"])
        #expect(result.status == 0, "\(result.stderr)")
        let blocks = result.stdout.components(separatedBy: "part ").dropFirst()
        #expect(blocks.count > 3)
        var scanned: [String] = []
        for (index, block) in blocks.enumerated() {
            let lines = block.split(separator: "\n").dropFirst().map(Array.init)
            #expect(lines.allSatisfy { $0.count <= 80 }, "a part is wider than an 80-column terminal")
            let image = fx.dir.url.appendingPathComponent("part\(index).pgm")
            try Data(rasterise(lines)).write(to: image)
            let decoded = try QRScanner.scan(image.path)
            #expect(decoded.status == 0)
            scanned.append(String(decoded.stdout.dropLast()))
        }
        #expect(try MultipartText.join(scanned.reversed()) + "\n" == (try fx.dir.read("body.json")))
    }

    private func rasterise(_ lines: [[Character]]) -> [UInt8] {
        let scale = 3
        let width = lines.map(\.count).max()! * scale, height = lines.count * 2 * scale
        var pixels = [UInt8](repeating: 0, count: width * height)
        for (row, line) in lines.enumerated() {
            for (col, ch) in line.enumerated() {
                let halves: (Bool, Bool) = ch == "█" ? (true, true) : ch == "▀" ? (true, false) : ch == "▄" ? (false, true) : (false, false)
                for (half, on) in [(0, halves.0), (1, halves.1)] where on {
                    for dy in 0..<scale { for dx in 0..<scale { pixels[((row * 2 + half) * scale + dy) * width + col * scale + dx] = 255 } }
                }
            }
        }
        return Array("P5\n\(width) \(height)\n255\n".utf8) + pixels
    }
}
