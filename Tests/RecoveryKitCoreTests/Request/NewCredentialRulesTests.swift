import Testing
import RKitTestSupport
@testable import RecoveryKitCore

/// Issue 20, finding 12: every rule of the one new-credential rule set
/// (Request/NewCredentials.swift, Attestation/AttestationChecks.swift,
/// Attestation/WebAuthn/) has a test that fails when the rule is gone: a
/// credential that breaks exactly that rule (and passes every other) is
/// refused naming that rule's check, and the unbroken credential passes.
/// The cases were found by a mutation pass (docs/THREAT-MODEL.md):
/// each rule was disabled alone and these suites run.
@Suite struct NewCredentialRulesTests {
    static let challengeText = "Y2gtcmVjb3Zlcnktc2Vzc2lvbi0x"
    static let origin = "https://app.example.com"
    static let rpId = "app.example.com"
    static let challenge = RecoveryChallenge(challenge: challengeText, temporaryAuthenticationToken: "t",
                                             user: .init(id: "us-1", name: "jo@example.com", displayName: nil),
                                             rp: .init(id: rpId, name: "Example"),
                                             allowedRecoveryCredentials: [.init(id: "a", encryptedRecoveryKey: "e")])

    /// The failed check of `credential` in `slot`, or nil when it passes.
    static func failure(_ credential: JSONValue, slot: String = NewCredentials.firstFactor) -> String? {
        var report = VerificationReport(item: "t")
        let evaluated = NewCredentials.evaluate(slot: slot, credential, challenge: challenge, origin: origin, into: &report)
        return evaluated.ok ? nil : evaluated.firstFailure?.name ?? "no checks"
    }

    static func passkey(challenge: String = challengeText, origin: String = origin, rpId: String = rpId, type: String = "webauthn.create",
                        crossOrigin: Bool = false) -> JSONValue {
        SyntheticPasskey.make(challenge: challenge, origin: origin, rpId: rpId, type: type, crossOrigin: crossOrigin)
    }

    static func edited(_ value: JSONValue, _ change: (inout JSONObject) -> Void) -> JSONValue {
        var object = value.objectValue!
        change(&object)
        return .object(object)
    }

    static func editedInfo(_ value: JSONValue, _ change: (inout JSONObject) -> Void) -> JSONValue {
        edited(value) { object in
            var info = object["credentialInfo"]!.objectValue!
            change(&info)
            object["credentialInfo"] = .object(info)
        }
    }

    /// A Key or RecoveryKey credential over exactly these client data bytes, validly signed.
    static func keyCredential(kind: KeyCredential.Kind = .key, clientData: String, key: P256PrivateKey = try! P256PrivateKey.generate(),
                              envelope: String? = nil, credId: String? = nil) throws -> JSONValue {
        let bytes = Array(clientData.utf8)
        let pem = key.publicKey.pem
        let fingerprint = AttestationData.fingerprint(clientDataHash: ClientData.hashHex(bytes), publicKeyPEM: pem)
        let attestation = AttestationData(publicKeyPEM: pem, signature: try key.signature(for: Array(fingerprint.utf8)), algorithm: "SHA256")
        let id = credId ?? envelope.map { CredentialID.of(envelopeText: $0) } ?? "k-1"
        return KeyCredential(kind: kind, credId: id, clientData: bytes, attestationData: Array(attestation.text.utf8),
                             encryptedPrivateKey: envelope).json
    }

    static func keyClientData(challenge: String = challengeText, origin: String? = origin, crossOrigin: Bool? = false,
                              type: String = "key.create") -> String {
        var members: [(String, JSONValue)] = [("type", .string(type)), ("challenge", .string(challenge))]
        if let origin { members.append(("origin", .string(origin))) }
        if let crossOrigin { members.append(("crossOrigin", .bool(crossOrigin))) }
        return JSONText.stringify(.object(JSONObject(members)))
    }

    // MARK: Fido2

    @Test func anUnbrokenPasskeyPasses() {
        #expect(Self.failure(Self.passkey()) == nil)
        #expect(Self.failure(Self.passkey(), slot: NewCredentials.secondFactor) == nil)
    }

    /// The review's first undefended rule: `credId` must be the credential
    /// ID inside the authenticator data.
    @Test func aPasskeysCredIdMustBeTheOneInItsAuthenticatorData() {
        let other = Self.editedInfo(Self.passkey()) { $0["credId"] = .string(Base64URL.encode(Array(SHA256Digest.hash(utf8: "other").prefix(16)))) }
        #expect(Self.failure(other) == "new.firstFactorCredential.credential-id")
    }

    /// The review's second undefended rule: crossOrigin true is refused,
    /// for a passkey and for a Key credential.
    @Test func crossOriginTrueIsRefused() throws {
        #expect(Self.failure(Self.passkey(crossOrigin: true)) == "new.firstFactorCredential.client-data")
        #expect(Self.failure(try Self.keyCredential(clientData: Self.keyClientData(crossOrigin: true))) == "new.firstFactorCredential.client-data")
        #expect(Self.failure(try Self.keyCredential(clientData: Self.keyClientData())) == nil)
    }

