/// Why an envelope could not be read or opened.
public enum EnvelopeError: RecoveryKitError, Equatable {
    case notBase64(String)
    case notJSON(String)
    case missingField(String)
    case badField(String, String)
    case wrongCodeOrUsername
    case notAPrivateKey(String)

    public var kind: FailureKind {
        switch self {
        case .wrongCodeOrUsername: return .wrongSecret
        default: return .malformedInput
        }
    }

    public var description: String {
        switch self {
        case let .notBase64(why): return "the encrypted private key is not base64: \(why)"
        case let .notJSON(why): return "the encrypted private key does not hold the expected JSON: \(why)"
        case let .missingField(name): return "the encrypted private key has no \"\(name)\" field"
        case let .badField(name, why): return "the encrypted private key's \"\(name)\" field is invalid: \(why)"
        case .wrongCodeOrUsername:
            return "the recovery code or the username is wrong (the envelope did not open); check both against the kit"
        case let .notAPrivateKey(why): return "the envelope opened but does not hold a P-256 private key: \(why)"
        }
    }
}
