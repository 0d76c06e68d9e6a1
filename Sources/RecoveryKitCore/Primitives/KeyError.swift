/// Why a key could not be used. Never includes key bytes.
public enum KeyError: RecoveryKitError, Equatable {
    case notDER(String)
    case notECKey(String)
    case wrongCurve(String)
    case notOnCurve
    case compressedPoint
    case keyPairMismatch
    case notPEM(String)

    public var kind: FailureKind { .malformedInput }

    public var description: String {
        switch self {
        case let .notDER(what): return "the \(what) is not valid DER; expected a P-256 key as exported by WebCrypto"
        case let .notECKey(found): return "the key is \(found), not an elliptic-curve key; recovery keys are ECDSA P-256"
        case let .wrongCurve(found): return "the key is on curve \(found); recovery keys must be on P-256 (prime256v1)"
        case .notOnCurve: return "the public key is not a point on the P-256 curve"
        case .compressedPoint: return "the public key uses a compressed point; rkit expects the uncompressed form WebCrypto exports"
        case .keyPairMismatch: return "the private key's embedded public key does not belong to it"
        case let .notPEM(why): return "not a PEM public key: \(why)"
        }
    }
}
