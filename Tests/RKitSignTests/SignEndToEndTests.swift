import Foundation
import Testing
import RKitTestSupport
@testable import RecoveryKitCore

/// rkit-sign end to end: kits made by rkit (KitGenerator) and by the Node
/// reference frontend sign, and the bodies verify in the core, in Python
/// `cryptography` and in Node WebCrypto.
@Suite struct SignEndToEndTests {
    @Test func rkitKitSignsWithNewKeyAndNewKitAndVerifiesEverywhere() throws {
        let fx = try SignFixture()
        let result = try fx.sign(["--kit", "kit.json", "--challenge", "challenge.json", "--code-file", "code.txt",
                                  "--origin", SignFixture.origin, "--new-key", "new-key.pem", "--plain-new-key", "--new-kit", "new-kit",
                                  "--code-out", "new-code.txt", "--out", "body.json", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let body = try fx.dir.read("body.json")
        #expect(body.hasSuffix("}\n"))

        // Core.
        let request = try SignFixture.coreVerify(body: body, publicKey: try P256PublicKey(pem: fx.kit.publicKeyPEM!))
        #expect(request.credId == fx.kit.credentialId)
        #expect(request.newCredentials.keys == ["firstFactorCredential", "recoveryCredential"])
        // Python cryptography, including the written key file.
        let python = try fx.pythonVerify(extra: ["--key-file", fx.dir.file("new-key.pem")])
        #expect(python.status == 0, "\(python.stdout)")
        #expect(try JSONParser.parse(python.stdout)["byteIdentical"] == .bool(true))
        // Node WebCrypto.
        let node = try SignFixture.nodeVerify(body: body, publicKeyPEM: fx.kit.publicKeyPEM!)
        #expect(node.status == 0, "\(node.stdout)")
        #expect(try JSONParser.parse(node.stdout)["newCredentials"] == .number(2))

        // The new key: PKCS#8 PEM, 64 columns, 0600, and it is the first factor.
        let pem = try fx.dir.read("new-key.pem")
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----\n") && pem.hasSuffix("-----END PRIVATE KEY-----\n"))
        #expect(pem.split(separator: "\n").dropFirst().dropLast().allSatisfy { $0.count <= 64 })
        #expect(try mode(fx.dir.file("new-key.pem")) == 0o600)
        // The new kit opens with the code written to --code-out, and is the recoveryCredential.
        let newKit = try RecoveryKit.parse(Array(try fx.dir.read("new-kit/kit.json").utf8))
        let newCode = try RecoveryCode(parsing: try fx.dir.read("new-code.txt"))
        let reopened = try newKit.envelope.open(code: newCode, username: fx.username)
        #expect(newKit.orgId == "or-test-1")
        let recovery = try KeyCredential(json: request.newCredentials["recoveryCredential"]!)
        #expect(recovery.credId == newKit.credentialId)
        #expect(try recovery.verify().publicKey == reopened.publicKey)
        #expect(fx.dir.exists("new-kit/kit.pdf") && fx.dir.exists("new-kit/kit.txt"))
        #expect(try mode(fx.dir.file("new-code.txt")) == 0o600)

        // --json summary.
        let summary = try JSONParser.parse(result.stdout)
        #expect(summary["format"] == "rkit-sign-summary/1")
        #expect(summary["recoveryCredential"]?["credentialId"]?.stringValue == fx.kit.credentialId)
        #expect(summary["recoveryCredential"]?["envelopeFrom"] == "kit")
        #expect(summary["challenge"]?.stringValue == SignFixture.recoveryChallenge)
        #expect(summary["bodySha256"]?.stringValue == Hex.encode(SHA256Digest.hash(utf8: String(body.dropLast()))))
        let paths = summary["files"]?.arrayValue?.compactMap { $0["path"]?.stringValue } ?? []
        #expect(paths.contains("body.json") && paths.contains("new-key.pem") && paths.contains("new-kit/kit.json") && paths.contains("new-code.txt"))
        #expect(summary["warnings"] == .array([]))
        #expect(!result.stderr.contains("warning"))
    }

    @Test func kitQRTextSignsAndBodyGoesToStandardOutput() throws {
        let fx = try SignFixture()
        let result = try fx.sign(["--kit", "kit-qr.txt", "--challenge", "challenge.json", "--code-file", "-",
                                  "--origin", SignFixture.origin, "--new-key", "k.pem", "--plain-new-key"],
                                 stdin: fx.code.revealCanonicalText() + "\n")
        #expect(result.status == 0, "\(result.stderr)")
        _ = try SignFixture.coreVerify(body: result.stdout, publicKey: try P256PublicKey(pem: fx.kit.publicKeyPEM!))
        // No new recovery credential: warned on stderr.
        #expect(result.stderr.contains("warning: no new recovery credential"))
        #expect(fx.dir.listing().contains("k.pem"))
    }

    /// A kit made by the Node WebCrypto reference frontend: only the code
    /// and the credential ID are kept; the envelope is only in the challenge.
    @Test func referenceFrontendKitSignsWithCredentialIDOnly() throws {
        let fx = try SignFixture()
        let made = try ReferenceFrontend.run(["make-kit"], stdin: #"{"username":"  Ünïcode.User@Example.COM "}"#)
        #expect(made.status == 0, "\(made.stdout)")
        let kit = try JSONParser.parse(made.stdout)
        let id = kit["credentialId"]!.stringValue!, envelope = kit["encryptedPrivateKey"]!.stringValue!
        let publicKey = kit["publicKey"]!.stringValue!
        // The challenge names the user in other case: the same account to the salt.
        try fx.dir.write("challenge.json", SignFixture.challengeJSON(allowed: [(id, envelope)], username: "Ünïcode.User@Example.COM"))
        try fx.dir.write("node.pem", publicKey)
        // Typed as a person might: lower case, spaces instead of dashes.
        let typed = kit["code"]!.stringValue!.lowercased().replacingOccurrences(of: "-", with: " ")
        let result = try fx.sign(["--credential-id", id, "--username", "ünïcode.user@example.com", "--challenge", "challenge.json",
                                  "--code-file", "-", "--origin", SignFixture.origin, "--new-key", "key.pem", "--plain-new-key", "--new-kit", "kit2",
                                  "--org-id", "or-2", "--out", "body.json"], stdin: typed + "\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let body = try fx.dir.read("body.json")
        _ = try SignFixture.coreVerify(body: body, publicKey: try P256PublicKey(pem: publicKey))
        let node = try SignFixture.nodeVerify(body: body, publicKeyPEM: publicKey)
        #expect(node.status == 0, "\(node.stdout)")
        let python = try fx.pythonVerify(publicKeyPEM: "node.pem", extra: ["--key-file", fx.dir.file("key.pem")])
        #expect(python.status == 0, "\(python.stdout)")
        // The new kit is for the same account, as the reference frontend opens it.
        let newKit = try JSONParser.parse(try fx.dir.read("kit2/kit.json"))
        #expect(newKit["username"] == "ünïcode.user@example.com")
    }

    @Test func encryptedNewKeyIsPBES2WithAES256AndOpensInPython() throws {
        let fx = try SignFixture()
        try fx.dir.write("pass.txt", "a long passphrase, not in argv\n")
        let result = try fx.sign(["--kit", "kit.json", "--challenge", "challenge.json", "--code-file", "code.txt",
                                  "--origin", SignFixture.origin, "--new-key", "new-key.pem",
                                  "--new-key-passphrase-file", "pass.txt", "--out", "body.json"])
        #expect(result.status == 0, "\(result.stderr)")
        let pem = try fx.dir.read("new-key.pem")
        #expect(pem.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"))
        let parsed = try ToolRunner.external("openssl", ["asn1parse", "-in", fx.dir.file("new-key.pem")])
        for name in ["PBES2", "PBKDF2", "hmacWithSHA256", "aes-256-cbc"] { #expect(parsed.stdout.contains(name), "\(name)") }
        let python = try fx.pythonVerify(extra: ["--key-file", fx.dir.file("new-key.pem"), "--passphrase-file", fx.dir.file("pass.txt")])
        #expect(python.status == 0, "\(python.stdout)")
        try fx.dir.write("wrong.txt", "another passphrase\n")
        let wrong = try fx.pythonVerify(extra: ["--key-file", fx.dir.file("new-key.pem"), "--passphrase-file", fx.dir.file("wrong.txt")])
        #expect(wrong.status != 0)
    }

    /// --new-credentials: one first-factor object (a passkey made in a
    /// browser) or a whole newCredentials object, placed as given once the
    /// file is confirmed (--accept-new-credentials: its SHA-256).
    @Test func newCredentialsFromAFileArePlacedAndSigned() throws {
        let fx = try SignFixture()
        let passkey = JSONText.stringify(SyntheticPasskey.make(challenge: SignFixture.recoveryChallenge, origin: SignFixture.origin,
                                                               rpId: "app.example.com"))
        try fx.dir.write("passkey.json", passkey + "\n")
        let single = try fx.sign(["--kit", "kit.json", "--challenge", "challenge.json", "--code-file", "code.txt",
                                  "--origin", SignFixture.origin, "--new-credentials", "passkey.json", "--new-kit", "nk",
                                  "--accept-new-credentials", try fx.sha256("passkey.json"), "--allow-unverified-authenticator"])
        #expect(single.status == 0, "\(single.stderr)")
        let request = try SignFixture.coreVerify(body: single.stdout, publicKey: try P256PublicKey(pem: fx.kit.publicKeyPEM!))
        #expect(request.newCredentials["firstFactorCredential"] == (try JSONParser.parse(passkey)))
        #expect(request.newCredentials.keys == ["firstFactorCredential", "recoveryCredential"])
        let node = try SignFixture.nodeVerify(body: single.stdout, publicKeyPEM: fx.kit.publicKeyPEM!)
        #expect(node.status == 0, "\(node.stdout)")

        // A whole object that already has a first factor: --new-key cannot be a second one.
        try fx.dir.write("whole.json", #"{"secondFactorCredential":\#(passkey),"firstFactorCredential":\#(passkey)}"#)
        let conflict = try fx.sign(["--kit", "kit.json", "--challenge", "challenge.json", "--code-file", "code.txt",
                                    "--origin", SignFixture.origin, "--new-credentials", "whole.json", "--new-key", "x.pem", "--plain-new-key",
                                    "--accept-new-credentials", try fx.sha256("whole.json"), "--allow-unverified-authenticator"])
        #expect(conflict.status == 4)
        #expect(conflict.stderr.contains("already has a firstFactorCredential"))
        #expect(!fx.dir.exists("x.pem"))
        let whole = try fx.sign(["--kit", "kit.json", "--challenge", "challenge.json", "--code-file", "code.txt",
                                 "--origin", SignFixture.origin, "--new-credentials", "whole.json", "--out", "w.json",
                                 "--accept-new-credentials", try fx.sha256("whole.json"), "--allow-unverified-authenticator"])
        #expect(whole.status == 0, "\(whole.stderr)")
        let placed = try RecoveryRequest(json: try JSONParser.parse(try fx.dir.read("w.json")))
        #expect(placed.newCredentials.keys == ["firstFactorCredential", "secondFactorCredential"])
    }

    /// The server lists the kinds it accepts; a first or second factor of a
    /// kind it does not list is refused before anything is asked (issue 18:
    /// no warning-only path), nothing written.
    @Test func unsupportedKindsAreRefusedBeforeAnythingIsAsked() throws {
        let fx = try SignFixture()
        try fx.dir.write("challenge.json", SignFixture.challengeJSON(allowed: [(fx.kit.credentialId, fx.kit.envelope.text)],
                                                                     firstFactor: ["Key"]))
        // A passkey as the first factor where only Key is listed: the next step names --new-key.
        let before = fx.dir.listing()
        let result = try fx.sign(["--kit", "kit.json", "--challenge", "challenge.json", "--code-file", "code.txt",
                                  "--origin", SignFixture.origin, "--security-key", "unix:/nonexistent.sock", "--out", "b.json"])
        #expect(result.status == 4)
        #expect(result.stderr == "rkit-sign: the challenge accepts Key as the new first factor, not Fido2: recover with --new-key FILE; nothing was signed\n")
        #expect(fx.dir.listing() == before)
    }

    @Test func keyCredentialMadeAgainstAnotherChallengeIsRefused() throws {
        let fx = try SignFixture()
        let key = try P256PrivateKey.generate()
        let stale = try KeyCredential.make(kind: .key, credId: "a2V5LTE", privateKey: key, challenge: "b2xkLWNoYWxsZW5nZQ",
                                           origin: SignFixture.origin)
        try fx.dir.write("stale.json", JSONText.stringify(stale.json))
        let result = try fx.sign(["--kit", "kit.json", "--challenge", "challenge.json", "--code-file", "code.txt",
                                  "--origin", SignFixture.origin, "--new-credentials", "stale.json", "--out", "body.json"])
        #expect(result.status == 4)
        #expect(result.stderr.contains("another challenge"))
        #expect(!fx.dir.exists("body.json"))
    }

    /// recover --curl: the complete command for the body just signed, with
    /// the app ID from --app-id (never a placeholder).
    @Test func curlCommandUsesTheTokenAndTheAppID() throws {
        let fx = try SignFixture()
        let result = try fx.sign(["--kit", "kit.json", "--challenge", "challenge.json", "--code-file", "code.txt",
                                  "--new-key", "k.pem", "--plain-new-key", "--out", "body.json", "--curl", "--app-id", "ap-test-1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("'Authorization: Bearer \(SignFixture.token)'"))
        #expect(result.stdout.contains("'X-DFNS-APPID: ap-test-1'"))
        #expect(result.stdout.contains("--request POST --url 'https://api.dfns.io/auth/recover/user'"))
        #expect(result.stdout.contains("--data-binary '@body.json'"))
        // It is a valid shell command line (parsed, not run).
        let syntax = try ToolRunner.external("sh", ["-n", "-c", result.stdout])
        #expect(syntax.status == 0, "\(syntax.stderr)")
    }

    /// base64url IDs begin with "-" one time in 64: still the option's value.
    @Test func credentialIDStartingWithADashIsAValue() throws {
        let fx = try SignFixture()
        let result = try fx.sign(["--init-request", "--credential-id", "-dash-id", "--username", "a@b.c", "--org-id", "or-1",
                                  "--verification-code", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(#""credentialId":"-dash-id""#))
    }

    @Test func initAndCodeRequestBodies() throws {
        let fx = try SignFixture()
        let initBody = try fx.sign(["--init-request", "--kit", "kit-qr.txt", "--verification-code", " 123456 "])
        #expect(initBody.status == 0, "\(initBody.stderr)")
        #expect(initBody.stdout == #"{"username":"demo@example.com","verificationCode":"123456","orgId":"or-test-1","credentialId":"\#(fx.kit.credentialId)"}"# + "\n")
        let byID = try fx.sign(["--init-request", "--credential-id", "cr-1", "--username", "a@b.c", "--org-id", "or-9",
                                "--verification-code", "9"])
        #expect(byID.stdout == #"{"username":"a@b.c","verificationCode":"9","orgId":"or-9","credentialId":"cr-1"}"# + "\n")
        let missing = try fx.sign(["--init-request", "--kit", "kit.json"])
        #expect(missing.status == 2)
        let code = try fx.sign(["--code-request", "--kit", "kit.json"])
        #expect(code.stdout == #"{"username":"demo@example.com","orgId":"or-test-1"}"# + "\n")
    }

    private func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
    }
}

/// A kit folder written by the built rkit-generate signs as it is.
@Suite struct SignWithGeneratedKitTests {
    @Test func rkitGenerateKitSigns() throws {
        let fx = try SignFixture()
        let generated = try ToolRunner.rkit("rkit-generate", ["--username", "gen@example.com", "--org-id", "or-gen", "--out", "kit",
                                                              "--origin", SignFixture.origin, "--code-out", "gen-code.txt",
                                                              "--formats", "txt"], currentDirectory: fx.dir.url)
        #expect(generated.status == 0, "\(generated.stderr)")
        let kit = try RecoveryKit.parse(Array(try fx.dir.read("kit/kit.json").utf8))
        try fx.dir.write("challenge.json", SignFixture.challengeJSON(allowed: [(kit.credentialId, kit.envelope.text)], username: "gen@example.com"))
        try fx.dir.write("gen.pem", kit.publicKeyPEM!)
        let result = try fx.sign(["--kit", "kit/kit.json", "--challenge", "challenge.json", "--code-file", "gen-code.txt",
                                  "--origin", SignFixture.origin, "--new-key", "k.pem", "--plain-new-key", "--new-kit", "kit2", "--formats", "txt",
                                  "--out", "body.json"])
        #expect(result.status == 0, "\(result.stderr)")
        let body = try fx.dir.read("body.json")
        _ = try SignFixture.coreVerify(body: body, publicKey: try P256PublicKey(pem: kit.publicKeyPEM!))
        #expect(try fx.pythonVerify(publicKeyPEM: "gen.pem", extra: ["--key-file", fx.dir.file("k.pem")]).status == 0)
        #expect(try SignFixture.nodeVerify(body: body, publicKeyPEM: kit.publicKeyPEM!).status == 0)
        // The new kit is the same kind of folder rkit-generate writes.
        #expect(Set(fx.dir.listing()).isSuperset(of: ["kit", "kit2"]))
        let newKit = try JSONParser.parse(try fx.dir.read("kit2/kit.json"))
        #expect(newKit["format"] == "rkit-kit/1" && newKit["orgId"] == "or-gen")
        #expect(fx.dir.exists("kit2/kit.txt") && !fx.dir.exists("kit2/kit.pdf"))
        #expect(try FileManager.default.attributesOfItem(atPath: fx.dir.file("kit2/kit.txt"))[.posixPermissions] as? NSNumber == 0o600)
    }
}
