/// What to ask a security key for: one ES256 credential (a passkey) for a
/// relying party and user, over a client data hash the caller made. Values
/// are the WebAuthn ones (`PublicKeyCredentialCreationOptions`).
public struct PasskeyRequest: Sendable {
    /// `authenticatorSelection.residentKey` / `.userVerification` values.
    public enum Requirement: String, Sendable, CaseIterable {
        case required, preferred, discouraged
    }

    public let rpId: String
    public let rpName: String
    /// The user handle bytes (Dfns: the UTF-8 of the challenge's `user.id`).
    public let userId: [UInt8]
    public let userName: String
    public let userDisplayName: String
    /// SHA-256 of the client data JSON the caller will send.
    public let clientDataHash: [UInt8]
    public let residentKey: Requirement
    public let userVerification: Requirement
    /// Raw credential IDs the key must not already hold (excludeCredentials).
    public let excludeCredentials: [[UInt8]]

    public init(rpId: String, rpName: String, userId: [UInt8], userName: String, userDisplayName: String,
                clientDataHash: [UInt8], residentKey: Requirement, userVerification: Requirement,
                excludeCredentials: [[UInt8]]) {
        self.rpId = rpId
        self.rpName = rpName
        self.userId = userId
        self.userName = userName
        self.userDisplayName = userDisplayName
        self.clientDataHash = clientDataHash
        self.residentKey = residentKey
        self.userVerification = userVerification
        self.excludeCredentials = excludeCredentials
    }
}
