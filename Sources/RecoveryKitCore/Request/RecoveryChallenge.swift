/// The response of `POST /auth/recover/user/init` (or `/delegated`),
/// carried to the offline machine (docs/SCHEME.md §7). Only what recovery needs
/// is read; other members are ignored.
///
/// Required: `challenge`, `temporaryAuthenticationToken`,
/// `allowedRecoveryCredentials`, `user` with a `name` and `rp` with an `id`
/// (issue 20, finding 7: without them the user check, the
/// origin-versus-relying-party check and the rpIdHash check would vanish).
/// `supportedCredentialKinds` is optional but must have the documented
/// type when present.
///
/// Sizes are bounded when read (issue 20, finding 8): a text longer than
/// `Limits` is refused here, before any code is asked or any KDF runs.
public struct RecoveryChallenge: Sendable, Equatable {
    /// The largest texts a real init response carries, with room to spare.
    public enum Limits {
        /// The whole response, in bytes.
        public static let document = 256 << 10
        /// `challenge` (a Dfns challenge is under 100 characters).
        public static let challenge = 1024
        /// `temporaryAuthenticationToken` (a JWT of a few hundred bytes).
        public static let token = 16 << 10
        /// Any other text: IDs, names, an envelope.
        public static let text = 4096
        /// `allowedRecoveryCredentials` entries.
        public static let allowedCredentials = 64
    }

    /// A recovery credential the server allows, with its copy of the envelope.
    public struct AllowedCredential: Sendable, Equatable {
        public let id: String
        /// The server's copy of the envelope, exactly as received.
        public let encryptedRecoveryKey: String
    }

    /// The `user` member: whom the recovery is for (used for a warning only).
    public struct User: Sendable, Equatable {
        public let id: String?
        public let name: String?
        public let displayName: String?
    }

    /// The `rp` member: the relying party the origin should belong to.
    public struct RelyingParty: Sendable, Equatable {
        public let id: String?
        public let name: String?
    }

    public let challenge: String
    public let temporaryAuthenticationToken: String
    public let user: User?
    public let rp: RelyingParty?
    /// `supportedCredentialKinds.firstFactor` (nil when absent).
    public let firstFactorKinds: [String]?
    /// `supportedCredentialKinds.secondFactor` (nil when absent).
    public let secondFactorKinds: [String]?
    public let allowedRecoveryCredentials: [AllowedCredential]
    /// The whole response as read (nil when built in code): what a passkey's
    /// creation options are read from (`PasskeyOptions`).
    public let json: JSONValue?

    public init(challenge: String, temporaryAuthenticationToken: String, user: User? = nil, rp: RelyingParty? = nil,
                firstFactorKinds: [String]? = nil, secondFactorKinds: [String]? = nil,
                allowedRecoveryCredentials: [AllowedCredential]) {
        self.challenge = challenge
        self.temporaryAuthenticationToken = temporaryAuthenticationToken
        self.user = user
        self.rp = rp
        self.firstFactorKinds = firstFactorKinds
        self.secondFactorKinds = secondFactorKinds
        self.allowedRecoveryCredentials = allowedRecoveryCredentials
        json = nil
    }

    public init(bytes: [UInt8]) throws {
        guard bytes.count <= Limits.document else {
            throw RecoveryError.challenge(.tooLong(field: "the response", limit: Limits.document))
        }
        let json: JSONValue
        do { json = try JSONParser.parse(bytes) } catch let error as JSONError {
            throw RecoveryError.challenge(.json(error))
        }
        try self.init(json: json)
    }

