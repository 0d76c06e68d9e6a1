internal import COpenSSL

/// Failures of the primitive layer. OpenSSL's own error queue is drained
/// and summarised (never containing key material).
public enum CryptoError: RecoveryKitError, Equatable {
    case authenticationFailed
    case invalidKeyLength(expected: Int, got: Int)
    case invalidIVLength
    case openSSL(operation: String, reason: String)
    case randomUnavailable

    public var kind: FailureKind {
        switch self {
        case .authenticationFailed: return .wrongSecret
        case .invalidKeyLength, .invalidIVLength: return .malformedInput
        case .openSSL, .randomUnavailable: return .system
        }
    }

    public var description: String {
        switch self {
        case .authenticationFailed:
            return "decryption failed: the authentication tag does not match (wrong key, or the data was changed)"
        case let .invalidKeyLength(expected, got):
            return "key must be \(expected) bytes, got \(got)"
        case .invalidIVLength:
            return "the IV must be at least 1 byte long"
        case let .openSSL(operation, reason):
            return "OpenSSL failed in \(operation): \(reason)"
        case .randomUnavailable:
            return "the system random number generator is not available"
        }
    }

    /// Builds an `.openSSL` error from OpenSSL's error queue and clears it.
    static func fromQueue(_ operation: String) -> CryptoError {
        var reason = "unknown error"
        let code = ERR_get_error()
        if code != 0, let text = ERR_reason_error_string(code) {
            reason = String(cString: text)
        }
        ERR_clear_error()
        return .openSSL(operation: operation, reason: reason)
    }
}
