import Foundation
import Testing
import RKitTestSupport
@testable import RecoveryKitCore

/// Real passkeys made by headless Chromium (Tests/Browser/fixtures, rewritten
/// by Tests/Browser/make-fixtures.sh) through rkit-sign and rkit-verify,
/// without a browser. Tests/Browser/run.sh makes fresh ones.
@Suite struct BrowserPasskeyTests {
    static let fixtures = ToolRunner.repositoryRoot.appendingPathComponent("Tests/Browser/fixtures")
    static let origin = "http://localhost:8431"
    static let files = ["kit.json", "code.txt", "challenge.json", "passkey-good.json", "passkey-good-extra-member.json",
                        "passkey-wrong-challenge.json", "passkey-other-origin.json", "body-good.json",
                        "body-good-extra-member.json", "body-wrong-challenge.json", "body-other-origin.json"]

    /// The fixtures in a fresh folder (code.txt 0600, as rkit wants a code file).
    static func folder() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        for name in files {
            let data = try Data(contentsOf: fixtures.appendingPathComponent(name))
            try data.write(to: dir.url.appendingPathComponent(name))
        }
        chmod(dir.file("code.txt"), 0o600)
        return dir
    }

    /// Signs with the passkey file confirmed by its SHA-256 (no terminal).
    static func sign(_ dir: TemporaryDirectory, _ passkey: String) throws -> ToolResult {
        let digest = Hex.encode(SHA256Digest.hash(Array(try Data(contentsOf: dir.url.appendingPathComponent(passkey)))))
        return try ToolRunner.rkit("rkit-sign", ["--kit", "kit.json", "--code-file", "code.txt", "--challenge", "challenge.json",
                                                 "--origin", origin, "--org-id", "or-browser-1", "--new-credentials", passkey, "--new-kit", "new-kit",
                                                 "--out", "body.json", "--accept-new-credentials", digest, "--allow-unverified-authenticator"], currentDirectory: dir.url)
    }

    static func verify(_ dir: TemporaryDirectory, _ body: String) throws -> ToolResult {
        try ToolRunner.rkit("rkit-verify", ["request", body, "--kit", "kit.json", "--challenge", "challenge.json", "--json"],
                            currentDirectory: dir.url)
    }

    /// The fixtures are what they claim: Chrome's client data for the
    /// challenge and origin in manifest.json, one with Chrome's extra member.
    @Test func fixturesAreGenuineChromeClientData() throws {
        let manifest = try JSONParser.parse(Array(try Data(contentsOf: Self.fixtures.appendingPathComponent("manifest.json"))))
        let passkeys = try #require(manifest["passkeys"]?.objectValue)
        #expect(passkeys.keys.count == 4)
        for (name, entry) in passkeys.members {
            let credential = try JSONParser.parse(Array(try Data(contentsOf: Self.fixtures.appendingPathComponent(name))))
            #expect(credential["credentialKind"] == "Fido2")
            let info = try #require(credential["credentialInfo"]?.objectValue)
            #expect(info.keys == ["credId", "attestationData", "clientData"], "member order as WebAuthnSigner.create writes it")
            let clientData = try Base64URL.decode(try #require(info["clientData"]?.stringValue))
            #expect(String(decoding: clientData, as: UTF8.self) == entry["clientDataJSON"]?.stringValue)
            let parsed = try JSONParser.parse(clientData)
            #expect(parsed["type"] == "webauthn.create")
            #expect(parsed["challenge"]?.stringValue == Base64URL.encode(utf8: try #require(entry["challenge"]?.stringValue)))
            #expect(parsed["origin"] == entry["origin"])
            #expect((parsed["other_keys_can_be_added_here"] != nil) == (entry["extraMember"]?.boolValue == true))
        }
        #expect(passkeys["passkey-good-extra-member.json"]?["extraMember"] == .bool(true))
        #expect(passkeys["passkey-good.json"]?["extraMember"] == .bool(false))
    }

    @Test(arguments: ["passkey-good.json", "passkey-good-extra-member.json"])
    func goodPasskeysAreSignedAndVerify(passkey: String) throws {
        let dir = try Self.folder()
        let signed = try Self.sign(dir, passkey)
        #expect(signed.status == 0, "\(signed.stderr)")
        let body = try JSONParser.parse(Array(try dir.read("body.json").utf8))
        #expect(body["newCredentials"]?["firstFactorCredential"] == (try JSONParser.parse(Array(try dir.read(passkey).utf8))))
        let verified = try Self.verify(dir, "body.json")
        #expect(verified.status == 0, "\(verified.stdout)")
    }

    @Test(arguments: ["body-good.json", "body-good-extra-member.json"])
    func goodBodiesFromTheNodeFrontendVerify(body: String) throws {
        let verified = try Self.verify(try Self.folder(), body)
        #expect(verified.status == 0, "\(verified.stdout)")
    }

    /// rkit-verify fails a body whose passkey was made against another
    /// challenge (it compares Fido2 client data with the recovery challenge).
    @Test func aWrongChallengePasskeyFailsVerification() throws {
        let verified = try Self.verify(try Self.folder(), "body-wrong-challenge.json")
        #expect(verified.status == 1)
        #expect(verified.stdout.contains("new.firstFactorCredential.challenge"))
    }

    /// Issue 14 finding 5: rkit-sign refuses a passkey made against
    /// another challenge or at another origin, before the code is read, and
    /// writes nothing; the review shows the failed check.
    @Test(arguments: [("passkey-wrong-challenge.json", "✗ challenge: carries challenge WTJndFlXNXZkR2hsY2kxamFHRnNiR1Z1WjJV, not base64url of the recovery challenge"),
                      ("passkey-other-origin.json", "✗ origin: made for origin http://localhost:8432, not http://localhost:8431")])
    func badPasskeysAreRefusedByRkitSign(passkey: String, shown: String) throws {
        let dir = try Self.folder()
        let signed = try Self.sign(dir, passkey)
        #expect(signed.status == 4, "\(signed.stderr)")
        #expect(signed.stderr.contains(shown), "\(signed.stderr)")
        // After the review, one line: the core rule set's refusal, naming the check.
        let last = signed.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.contains("firstFactorCredential refused (new.firstFactorCredential.\(passkey.contains("challenge") ? "challenge" : "origin"))"), "\(last)")
        #expect(signed.stdout.isEmpty)
        #expect(!dir.exists("body.json"))
        #expect(!dir.exists("new-kit"))
    }

    /// Issue 14 finding 5: rkit-verify compares a passkey's origin with the assertion's.
    @Test func anOtherOriginPasskeyFailsVerification() throws {
        let verified = try Self.verify(try Self.folder(), "body-other-origin.json")
        #expect(verified.status == 1)
        #expect(verified.stdout.contains("new.firstFactorCredential.origin"))
    }
}
