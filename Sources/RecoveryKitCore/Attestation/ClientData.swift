/// WebAuthn-style client data as Dfns uses it: `key.create` for a new
/// credential's attestation, `key.get` for the recovery assertion.
public struct ClientData: Sendable, Equatable {
    public static let create = "key.create"
    public static let get = "key.get"

    public var type: String
    public var challenge: String
    public var origin: String
    public var crossOrigin: Bool

    public init(type: String, challenge: String, origin: String, crossOrigin: Bool = false) {
        self.type = type
        self.challenge = challenge
        self.origin = origin
        self.crossOrigin = crossOrigin
    }

    /// The JSON text rkit emits: keys sorted (challenge, crossOrigin,
    /// origin, type) as Dfns's documentation asks (REFERENCE §5).
    public var text: String {
        JSONText.stringify(["challenge": .string(challenge), "crossOrigin": .bool(crossOrigin),
                            "origin": .string(origin), "type": .string(type)])
    }

    public var bytes: [UInt8] { Array(text.utf8) }

    /// Lower-case hex SHA-256 of the exact bytes (REFERENCE §6 step 2).
    public static func hashHex(_ bytes: [UInt8]) -> String { Hex.encode(SHA256Digest.hash(bytes)) }

    /// Reads client data from the exact bytes received. Keys may come in
    /// any order (the reference frontend does not sort them); the hash is
    /// always over the received bytes, never a re-serialisation.
    public init(bytes: [UInt8]) throws {
        let object = try JSONParser.parse(bytes, maxDepth: 4).requireObject("clientData")
        type = try object.string("type", at: "clientData")
        challenge = try object.string("challenge", at: "clientData")
        origin = try object.string("origin", at: "clientData")
        if let cross = object["crossOrigin"] {
            guard let flag = cross.boolValue else {
                throw CredentialError.wrongType(field: "clientData.crossOrigin", expected: "a boolean")
            }
            crossOrigin = flag
        } else {
            crossOrigin = false
        }
    }

    /// How client data carries a Dfns challenge string: as is (Key
    /// credentials, Dfns's documented example) or as base64url of its
    /// UTF-8 (the reference frontend's RecoveryKey; WebAuthn passkeys).
    public enum ChallengeForm: String, Sendable {
        case raw
        case base64url
    }

    /// The form in which `found` carries `challenge`, compared by bytes;
    /// nil when it carries another challenge.
    public static func challengeForm(_ found: String, challenge: String) -> ChallengeForm? {
        if found.isByteIdentical(to: challenge) { return .raw }
        if found.isByteIdentical(to: Base64URL.encode(utf8: challenge)) { return .base64url }
        return nil
    }

    /// Whether `bytes` are exactly the sorted compact form rkit would write.
    public static func isSortedForm(_ bytes: [UInt8]) -> Bool {
        guard let parsed = try? ClientData(bytes: bytes) else { return false }
        return parsed.bytes == bytes
    }
}
