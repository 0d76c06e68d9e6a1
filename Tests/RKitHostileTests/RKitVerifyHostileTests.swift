import Foundation
import RKitTestSupport
import RecoveryKitCLI
import Testing

/// rkit-verify against hostile input: every row must fail cleanly with its
/// documented status (HostileCase.run checks status, stderr, secrets and
/// files left behind). rkit-verify(1): in `kit` and `request` a bad item,
/// malformed JSON included, is exit 1; an unreadable item file is 3; a bad
/// option file (code, codes, challenge, kit or key of `request`) stops
/// the run with its own status.
@Suite struct RKitVerifyHostileTests {
    static let vectorsCases: [HostileCase] = [
        HostileCase("rkit-verify", ["vectors", "rt:missing"], .unreadableInput),
        HostileCase("rkit-verify", ["vectors", "in:kits/kit.json"], .unreadableInput),
        HostileCase("rkit-verify", ["vectors", "rt:vectors-empty"], .malformedInput),
        HostileCase("rkit-verify", ["vectors", "rt:vectors-subdir"], .unreadableInput),
        HostileCase("rkit-verify", ["vectors", "rt:vectors-huge-int"], .checkFailed),
        HostileCase("rkit-verify", ["vectors", "rt:vectors-zero-int"], .checkFailed),
        HostileCase("rkit-verify", ["vectors", "rt:vectors-negative-int"], .checkFailed),
        HostileCase("rkit-verify", ["vectors", "rt:vectors-garbage"], .checkFailed),
        HostileCase("rkit-verify", ["vectors", "rt:vectors-wrong-shape"], .checkFailed),
        HostileCase("rkit-verify", ["vectors", "rt:vectors-non-utf8"], .checkFailed),
        HostileCase("rkit-verify", ["vectors", "rt:vectors-big"], .unreadableInput),
        HostileCase("rkit-verify", ["vectors", "rt:vectors-deep"], .checkFailed),
        HostileCase("rkit-verify", ["vectors", "--no-such-option"], .usage),
        HostileCase("rkit-verify", ["no-such-mode"], .usage),
    ]

    /// Every committed kit except the two good ones is a bad item.
    static let badKits = HostileInputs.files(in: "kits").filter { $0 != "kits/kit.json" && $0 != "kits/qr.txt" }
    static let badCodes = HostileInputs.files(in: "codes").filter { $0 != "codes/good.txt" && $0 != "codes/wrong.txt" }

    /// Damage only the code can reveal: without it these kits look sound.
    static let needCode: Set = ["kits/envelope-bitflip.json", "kits/inside-garbage.json",
                                "kits/publickey-other-p256.json", "kits/wrong-username.json"]

