import Foundation
import RKitTestSupport
import Testing
@testable import RecoveryKitCLI
import RecoveryKitCore

/// Issue 20, finding 10: a recovery code given on the command line by
/// mistake is never printed back, whichever message would have quoted it.
@Suite struct ArgumentRedactionTests {
    static let code = try! RecoveryCode.generate().revealCanonicalText()

    @Test func codeShapesAreRecognised() throws {
        let groups = Self.code.dropFirst(3).split(separator: "-").map(String.init)
        for shape in [Self.code, Self.code.lowercased(), groups.joined(separator: " "), groups.joined(),
                      "D1-" + groups.joined(separator: "-").replacingOccurrences(of: groups[2], with: "ZZZZZ")] {
            #expect(ArgumentRedaction.isCodeShaped(shape), "\(shape)")
        }
        for other in ["kit-qr.txt", "/media/usb/rkit-new-kit", "https://app.example.com", "or-30ldf-8d7s5-8kerbutv6g2dumq7",
                      String(repeating: "ab", count: 32), "D1", "--code-file", "body.json",
                      "cr-6uunn-bm6ja-f6rmd5kqrk5rbe", "us-3v1ag-1b2c3-abcdefghjkmn"] {
            #expect(!ArgumentRedaction.isCodeShaped(other), "\(other)")
        }
    }

    @Test func collectedCodesAreReplacedInMessages() {
        ArgumentRedaction.collect(["recover", "--code-file=\(Self.code)", "x"])
        defer { ArgumentRedaction.secrets = [] }
        #expect(ArgumentRedaction.redact("recovery code \(Self.code) does not exist") == "recovery code [redacted] does not exist")
        #expect(ArgumentRedaction.redact("--code-file=\(Self.code)") == "--code-file=[redacted]")
    }

    /// The review's reproductions, through the built tools: the code as
    /// `--code-file=` value (a "does not exist" message) and as a stray
    /// argument (ArgumentParser's "Unexpected argument").
    @Test(arguments: [
        ("rkit-sign", ["recover", "--kit", "kit.json", "--challenge", "c.json", "--origin", "https://app.example.com", "--new-key", "k.pem", "--plain-new-key", "--out", "b.json", "--code-file=CODE"]),
        ("rkit-sign", ["recover", "--kit", "kit.json", "--challenge", "c.json", "--new-key", "k.pem", "--plain-new-key", "--out", "b.json", "CODE"]),
        ("rkit-sign", ["--kit", "kit.json", "--challenge", "c.json", "--new-key", "k.pem", "--plain-new-key", "CODE"]),
        ("rkit-verify", ["kit", "--code-file", "CODE", "kit.json"]),
        ("rkit-verify", ["kit", "kit.json", "CODE"]),
        ("rkit-generate", ["--username", "a@example.com", "--out", "dir", "CODE"]),
    ])
    func noToolPrintsACodeFromItsArguments(tool: String, arguments: [String]) throws {
        let directory = try TemporaryDirectory()
        let inputs = HostileInputs.committed.path
        try FileManager.default.copyItem(atPath: "\(inputs)/kits/kit.json", toPath: directory.file("kit.json"))
        try FileManager.default.copyItem(atPath: "\(inputs)/challenges/challenge.json", toPath: directory.file("c.json"))
        let groups = Self.code.dropFirst(3).split(separator: "-")
        let result = try ToolRunner.rkit(tool, arguments.map { $0 == "CODE" ? Self.code : $0.replacingOccurrences(of: "CODE", with: Self.code) }
                                             .map { $0.hasSuffix(".json") || $0.hasSuffix(".pem") || $0 == "dir" ? directory.file($0) : $0 })
        #expect(result.status != 0)
        #expect(!directory.exists("b.json") && !directory.exists("k.pem"))
        let printed = result.stdout + result.stderr
        #expect(!printed.isEmpty)
        for pair in zip(groups, groups.dropFirst()) {
            #expect(!printed.contains("\(pair.0)-\(pair.1)"), "\(tool) printed part of the code: \(printed)")
        }
        #expect(printed.contains("[redacted]"), "\(printed)")
    }
}
