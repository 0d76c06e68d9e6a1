/// Why a registration challenge could not be read.
public enum ChallengeError: RecoveryKitError, Equatable {
    case notUTF8
    case empty
    case json(JSONError)
    case notObject(String)
    case noChallengeField(keys: [String])
    /// Dfns's error answer saved in place of the challenge (`DfnsErrorBody`).
    case serverError(String)
    case challengeNotString(String)
    case controlCharacter(field: String)
    case fieldNotString(field: String, found: String)
    case emptyField(String)
    /// A `/auth/credentials/init` response (it has `challengeIdentifier`) without `kind`.
    case noKind
    /// A `/auth/credentials/init` response for another credential kind than RecoveryKey.
    case otherCredentialKind(String)
    case bareCharacter(position: Int)
    case tooLong(limit: Int)

    public var kind: FailureKind { .malformedInput }

    public var description: String {
        let expected = "give the JSON response of /auth/registration/init, /auth/registration/delegated or /auth/credentials/init, or the bare challenge string"
        switch self {
        case .notUTF8: return "the challenge is not UTF-8 text"
        case .empty: return "the challenge is empty; \(expected)"
        case let .json(error):
            if case .curlyQuote = error { return "\(error)" }
            return "\(error); \(expected)"
        case let .notObject(type): return "expected a JSON object with a \"challenge\" field, found \(type)"
        case let .noChallengeField(keys):
            let shown = keys.prefix(8).map { "\"\($0.prefix(30))\"" }.joined(separator: ", ")
            return "the JSON has no \"challenge\" field (it has \(keys.isEmpty ? "no fields" : shown)); \(expected)"
        case let .serverError(message): return DfnsErrorBody.describe(message)
        case let .challengeNotString(type): return "field \"challenge\" must be a string, found \(type)"
        case let .controlCharacter(field): return "field \"\(field)\" contains a control character"
        case let .fieldNotString(field, found): return "field \"\(field)\" must be a string, found \(found)"
        case let .emptyField(field): return "field \"\(field)\" is empty"
        case .noKind:
            return "the /auth/credentials/init response has a challengeIdentifier but no \"kind\"; give the whole response of POST /auth/credentials/init with {\"kind\":\"RecoveryKey\"}"
        case let .otherCredentialKind(kind):
            return "the /auth/credentials/init response is for a \(JSONText.quoted(String(kind.prefix(40)))) credential, not RecoveryKey; ask POST /auth/credentials/init with {\"kind\":\"RecoveryKey\"}"
        case let .bareCharacter(position):
            return "a bare challenge is one word of printable ASCII, but character \(position) is not; \(expected)"
        case let .tooLong(limit): return "a bare challenge longer than \(limit) bytes is not a challenge; \(expected)"
        }
    }
}
