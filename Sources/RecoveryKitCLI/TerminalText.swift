/// The one sanitizer for every untrusted string shown to a person
/// (usernames, relying party IDs, origins, credential kinds, certificate
/// subjects, tokens): text from the online machine must not be able to
/// move the cursor, erase or recolour a line, reorder what follows, or
/// hide characters, so what is shown is what the bytes are.
///
/// Escaped, each as `\u{HEX}` (upper-case hex of the Unicode scalar, at
/// least two digits, e.g. `\u{1B}`, `\u{202E}`, `\u{E0041}`):
/// - C0 controls U+0000–U+001F (tab and newline included: a shown value
///   is one line), DEL U+007F, C1 controls U+0080–U+009F (U+009B is a CSI);
/// - bidi controls: U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069;
/// - every other format character (general category Cf: zero-width
///   space/joiners, soft hyphen, BOM, tag characters, …) and every default
///   ignorable code point (variation selectors, Hangul fillers, …);
/// - line and paragraph separators U+2028, U+2029, and every space other
///   than U+0020 (NO-BREAK SPACE and others look like a space but are not);
/// - private-use and unassigned code points (the terminal's font decides
///   what they look like).
/// A backslash is shown as `\\`, so an escape in the output always means an
/// escaped character, never a look-alike typed by the sender.
///
/// Two uses: `sanitize` where a message quotes an input (the value shown
/// escaped, backslashes doubled), and `backstop` at the chokepoints
/// (`Output.error`, `Output.errorLines`, `Output.show`, rkit-verify's report
/// lines), which escapes whatever control is left and leaves sanitized text
/// as it is, so nothing raw reaches a terminal even from a message that
/// forgot to sanitize: Tests/RKitHostileTests/TerminalInjectionTests.
public enum TerminalText {
    /// `text` made safe for a terminal. With `maxLength`, at most that many
    /// characters (Unicode scalars) of escaped text are kept, never cutting
    /// an escape, and `…` (U+2026) is appended when anything was dropped.
    public static func sanitize(_ text: String, maxLength: Int? = nil) -> String {
        var out = String.UnicodeScalarView()
        var shown = 0
        for scalar in text.unicodeScalars {
            let piece = escape(scalar)
            if let maxLength, shown + piece.count > maxLength {
                out.append("\u{2026}")
                return String(out)
            }
            out.append(contentsOf: piece)
            shown += piece.count
        }
        return String(out)
    }

    /// A line made safe at the last moment: every scalar `needsEscape`
    /// picks (a newline included, so a line stays one line) escaped as
    /// `sanitize` would, but backslashes left alone, so text already
    /// sanitized passes unchanged (idempotent).
    public static func backstop(_ line: String) -> String {
        guard line.unicodeScalars.contains(where: needsEscape) else { return line }
        var out = String.UnicodeScalarView()
        for scalar in line.unicodeScalars {
            if scalar == "\\" { out.append(scalar) } else { out.append(contentsOf: escape(scalar)) }
        }
        return String(out)
    }

    /// Whether `scalar` is shown escaped.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 || (0x7f...0x9f).contains(value) { return true }
        if value < 0x7f { return false }
        if value == 0x061c || value == 0x200e || value == 0x200f
            || (0x202a...0x202e).contains(value) || (0x2066...0x2069).contains(value) { return true }
        let properties = scalar.properties
        if properties.isDefaultIgnorableCodePoint { return true }
        switch properties.generalCategory {
        case .format, .control, .lineSeparator, .paragraphSeparator, .spaceSeparator,
             .privateUse, .unassigned, .surrogate:
            return true
        default:
            return false
        }
    }

    static func escape(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        if scalar == "\\" { return ["\\", "\\"] }
        guard needsEscape(scalar) else { return [scalar] }
        var hex = String(scalar.value, radix: 16, uppercase: true)
        if hex.count < 2 { hex = "0" + hex }
        return Array("\\u{\(hex)}".unicodeScalars)
    }
}
