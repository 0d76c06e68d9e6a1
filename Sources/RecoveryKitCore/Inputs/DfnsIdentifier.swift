/// The lexical rule Dfns's identifiers share as rkit accepts them (an org
/// ID `or-…`, an app ID `ap-…`): one word of ASCII letters, digits and
/// dashes, at most 64 bytes. Quotes, angle brackets, spaces and controls
/// never belong to one. Decided once here; `OrgID` and `AppID` name it.
package enum DfnsIdentifier {
    package static let maxLength = 64

    package static func isValid(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= maxLength && text.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-": return true
            default: return false
            }
        }
    }
}
