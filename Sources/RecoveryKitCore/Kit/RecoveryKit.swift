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

    /// Which document the kit was read from.
    public enum Source: String, Sendable { case kitFile = "kit.json", qrText = "QR text", credential = "credential" }

    public var username: String
    public var orgId: String?
    public var origin: String?
    /// The Dfns application ID (`X-DFNS-APPID`), when the kit was made with one.
    public var appId: String?
    /// As given in the file (for QR text: computed from the envelope).
    public var credentialId: String
    /// The PEM text as given; nil for QR text, which leaves the public key
    /// out to stay small (it is recomputed when the kit is opened).
    public var publicKeyPEM: String?
    public var envelope: KeyEnvelope
    public var createdAt: String?
    public var attestation: KeyCredential?
    public var source: Source

    public init(username: String, orgId: String?, origin: String?, appId: String? = nil, credentialId: String, publicKeyPEM: String?,
                envelope: KeyEnvelope, createdAt: String?, attestation: KeyCredential?, source: Source = .kitFile) {
        self.username = username
        self.orgId = orgId
        self.origin = origin
        self.appId = appId
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
        if let appId { object["appId"] = .string(appId) }
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
    /// Short keys keep the QR small enough to scan from paper. ASCII only
    /// (non-ASCII as `\u` escapes): the QR carries no charset marker, and
    /// stock decoders guess the charset of other bytes.
    public var qrText: String {
        var object: JSONObject = ["rk": .number(Double(RecoveryKit.qrVersion)), "u": .string(username)]
        if let orgId { object["o"] = .string(orgId) }
        if let origin { object["a"] = .string(origin) }
        if let appId { object["i"] = .string(appId) }
        object["e"] = .string(envelope.text)
        return JSONText.stringifyASCII(.object(object))
    }

    // MARK: Reading

    /// Reads kit.json, QR text, or a bare RecoveryKey credential object
    /// (then `username` must come from elsewhere: pass it). The strict mode
    /// of the one kit reader (`KitDocument`); throws `KitError`.
    public static func parse(_ bytes: [UInt8], username fallbackUsername: String? = nil) throws -> RecoveryKit {
        let document = try KitDocument(bytes: bytes, mode: .strict)
        guard let envelope = document.envelope else { preconditionFailure("strict mode reads the envelope") }
        return RecoveryKit(username: document.username ?? fallbackUsername ?? "", orgId: document.orgId, origin: document.origin,
                           appId: document.appId, credentialId: document.statedCredentialId ?? envelope.credentialId, publicKeyPEM: document.publicKeyPEM,
                           envelope: envelope, createdAt: document.createdAt, attestation: document.attestationCredential,
                           source: document.source)
    }
}