    static let kitCases: [HostileCase] =
        badKits.filter { !needCode.contains($0) }.map { HostileCase("rkit-verify", ["kit", "in:\($0)"], .checkFailed) }
        + badKits.map { HostileCase("rkit-verify", ["kit", "in:\($0)", "--code-file", "in:codes/good.txt"], .checkFailed) }
        + badCodes.map { HostileCase("rkit-verify", ["kit", "in:kits/kit.json", "--code-file", "in:\($0)"], .malformedInput) }
        + HostileInputs.files(in: "generic").map { HostileCase("rkit-verify", ["kit", "in:\($0)"], .checkFailed) }
        // Anything but share words as --share-file (issue 22): one line, exit 4.
        + (HostileInputs.files(in: "generic") + HostileInputs.files(in: "codes")).map {
            HostileCase("rkit-verify", ["kit", "in:kits/kit.json", "--share-file", "in:\($0)", "--share-file", "in:\($0)"], .malformedInput)
        }
        + [
            HostileCase("rkit-verify", ["kit", "in:kits/kit.json", "--share-file", "rt:missing"], .unreadableInput),
            HostileCase("rkit-verify", ["kit", "in:kits/kit.json", "--share-file", "rt:dir"], .unreadableInput),
            HostileCase("rkit-verify", ["kit", "in:kits/kit.json", "--share-file", "rt:big.json"], .unreadableInput),
            HostileCase("rkit-verify", ["kit", "in:kits/kit.json", "--share-file", "in:codes/good.txt", "--code-file", "in:codes/good.txt"], .usage),
        ]
        + [
            HostileCase("rkit-verify", ["kit", "in:kits/kit.json", "--code-file", "in:codes/wrong.txt"], .checkFailed),
            HostileCase("rkit-verify", ["kit", "in:kits/qr.txt", "--code-file", "in:codes/wrong.txt"], .checkFailed),
            HostileCase("rkit-verify", ["kit", "in:kits/wrong-username.json", "--code-file", "in:codes/good.txt"], .checkFailed),
            HostileCase("rkit-verify", ["kit", "-", "--code-file", "in:codes/good.txt"], .checkFailed, stdin: "garbage"),
            HostileCase("rkit-verify", ["kit", "in:kits/kit.json", "--code-file", "-"], .malformedInput, stdin: ""),
            HostileCase("rkit-verify", ["kit", "rt:missing"], .unreadableInput),
            HostileCase("rkit-verify", ["kit", "rt:dir"], .unreadableInput),
            HostileCase("rkit-verify", ["kit", "rt:unreadable"], .unreadableInput),
            HostileCase("rkit-verify", ["kit", "rt:big.json"], .unreadableInput),
            HostileCase("rkit-verify", ["kit", "rt:deep.json"], .checkFailed),
            HostileCase("rkit-verify", ["kit", "rt:deep-object.json"], .checkFailed),
            HostileCase("rkit-verify", ["kit", "in:kits/kit.json", "--code-file", "rt:missing"], .unreadableInput),
            HostileCase("rkit-verify", ["kit", "in:kits/kit.json", "--code-file", "rt:dir"], .unreadableInput),
            HostileCase("rkit-verify", ["kit", "in:kits/kit.json", "--code-file", "rt:big.json"], .unreadableInput),
            HostileCase("rkit-verify", ["kit", "in:kits/kit.json", "--codes", "in:generic/garbage.bin"], .malformedInput),
            HostileCase("rkit-verify", ["kit", "in:kits/kit.json", "--codes", "rt:big.json"], .unreadableInput),
            HostileCase("rkit-verify", ["kit"], .usage),
            HostileCase("rkit-verify", ["kit", "in:kits/kit.json", "in:kits/qr.txt", "--code-file", "in:codes/good.txt"], .usage),
            HostileCase("rkit-verify", ["kit", "in:kits/kit.json", "--code-file", "in:codes/good.txt", "--codes", "in:codes/good.txt"], .usage),
        ]

