import RKitTestSupport
import RecoveryKitCLI
import Testing

/// rkit-sign against hostile input (rows as in RKitVerifyHostileTests).
/// Outputs (`--out`, `--new-key`, `--new-kit`, `--code-out`) all point into
/// the case's fresh folder, which must be unchanged afterwards.
@Suite struct RKitSignHostileTests {
    static let origin = ["--origin", "https://app.example.com"]
    static let outputs = ["--new-key", "out:new-key.pem", "--plain-new-key", "--out", "out:body.json"]
    static let code = ["--code-file", "in:codes/good.txt"]
    static let challenge = ["--challenge", "in:challenges/challenge.json"]
    static let kit = ["--kit", "in:kits/kit.json"]

    static func sign(_ arguments: [String], _ expected: ToolStatus, existing: [String] = [], stdin: String? = nil) -> HostileCase {
        HostileCase("rkit-sign", arguments, expected, stdin: stdin, existing: existing)
    }
    static func sign(replacing option: String, with value: String, _ expected: ToolStatus) -> HostileCase {
        var arguments = kit + code + challenge + origin + outputs
        arguments[arguments.firstIndex(of: option)! + 1] = value
        return sign(arguments, expected)
    }

    /// What rkit-sign does with each committed kit, the right code and the
    /// right challenge (both good kits sign: not listed here).
    static let kitStatus: [String: ToolStatus] = [
        "envelope-bitflip-old-id.json": .checkFailed, "envelope-bitflip.json": .checkFailed, "id-mismatch.json": .checkFailed,
        "inside-ed25519.json": .checkFailed, "inside-garbage.json": .checkFailed, "inside-p384.json": .checkFailed,
        "inside-secp256k1.json": .checkFailed, "publickey-bad-pem.json": .checkFailed, "publickey-ed25519.json": .checkFailed,
        "publickey-offcurve.json": .checkFailed, "publickey-other-p256.json": .checkFailed, "publickey-p384.json": .checkFailed,
        "publickey-rsa1024.json": .checkFailed, "publickey-secp256k1.json": .checkFailed,
        "wrong-username.json": .wrongSecret,
    ]

