/// What kind of failure an error is, so a command line can map it to one
/// documented exit code without looking at messages.
public enum FailureKind: Sendable, Equatable {
    /// The input could not be read as what it claims to be (bad JSON, bad
    /// base64, a key on another curve, a code with a forbidden character).
    case malformedInput
    /// A secret did not fit: the recovery code or the username is wrong.
    case wrongSecret
    /// Well-formed input whose cryptographic check failed (signature,
    /// credential ID, envelope that does not belong to a key).
    case verificationFailed
    /// OpenSSL or the system refused an operation that should not fail.
    case system
}

/// Every error the core throws: a typed value with a message a person can
/// act on. Messages never contain a secret (code, key, derived key).
public protocol RecoveryKitError: Error, CustomStringConvertible, Sendable {
    var kind: FailureKind { get }
}
