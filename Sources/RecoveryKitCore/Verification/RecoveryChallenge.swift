/// The parts of the recovery challenge response (`POST /auth/recover/user/init`
/// or `/delegated`, REFERENCE §7) a request is checked against.
public struct RecoveryChallenge: Sendable {
    public struct AllowedCredential: Sendable {
        public let id: String
        /// The server's copy of the envelope.
        public let encryptedRecoveryKey: String?
    }

    public let challenge: String
    public let allowedRecoveryCredentials: [AllowedCredential]

    public init(challenge: String, allowedRecoveryCredentials: [AllowedCredential]) {
        self.challenge = challenge
        self.allowedRecoveryCredentials = allowedRecoveryCredentials
    }

    public init(bytes: [UInt8]) throws {
        let object = try JSONParser.parse(bytes).requireObject("recovery challenge response")
        challenge = try object.string("challenge")
        guard let list = object["allowedRecoveryCredentials"] else {
            throw CredentialError.missingField("allowedRecoveryCredentials")
        }
        guard let entries = list.arrayValue else {
            throw CredentialError.wrongType(field: "allowedRecoveryCredentials", expected: "an array")
        }
        allowedRecoveryCredentials = try entries.enumerated().map { index, entry in
            let path = "allowedRecoveryCredentials[\(index)]"
            let fields = try entry.requireObject(path)
            let key = fields["encryptedRecoveryKey"]
            guard key == nil || key?.stringValue != nil else {
                throw CredentialError.wrongType(field: "\(path).encryptedRecoveryKey", expected: "a string")
            }
            return AllowedCredential(id: try fields.string("id", at: path), encryptedRecoveryKey: key?.stringValue)
        }
    }
}