    public init(json: JSONValue) throws {
        guard let object = json.objectValue else { throw RecoveryError.challenge(.notObject(found: json.typeName)) }
        if let message = DfnsErrorBody.message(in: object) { throw RecoveryError.challenge(.serverError(message)) }
        self.json = json
        func fail(_ field: String, _ expected: String, _ value: JSONValue?) -> RecoveryError {
            guard let value else { return .challenge(.missingField(field)) }
            return .challenge(.wrongType(field: field, expected: expected, found: value.typeName))
        }
        func bounded(_ text: String, _ name: String, _ limit: Int) throws -> String {
            guard text.utf8.count <= limit else { throw RecoveryError.challenge(.tooLong(field: name, limit: limit)) }
            return text
        }
        func requiredString(_ object: JSONObject, _ key: String, at path: String = "", limit: Int = Limits.text) throws -> String {
            let name = path.isEmpty ? key : "\(path).\(key)"
            guard let text = object[key]?.stringValue else { throw fail(name, "a string", object[key]) }
            guard !text.isEmpty else { throw RecoveryError.challenge(.emptyField(name)) }
            return try bounded(text, name, limit)
        }
        func optionalString(_ object: JSONObject, _ key: String, at path: String) throws -> String? {
            guard let value = object[key], value != .null else { return nil }
            guard let text = value.stringValue else { throw fail("\(path).\(key)", "a string", value) }
            return try bounded(text, "\(path).\(key)", Limits.text)
        }
        func requiredObject(_ key: String) throws -> JSONObject {
            guard let value = object[key], value != .null else { throw RecoveryError.challenge(.missingField(key)) }
            guard let inner = value.objectValue else { throw fail(key, "an object", value) }
            return inner
        }
        func optionalObject(_ key: String) throws -> JSONObject? {
            guard let value = object[key], value != .null else { return nil }
            guard let inner = value.objectValue else { throw fail(key, "an object", value) }
            return inner
        }

        challenge = try requiredString(object, "challenge", limit: Limits.challenge)
        temporaryAuthenticationToken = try requiredString(object, "temporaryAuthenticationToken", limit: Limits.token)
        let user = try requiredObject("user")
        self.user = User(id: try optionalString(user, "id", at: "user"), name: try requiredString(user, "name", at: "user"),
                         displayName: try optionalString(user, "displayName", at: "user"))
        let rp = try requiredObject("rp")
        self.rp = RelyingParty(id: try requiredString(rp, "id", at: "rp"), name: try optionalString(rp, "name", at: "rp"))
        if let kinds = try optionalObject("supportedCredentialKinds") {
            func list(_ key: String) throws -> [String]? {
                let name = "supportedCredentialKinds.\(key)"
                guard let value = kinds[key], value != .null else { return nil }
                guard let array = value.arrayValue else { throw fail(name, "an array of strings", value) }
                guard array.count <= Limits.allowedCredentials else {
                    throw RecoveryError.challenge(.tooMany(field: name, limit: Limits.allowedCredentials))
                }
                return try array.map { item in
                    guard let text = item.stringValue else { throw fail(name + "[]", "a string", item) }
                    return try bounded(text, name + "[]", Limits.text)
                }
            }
            firstFactorKinds = try list("firstFactor")
            secondFactorKinds = try list("secondFactor")
        } else {
            firstFactorKinds = nil
            secondFactorKinds = nil
        }
        guard let allowed = object["allowedRecoveryCredentials"]?.arrayValue else {
            throw fail("allowedRecoveryCredentials", "an array", object["allowedRecoveryCredentials"])
        }
        guard allowed.count <= Limits.allowedCredentials else {
            throw RecoveryError.challenge(.tooMany(field: "allowedRecoveryCredentials", limit: Limits.allowedCredentials))
        }
        allowedRecoveryCredentials = try allowed.enumerated().map { index, item in
            let path = "allowedRecoveryCredentials[\(index)]"
            guard let entry = item.objectValue else { throw fail(path, "an object", item) }
            return AllowedCredential(id: try requiredString(entry, "id", at: path),
                                     encryptedRecoveryKey: try requiredString(entry, "encryptedRecoveryKey", at: path))
        }
        guard !allowedRecoveryCredentials.isEmpty else {
            throw RecoveryError.challenge(.noAllowedCredentials)
        }
    }

    public var allowedIDs: [String] { allowedRecoveryCredentials.map(\.id) }

    public func allowed(id: String) -> AllowedCredential? {
        allowedRecoveryCredentials.first { $0.id.isByteIdentical(to: id) }
    }
}
