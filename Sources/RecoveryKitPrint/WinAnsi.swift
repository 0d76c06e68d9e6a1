/// WinAnsiEncoding (PDF 1.4 appendix D), the only text encoding available to
/// the non-embedded standard fonts.
///
/// Non-WinAnsi characters (Cyrillic, CJK, emoji, most accented Latin outside
/// Latin-1) cannot be drawn. Silently replacing them with `?` would print a
/// *different username* on a paper meant to be trusted for years, so instead
/// `displayable` writes each such character as `\u{XXXX}` (its Unicode code
/// point, the same notation Swift uses) and reports that it did, and the kit
/// prints a one-line note explaining the notation. The QR always carries the
/// exact text.
enum WinAnsi {
    /// Unicode scalars for codes 0x80...0x9F (the Windows-1252 block);
    /// 0 marks the five undefined codes.
    private static let high: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// The WinAnsi byte for a scalar, or nil if it cannot be shown.
    /// Control characters are not printable and return nil.
    static func code(for scalar: Unicode.Scalar) -> UInt8? {
        let v = scalar.value
        switch v {
        case 0x20...0x7E, 0xA0...0xFF: return UInt8(v)
        default:
            if let i = high.firstIndex(of: v), v != 0 { return UInt8(0x80 + i) }
            return nil
        }
    }

    /// Text as it can be shown in a standard font: unchanged if every scalar
    /// is in WinAnsi, otherwise with the others as `\u{XXXX}`.
    static func displayable(_ text: String) -> (text: String, escaped: Bool) {
        var out = ""
        var escaped = false
        for scalar in text.unicodeScalars {
            if code(for: scalar) != nil {
                out.unicodeScalars.append(scalar)
            } else {
                escaped = true
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return (out, escaped)
    }

    /// For Unicode outputs (SVG): only control characters, which cannot be
    /// seen (and are not even allowed in XML), are written as `\u{XXXX}`.
    static func visibleControls(_ text: String) -> (text: String, escaped: Bool) {
        var out = ""
        var escaped = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0..<0x20, 0x7F...0x9F, 0xFFFE, 0xFFFF:
                escaped = true
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return (out, escaped)
    }

    /// Bytes for a PDF string. Callers pass `displayable` text; anything left
    /// over is escaped the same way rather than dropped.
    static func encode(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        for scalar in displayable(text).text.unicodeScalars {
            bytes.append(code(for: scalar)!)
        }
        return bytes
    }
}