    static let cases: [HostileCase] =
        HostileInputs.files(in: "kits").filter { $0 != "kits/kit.json" && $0 != "kits/qr.txt" }.map {
            sign(replacing: "--kit", with: "in:\($0)", kitStatus[String($0.dropFirst(5))] ?? .malformedInput)
        }
        + HostileInputs.files(in: "codes").filter { $0 != "codes/good.txt" }.map {
            sign(replacing: "--code-file", with: "in:\($0)", $0 == "codes/wrong.txt" ? .wrongSecret : .malformedInput)
        }
        + HostileInputs.files(in: "generic").map { sign(replacing: "--kit", with: "in:\($0)", .malformedInput) }
        + HostileInputs.files(in: "generic").map { sign(replacing: "--challenge", with: "in:\($0)", .malformedInput) }
        + HostileInputs.files(in: "generic").map {
            sign(kit + code + challenge + origin + ["--new-credentials", "in:\($0)", "--out", "out:body.json"], .malformedInput)
        }
        + [
            sign(replacing: "--challenge", with: "in:challenges/no-challenge.json", .malformedInput),
            sign(replacing: "--challenge", with: "in:challenges/challenge-number.json", .malformedInput),
            sign(replacing: "--challenge", with: "in:challenges/no-allowed-list.json", .malformedInput),
            sign(replacing: "--challenge", with: "in:challenges/array.json", .malformedInput),
            sign(replacing: "--challenge", with: "in:challenges/not-allowed.json", .checkFailed),
            sign(replacing: "--challenge", with: "in:challenges/envelope-differs.json", .checkFailed),
            sign(replacing: "--challenge", with: "in:kits/kit.json", .malformedInput),
            sign(replacing: "--kit", with: "rt:missing", .unreadableInput),
            sign(replacing: "--kit", with: "rt:dir", .unreadableInput),
            sign(replacing: "--kit", with: "rt:unreadable", .unreadableInput),
            sign(replacing: "--kit", with: "rt:big.json", .unreadableInput),
            sign(replacing: "--kit", with: "rt:deep.json", .malformedInput),
            sign(replacing: "--kit", with: "rt:deep-object.json", .malformedInput),
            sign(replacing: "--challenge", with: "rt:missing", .unreadableInput),
            sign(replacing: "--challenge", with: "rt:dir", .unreadableInput),
            sign(replacing: "--challenge", with: "rt:big.json", .unreadableInput),
            sign(replacing: "--challenge", with: "rt:deep.json", .malformedInput),
            sign(replacing: "--code-file", with: "rt:missing", .unreadableInput),
            sign(replacing: "--code-file", with: "rt:dir", .unreadableInput),
            sign(replacing: "--code-file", with: "rt:big.json", .unreadableInput),
            sign(replacing: "--code-file", with: "-", .malformedInput),
            sign(kit + code + challenge + origin + ["--new-credentials", "in:requests/body.json", "--out", "out:body.json"], .malformedInput),
            sign(kit + code + challenge + origin + ["--new-credentials", "in:kits/kit.json", "--out", "out:body.json"], .malformedInput),
            sign(kit + code + challenge + origin + ["--new-credentials", "in:keys/p384.pem", "--out", "out:body.json"], .malformedInput),
            sign(kit + code + challenge + origin + ["--new-credentials", "rt:big.json", "--out", "out:body.json"], .unreadableInput),
            sign(["--credential-id", "hSI_WMtDP_BiR5VmcfBF1_g0Rip7eRTq7CnPZRgv2B4", "--username", "other@example.com"]
                 + code + challenge + origin + outputs, .wrongSecret),
            sign(["--credential-id", "not-listed", "--username", "hostile@example.com"] + code + challenge + origin + outputs,
                 .checkFailed),
            // Existing outputs: nothing replaced, nothing added.
            sign(kit + code + challenge + origin + outputs, .outputExists, existing: ["body.json"]),
            sign(kit + code + challenge + origin + outputs, .outputExists, existing: ["new-key.pem"]),
            sign(kit + code + challenge + origin + ["--new-key", "out:new-key.pem", "--plain-new-key", "--out", "out:folder"], .outputExists,
                 existing: ["folder/"]),
            sign(kit + code + challenge + origin + outputs + ["--new-kit", "out:kit"], .outputExists, existing: ["kit/kit.json"]),
            sign(kit + code + challenge + origin + outputs + ["--new-kit", "out:kit", "--code-out", "out:code.txt"],
                 .outputExists, existing: ["code.txt"]),
            sign(kit + code + challenge + origin + ["--new-key", "out:new-key.pem", "--plain-new-key", "--out", "out:no-folder/body.json"], .writeFailed),
            sign(kit + code + challenge + origin + ["--new-key", "out:no-folder/new-key.pem", "--plain-new-key", "--out", "out:body.json"], .writeFailed),
            // Command-line mistakes.
            sign(kit + code + challenge + origin + ["--out", "out:body.json"], .usage),
            sign(kit + code + challenge + ["--origin", "ftp://example.com"] + outputs, .usage),
            sign(kit + code + challenge + ["--origin", "not a url"] + outputs, .usage),
            sign(kit + code + challenge + origin + outputs + ["--org-id", "or bad\u{7}"], .usage),
            sign(kit + code + challenge + origin + outputs + ["--code", "D1-HQSTLE-ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ23"], .usage),
            sign(kit + code + challenge + origin + ["--new-key", "out:new-key.pem", "--out", "out:body.json", "--new-key-passphrase-file", "in:generic/empty"], .malformedInput),
            sign(["--qr-join", "in:generic/garbage.bin"], .malformedInput),
            sign(["--qr-join", "in:generic/empty"], .malformedInput),
            sign(["--qr-join", "rt:big.json"], .unreadableInput),
        ]

    @Test(arguments: cases) func sign(_ hostile: HostileCase) throws { try hostile.run() }

    /// The base command line works, so each row fails for the reason it names.
    @Test func goodInputsSign() throws {
        for kitFile in ["in:kits/kit.json", "in:kits/qr.txt"] {
            let out = try TemporaryDirectory()
            var arguments = RKitSignHostileTests.kit + RKitSignHostileTests.code + RKitSignHostileTests.challenge
                + RKitSignHostileTests.origin + RKitSignHostileTests.outputs
            arguments[1] = kitFile
            let result = try ToolRunner.rkit("rkit-sign", try arguments.map { try HostileInputs.resolve($0, output: out) })
            #expect(result.status == 0, Comment(rawValue: result.stderr))
            #expect(out.listing() == ["body.json", "new-key.pem"])
        }
    }
}
