import Foundation
import Testing
import RKitTestSupport
@testable import RecoveryKitCore

/// rkit-sign runs the one new-credential rule set (Request/NewCredentials.swift)
/// on every credential before it writes anything: what Dfns's own code makes
/// passes, anything else is one line, exit 4, nothing written.
@Suite struct SignNewCredentialRulesTests {
    /// `rkit-sign recover` with the file confirmed by its SHA-256 (so the
    /// rule set, not the missing confirmation, decides).
    static func sign(_ fx: SignFixture, _ file: String, newKit: Bool = false) throws -> ToolResult {
        let sha = Hex.encode(SHA256Digest.hash(Array(try fx.dir.read(file).utf8)))
        return try fx.sign(["--kit", "kit.json", "--challenge", "challenge.json", "--code-file", "code.txt", "--origin", SignFixture.origin,
                            "--new-credentials", file, "--accept-new-credentials", sha, "--allow-unverified-authenticator", "--out", "body.json"] + (newKit ? ["--new-kit", "nk"] : []))
    }

    /// After the review (shown for given credentials), one line: the refusal.
    static func expectRefused(_ result: ToolResult, _ fx: SignFixture, mentioning: String) {
        #expect(result.status == 4, "\(result.stderr)")
        let last = result.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("rkit-sign: --new-credentials "), "\(last)")
        #expect(last.contains(": new credentials: "), "\(last)")
        #expect(last.contains(mentioning), "\(last)")
        #expect(result.stdout.isEmpty)
        #expect(!fx.dir.exists("body.json") && !fx.dir.exists("nk"))
    }

    static func key(_ fx: SignFixture, challenge: String = SignFixture.recoveryChallenge) throws -> JSONValue {
        let made = try ReferenceFrontend.run(["make-key"], stdin: JSONText.stringify(["challenge": .string(challenge)]))
        #expect(made.status == 0, "\(made.stdout)")
        return try #require(try JSONParser.parse(Array(made.stdout.utf8))["credential"])
    }

    /// Issue 14 difference 3: the SDK's BrowserKeySigner Key (no origin, no
    /// algorithm, 64-column PEM), made by the project's Node implementation.
    @Test func anSDKKeyCredentialIsSigned() throws {
        let fx = try SignFixture()
        try fx.dir.write("key.json", JSONText.stringify(try Self.key(fx)))
        let result = try Self.sign(fx, "key.json")
        #expect(result.status == 0, "\(result.stderr)")
        let verified = try Fixtures.verifyBody(fx)
        #expect(verified.status == 0, "\(verified.stdout)")
        #expect(verified.stdout.contains("lint.no-origin"))
        #expect(verified.stdout.contains("the SDK BrowserKeySigner form (no origin)"))
    }

    /// Issue 14 difference 2: a RecoveryKey made by the reference frontend
    /// (base64url challenge, its member order) is accepted as the new kit.
    @Test func aReferenceFrontendRecoveryKeyIsSigned() throws {
        let fx = try SignFixture()
        let made = try ReferenceFrontend.run(["make-kit"], stdin: JSONText.stringify([
            "username": "demo@example.com", "challenge": .string(SignFixture.recoveryChallenge), "origin": .string(SignFixture.origin)]))
        #expect(made.status == 0, "\(made.stdout)")
        let recovery = try #require(try JSONParser.parse(Array(made.stdout.utf8))["recoveryCredential"])
        try fx.dir.write("new.json", JSONText.stringify(["firstFactorCredential": try Self.key(fx), "recoveryCredential": recovery]))
        let result = try Self.sign(fx, "new.json")
        #expect(result.status == 0, "\(result.stderr)")
        let verified = try Fixtures.verifyBody(fx)
        #expect(verified.status == 0, "\(verified.stdout)")
        // The reference frontend's form is the one rkit writes: named in the check, no lint.
        #expect(verified.stdout.contains("the reference frontend's form (type, challenge, origin, crossOrigin; challenge base64url)"))
        #expect(!verified.stdout.contains("new.recoveryCredential.clientData is"))
    }

    static func passkey() throws -> JSONValue {
        SyntheticPasskey.make(challenge: SignFixture.recoveryChallenge, origin: SignFixture.origin)
    }

    static func edited(_ value: JSONValue, _ edit: (inout JSONObject) -> Void) -> JSONValue {
        var object = value.objectValue!
        edit(&object)
        return .object(object)
    }

    /// Every refusal of the rule set, one credential file at a time.
    @Test func refusals() throws {
        let passkey = try Self.passkey()
        let cases: [(String, JSONValue, String)] = [
            ("kelvin", ["firstFactorCredential": Self.edited(passkey) { $0["credentialKind"] = "\u{212A}ey" }],
             "is not a Dfns credential kind; rkit cannot verify it"),
            ("totp", ["firstFactorCredential": passkey, "secondFactorCredential": ["credentialKind": "Totp", "credentialInfo": ["otpCode": "123456"]]],
             "rkit cannot verify Totp credentials"),
            ("password", ["credentialKind": "Password", "credentialInfo": ["password": "hunter2"]], "rkit cannot verify Password credentials"),
            ("unknown", ["credentialKind": "Passkey2", "credentialInfo": [:]], "is not a Dfns credential kind"),
            ("totp-first", ["credentialKind": "Totp", "credentialInfo": ["otpCode": "1"]], "firstFactorCredential cannot hold a Totp credential"),
            ("fido2-recovery", ["firstFactorCredential": passkey, "recoveryCredential": passkey], "recoveryCredential cannot hold a Fido2 credential"),
            ("extra-top", Self.edited(passkey) { $0["transports"] = ["internal"] }, "unexpected member \"transports\""),
            ("extra-info", Self.edited(passkey) { object in
                var info = object["credentialInfo"]!.objectValue!
                info["authenticatorData"] = "AAAA"
                object["credentialInfo"] = .object(info)
            }, "unexpected member \"credentialInfo.authenticatorData\""),
            ("other-challenge", SyntheticPasskey.make(challenge: "b3RoZXI", origin: SignFixture.origin), "(new.firstFactorCredential.challenge)"),
            ("other-origin", SyntheticPasskey.make(challenge: SignFixture.recoveryChallenge, origin: "https://evil.example.com"),
             "(new.firstFactorCredential.origin)"),
            ("other-rp", SyntheticPasskey.make(challenge: SignFixture.recoveryChallenge, origin: SignFixture.origin, rpId: "evil.example.com"),
             "(new.firstFactorCredential.rp-id)"),
        ]
        for (name, value, mentioning) in cases {
            let fx = try SignFixture()
            try fx.dir.write("\(name).json", JSONText.stringify(value))
            Self.expectRefused(try Self.sign(fx, "\(name).json", newKit: name != "fido2-recovery"), fx, mentioning: mentioning)
        }
    }

    /// A good passkey is signed with the new kit; the body passes rkit-verify.
    @Test func aGoodPasskeyIsSigned() throws {
        let fx = try SignFixture()
        try fx.dir.write("passkey.json", JSONText.stringify(try Self.passkey()))
        let result = try Self.sign(fx, "passkey.json", newKit: true)
        #expect(result.status == 0, "\(result.stderr)")
        let verified = try Fixtures.verifyBody(fx)
        #expect(verified.status == 0, "\(verified.stdout)")
    }
}

enum Fixtures {
    static func verifyBody(_ fx: SignFixture) throws -> ToolResult {
        try ToolRunner.rkit("rkit-verify", ["request", "body.json", "--kit", "kit.json", "--challenge", "challenge.json", "--json"],
                            currentDirectory: fx.dir.url)
    }
}
