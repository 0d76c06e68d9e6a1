/// What a recovery challenge asks of a new passkey: the WebAuthn
/// `PublicKeyCredentialCreationOptions` Dfns's SDK builds from it
/// (`WebAuthnSigner.create`, REFERENCE §9): `rp`, `user`, `pubKeyCredParams`,
/// `authenticatorSelection`, `excludeCredentials`, `attestation`, read from
/// the same response. Absent members take WebAuthn's defaults
/// (residentKey discouraged unless requireResidentKey, userVerification
/// preferred, attestation none, ES256 allowed when no algorithms are listed).
public struct PasskeyOptions: Sendable, Equatable {
    public let rpId: String
    public let rpName: String
    /// The user handle as text; the key gets its UTF-8 bytes (as the SDK does).
    public let userId: String
    public let userName: String
    public let userDisplayName: String
    /// `required`, `preferred` or `discouraged`.
    public let residentKey: String
    public let userVerification: String
    /// `none`, `indirect`, `direct` or `enterprise`.
    public let attestation: String
    /// The COSE algorithms offered, in order (-7 is ES256).
    public let algorithms: [Int64]
    /// Raw credential IDs the new passkey must not duplicate.
    public let excludeCredentials: [[UInt8]]

    public static let es256: Int64 = -7
    public static let requirements = ["required", "preferred", "discouraged"]
    public static let conveyances = ["none", "indirect", "direct", "enterprise"]

    /// Why the challenge cannot give a passkey's options.
    public enum Problem: RecoveryKitError, Equatable {
        case missing(String)
        case invalid(field: String, why: String)
        /// The challenge offers only algorithms a security key passkey made by rkit cannot use.
        case noES256(offered: [Int64])

        public var kind: FailureKind { .malformedInput }
        public var description: String {
            switch self {
            case let .missing(field): return "the challenge has no \(field), which a new passkey needs"
            case let .invalid(field, why): return "the challenge's \(field) \(why)"
            case let .noES256(offered):
                return "the challenge's pubKeyCredParams offer \(offered.map(String.init).joined(separator: ", ")), not ES256 (-7), the one algorithm rkit asks a security key for"
            }
        }
    }

    /// Reads the options from the recovery challenge (the `/auth/recover/user/init` response).
    public init(challengeJSON json: JSONValue) throws {
        guard let object = json.objectValue else { throw Problem.invalid(field: "response", why: "is not a JSON object") }
        func text(_ parent: JSONObject?, _ key: String, _ path: String, required: Bool) throws -> String? {
            guard let value = parent?[key], value != .null else {
                if required { throw Problem.missing(path) }
                return nil
            }
            guard let string = value.stringValue else { throw Problem.invalid(field: path, why: "must be a string, found \(value.typeName)") }
            if required, string.isEmpty { throw Problem.invalid(field: path, why: "is empty") }
            return string
        }
        func member(_ key: String) throws -> JSONObject? {
            guard let value = object[key], value != .null else { return nil }
            guard let inner = value.objectValue else { throw Problem.invalid(field: key, why: "must be an object, found \(value.typeName)") }
            return inner
        }
        guard let rp = try member("rp") else { throw Problem.missing("rp") }
        rpId = try text(rp, "id", "rp.id", required: true)!
        rpName = try text(rp, "name", "rp.name", required: false) ?? rpId
        guard let user = try member("user") else { throw Problem.missing("user") }
        userId = try text(user, "id", "user.id", required: true)!
        userName = try text(user, "name", "user.name", required: true)!
        userDisplayName = try text(user, "displayName", "user.displayName", required: false) ?? userName

        let selection = try member("authenticatorSelection")
        func requirement(_ key: String, default fallback: String) throws -> String {
            guard let value = try text(selection, key, "authenticatorSelection.\(key)", required: false) else { return fallback }
            // WebAuthn: unknown values are ignored (the default applies).
            return PasskeyOptions.requirements.contains(value) ? value : fallback
        }
        let requireResident = selection?["requireResidentKey"]?.boolValue == true
        residentKey = try requirement("residentKey", default: requireResident ? "required" : "discouraged")
        userVerification = try requirement("userVerification", default: "preferred")
        let conveyance = try text(object, "attestation", "attestation", required: false) ?? "none"
        attestation = PasskeyOptions.conveyances.contains(conveyance) ? conveyance : "none"

        if let params = object["pubKeyCredParams"], params != .null {
            guard let list = params.arrayValue else { throw Problem.invalid(field: "pubKeyCredParams", why: "must be an array, found \(params.typeName)") }
            algorithms = list.compactMap { item in
                guard item["type"]?.stringValue == "public-key", let alg = item["alg"]?.numberValue, alg == alg.rounded() else { return nil }
                return Int64(alg)
            }
            guard algorithms.isEmpty || algorithms.contains(PasskeyOptions.es256) else { throw Problem.noES256(offered: algorithms) }
            if algorithms.isEmpty, !list.isEmpty { throw Problem.noES256(offered: []) }
        } else {
            algorithms = [PasskeyOptions.es256]
        }

        var excluded: [[UInt8]] = []
        if let list = object["excludeCredentials"], list != .null {
            guard let items = list.arrayValue else { throw Problem.invalid(field: "excludeCredentials", why: "must be an array, found \(list.typeName)") }
            for (index, item) in items.enumerated() {
                guard let id = item["id"]?.stringValue, let bytes = try? Base64URL.decode(id), !bytes.isEmpty else {
                    throw Problem.invalid(field: "excludeCredentials[\(index)].id", why: "is not base64url text")
                }
                excluded.append(bytes)
            }
        }
        excludeCredentials = excluded
    }

    /// The `webauthn.create` client data rkit writes for a passkey it makes:
    /// `{"type":"webauthn.create","challenge":<base64url of the UTF-8 of
    /// the challenge>,"origin":<origin>,"crossOrigin":false}`, by the one
    /// client data writer; the key signs its SHA-256.
    public static func clientData(challenge: String, origin: String) -> String {
        ClientData.text(type: ClientData.webAuthnCreate, challenge: Base64URL.encode(utf8: challenge), origin: origin, order: .frontend)
    }
}
