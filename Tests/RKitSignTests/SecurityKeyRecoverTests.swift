import Foundation
import Testing
import RKitTestSupport
@testable import RecoveryKitCore

/// `rkit-sign recover --security-key unix:…` end to end (issue 18): a
/// software FIDO2 key (soft-fido2) makes the passkey through libfido2, the
/// body passes rkit-verify request, Yubico's python-fido2 Fido2Server
/// registers the passkey from the body (the challenge's UTF-8, rp.id, the
/// kit's origin, user verification required), and the same key signs in.
@Suite(.serialized) struct SecurityKeyRecoverTests {
    static func recover(_ fx: SignFixture, _ key: SoftSecurityKey, extra: [String] = []) throws -> ToolResult {
        try fx.dir.write("pin.txt", SoftSecurityKey.pin + "\n")
        return try fx.sign(["recover", "--kit", "kit.json", "--code-file", "code.txt", "--challenge", "challenge.json",
                            "--security-key", key.device, "--security-key-pin-file", "pin.txt", "--out", "body.json"] + extra)
    }

    @Test func passkeyOnTheSecurityKeyRegistersAndSignsIn() throws {
        let fx = try SignFixture()
        let key = try SoftSecurityKey()
        try fx.dir.write("challenge.json", SignFixture.challengeJSON(allowed: [(fx.kit.credentialId, fx.kit.envelope.text)], firstFactor: ["Fido2"]))
        let result = try Self.recover(fx, key, extra: ["--new-kit", "new-kit"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("rkit-sign: security key: "))
        #expect(result.stderr.contains("AAGUID 00000000-0000-0000-0000-000000000000, PIN set"))
        #expect(result.stderr.contains("rkit-sign: touch the security key now"))
        #expect(result.stderr.contains("certificate subject "))
        #expect(result.stderr.contains("firstFactorCredential (Fido2)"))

        let body = try JSONParser.parse(Array(try fx.dir.read("body.json").utf8))
        let first = body["newCredentials"]?["firstFactorCredential"]
        #expect(first?["credentialKind"]?.stringValue == "Fido2")
        let clientData = try Base64URL.decode(first?["credentialInfo"]?["clientData"]?.stringValue ?? "")
        #expect(String(decoding: clientData, as: UTF8.self)
            == #"{"type":"webauthn.create","challenge":"\#(Base64URL.encode(utf8: SignFixture.recoveryChallenge))","origin":"\#(SignFixture.origin)","crossOrigin":false}"#)
        // Conveyance none: the statement is replaced, as browsers do.
        let object = try AttestationObject(bytes: try Base64URL.decode(first?["credentialInfo"]?["attestationData"]?.stringValue ?? ""))
        #expect(object.format == "none")

        let verified = try ToolRunner.rkit("rkit-verify", ["request", "--kit", "kit.json", "--challenge", "challenge.json", "body.json"],
                                           currentDirectory: fx.dir.url)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")

        let registered = try SoftSecurityKey.judge(["register", "--body", fx.dir.file("body.json"), "--challenge", fx.dir.file("challenge.json"),
                                                   "--origin", SignFixture.origin, "--out", fx.dir.file("cred.json")])
        #expect(registered.status == 0, "\(registered.stderr)")
        let signedIn = try SoftSecurityKey.judge(["signin", "--socket", key.socketPath, "--pin", SoftSecurityKey.pin,
                                                 "--credential", fx.dir.file("cred.json"), "--origin", SignFixture.origin])
        #expect(signedIn.status == 0, "\(signedIn.stderr)")
        #expect(signedIn.stdout.hasPrefix("ok: the security key signed in to app.example.com"))
    }

    @Test func directAttestationKeepsTheKeysStatement() throws {
        let fx = try SignFixture()
        let key = try SoftSecurityKey()
        let challenge = SignFixture.challengeJSON(allowed: [(fx.kit.credentialId, fx.kit.envelope.text)], firstFactor: ["Fido2"])
            .replacingOccurrences(of: #""attestation": "none""#, with: #""attestation": "direct""#)
        try fx.dir.write("challenge.json", challenge)
        let result = try Self.recover(fx, key)
        #expect(result.status == 0, "\(result.stderr)")
        let body = try JSONParser.parse(Array(try fx.dir.read("body.json").utf8))
        let data = body["newCredentials"]?["firstFactorCredential"]?["credentialInfo"]?["attestationData"]?.stringValue ?? ""
        #expect(try AttestationObject(bytes: try Base64URL.decode(data)).format == "packed")
    }

    /// The judge can say no: a body made for another relying party is refused by Fido2Server.
    @Test func theJudgeRefusesAPasskeyForAnotherRelyingParty() throws {
        let fx = try SignFixture()
        let key = try SoftSecurityKey()
        try fx.dir.write("challenge.json", SignFixture.challengeJSON(allowed: [(fx.kit.credentialId, fx.kit.envelope.text)], firstFactor: ["Fido2"]))
        #expect(try Self.recover(fx, key).status == 0)
        try fx.dir.write("other.json", SignFixture.challengeJSON(allowed: [(fx.kit.credentialId, fx.kit.envelope.text)], rpId: "example.com"))
        let registered = try SoftSecurityKey.judge(["register", "--body", fx.dir.file("body.json"), "--challenge", fx.dir.file("other.json"),
                                                   "--origin", SignFixture.origin, "--out", fx.dir.file("cred.json")])
        #expect(registered.status == 1)
        #expect(registered.stderr.contains("Wrong RP ID hash"))
    }

    @Test func aKeyFirstFactorAgainstAFido2OnlyChallengeIsRefusedWithNothingWritten() throws {
        let fx = try SignFixture()
        try fx.dir.write("challenge.json", SignFixture.challengeJSON(allowed: [(fx.kit.credentialId, fx.kit.envelope.text)], firstFactor: ["Fido2"]))
        let before = fx.dir.listing()
        let result = try fx.sign(["recover", "--kit", "kit.json", "--code-file", "code.txt", "--challenge", "challenge.json",
                                  "--new-key", "new-key.pem", "--plain-new-key", "--new-kit", "new-kit", "--out", "body.json"])
        #expect(result.status == 4)
        #expect(result.stderr == "rkit-sign: the challenge accepts Fido2 as the new first factor, not Key: recover with --security-key (a passkey on your security key); nothing was signed\n")
        #expect(fx.dir.listing() == before)
    }

    @Test func aWrongPinSaysHowManyTriesAreLeftAndWritesNothing() throws {
        let fx = try SignFixture()
        let key = try SoftSecurityKey()
        try fx.dir.write("wrong.txt", "000000\n")
        let before = fx.dir.listing()
        let result = try fx.sign(["recover", "--kit", "kit.json", "--code-file", "code.txt", "--challenge", "challenge.json",
                                  "--security-key", key.device, "--security-key-pin-file", "wrong.txt", "--out", "body.json"])
        #expect(result.status == 5)
        #expect(result.stderr.contains("rkit-sign: wrong PIN for the security key; "))
        #expect(result.stderr.contains("tries left before the key locks; nothing was signed"))
        #expect(fx.dir.listing() == before)
    }

    @Test func noKeyPluggedInIsSaidBeforeAnythingIsAsked() throws {
        let fx = try SignFixture()
        let result = try fx.sign(["recover", "--kit", "kit.json", "--code-file", "code.txt", "--challenge", "challenge.json",
                                  "--security-key", "unix:\(fx.dir.file("nobody.sock"))", "--out", "body.json"])
        #expect(result.status == 4)
        #expect(result.stderr.split(separator: "\n").last?.hasPrefix("rkit-sign: cannot open security key unix:") == true)
        #expect(!result.stderr.contains("touch the security key now"))
        #expect(!fx.dir.exists("body.json"))
    }

    @Test func aBareSecurityKeyOptionMeansTheOnePluggedIn() throws {
        let fx = try SignFixture()
        // No key is plugged into the machine running the tests (no hidraw FIDO device).
        let result = try fx.sign(["recover", "--kit", "kit.json", "--code-file", "code.txt", "--challenge", "challenge.json",
                                  "--security-key", "--out", "body.json"])
        #expect(result.status == 4)
        #expect(result.stderr == "rkit-sign: no FIDO2 security key is plugged in: plug in your security key (or name it: --security-key /dev/hidrawN); nothing was signed\n")
    }

    /// docs/THREAT-MODEL.md: the online machine never chooses, sees or
    /// holds the new login. The key pair is made inside the security key
    /// (its public key is in no input), the PIN goes nowhere but the key,
    /// and what is written for the online machine holds only public parts.
    @Test func theOnlineMachineNeverChoosesSeesOrHoldsTheNewLogin() throws {
        let fx = try SignFixture()
        let key = try SoftSecurityKey()
        try fx.dir.write("challenge.json", SignFixture.challengeJSON(allowed: [(fx.kit.credentialId, fx.kit.envelope.text)], firstFactor: ["Fido2"]))
        let inputs = Set(fx.dir.listing() + ["pin.txt"])
        let result = try Self.recover(fx, key, extra: ["--new-kit", "new-kit"])
        #expect(result.status == 0, "\(result.stderr)")
        // Written: the body for the online machine, and the new kit (kept offline). No key file.
        #expect(Set(fx.dir.listing()).subtracting(inputs) == ["body.json", "new-kit"])
        let bodyText = try fx.dir.read("body.json")
        #expect(!bodyText.contains("PRIVATE KEY"))
        #expect(!bodyText.contains(SoftSecurityKey.pin) && !result.stderr.contains(SoftSecurityKey.pin) && !result.stdout.contains(SoftSecurityKey.pin))
        let body = try JSONParser.parse(Array(bodyText.utf8))
        let info = try #require(body["newCredentials"]?["firstFactorCredential"]?["credentialInfo"]?.objectValue)
        #expect(info.keys == ["credId", "clientData", "attestationData"])
        let passkey = try AttestationObject(bytes: try Base64URL.decode(info["attestationData"]?.stringValue ?? ""))
        // The public key came from the key: it is in no file the online machine gave.
        let publicKey = Base64URL.encode(passkey.credential.publicKey.publicKey.spkiDER)
        let credentialId = Base64URL.encode(passkey.credential.credentialId)
        for input in inputs where input != "new-kit" {
            let text = (try? fx.dir.read(input)) ?? ""
            #expect(!text.contains(publicKey) && !text.contains(credentialId), "\(input) names the new login")
        }
        // The key signed it (user present and verified), for the challenge's relying party.
        #expect(passkey.authenticatorData.rpIdHash == SHA256Digest.hash(utf8: "app.example.com"))
    }

    @Test func aNewKeyFileIsEncryptedByDefaultAndNeedsAPassphrase() throws {
        let fx = try SignFixture()
        let base = ["recover", "--kit", "kit.json", "--code-file", "code.txt", "--challenge", "challenge.json", "--new-key", "new-key.pem", "--out", "body.json"]
        // No terminal, no passphrase file, no --plain-new-key: refused before the code, nothing written.
        let before = fx.dir.listing()
        let refused = try fx.sign(base)
        #expect(refused.status == 2)
        #expect(refused.stderr.hasSuffix("rkit-sign: no terminal to ask the --new-key file's passphrase: give --new-key-passphrase-file FILE, or --plain-new-key to write it unencrypted; nothing was signed\n"), "\(refused.stderr)")
        #expect(fx.dir.listing() == before)
        try fx.dir.write("short.txt", "eleven char\n")
        let short = try fx.sign(base + ["--new-key-passphrase-file", "short.txt"])
        #expect(short.status == 4)
        #expect(short.stderr.hasSuffix("is shorter than 12 characters; nothing was signed\n"))
        try fx.dir.write("pass.txt", "twelve chars\n")
        let made = try fx.sign(base + ["--new-key-passphrase-file", "pass.txt"])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(try fx.dir.read("new-key.pem").hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"))
    }

    /// What a person sees on a terminal: the PIN prompt with the tries
    /// left, a wrong PIN asked again (not echoed), the touch line, then the code.
    @Test func onATerminalAWrongPinIsAskedAgain() throws {
        let fx = try SignFixture()
        let key = try SoftSecurityKey()
        let code = fx.code.revealCanonicalText()
        let argv = [ToolRunner.productsDirectory.appendingPathComponent("rkit-sign").path, "recover", "--kit", "kit.json",
                    "--challenge", "challenge.json", "--security-key", key.device, "--out", "body.json"]
        // pty-drive.py answers in order (a repeated prompt gets the next answer).
        let driver = ToolRunner.repositoryRoot.appendingPathComponent("Tests/Hostile/pty-drive.py").path
        let session = try ToolRunner.run(try ToolRunner.locate("python3"), [driver, "--expect", "tries left): ", "--send", "999999",
                                                                            "--expect", "tries left): ", "--send", SoftSecurityKey.pin,
                                                                            "--expect", "Recovery code: ", "--send", code, "--"] + argv,
                                         currentDirectory: fx.dir.url)
        #expect(session.status == 0, "\(session.stdout)")
        let screen = session.stdout
        #expect(screen.contains("rkit-sign: wrong PIN; "), "\(screen)")
        #expect(screen.contains("tries left before the key locks; type it again"))
        #expect(!screen.contains("999999") && !screen.contains(SoftSecurityKey.pin) && !screen.contains(code), "a secret was echoed")
        let order = ["PIN of the security key (", "rkit-sign: wrong PIN", "PIN of the security key (", "touch the security key now",
                     "the security key made this passkey", "Recovery code: "]
        var rest = Substring(screen)
        for mark in order {
            guard let found = rest.range(of: mark) else { Issue.record("\(mark) missing or out of order:\n\(screen)"); break }
            rest = rest[found.upperBound...]
        }
        #expect(fx.dir.exists("body.json"))
    }
}
