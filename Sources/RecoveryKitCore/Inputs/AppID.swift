/// A Dfns application ID as a kit may carry it (`ap-2ng9j-…`), sent as the
/// `X-DFNS-APPID` header: one word of ASCII letters, digits and dashes, at
/// most 64 bytes. Checked once here for a kit's `appId` (kit.json `appId`,
/// QR text `i`) and the option that sets it.
package enum AppID {
    package static let maxLength = DfnsIdentifier.maxLength

    package static func isValid(_ text: String) -> Bool { DfnsIdentifier.isValid(text) }
}
