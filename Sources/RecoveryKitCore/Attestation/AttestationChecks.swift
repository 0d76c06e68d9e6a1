/// The one verifier of a key-pair attestation (docs/SCHEME.md §6a), shared by
/// kits (`attestation.*`), the new credentials of a request (`new.SLOT.*`)
/// and `KeyCredential.verify()` (its throwing form, used by rkit-sign and
/// rkit-generate's self-checks). Each part is checked on its own so a
/// report names the broken one.
enum AttestationChecks {
    struct Outcome {
        /// The attestation's public key, when its data could be read.
        var publicKey: P256PublicKey?
        var publicKeyPEM: String?
        var clientData: ClientData?
    }

    /// `expectedChallenge` (when known) only names the client data form in
    /// the lint line; the challenge itself is the caller's check.
    static func run(_ credential: KeyCredential, prefix: String, expectedChallenge: String? = nil,
                    into report: inout VerificationReport) -> Outcome {
        var outcome = Outcome()
        do {
            let parsed = try ClientData(bytes: credential.clientData)
            outcome.clientData = parsed
            let form = parsed.formDescription(challenge: expectedChallenge)
            if let problem = problem(parsed, kind: credential.kind) {
                report.fail(prefix + "client-data", problem, cause: CredentialError.invalidValue(field: "clientData", why: problem))
            } else {
                report.pass(prefix + "client-data", (parsed.origin.map { "origin \($0)" } ?? "no origin") + "; \(form)")
            }
            let typeOK = parsed.type.isByteIdentical(to: ClientData.create)
            let typeProblem = "expected \"key.create\", found \"\(parsed.type.prefix(40))\""
            report.record(prefix + "type", typeOK, typeOK ? "key.create" : typeProblem,
                          cause: CredentialError.invalidValue(field: "clientData.type", why: typeProblem))
            // The form is always in the detail above; a lint line says when
            // it is not the one rkit itself writes for this kind.
            if !parsed.isWrittenForm(KeyCredential.form(for: credential.kind), challenge: expectedChallenge) {
                report.warn("lint.client-data-form", "\(prefix)clientData is \(form)")
            }
        } catch {
            report.fail(prefix + "client-data", "\(error)", cause: error as? any RecoveryKitError)
        }

        let attestation: AttestationData
        let key: P256PublicKey
        do {
            attestation = try AttestationData(bytes: credential.attestationData)
            key = try P256PublicKey(pem: attestation.publicKeyPEM)
        } catch {
            report.fail(prefix + "data", "\(error)", cause: error as? any RecoveryKitError)
            return outcome
        }
        report.pass(prefix + "data", "public key, \(attestation.signature.count)-byte signature, "
                    + (attestation.algorithm == nil ? "no algorithm member (SDK BrowserKeySigner form)" : "algorithm SHA256"))
        outcome.publicKey = key
        outcome.publicKeyPEM = attestation.publicKeyPEM
        if key.pem != attestation.publicKeyPEM {
            report.warn("lint.pem-form", "\(prefix)publicKey is not the reference one-line PEM form (it is signed as given, so it stays valid)")
        }

        let clientDataHash = ClientData.hashHex(credential.clientData)
        let fingerprint = AttestationData.fingerprint(clientDataHash: clientDataHash, publicKeyPEM: attestation.publicKeyPEM)
        if let format = key.signatureFormat(attestation.signature, for: Array(fingerprint.utf8)) {
            report.pass(prefix + "fingerprint", "clientDataHash \(clientDataHash) with the PEM as given")
            report.pass(prefix + "signature", "ECDSA P-256/SHA-256 (\(format == .der ? "DER" : "raw r||s")) verifies")
            return outcome
        }
        // Diagnose a signer that signed other bytes than the ones it sent.
        if let variant = signedVariant(credential.clientData, attestation, key) {
            report.fail(prefix + "fingerprint", "the signature covers a fingerprint built from \(variant), not from the bytes as given",
                        cause: CredentialError.signatureInvalid("attestation"))
        } else {
            report.pass(prefix + "fingerprint", "clientDataHash \(clientDataHash) with the PEM as given")
        }
        report.fail(prefix + "signature", "the signature does not verify over the fingerprint under the attestation's public key",
                    cause: CredentialError.signatureInvalid("attestation"))
        return outcome
    }

    /// What makes key.create client data unusable whatever the challenge:
    /// a cross-origin flag, or a RecoveryKey without origin (only the SDK's
    /// Key form leaves origin and crossOrigin out).
    static func problem(_ clientData: ClientData, kind: KeyCredential.Kind) -> String? {
        if clientData.crossOrigin == true { return "crossOrigin is true: made inside another site's frame" }
        if clientData.origin == nil, kind == .recoveryKey { return "a RecoveryKey's client data must name its origin" }
        return nil
    }

    /// The received client data re-serialised with its members sorted (the
    /// form a re-sorting signer would have signed).
    static func sortedText(_ bytes: [UInt8]) -> [UInt8]? {
        guard let object = try? JSONParser.parse(bytes, maxDepth: 4).objectValue else { return nil }
        let sorted = JSONObject(object.members.sorted { Array($0.key.utf16).lexicographicallyPrecedes(Array($1.key.utf16)) })
        return Array(JSONText.stringify(.object(sorted)).utf8)
    }

    /// Which re-serialisation the signature does cover, if any.
    static func signedVariant(_ clientData: [UInt8], _ attestation: AttestationData, _ key: P256PublicKey) -> String? {
        let sorted = sortedText(clientData)
        var candidates: [(String, [UInt8], String)] = []
        if key.pem != attestation.publicKeyPEM {
            candidates.append(("the reference-form PEM", clientData, key.pem))
        }
        if let sorted, sorted != clientData {
            candidates.append(("re-sorted client data", sorted, attestation.publicKeyPEM))
            if key.pem != attestation.publicKeyPEM { candidates.append(("re-sorted client data and the reference-form PEM", sorted, key.pem)) }
        }
        for (name, bytes, pem) in candidates {
            let text = AttestationData.fingerprint(clientDataHash: ClientData.hashHex(bytes), publicKeyPEM: pem)
            if key.isValidSignature(attestation.signature, for: Array(text.utf8)) { return name }
        }
        return nil
    }
}
