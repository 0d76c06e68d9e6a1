/// Why a username was refused.
public enum UsernameError: RecoveryKitError, Equatable {
    case empty
    case controlCharacter(position: Int)
    case surroundingSpace

    public var kind: FailureKind { .malformedInput }

    public var description: String {
        switch self {
        case .empty: return "the username is empty; give the account's e-mail address"
        case .surroundingSpace: return "the username has whitespace around it; give the account's e-mail address without it"
        case let .controlCharacter(position): return "the username has a control character (character \(position)); give the account's e-mail address as plain text"
        }
    }
}
