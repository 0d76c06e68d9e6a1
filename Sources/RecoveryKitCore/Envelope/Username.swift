/// The username as the reference frontend feeds it to the salt:
/// JavaScript's `username.toLowerCase().trim()` (docs/SCHEME.md §2).
/// Swift's `lowercased()` differs from JavaScript (no Final_Sigma rule) and
/// `trimmingCharacters(in: .whitespaces)` uses another set, so both are
/// written out here from the ECMAScript and Unicode definitions.
public enum Username {
    /// JavaScript's WhiteSpace and LineTerminator code points (`trim`).
    static let javaScriptWhitespace: Set<UInt32> = [
        0x0009, 0x000A, 0x000B, 0x000C, 0x000D, 0x0020, 0x00A0, 0x1680,
        0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A,
        0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF,
    ]

    /// `toLowerCase()` then `trim()`.
    public static func normalized(_ username: String) -> String {
        trimmed(lowercased(username))
    }

    /// Whether two usernames are the same account as the salt sees them:
    /// equal UTF-8 bytes after `normalized` (so a change of case or
    /// surrounding JavaScript whitespace is no difference, and canonically
    /// equivalent but different bytes are one).
    public static func same(_ a: String, _ b: String) -> Bool {
        normalized(a).utf8.elementsEqual(normalized(b).utf8)
    }

    /// SHA-256 of the normalized username's UTF-8: the PBKDF2 salt.
    public static func salt(_ username: String) -> [UInt8] {
        SHA256Digest.hash(utf8: normalized(username))
    }

    /// Unicode default full lower-casing with the one context rule
    /// JavaScript applies (Final_Sigma: Σ at the end of a word becomes ς).
    public static func lowercased(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (i, scalar) in scalars.enumerated() {
            if scalar == "\u{03A3}" {
                out.append(isFinalSigma(scalars, at: i) ? "\u{03C2}" : "\u{03C3}")
            } else {
                out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return String(out)
    }

    /// JavaScript's `trim()`.
    public static func trimmed(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.trimming { javaScriptWhitespace.contains($0.value) }))
    }

    /// Unicode §3.13 Final_Sigma: preceded by a cased letter (skipping
    /// case-ignorables) and not followed by one.
    static func isFinalSigma(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        var before = index - 1
        while before >= 0, scalars[before].properties.isCaseIgnorable { before -= 1 }
        guard before >= 0, scalars[before].properties.isCased else { return false }
        var after = index + 1
        while after < scalars.count, scalars[after].properties.isCaseIgnorable { after += 1 }
        return !(after < scalars.count && scalars[after].properties.isCased)
    }

    /// When two names that differ look the same (Swift's == is canonical
    /// equivalence: an NFD "ë" typed for the account's NFC one, issue 19
    /// finding 4), the code points that tell them apart, and what to do.
    public static func lookAlikeNote(_ challenge: String, _ yours: String) -> String? {
        guard challenge == yours, !challenge.isByteIdentical(to: yours) else { return nil }
        func points(_ name: String) -> String {
            name.unicodeScalars.filter { !$0.isASCII }.prefix(8).map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: " ")
        }
        return "they look the same but are typed with different code points (challenge: \(points(challenge)); yours: \(points(yours))); give the kit (--kit) instead of typing the name, or copy the name from the challenge"
    }
}
