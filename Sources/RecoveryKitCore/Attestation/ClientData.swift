/// WebAuthn-style client data as Dfns uses it: `key.create` for a new
/// credential's attestation, `key.get` for the recovery assertion,
/// `webauthn.create` in a passkey's `clientDataJSON`.
///
/// Reading keeps the bytes' facts (members present, their order); the hash
/// is always over the received bytes, never a re-serialisation. Writing
/// goes through `text(form:…)`, the one builder of every form a Dfns maker
/// uses (docs/SCHEME.md §6): rkit writes the reference frontend's form for
/// RecoveryKey attestations and the recovery assertion, and the documented
/// sorted form (raw challenge) for its own Key credentials.
public struct ClientData: Sendable, Equatable {
    public static let create = "key.create"
    public static let get = "key.get"
    public static let webAuthnCreate = "webauthn.create"

    public var type: String
    /// The challenge as carried (raw, or base64url of the challenge's UTF-8).
    public var challenge: String
    /// Absent in the SDK's BrowserKeySigner form of a Key credential.
    public var origin: String?
    /// Absent in the SDK's BrowserKeySigner form; must be false when present.
    public var crossOrigin: Bool?
    /// The members in the order received (or written).
    public var keys: [String]

    /// Client data in the reference frontend's member order.
    public init(type: String, challenge: String, origin: String?, crossOrigin: Bool? = false) {
        self.type = type
        self.challenge = challenge
        self.origin = origin
        self.crossOrigin = origin == nil ? crossOrigin : (crossOrigin ?? false)
        keys = ["type", "challenge"] + (origin == nil ? [] : ["origin"]) + (self.crossOrigin == nil ? [] : ["crossOrigin"])
    }

    /// The forms of `key.create` client data Dfns's public makers write,
    /// member order included (docs/SCHEME.md §6 table; the names are the
    /// `form` field of Vectors/dfns.json).
    public enum Form: String, Sendable, CaseIterable {
        /// The reference frontend's RecoveryKey: `type, challenge:
        /// base64url(UTF-8 of the challenge), origin, crossOrigin:false`.
        case referenceFrontend = "reference-frontend"
        /// Dfns's documentation example: keys sorted, raw challenge.
        case sortedRaw = "sorted-raw"
        /// The SDK's BrowserKeySigner (Key): `type, challenge` (raw), nothing else.
        case sdkKey = "sdk-key"
    }

    /// Member orders in signed client data: the reference frontend's (and
    /// the Python SDK's) `type, challenge, origin, crossOrigin`, or sorted
    /// (`challenge, crossOrigin, origin, type`, Dfns's documentation example).
    public enum KeyOrder: Sendable {
        case frontend
        case sorted
    }

    /// The one writer of client data text: `origin` nil leaves out origin
    /// and crossOrigin (the SDK's Key form); crossOrigin is always false.
    public static func text(type: String, challenge: String, origin: String?, order: KeyOrder) -> String {
        var members: [(key: String, value: JSONValue)] = [("type", .string(type)), ("challenge", .string(challenge))]
        if let origin { members += [("origin", .string(origin)), ("crossOrigin", false)] }
        if order == .sorted { members.sort { $0.key < $1.key } }
        return JSONText.stringify(.object(JSONObject(members)))
    }

    /// `key.create` client data text in `form`.
    public static func text(form: Form, challenge: String, origin: String) -> String {
        switch form {
        case .referenceFrontend:
            return text(type: create, challenge: Base64URL.encode(utf8: challenge), origin: origin, order: .frontend)
        case .sortedRaw: return text(type: create, challenge: challenge, origin: origin, order: .sorted)
        case .sdkKey: return text(type: create, challenge: challenge, origin: nil, order: .frontend)
        }
    }

    /// The recovery assertion's client data: `type:"key.get", challenge:
    /// base64url(signed text), origin, crossOrigin:false`. rkit writes the
    /// order of the reference frontend (`signRecoveryCredentials`) and of
    /// the Python SDK's `KeySigner.sign`, the only two makers of `key.get`
    /// for Dfns; `.sorted` exists for the known answers of the documented form.
    public static func assertionText(signedText: String, origin: String, order: KeyOrder = .frontend) -> String {
        text(type: get, challenge: Base64URL.encode(utf8: signedText), origin: origin, order: order)
    }

    /// Lower-case hex SHA-256 of the exact bytes (docs/SCHEME.md §6a step 2).
    public static func hashHex(_ bytes: [UInt8]) -> String { Hex.encode(SHA256Digest.hash(bytes)) }

    /// Reads client data from the exact bytes received. Members may come in
    /// any order and others may be present (Chrome adds
    /// `other_keys_can_be_added_here`); `type` and `challenge` are required,
    /// `origin` and `crossOrigin` optional here (each verifier says which
    /// kind needs them).
    public init(bytes: [UInt8]) throws {
        let object = try JSONParser.parse(bytes, maxDepth: 4).requireObject("clientData")
        type = try object.string("type", at: "clientData")
        challenge = try object.string("challenge", at: "clientData")
        origin = object["origin"] == nil ? nil : try object.string("origin", at: "clientData")
        if let cross = object["crossOrigin"] {
            guard let flag = cross.boolValue else {
                throw CredentialError.wrongType(field: "clientData.crossOrigin", expected: "a boolean")
            }
            crossOrigin = flag
        } else {
            crossOrigin = nil
        }
        keys = object.keys
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

    /// Whether the members and challenge form are those of `form` (the
    /// challenge form is judged only when the expected challenge is known).
    public func isWrittenForm(_ form: Form, challenge expected: String?) -> Bool {
        let seen = expected.flatMap { ClientData.challengeForm(challenge, challenge: $0) }
        switch form {
        case .referenceFrontend:
            return keys == ["type", "challenge", "origin", "crossOrigin"] && (expected == nil || seen == .base64url)
        case .sortedRaw:
            return keys == ["challenge", "crossOrigin", "origin", "type"] && (expected == nil || seen == .raw)
        case .sdkKey:
            return keys == ["type", "challenge"] && (expected == nil || seen == .raw)
        }
    }

    /// Which maker's form these bytes are, in words for a lint line: the
    /// member order, the challenge form (when the expected challenge is
    /// known) and what is absent.
    public func formDescription(challenge expected: String?) -> String {
        let order = keys.joined(separator: ", ")
        let challengeForm = expected.flatMap { ClientData.challengeForm(challenge, challenge: $0) }
        let named: String
        switch (keys, challengeForm) {
        case (["type", "challenge", "origin", "crossOrigin"], .base64url?): named = "the reference frontend's form"
        case (["challenge", "crossOrigin", "origin", "type"], .raw?): named = "Dfns's documented sorted form"
        case (["type", "challenge"], .raw?): named = "the SDK BrowserKeySigner form (no origin)"
        case (["type", "challenge", "origin", "crossOrigin"], .raw?): named = "the Python SDK's member order with a raw challenge"
        default: named = "a form of its own"
        }
        let challengeText = challengeForm.map { "challenge \($0.rawValue)" } ?? (expected == nil ? "challenge not compared" : "another challenge")
        return "\(named) (\(order); \(challengeText))"
    }
}
