/// The application origin placed in every client data (`--origin`). The
/// server compares it byte for byte with the app's origin, so rkit refuses
/// the forms that can never match: a path, a trailing slash, spaces.
public enum ApplicationOrigin {
    /// A reason `text` cannot be an origin, or nil when it looks right.
    public static func problem(_ text: String) -> String? {
        let schemes = ["https://", "http://"]
        guard let scheme = schemes.first(where: { text.hasPrefix($0) }) else {
            return "must start with https:// (e.g. https://app.example.com)"
        }
        let host = text.dropFirst(scheme.count)
        if host.isEmpty { return "has no host name" }
        if host.contains("/") { return "must be scheme and host only, without a path or trailing slash" }
        if text.contains(where: { $0.isWhitespace || $0.isNewline }) { return "contains a space" }
        if host.contains(where: { "?#@".contains($0) }) { return "must be scheme and host only (no query, fragment or user)" }
        return nil
    }
}
