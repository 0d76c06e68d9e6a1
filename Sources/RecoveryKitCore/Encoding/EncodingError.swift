/// Why a base64, base64url or hex text was refused. Positions are 1-based
/// into the text; the text itself is never repeated (it may be secret).
public enum EncodingError: RecoveryKitError, Equatable {
    case invalidCharacter(codec: String, position: Int)
    case invalidLength(codec: String, length: Int)
    case nonCanonical(codec: String)

    public var kind: FailureKind { .malformedInput }

    public var description: String {
        switch self {
        case let .invalidCharacter(codec, position): return "invalid \(codec): unexpected character at position \(position)"
        case let .invalidLength(codec, length): return "invalid \(codec): a length of \(length) characters is impossible"
        case let .nonCanonical(codec): return "invalid \(codec): not in canonical form (padding or unused bits)"
        }
    }
}
