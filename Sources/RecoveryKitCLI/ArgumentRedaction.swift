import RecoveryKitCore

/// Recovery codes given on the command line by mistake (issue 20, finding
/// 10: `--code-file="$CODE"`, or the code as a stray argument) never reach
/// a message: every argument, and the value after an option's `=`, that is
/// shaped like a recovery code is replaced by `[redacted]` in whatever a
/// person is shown (the `Output` chokepoint), be it rkit's own error, a path
/// named in one, or ArgumentParser's "Unexpected argument".
public enum ArgumentRedaction {
    /// The code-shaped texts of this process's arguments, longest first.
    public nonisolated(unsafe) static var secrets: [String] = []
    public static let replacement = "[redacted]"

    /// Collects the code-shaped pieces of `arguments` (once, at start).
    public static func collect(_ arguments: [String]) {
        var found: [String] = []
        for argument in arguments {
            var pieces = [argument]
            if let equals = argument.firstIndex(of: "=") { pieces.append(String(argument[argument.index(after: equals)...])) }
            for piece in pieces where isCodeShaped(piece) { found.append(piece) }
        }
        secrets = Array(Set(found)).sorted { $0.count > $1.count }
    }

    /// What a person is shown, with every collected code replaced.
    public static func redact(_ text: String) -> String {
        guard !secrets.isEmpty else { return text }
        var out = text
        for secret in secrets where out.contains(secret) { out = out.replacingAll(secret, with: replacement) }
        return out
    }

    /// A recovery code, or close to one: what `RecoveryCode(parsing:)`
    /// reads, or (with a typo) an optional `D1` prefix and 24 to 48 letters
    /// of the code alphabet in any case, with only `-`, `[`, `]` and blanks
    /// between them. A path (`/`), a file name (`.`) or a hex digest (64
    /// characters) is not.
    public static func isCodeShaped(_ text: String) -> Bool {
        if (try? RecoveryCode(parsing: text)) != nil { return true }
        // A Dfns ID (`cr-…`, `or-…`, `us-…`, `ap-…`) starts with a 2-letter
        // group; a code's first group, after an optional D1, has 5 or more.
        let groups = text.uppercased().split(whereSeparator: { "-[] \t".contains($0) })
        let first = groups.first == "D1" ? groups.dropFirst().first : groups.first
        if groups.count > 1, let first, first.count < 5 { return false }
        var symbols = Array(text.uppercased().unicodeScalars.filter { !"-[] \t".unicodeScalars.contains($0) })
        if symbols.count >= 2, symbols[0] == "D", symbols[1] == "1" { symbols.removeFirst(2) }
        guard (24...48).contains(symbols.count) else { return false }
        return symbols.allSatisfy { RecoveryCode.alphabet.contains(Character($0)) }
    }
}

extension String {
    /// Every occurrence of `target` replaced (no Foundation needed).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = "", rest = self[...]
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}
