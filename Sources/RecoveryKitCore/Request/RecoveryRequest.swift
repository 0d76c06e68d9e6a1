/// The body of `POST /auth/recover/user` (docs/SCHEME.md §7):
///
/// ```
/// {"recovery":{"kind":"RecoveryKey","credentialAssertion":{"credId":…,"clientData":…,"signature":…}},
///  "newCredentials":{"firstFactorCredential":…,"secondFactorCredential":…?,"recoveryCredential":…?}}
/// ```
///
/// The assertion (a generic `KeyAssertion`) has as its client data
/// challenge base64url of the exact `newCredentials` text, so the kit's
/// key signs the credentials that will replace it.
public struct RecoveryRequest: Sendable {
    /// The recovery credential's `key.get` assertion.
    public let assertion: KeyAssertion
    public let newCredentials: JSONObject

    public var credId: String { assertion.credId }
    public var clientData: [UInt8] { assertion.clientData }
    public var signature: [UInt8] { assertion.signature }

    /// Signs `newCredentials` with the kit's private key: a `KeyAssertion`
    /// over base64url of their JavaScript serialisation.
    public static func sign(newCredentials: JSONObject, credId: String, privateKey: P256PrivateKey,
                            origin: String) throws -> RecoveryRequest {
        let text = JSONText.stringify(.object(newCredentials))
        let assertion = try KeyAssertion.sign(challenge: Base64URL.encode(utf8: text), credId: credId, privateKey: privateKey, origin: origin)
        return RecoveryRequest(assertion: assertion, newCredentials: newCredentials)
    }

    public init(assertion: KeyAssertion, newCredentials: JSONObject) {
        self.assertion = assertion
        self.newCredentials = newCredentials
    }

    public init(credId: String, clientData: [UInt8], signature: [UInt8], newCredentials: JSONObject) {
        self.init(assertion: KeyAssertion(credId: credId, clientData: clientData, signature: signature), newCredentials: newCredentials)
    }

    /// The whole body as JSON.
    public var json: JSONValue {
        [
            "recovery": [
                "kind": "RecoveryKey",
                "credentialAssertion": assertion.json,
            ],
            "newCredentials": .object(newCredentials),
        ]
    }

    /// The body text, exactly as JavaScript would serialise it.
    public var text: String { JSONText.stringify(json) }

    /// Reads a body. Shape errors name the field.
    public init(json: JSONValue) throws {
        let body = try json.requireObject("request body")
        let recovery = try body.object("recovery")
        let kind = try recovery.string("kind", at: "recovery")
        guard kind == "RecoveryKey" else {
            throw CredentialError.invalidValue(field: "recovery.kind", why: "expected \"RecoveryKey\"")
        }
        assertion = try KeyAssertion(json: try recovery.object("credentialAssertion", at: "recovery"), at: "recovery.credentialAssertion")
        newCredentials = try body.object("newCredentials")
        guard newCredentials[NewCredentials.firstFactor] != nil else {
            throw CredentialError.missingField("newCredentials.\(NewCredentials.firstFactor)")
        }
        for key in newCredentials.keys where !NewCredentials.slots.contains(key) {
            throw CredentialError.invalidValue(field: "newCredentials", why: "unknown member \"\(key.prefix(40))\"")
        }
    }

    /// Verifies the assertion: `key.get` client data, signed by
    /// `publicKey` (DER or raw r||s), whose challenge decodes to JSON equal
    /// to `newCredentials`. The throwing form of `checkAssertion` (the
    /// checks rkit-verify reports); throws `CheckFailed` naming the first
    /// failed check. Returns the client data and whether the challenge is
    /// also byte-identical to the JavaScript serialisation.
    public func verifyAssertion(publicKey: P256PublicKey) throws -> (clientData: ClientData, byteIdentical: Bool) {
        var report = VerificationReport(item: credId)
        let outcome = checkAssertion(publicKey: publicKey, into: &report)
        try report.requireOK()
        guard let clientData = outcome.clientData else { preconditionFailure("a passing assertion has client data") }
        return (clientData, outcome.byteIdentical)
    }

    /// What the assertion checks found: its client data (when readable) and
    /// whether the signed text is byte-identical to `newCredentials`.
    struct AssertionOutcome {
        /// Set only when the client data is usable (it names an origin, not cross-origin).
        var clientData: ClientData?
        var origin: String?
        var byteIdentical = false
    }

    /// The assertion, check by check (`assertion.*`, man/rkit-verify.1).
    func checkAssertion(publicKey: P256PublicKey, into report: inout VerificationReport) -> AssertionOutcome {
        var outcome = AssertionOutcome()
        // The generic key assertion checks, then what recovery adds: the
        // challenge is the new credentials.
        if let usable = assertion.check(publicKey: publicKey, into: &report) {
            outcome.clientData = usable
            outcome.origin = usable.origin
        }
        guard let parsed = outcome.clientData else { return outcome }
        guard let signedText = try? Base64URL.decode(parsed.challenge) else {
            report.fail("assertion.challenge", "the challenge is not base64url of the new credentials",
                        cause: CredentialError.invalidValue(field: "clientData.challenge", why: "not base64url of the new credentials"))
            return outcome
        }
        // What a JavaScript server compares: JSON.stringify of the signed
        // text, parsed, against JSON.stringify of the placed newCredentials,
        // byte for byte (key order and every character included).
        let placed = Array(JSONText.stringify(.object(newCredentials)).utf8)
        guard let signed = try? JSONParser.parse(signedText).objectValue,
              Array(JSONText.stringify(.object(signed)).utf8) == placed else {
            report.fail("assertion.challenge", "the signed challenge is not newCredentials byte for byte: they were changed after signing",
                        cause: CredentialError.changedAfterSigning)
            return outcome
        }
        let exact = signedText == placed
        outcome.byteIdentical = exact
        report.pass("assertion.challenge", exact
            ? "decodes to newCredentials, byte-identical to their JavaScript serialisation"
            : "decodes to newCredentials, byte-identical after JavaScript re-serialisation (the signed text has other whitespace)")
        if !exact {
            report.warn("lint.challenge-bytes", "the signed text differs from JSON.stringify(newCredentials) only in whitespace; a server comparing the raw decoded text would refuse it")
        }
        return outcome
    }

    /// Every new credential, by slot, in body order.
    public var credentials: [(slot: String, value: JSONValue)] {
        newCredentials.members.map { (slot: $0.key, value: $0.value) }
    }
}
