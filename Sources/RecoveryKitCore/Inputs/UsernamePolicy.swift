/// What a username given for a new kit must be, and what is worth a
/// warning. The salt uses `toLowerCase().trim()` (docs/SCHEME.md §2), so case
/// and surrounding spaces do not change the kit, but they do change what
/// is printed and sent to the server later, so the person is told.
package enum UsernamePolicy {
    /// A legal username that is worth a second look.
    package enum Warning: Sendable, Equatable, CustomStringConvertible {
        case upperCase

        package var description: String {
            switch self {
            case .upperCase: return "the username has upper-case letters; the kit ignores case (it uses the lower-cased name), the paper shows it as given"
            }
        }
    }

    /// Refuses an empty name, control characters (they could not be typed
    /// back and would corrupt the printout) and surrounding JavaScript
    /// whitespace (the salt trims it, so a kit file carrying it names
    /// another text than the account's: issue 13 finding 4); returns
    /// warnings. The one rule for `--username` and a kit file's username.
    package static func check(_ username: String) throws -> [Warning] {
        guard !Username.trimmed(username).isEmpty else { throw UsernameError.empty }
        guard Username.trimmed(username).isByteIdentical(to: username) else { throw UsernameError.surroundingSpace }
        for (offset, scalar) in username.unicodeScalars.enumerated() where isControl(scalar) {
            throw UsernameError.controlCharacter(position: offset + 1)
        }
        var warnings: [Warning] = []
        if Username.lowercased(username) != username { warnings.append(.upperCase) }
        return warnings
    }

    /// C0, DEL, C1 and the JavaScript line terminators U+2028/U+2029.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }
}
