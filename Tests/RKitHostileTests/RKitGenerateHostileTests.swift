import RKitTestSupport
import RecoveryKitCLI
import Testing

/// rkit-generate against hostile input (rows as in RKitVerifyHostileTests).
/// The kit folder and the code file point into the case's fresh folder,
/// which must be unchanged afterwards: no partial kit, no stray temp file.
@Suite struct RKitGenerateHostileTests {
    static let base = ["--username", "hostile@example.com", "--out", "out:kit", "--origin", "https://app.example.com"]

    static func generate(_ extra: [String], _ expected: ToolStatus, existing: [String] = [], stdin: String? = nil,
                         base: [String] = base) -> HostileCase {
        HostileCase("rkit-generate", base + extra, expected, stdin: stdin, existing: existing)
    }

    static let cases: [HostileCase] =
        HostileInputs.files(in: "generic").map { generate(["--challenge", "in:\($0)"], .malformedInput) }
        + [
            generate(["--challenge", "in:challenges/no-challenge.json"], .malformedInput),
            generate(["--challenge", "in:challenges/challenge-number.json"], .malformedInput),
            generate(["--challenge", "in:challenges/array.json"], .malformedInput),
            generate(["--challenge", "in:keys/p384.pem"], .malformedInput),
            generate(["--challenge", "rt:missing"], .unreadableInput),
            generate(["--challenge", "rt:dir"], .unreadableInput),
            generate(["--challenge", "rt:unreadable"], .unreadableInput),
            generate(["--challenge", "rt:big.json"], .unreadableInput),
            generate(["--challenge", "rt:deep.json"], .malformedInput),
            generate(["--challenge", "rt:deep-object.json"], .malformedInput),
            generate(["--challenge", "-"], .malformedInput, stdin: "{\"challenge\":"),
            // Existing outputs.
            generate([], .outputExists, existing: ["kit/kit.json"]),
            generate([], .outputExists, existing: ["kit/kit.pdf"]),
            generate([], .outputExists, existing: ["kit"]),
            generate(["--code-out", "out:code.txt"], .outputExists, existing: ["code.txt"]),
            generate(["--code-out", "out:code.txt", "--force"], .outputExists, existing: ["code.txt/"]),
            generate(["--code-out", "out:no-folder/code.txt"], .writeFailed),
            generate([], .writeFailed, base: ["--username", "hostile@example.com", "--out", "out:no-folder/kit"]),
            // Command-line mistakes.
            generate([], .usage, base: ["--username", "", "--out", "out:kit"]),
            generate([], .usage, base: ["--username", "a\u{1}b@example.com", "--out", "out:kit"]),
            generate([], .usage, base: ["--out", "out:kit"]),
            generate([], .usage, base: ["--username", "hostile@example.com"]),
            generate(["--formats", "pdf,exe"], .usage),
            generate(["--paper", "a5"], .usage),
            generate([], .usage, base: ["--username", "hostile@example.com", "--out", "out:kit", "--origin", "javascript:alert(1)"]),
            generate(["--challenge", "in:challenges/challenge.json"], .usage,
                     base: ["--username", "hostile@example.com", "--out", "out:kit"]),
        ]

    @Test(arguments: cases) func generate(_ hostile: HostileCase) throws { try hostile.run() }
}
