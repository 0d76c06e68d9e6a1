/// Why an `--origin` was refused.
public enum OriginError: RecoveryKitError, Equatable {
    case noScheme, scheme(String), path(String), userInfo, port(String), noHost
    case hostCharacter(Character), nonASCIIHost, plainHTTP

    public var kind: FailureKind { .malformedInput }

    public var description: String {
        let example = "e.g. https://app.example.com"
        switch self {
        case .noScheme: return "an origin starts with https:// (\(example))"
        case let .scheme(s): return "an origin is https:// (or http://localhost), not \(s)://"
        case let .path(p): return "an origin has no path, query or fragment (found \"\(p)\"); give only scheme and host, \(example)"
        case .userInfo: return "an origin has no user name or password part (\"@\"); \(example)"
        case let .port(p): return "\"\(p)\" is not a port number (1-65535)"
        case .noHost: return "the origin has no host; \(example)"
        case let .hostCharacter(c): return "the origin's host contains \"\(c)\"; \(example)"
        case .nonASCIIHost: return "give an internationalized host in its ASCII (xn--) form, as browsers put it in the origin"
        case .plainHTTP: return "plain http:// is only allowed for localhost; use https://"
        }
    }
}
