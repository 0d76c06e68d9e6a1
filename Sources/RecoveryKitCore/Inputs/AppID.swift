/// A Dfns application ID as a kit may carry it (`ap-2ng9j-…`), sent as the
/// `X-DFNS-APPID` header: one word of ASCII letters, digits and dashes, at
/// most 64 bytes. Checked once here for a kit's `appId` (kit.json `appId`,
/// QR text `i`) and the option that sets it.
public enum AppID {
    public static let maxLength = 64

    public static func isValid(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= maxLength && text.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-": return true
            default: return false
            }
        }
    }
}
