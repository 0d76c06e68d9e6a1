/// A WebAuthn attestation object (WebAuthn §6.5): the CBOR map
/// `{"fmt": text, "attStmt": map, "authData": bytes}`, as a browser's
/// `AuthenticatorAttestationResponse.attestationObject` gives it.
/// Read strictly: exactly these three members, the authenticator data
/// carrying a credential with an ES256 P-256 key, and for `none` an empty
/// statement. `verify` checks what can be checked offline.
package struct AttestationObject: Sendable {
    /// Formats in the IANA "WebAuthn Attestation Statement Format
    /// Identifiers" registry.
    package static let registeredFormats: Set<String> = [
        "packed", "tpm", "android-key", "android-safetynet", "fido-u2f", "apple", "none", "compound",
    ]

    package let bytes: [UInt8]
    package let format: String
    package let statement: CBORMap
    package let authenticatorData: AuthenticatorData

    /// The credential in the authenticator data (always present: an
    /// attestation without one is refused).
    package var credential: AttestedCredentialData { authenticatorData.attestedCredential! }

    package init(bytes: [UInt8]) throws {
        let field = "attestationObject"
        let value: CBORValue
        do { value = try CBOR.decode(bytes) } catch let error as CBORError {
            throw WebAuthnError.malformedCBOR(field: field, error)
        }
        guard let map = value.mapValue else { throw WebAuthnError.wrongType(field: field, expected: "a map", found: value.typeName) }
        for (key, _) in map.entries {
            guard let name = key.textValue, ["fmt", "attStmt", "authData"].contains(where: { $0.utf8.elementsEqual(name.utf8) }) else {
                throw WebAuthnError.unexpectedField("\(field).\(key.textValue ?? key.typeName)")
            }
        }
        func member(_ name: String) throws -> CBORValue {
            guard let value = map[name] else { throw WebAuthnError.missingField("\(field).\(name)") }
            return value
        }
        let fmt = try member("fmt"), attStmt = try member("attStmt"), authData = try member("authData")
        guard let format = fmt.textValue else {
            throw WebAuthnError.wrongType(field: "\(field).fmt", expected: "a text string", found: fmt.typeName)
        }
        guard let statement = attStmt.mapValue else {
            throw WebAuthnError.wrongType(field: "\(field).attStmt", expected: "a map", found: attStmt.typeName)
        }
        guard let authDataBytes = authData.bytesValue else {
            throw WebAuthnError.wrongType(field: "\(field).authData", expected: "a byte string", found: authData.typeName)
        }
        let authenticatorData = try AuthenticatorData(bytes: authDataBytes)
        guard authenticatorData.attestedCredential != nil else { throw WebAuthnError.missingAttestedCredential }
        if format == "none" && statement.count != 0 { throw WebAuthnError.statementNotEmpty(format: format) }
        self.bytes = bytes
        self.format = format
        self.statement = statement
        self.authenticatorData = authenticatorData
    }

    /// Verifies the statement against the exact client data bytes the
    /// browser returned (the signed message is authenticator data ||
    /// SHA-256(clientDataJSON), WebAuthn §8.2). Throws
    /// `WebAuthnError.signatureInvalid` when a signature rkit checks does
    /// not verify, and a typed error when a packed statement is malformed.
    package func verify(clientDataJSON: [UInt8]) throws -> AttestationVerdict {
        switch format {
        case "none": return .none
        case "packed": return try verifyPacked(message: authenticatorData.bytes + SHA256Digest.hash(clientDataJSON))
        default:
            let registered = AttestationObject.registeredFormats.contains(where: { $0.utf8.elementsEqual(format.utf8) })
            return .notVerified(format: format, reason: registered ? .formatNotSupported : .unknownFormat)
        }
    }

    /// `packed` (WebAuthn §8.2): `{alg, sig}` for self attestation, or
    /// `{alg, sig, x5c}` signed by the leaf certificate's key.
    func verifyPacked(message: [UInt8]) throws -> AttestationVerdict {
        let field = "attStmt"
        for (key, _) in statement.entries {
            guard let name = key.textValue, ["alg", "sig", "x5c"].contains(where: { $0.utf8.elementsEqual(name.utf8) }) else {
                throw WebAuthnError.unexpectedField("\(field).\(key.textValue ?? key.typeName)")
            }
        }
        guard let algValue = statement["alg"] else { throw WebAuthnError.missingField("\(field).alg") }
        guard let alg = algValue.intValue else {
            throw WebAuthnError.wrongType(field: "\(field).alg", expected: "an integer", found: algValue.typeName)
        }
        guard let sigValue = statement["sig"] else { throw WebAuthnError.missingField("\(field).sig") }
        guard let sig = sigValue.bytesValue else {
            throw WebAuthnError.wrongType(field: "\(field).sig", expected: "a byte string", found: sigValue.typeName)
        }
        guard let x5cValue = statement["x5c"] else {
            let key = credential.publicKey
            guard alg == key.algorithm else { throw WebAuthnError.algorithmMismatch(statement: alg, credentialKey: key.algorithm) }
            // ES256 signatures in WebAuthn are DER; raw r||s is refused.
            guard key.publicKey.signatureFormat(sig, for: message) == .der else {
                throw WebAuthnError.signatureInvalid(format: "packed")
            }
            return .selfAttestation
        }
        guard let x5c = x5cValue.arrayValue, !x5c.isEmpty else {
            throw WebAuthnError.wrongType(field: "\(field).x5c", expected: "a non-empty array of certificates", found: x5cValue.typeName)
        }
        var certificates: [X509Certificate] = []
        for (index, item) in x5c.enumerated() {
            guard let der = item.bytesValue else {
                throw WebAuthnError.wrongType(field: "\(field).x5c[\(index)]", expected: "a byte string", found: item.typeName)
            }
            guard let certificate = try? X509Certificate(der: der) else { throw WebAuthnError.certificateUnreadable(index: index) }
            certificates.append(certificate)
        }
        let leaf = certificates[0]
        guard alg == COSEKey.es256 else { return .notVerified(format: format, reason: .algorithm(alg)) }
        guard leaf.p256PublicKey != nil else { return .notVerified(format: format, reason: .certificateKey(leaf.publicKeyType)) }
        guard leaf.isValidES256Signature(sig, for: message) else { throw WebAuthnError.signatureInvalid(format: "packed") }
        return .certificate(subject: leaf.subject, issuer: leaf.issuer, chainLength: certificates.count)
    }
}
