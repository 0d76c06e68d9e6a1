/// What of a user-supplied text (username, org, origin) the paper shows as
/// it is and what it spells out as `\u{XXXX}` (its Unicode code point, the
/// notation Swift uses), with a note on the page. The one rule for the PDF
/// and the SVG.
///
/// Spelled out, never drawn: characters no font here has, control and
/// format characters (zero-width spaces and joiners, direction marks: they
/// change the name without showing) and spaces other than U+0020 (they look
/// like one). Right-to-left letters are spelled out too: the PDF has no
/// bidirectional reordering (that needs FriBidi, another library), and an
/// Arabic or Hebrew name beside "@example.com" would print in an order that
/// is not the one to type. rkit-generate refuses such a username before
/// making a kit (`firstRightToLeft`); a paper printed later (rkit-sign's new
/// kit) shows its code points rather than a wrong order.
public enum PaperText {
    /// The first right-to-left letter of `text`, if any (Hebrew, Arabic,
    /// Syriac, Thaana, N'Ko and the other right-to-left blocks).
    public static func firstRightToLeft(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first(where: isRightToLeft)
    }

    static func isRightToLeft(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0590...0x08FF,   // Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic, Arabic Extended
             0xFB1D...0xFDFF,   // Hebrew and Arabic presentation forms A
             0xFE70...0xFEFF,   // Arabic presentation forms B
             0x10800...0x10FFF, // historic right-to-left scripts
             0x1E800...0x1EFFF: // Mende Kikakui, Adlam, Arabic mathematical letters
            return scalar.value != 0xFEFF
        default:
            return false
        }
    }

    /// Seen as nothing or as a plain space, so spelled out wherever it is.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
            return true
        case .spaceSeparator:
            return scalar != " "
        default:
            return scalar.value == 0xFFFE || scalar.value == 0xFFFF
        }
    }

    /// `text` as the page shows it; `escaped` when anything was spelled out.
    /// `canShow` says whether the output can draw a character (nil: any).
    static func displayable(_ text: String, canShow: ((Character) -> Bool)?) -> (text: String, escaped: Bool) {
        var out = ""
        var escaped = false
        for character in text {
            let scalars = character.unicodeScalars
            let shown = !scalars.contains(where: isInvisible) && !scalars.contains(where: isRightToLeft)
                && (scalars.allSatisfy { WinAnsi.code(for: $0) != nil } || canShow?(character) ?? true)
            if shown {
                out.append(character)
            } else {
                escaped = true
                for scalar in scalars {
                    if WinAnsi.code(for: scalar) != nil && !isInvisible(scalar) {
                        out.unicodeScalars.append(scalar)
                    } else {
                        out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                    }
                }
            }
        }
        return (out, escaped)
    }
}
