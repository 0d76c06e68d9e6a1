/// Checks a `POST /auth/recover/user` body (REFERENCE §7) against the kit
/// that signs it and, optionally, the recovery challenge response, and
/// reports every check by name (man/rkit-verify.1, CHECKS).
public struct RequestVerifier: Sendable {
    public static let fido2Create = "webauthn.create"

    public let publicKey: P256PublicKey
    /// The kit's credential ID and envelope (with `--kit`); nil with `--public-key`.
    public let credentialId: String?
    public let envelopeText: String?
    public let challenge: RecoveryChallenge?

    public init(publicKey: P256PublicKey, credentialId: String? = nil, envelopeText: String? = nil,
                challenge: RecoveryChallenge? = nil) {
        self.publicKey = publicKey
        self.credentialId = credentialId
        self.envelopeText = envelopeText
        self.challenge = challenge
    }

    public func verify(_ bytes: [UInt8], item: String) -> VerificationReport {
        var report = VerificationReport(item: item)
        let request: RecoveryRequest
        do {
            var body = try JSONParser.parse(bytes).requireObject("request body")
            // `kind` gets its own check; parse the rest whatever it says.
            if var recovery = body["recovery"]?.objectValue, let kind = recovery["kind"]?.stringValue {
                report.record("assertion.kind", kind == "RecoveryKey",
                              kind == "RecoveryKey" ? "RecoveryKey" : "expected \"RecoveryKey\", found \"\(kind.prefix(40))\"")
                recovery["kind"] = "RecoveryKey"
                body["recovery"] = .object(recovery)
            }
            request = try RecoveryRequest(json: .object(body))
        } catch {
            report.fail("structure", "\(error)")
            return report
        }
        report.pass("structure", "recovery assertion and \(request.newCredentials.members.count) new credential(s)")
        report.credentialId = request.credId

        if let credentialId {
            report.record("assertion.cred-id", request.credId == credentialId, request.credId == credentialId
                ? "the kit's credential ID" : "the assertion names \(request.credId.prefix(60)), the kit is \(credentialId)")
        }
        let origin = request.checkAssertion(publicKey: publicKey, into: &report).clientData?.origin
        checkAllowed(request, into: &report)
        if challenge == nil {
            report.warn("lint.no-challenge", "no --challenge: the new credentials' challenge and the allowed credential IDs were not checked")
        }
        for (slot, value) in request.credentials {
            checkNewCredential(slot: slot, value, origin: origin, into: &report)
        }
        return report
    }

    func checkAllowed(_ request: RecoveryRequest, into report: inout VerificationReport) {
        guard let challenge else { return }
        let entry = challenge.allowedRecoveryCredentials.first { $0.id == request.credId }
        report.record("challenge.allowed", entry != nil, entry != nil
            ? "credId is among allowedRecoveryCredentials"
            : "credId is not among the \(challenge.allowedRecoveryCredentials.count) allowedRecoveryCredentials")
        guard let entry else { return }
        let serverEnvelope = entry.encryptedRecoveryKey
        var problems: [String] = []
        if CredentialID.of(envelopeText: serverEnvelope) != entry.id { problems.append("its hash is not the credential ID") }
        if let envelopeText, envelopeText != serverEnvelope { problems.append("it differs from the kit's envelope") }
        report.record("challenge.envelope", problems.isEmpty, problems.isEmpty
            ? "the server's encryptedRecoveryKey belongs to the credential ID\(envelopeText == nil ? "" : " and is the kit's")"
            : "the server's encryptedRecoveryKey: " + problems.joined(separator: "; "))
    }

    func checkNewCredential(slot: String, _ value: JSONValue, origin: String?, into report: inout VerificationReport) {
        let prefix = "new.\(slot)."
        guard let kind = value["credentialKind"]?.stringValue else {
            report.fail(prefix + "structure", "missing or non-string credentialKind")
            return
        }
        if kind == "Fido2" {
            checkFido2(prefix: prefix, value, origin: origin, into: &report)
            return
        }
        guard KeyCredential.Kind(rawValue: kind) != nil else {
            report.warn("lint.unchecked-kind", "\(slot) is a \(kind.prefix(40)) credential; rkit checks only Key, RecoveryKey and Fido2")
            return
        }
        let credential: KeyCredential
        do { credential = try KeyCredential(json: value) } catch {
            report.fail(prefix + "structure", "\(error)")
            return
        }
        report.pass(prefix + "structure", "\(kind) credential \(credential.credId.prefix(60))")
        let outcome = AttestationChecks.run(credential, prefix: prefix, into: &report)
        if let clientData = outcome.clientData {
            checkChallenge(prefix: prefix, clientData.challenge, accepted: challenge.map { [$0.challenge] }, into: &report)
            if let origin, clientData.origin != origin {
                report.warn("lint.origin", "\(slot) was made for origin \(clientData.origin), the assertion for \(origin)")
            }
        }
        if let envelope = credential.encryptedPrivateKey {
            let computed = CredentialID.of(envelopeText: envelope)
            let readable = (try? KeyEnvelope(text: envelope)) != nil
            let ok = readable && computed == credential.credId
            report.record(prefix + "credential-id", ok, ok ? "base64url(SHA-256(envelope)) matches"
                : readable ? "credId is not the envelope's hash (\(computed))" : "the encryptedPrivateKey is not a readable envelope")
        }
    }

    /// A passkey made in a browser: its client data can be checked, its
    /// CBOR attestation object is not (rkit has no CBOR reader).
    func checkFido2(prefix: String, _ value: JSONValue, origin: String?, into report: inout VerificationReport) {
        guard let info = value["credentialInfo"]?.objectValue,
              let credId = info["credId"]?.stringValue,
              let clientDataText = info["clientData"]?.stringValue,
              info["attestationData"]?.stringValue != nil,
              let clientDataBytes = try? Base64URL.decode(clientDataText)
        else {
            report.fail(prefix + "structure", "a Fido2 credential needs credentialInfo with string credId, base64url clientData and attestationData")
            return
        }
        report.pass(prefix + "structure", "Fido2 credential \(credId.prefix(60))")
        report.warn("lint.fido2-attestation", "\(prefix.dropLast()) is a passkey: its client data is checked, its CBOR attestation object is not verified")
        let clientData: ClientData
        do { clientData = try ClientData(bytes: clientDataBytes) } catch {
            report.fail(prefix + "client-data", "\(error)")
            return
        }
        report.pass(prefix + "client-data", "origin \(clientData.origin)")
        report.record(prefix + "type", clientData.type == RequestVerifier.fido2Create, clientData.type == RequestVerifier.fido2Create
            ? RequestVerifier.fido2Create : "expected \"webauthn.create\", found \"\(clientData.type.prefix(40))\"")
        // WebAuthn carries base64url of the challenge bytes; Dfns's
        // challenge is a string, whose UTF-8 browsers are given.
        checkChallenge(prefix: prefix, clientData.challenge,
                       accepted: challenge.map { [$0.challenge, Base64URL.encode(utf8: $0.challenge)] }, into: &report)
    }

    func checkChallenge(prefix: String, _ found: String, accepted: [String]?, into report: inout VerificationReport) {
        guard let accepted else { return }
        let ok = accepted.contains(found)
        report.record(prefix + "challenge", ok, ok ? "carries the recovery challenge"
            : "carries challenge \(found.prefix(60)), not the recovery challenge")
    }
}
