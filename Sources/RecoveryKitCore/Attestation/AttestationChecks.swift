/// The one verifier of a key-pair attestation (REFERENCE §6), shared by
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

    static func run(_ credential: KeyCredential, prefix: String, into report: inout VerificationReport) -> Outcome {
        var outcome = Outcome()
        do {
            let parsed = try ClientData(bytes: credential.clientData)
            outcome.clientData = parsed
            report.pass(prefix + "client-data", "origin \(parsed.origin), challenge \(parsed.challenge.prefix(60))")
            let typeProblem = "expected \"key.create\", found \"\(parsed.type.prefix(40))\""
            report.record(prefix + "type", parsed.type == ClientData.create, parsed.type == ClientData.create ? "key.create" : typeProblem,
                          cause: CredentialError.invalidValue(field: "clientData.type", why: typeProblem))
            if !ClientData.isSortedForm(credential.clientData) {
                report.warn("lint.client-data-order", "\(prefix)clientData is not the sorted compact form Dfns documents; a server that re-serialises it would hash other bytes (rkit hashes the bytes as given)")
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
        report.pass(prefix + "data", "public key, \(attestation.signature.count)-byte signature, algorithm SHA256")
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

    /// Which re-serialisation the signature does cover, if any.
    static func signedVariant(_ clientData: [UInt8], _ attestation: AttestationData, _ key: P256PublicKey) -> String? {
        let sorted = (try? ClientData(bytes: clientData))?.bytes
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