    static let good = ["--kit", "in:kits/kit.json", "--challenge", "in:challenges/challenge.json"]
    static let requestCases: [HostileCase] =
        HostileInputs.files(in: "requests").filter { $0 != "requests/body.json" }
            .map { HostileCase("rkit-verify", ["request", "in:\($0)"] + good, .checkFailed) }
        // An empty body stops the run (4) before it is an item; rkit-verify(1)
        // says malformed bodies are items (1): reported to the lead.
        + HostileInputs.files(in: "generic").map {
            HostileCase("rkit-verify", ["request", "in:\($0)"] + good, $0 == "generic/empty" ? .malformedInput : .checkFailed)
        }
        + HostileInputs.files(in: "keys").filter { $0.hasSuffix(".pem") }
            .map { HostileCase("rkit-verify", ["request", "in:requests/body.json", "--public-key", "in:\($0)"], .malformedInput) }
        + [
            HostileCase("rkit-verify", ["request", "in:requests/body.json", "--kit", "in:kits/kit.json", "--challenge", "in:challenges/no-challenge.json"], .malformedInput),
            HostileCase("rkit-verify", ["request", "in:requests/body.json", "--kit", "in:kits/kit.json", "--challenge", "in:challenges/challenge-number.json"], .malformedInput),
            HostileCase("rkit-verify", ["request", "in:requests/body.json", "--kit", "in:kits/kit.json", "--challenge", "in:challenges/no-allowed-list.json"], .malformedInput),
            HostileCase("rkit-verify", ["request", "in:requests/body.json", "--kit", "in:kits/kit.json", "--challenge", "in:challenges/array.json"], .malformedInput),
            HostileCase("rkit-verify", ["request", "in:requests/body.json", "--kit", "in:kits/kit.json", "--challenge", "in:challenges/not-allowed.json"], .checkFailed),
            HostileCase("rkit-verify", ["request", "in:requests/body.json", "--kit", "in:kits/kit.json", "--challenge", "in:challenges/envelope-differs.json"], .checkFailed),
            HostileCase("rkit-verify", ["request", "in:requests/body.json", "--kit", "in:kits/id-mismatch.json"], .checkFailed),
            HostileCase("rkit-verify", ["request", "in:requests/body.json", "--kit", "in:kits/publickey-p384.json"], .malformedInput),
            HostileCase("rkit-verify", ["request", "in:requests/body.json", "--kit", "in:kits/array.json"], .malformedInput),
            HostileCase("rkit-verify", ["request", "rt:missing", "--kit", "in:kits/kit.json"], .unreadableInput),
            HostileCase("rkit-verify", ["request", "rt:dir", "--kit", "in:kits/kit.json"], .unreadableInput),
            HostileCase("rkit-verify", ["request", "rt:unreadable", "--kit", "in:kits/kit.json"], .unreadableInput),
            HostileCase("rkit-verify", ["request", "rt:big.json", "--kit", "in:kits/kit.json"], .unreadableInput),
            HostileCase("rkit-verify", ["request", "rt:deep.json", "--kit", "in:kits/kit.json"], .checkFailed),
            HostileCase("rkit-verify", ["request", "in:requests/body.json", "--kit", "rt:missing"], .unreadableInput),
            HostileCase("rkit-verify", ["request", "in:requests/body.json", "--kit", "rt:big.json"], .unreadableInput),
            HostileCase("rkit-verify", ["request", "in:requests/body.json", "--kit", "rt:deep.json"], .malformedInput),
            HostileCase("rkit-verify", ["request", "in:requests/body.json", "--challenge", "rt:dir", "--kit", "in:kits/kit.json"], .unreadableInput),
            HostileCase("rkit-verify", ["request", "in:requests/body.json"], .usage),
            HostileCase("rkit-verify", ["request", "in:requests/body.json", "--kit", "in:kits/kit.json", "--public-key", "in:keys/p384.pem"], .usage),
        ]

    @Test(arguments: vectorsCases) func vectors(_ hostile: HostileCase) throws { try hostile.run() }
    @Test(arguments: kitCases) func kit(_ hostile: HostileCase) throws { try hostile.run() }
    @Test(arguments: requestCases) func request(_ hostile: HostileCase) throws { try hostile.run() }

    /// The good inputs pass, so the rows above fail for the reason they name.
    @Test func goodInputsPass() throws {
        for arguments in [["kit", "in:kits/kit.json", "--code-file", "in:codes/good.txt"],
                          ["kit", "in:kits/qr.txt", "--code-file", "in:codes/good.txt"],
                          ["request", "in:requests/body.json"] + RKitVerifyHostileTests.good] {
            let out = try TemporaryDirectory()
            let resolved = try arguments.map { try HostileInputs.resolve($0, output: out) }
            let result = try ToolRunner.rkit("rkit-verify", resolved)
            #expect(result.status == 0, Comment(rawValue: "\(arguments): \(result.stdout)\(result.stderr)"))
        }
    }
}
