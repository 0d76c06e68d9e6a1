/// The `credentialName` of a credential rkit registers: required by
/// `CreateCredentialBody` (docs: minimum length 1), optional elsewhere
/// (docs/SCHEME.md §7.5, §7.6). Shown later in the account's credential
/// list, so it must be one line of text a person can read.
package enum CredentialName {
    /// The longest name accepted (characters); a name is a label, not a document.
    package static let maxLength = 200

    /// The name rkit gives a kit when none is asked for: it names the kit
    /// tag (the first 8 characters of the credential ID, printed on the
    /// paper kit), so the credential on the server and the paper match.
    package static func defaultName(credentialId: String) -> String {
        "rkit recovery kit \(credentialId.prefix(8))"
    }

    /// Refuses an empty name, control characters and overlong names.
    package static func validate(_ name: String) throws {
        guard !Username.trimmed(name).isEmpty else { throw CredentialError.invalidValue(field: "credentialName", why: "it is empty") }
        guard name.count <= maxLength else {
            throw CredentialError.invalidValue(field: "credentialName", why: "longer than \(maxLength) characters")
        }
        for (offset, scalar) in name.unicodeScalars.enumerated() where UsernamePolicy.isControl(scalar) {
            throw CredentialError.invalidValue(field: "credentialName", why: "control character at character \(offset + 1)")
        }
    }
}