    @Test func eachPasskeyRuleRefusesItsBreak() {
        let cases: [(String, JSONValue, String)] = [
            ("type", Self.passkey(type: "webauthn.get"), "type"),
            ("challenge", Self.passkey(challenge: "another-challenge"), "challenge"),
            ("origin", Self.passkey(origin: "https://app.acrne.example"), "origin"),
            ("rpIdHash", Self.passkey(rpId: "evil.example"), "rp-id"),
            ("extra member", Self.edited(Self.passkey()) { $0["extra"] = "x" }, "structure"),
            ("extra info member", Self.editedInfo(Self.passkey()) { $0["extra"] = "x" }, "structure"),
            ("credentialName not a string", Self.edited(Self.passkey()) { $0["credentialName"] = .number(1) }, "structure"),
            ("unknown kind", Self.edited(Self.passkey()) { $0["credentialKind"] = "Fido3" }, "kind"),
            ("unverifiable kind", Self.edited(Self.passkey()) { $0["credentialKind"] = "Password" }, "kind"),
        ]
        for (name, credential, check) in cases {
            #expect(Self.failure(credential) == "new.firstFactorCredential.\(check)", "\(name)")
        }
        // A passkey cannot be the recovery credential.
        #expect(Self.failure(Self.passkey(), slot: NewCredentials.recovery) == "new.recoveryCredential.kind")
    }

    @Test func aPasskeyWithoutOriginIsRefused() {
        let clientData = JSONText.stringify(["type": "webauthn.create", "challenge": .string(Base64URL.encode(utf8: Self.challengeText))])
        let credential = Self.editedInfo(Self.passkey()) { $0["clientData"] = .string(Base64URL.encode(utf8: clientData)) }
        #expect(Self.failure(credential) == "new.firstFactorCredential.client-data")
    }

    /// The attestation statement's signature (a fixture whose signature was flipped).
    @Test func aPasskeyWhoseAttestationDoesNotVerifyIsRefused() throws {
        let fixture = try WebAuthnAttestationTests.json("packed-self-bad-signature")
        var report = VerificationReport(item: "t")
        let fixtureChallenge = RecoveryChallenge(challenge: "ch-rkit-fixture-0001", temporaryAuthenticationToken: "t",
                                                 user: .init(id: nil, name: "u", displayName: nil), rp: .init(id: "example.com", name: nil),
                                                 allowedRecoveryCredentials: [.init(id: "a", encryptedRecoveryKey: "e")])
        let bad = NewCredentials.evaluate(slot: NewCredentials.firstFactor, fixture, challenge: fixtureChallenge, origin: Self.origin, into: &report)
        #expect(bad.firstFailure?.name == "new.firstFactorCredential.attestation")
        var goodReport = VerificationReport(item: "t")
        let good = NewCredentials.evaluate(slot: NewCredentials.firstFactor, try WebAuthnAttestationTests.json("packed-self"),
                                           challenge: fixtureChallenge, origin: Self.origin, into: &goodReport)
        #expect(good.ok, "\(good.checks)")
    }

    // MARK: Key and RecoveryKey

    @Test func eachKeyRuleRefusesItsBreak() throws {
        let cases: [(String, JSONValue, String)] = [
            ("type", try Self.keyCredential(clientData: Self.keyClientData(type: "key.get")), "type"),
            ("challenge", try Self.keyCredential(clientData: Self.keyClientData(challenge: "another")), "challenge"),
            ("a Key's challenge as base64url", try Self.keyCredential(clientData: Self.keyClientData(challenge: Base64URL.encode(utf8: Self.challengeText))), "challenge"),
            ("origin", try Self.keyCredential(clientData: Self.keyClientData(origin: "https://app.acrne.example")), "origin"),
            ("signature", Self.editedInfo(try Self.keyCredential(clientData: Self.keyClientData())) { info in
                let other = try! Self.keyCredential(clientData: Self.keyClientData(challenge: "x"))
                info["attestationData"] = other["credentialInfo"]!["attestationData"]!
            }, "signature"),
        ]
        for (name, credential, check) in cases {
            #expect(Self.failure(credential) == "new.firstFactorCredential.\(check)", "\(name)")
        }
        // The SDK's Key form without origin or crossOrigin passes (a lint says so).
        #expect(Self.failure(try Self.keyCredential(clientData: Self.keyClientData(origin: nil, crossOrigin: nil))) == nil)
    }

    @Test func eachRecoveryKeyRuleRefusesItsBreak() throws {
        let key = try P256PrivateKey.generate()
        let envelope = try KeyEnvelope.seal(key, code: try RecoveryCode.generate(), username: "jo@example.com").text
        let slot = NewCredentials.recovery
        let good = try Self.keyCredential(kind: .recoveryKey, clientData: Self.keyClientData(), key: key, envelope: envelope)
        #expect(Self.failure(good, slot: slot) == nil)
        // A RecoveryKey may carry the challenge as base64url (the reference frontend).
        let frontend = try Self.keyCredential(kind: .recoveryKey, clientData: Self.keyClientData(challenge: Base64URL.encode(utf8: Self.challengeText)),
                                              key: key, envelope: envelope)
        #expect(Self.failure(frontend, slot: slot) == nil)
        let noOrigin = try Self.keyCredential(kind: .recoveryKey, clientData: Self.keyClientData(origin: nil, crossOrigin: nil), key: key, envelope: envelope)
        #expect(Self.failure(noOrigin, slot: slot) == "new.recoveryCredential.client-data")
        let otherId = try Self.keyCredential(kind: .recoveryKey, clientData: Self.keyClientData(), key: key, envelope: envelope, credId: "not-the-hash")
        #expect(Self.failure(otherId, slot: slot) == "new.recoveryCredential.credential-id")
        // A RecoveryKey in the first factor, a Key in the recovery slot.
        #expect(Self.failure(good) == "new.firstFactorCredential.kind")
        #expect(Self.failure(try Self.keyCredential(clientData: Self.keyClientData()), slot: slot) == "new.recoveryCredential.kind")
    }
}
