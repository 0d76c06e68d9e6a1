/// A recovery kit: everything about one recovery credential except the
/// code. Read from `kit.json`, from the text of the printed QR code, or
/// from a bare `RecoveryKey` credential object; written as `kit.json`
/// (documented in man/rkit-generate.1) and as QR text.
///
/// Parsing checks structure only. Whether the parts belong together (ID
/// matches envelope, attestation verifies) is for `KitVerifier`, so a
/// damaged kit can still be reported on.
public struct RecoveryKit: Sendable {
    public static let format = "rkit-kit/1"
    public static let qrVersion = 1

    public enum Source: String, Sendable { case kitFile = "kit.json", qrText = "QR text", credential = "credential" }

    public var username: String
    public var orgId: String?
    public var origin: String?
    /// As given in the file (for QR text: computed from the envelope).
    public var credentialId: String
    /// The PEM text as given; nil for QR text, which leaves the public key
    /// out to stay small (it is recomputed when the kit is opened).
    public var publicKeyPEM: String?
    public var envelope: KeyEnvelope
    public var createdAt: String?
    public var attestation: KeyCredential?
    public var source: Source

    public init(username: String, orgId: String?, origin: String?, credentialId: String, publicKeyPEM: String?,
                envelope: KeyEnvelope, createdAt: String?, attestation: KeyCredential?, source: Source = .kitFile) {
        self.username = username
        self.orgId = orgId
        self.origin = origin
        self.credentialId = credentialId
        self.publicKeyPEM = publicKeyPEM
        self.envelope = envelope
        self.createdAt = createdAt
        self.attestation = attestation
        self.source = source
    }

    // MARK: Writing

    /// kit.json: no secret, never the code or the private key.
    public var kitJSON: JSONValue {
        var object: JSONObject = ["format": .string(RecoveryKit.format), "username": .string(username)]
        if let orgId { object["orgId"] = .string(orgId) }
        if let origin { object["origin"] = .string(origin) }
        object["credentialId"] = .string(credentialId)
        if let publicKeyPEM { object["publicKey"] = .string(publicKeyPEM) }
        object["encryptedPrivateKey"] = .string(envelope.text)
        object["envelope"] = [
            "scheme": .string(KeyEnvelope.scheme),
            "kdf": "PBKDF2-HMAC-SHA256",
            "iterations": .number(Double(KeyEnvelope.iterations)),
            "salt": "SHA-256 of UTF-8 of username.toLowerCase().trim()",
            "cipher": "AES-256-GCM",
            "ivBytes": .number(Double(envelope.iv.count)),
            "plaintext": "PKCS#8 DER of the P-256 private key",
        ]
        if let createdAt { object["createdAt"] = .string(createdAt) }
        if let attestation { object["attestation"] = attestation.json }
        return .object(object)
    }

    /// kit.json as written to disk: the JavaScript text plus a newline.
    public var kitFileText: String { JSONText.stringify(kitJSON) + "\n" }

    /// What the printed QR carries: only what recovery needs (username,
    /// org, origin, envelope; the credential ID is the envelope's hash).
    /// Short keys keep the QR small enough to scan from paper.
    public var qrText: String {
        var object: JSONObject = ["rk": .number(Double(RecoveryKit.qrVersion)), "u": .string(username)]
        if let orgId { object["o"] = .string(orgId) }
        if let origin { object["a"] = .string(origin) }
        object["e"] = .string(envelope.text)
        return JSONText.stringify(.object(object))
    }

    // MARK: Reading

    /// Reads kit.json, QR text, or a bare RecoveryKey credential object
    /// (then `username` must come from elsewhere: pass it).
    public static func parse(_ bytes: [UInt8], username fallbackUsername: String? = nil) throws -> RecoveryKit {
        let json: JSONValue
        do { json = try JSONParser.parse(bytes) } catch let error as JSONError {
            throw KitError.unrecognized("\(error)")
        }
        guard let object = json.objectValue else { throw KitError.unrecognized("expected a JSON object, found \(json.typeName)") }
        if object["rk"] != nil { return try parseQR(object) }
        if object["format"] != nil { return try parseKitFile(object) }
        if object["credentialKind"] != nil { return try parseCredential(json, username: fallbackUsername) }
        throw KitError.unrecognized("no \"format\", \"rk\" or \"credentialKind\" field")
    }

    static func text(_ object: JSONObject, _ key: String, required: Bool = true) throws -> String? {
        guard let value = object[key] else {
            if required { throw KitError.field("missing \"\(key)\"") }
            return nil
        }
        guard let string = value.stringValue else { throw KitError.field("\"\(key)\" must be a string, found \(value.typeName)") }
        return string
    }

    static func envelope(_ text: String) throws -> KeyEnvelope {
        do { return try KeyEnvelope(text: text) } catch let error as EnvelopeError { throw KitError.field("\(error)") }
    }

    static func parseKitFile(_ object: JSONObject) throws -> RecoveryKit {
        let format = try text(object, "format")!
        guard format == RecoveryKit.format else { throw KitError.unsupportedFormat(format) }
        var attestation: KeyCredential? = nil
        if let value = object["attestation"] {
            do { attestation = try KeyCredential(json: value) } catch let error as RecoveryKitError {
                throw KitError.field("attestation: \(error)")
            }
        }
        return RecoveryKit(username: try text(object, "username")!, orgId: try text(object, "orgId", required: false),
                           origin: try text(object, "origin", required: false),
                           credentialId: try text(object, "credentialId")!, publicKeyPEM: try text(object, "publicKey")!,
                           envelope: try envelope(try text(object, "encryptedPrivateKey")!),
                           createdAt: try text(object, "createdAt", required: false), attestation: attestation, source: .kitFile)
    }

    static func parseQR(_ object: JSONObject) throws -> RecoveryKit {
        guard object["rk"]?.numberValue == Double(RecoveryKit.qrVersion) else {
            throw KitError.unsupportedFormat("QR \(object["rk"].map { JSONText.stringify($0) } ?? "")")
        }
        let env = try envelope(try text(object, "e")!)
        return RecoveryKit(username: try text(object, "u")!, orgId: try text(object, "o", required: false),
                           origin: try text(object, "a", required: false), credentialId: env.credentialId,
                           publicKeyPEM: nil, envelope: env, createdAt: nil, attestation: nil, source: .qrText)
    }

    static func parseCredential(_ json: JSONValue, username: String?) throws -> RecoveryKit {
        let credential: KeyCredential
        do { credential = try KeyCredential(json: json) } catch let error as RecoveryKitError {
            throw KitError.field("credential: \(error)")
        }
        guard credential.kind == .recoveryKey, let envelopeText = credential.encryptedPrivateKey else {
            throw KitError.unrecognized("a \(credential.kind.rawValue) credential holds no encrypted private key")
        }
        let pem = (try? AttestationData(bytes: credential.attestationData))?.publicKeyPEM
        return RecoveryKit(username: username ?? "", orgId: nil, origin: (try? ClientData(bytes: credential.clientData))?.origin,
                           credentialId: credential.credId, publicKeyPEM: pem, envelope: try envelope(envelopeText),
                           createdAt: nil, attestation: credential, source: .credential)
    }
}
