/// Why a WebAuthn attestation object, authenticator data or COSE key was
/// refused. Offsets are 0-based into the named field; content is never
/// repeated except short names (format, COSE numbers).
public enum WebAuthnError: RecoveryKitError, Equatable {
    /// The field is not well-formed CBOR.
    case malformedCBOR(field: String, CBORError)
    /// The field ends before a part that must be there.
    case truncated(field: String, offset: Int, needed: Int, available: Int)
    /// Bytes follow the last part the flags announce.
    case trailingBytes(field: String, offset: Int, count: Int)
    case missingField(String)
    case wrongType(field: String, expected: String, found: String)
    /// A member that the attestation object or statement does not define.
    case unexpectedField(String)
    /// An attestation's authenticator data without a credential (flag AT clear).
    case missingAttestedCredential
    /// Credential IDs are at most 1023 bytes (WebAuthn §6.5.1).
    case credentialIdTooLong(length: Int)
    /// A COSE key other than EC2 / P-256 / ES256, with what it declares.
    case unsupportedKey(keyType: Int64?, algorithm: Int64?, curve: Int64?)
    case invalidKey(field: String, why: String)
    /// Format `none` with a non-empty statement.
    case statementNotEmpty(format: String)
    /// Packed self attestation whose `alg` is not the credential key's.
    case algorithmMismatch(statement: Int64, credentialKey: Int64)
    /// The certificate at this index of `x5c` is not DER X.509.
    case certificateUnreadable(index: Int)
    /// The attestation signature does not verify.
    case signatureInvalid(format: String)
    /// The leaf certificate's FIDO AAGUID extension names another authenticator
    /// model than the authenticator data (WebAuthn §8.2.1).
    case certificateAAGUIDMismatch(certificate: String, authenticatorData: String)

    public var kind: FailureKind {
        switch self {
        case .signatureInvalid, .certificateAAGUIDMismatch: return .verificationFailed
        default: return .malformedInput
        }
    }

    public var description: String {
        switch self {
        case let .malformedCBOR(field, error): return "\(field): \(error)"
        case let .truncated(field, offset, needed, available):
            return "\(field) ends early: \(needed) byte(s) needed at offset \(offset), \(available) left"
        case let .trailingBytes(field, offset, count):
            return "\(field) has \(count) unexpected byte(s) from offset \(offset)"
        case let .missingField(field): return "missing field \"\(field)\""
        case let .wrongType(field, expected, found): return "field \"\(field)\" must be \(expected), found \(found)"
        case let .unexpectedField(field): return "unexpected field \"\(field.prefix(40))\""
        case .missingAttestedCredential:
            return "the authenticator data carries no credential (flag AT is not set)"
        case let .credentialIdTooLong(length): return "the credential ID is \(length) bytes; WebAuthn allows at most 1023"
        case let .unsupportedKey(keyType, algorithm, curve):
            return "the credential key is \(COSENames.describe(keyType: keyType, algorithm: algorithm, curve: curve)); rkit accepts only EC2 P-256 keys for ES256 (-7)"
        case let .invalidKey(field, why): return "the credential key's \(field) is invalid: \(why)"
        case let .statementNotEmpty(format): return "attestation format \"\(format)\" must have an empty statement"
        case let .algorithmMismatch(statement, key):
            return "the self-attestation algorithm \(COSENames.algorithm(statement)) is not the credential key's \(COSENames.algorithm(key))"
        case let .certificateUnreadable(index): return "attestation certificate \(index) (x5c[\(index)]) is not a DER X.509 certificate"
        case let .signatureInvalid(format): return "the \(format) attestation signature does not verify"
        case let .certificateAAGUIDMismatch(certificate, data):
            return "the attestation certificate is for authenticator model \(certificate), the authenticator data says \(data)"
        }
    }
}

/// Names of the COSE numbers (IANA COSE registry) for messages.
enum COSENames {
    static func keyType(_ value: Int64) -> String {
        switch value {
        case 1: return "OKP (1)"
        case 2: return "EC2 (2)"
        case 3: return "RSA (3)"
        case 4: return "Symmetric (4)"
        default: return "key type \(value)"
        }
    }

    static func algorithm(_ value: Int64) -> String {
        switch value {
        case -7: return "ES256 (-7)"
        case -8: return "EdDSA (-8)"
        case -35: return "ES384 (-35)"
        case -36: return "ES512 (-36)"
        case -37: return "PS256 (-37)"
        case -47: return "ES256K (-47)"
        case -257: return "RS256 (-257)"
        case -65535: return "RS1 (-65535)"
        default: return "algorithm \(value)"
        }
    }

    static func curve(_ value: Int64) -> String {
        switch value {
        case 1: return "P-256 (1)"
        case 2: return "P-384 (2)"
        case 3: return "P-521 (3)"
        case 6: return "Ed25519 (6)"
        case 7: return "Ed448 (7)"
        case 8: return "secp256k1 (8)"
        default: return "curve \(value)"
        }
    }

    static func describe(keyType: Int64?, algorithm: Int64?, curve: Int64?) -> String {
        [keyType.map(COSENames.keyType) ?? "no key type",
         algorithm.map(COSENames.algorithm) ?? "no algorithm",
         curve.map(COSENames.curve) ?? "no curve"].joined(separator: ", ")
    }
}
