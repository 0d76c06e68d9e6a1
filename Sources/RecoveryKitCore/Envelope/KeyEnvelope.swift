/// The encrypted private key (Dfns `encryptedPrivateKey`, docs/SCHEME.md §3):
/// base64 of `{"key":"<base64 ct||tag>","iv":"<base64 iv>"}`, the private
/// key's PKCS#8 sealed with AES-256-GCM under
/// PBKDF2-HMAC-SHA256(code, SHA-256(normalized username), 100 000).
public struct KeyEnvelope: Sendable, Equatable {
    public static let iterations = 100_000
    public static let ivSize = 16
    public static let scheme = "dfns-recovery-v1"

    /// The envelope string exactly as stored or received.
    public let text: String
    public let iv: [UInt8]
    /// Ciphertext followed by the 16-byte tag.
    public let sealed: [UInt8]
    /// True when the inner JSON is exactly what the reference frontend
    /// writes (key order, no spaces, canonical base64).
    public let isReferenceForm: Bool

    /// Parses without any secret.
    public init(text: String) throws {
        let outer: [UInt8]
        do { outer = try Base64.decode(text) } catch { throw EnvelopeError.notBase64("\(error)") }
        let json: JSONValue
        do { json = try JSONParser.parse(outer, maxDepth: 2) } catch { throw EnvelopeError.notJSON("\(error)") }
        guard let object = json.objectValue else { throw EnvelopeError.notJSON("expected an object, found \(json.typeName)") }
        func field(_ name: String) throws -> [UInt8] {
            guard let value = object[name] else { throw EnvelopeError.missingField(name) }
            guard let string = value.stringValue else { throw EnvelopeError.badField(name, "expected a string") }
            do { return try Base64.decode(string) } catch { throw EnvelopeError.badField(name, "\(error)") }
        }
        let sealed = try field("key")
        let iv = try field("iv")
        guard object.members.count == 2 else { throw EnvelopeError.notJSON("unexpected fields besides \"key\" and \"iv\"") }
        guard !iv.isEmpty else { throw EnvelopeError.badField("iv", "empty") }
        guard sealed.count > AESGCM.tagSize else { throw EnvelopeError.badField("key", "shorter than an authentication tag") }
        self.text = text
        self.iv = iv
        self.sealed = sealed
        self.isReferenceForm = KeyEnvelope.encode(sealed: sealed, iv: iv) == text
    }

    /// The reference text for `sealed` and `iv`.
    static func encode(sealed: [UInt8], iv: [UInt8]) -> String {
        let inner: JSONValue = ["key": .string(Base64.encode(sealed)), "iv": .string(Base64.encode(iv))]
        return Base64.encode(Array(JSONText.stringify(inner).utf8))
    }

    /// The wrapping key: PBKDF2-HMAC-SHA256(code, salt, 100 000, 32 bytes).
    public static func wrappingKey(code: RecoveryCode, username: String) throws -> SecretBytes {
        try PBKDF2.deriveKey(password: code.password, salt: Username.salt(username),
                             iterations: iterations, length: AESGCM.keySize)
    }

    /// Seals `privateKey`'s PKCS#8 under the code. The IV is drawn from
    /// `random` (16 bytes, as the reference frontend does).
    public static func seal(_ privateKey: P256PrivateKey, code: RecoveryCode, username: String,
                            random: some RandomSource = SystemRandom()) throws -> KeyEnvelope {
        try seal(privateKey, wrappingKey: try wrappingKey(code: code, username: username), iv: try random.bytes(ivSize))
    }

    /// Seals with an explicit key and IV (known-answer vectors pin both).
    public static func seal(_ privateKey: P256PrivateKey, wrappingKey: SecretBytes, iv: [UInt8]) throws -> KeyEnvelope {
        let sealed = try AESGCM.seal(try privateKey.pkcs8(), key: wrappingKey, iv: iv)
        return try KeyEnvelope(text: encode(sealed: sealed, iv: iv))
    }

    /// Opens with the code and username. A wrong code and a wrong username
    /// look the same (a tag failure); the error says so without guessing.
    public func open(code: RecoveryCode, username: String) throws -> P256PrivateKey {
        try open(wrappingKey: try KeyEnvelope.wrappingKey(code: code, username: username))
    }

    public func open(wrappingKey: SecretBytes) throws -> P256PrivateKey {
        let plaintext: SecretBytes
        do {
            plaintext = try AESGCM.open(sealed, key: wrappingKey, iv: iv)
        } catch CryptoError.authenticationFailed {
            throw EnvelopeError.wrongCodeOrUsername
        }
        do {
            return try P256PrivateKey(pkcs8: plaintext)
        } catch {
            throw EnvelopeError.notAPrivateKey("\(error)")
        }
    }

    /// docs/SCHEME.md §4: base64url(SHA-256(UTF-8 of the envelope string)).
    public var credentialId: String { CredentialID.of(envelopeText: text) }
}

/// Credential IDs of recovery credentials: anyone can check that an
/// envelope belongs to an ID, without any secret.
public enum CredentialID {
    public static func of(envelopeText: String) -> String {
        Base64URL.encode(SHA256Digest.hash(utf8: envelopeText))
    }

    /// The one rule binding an envelope to its ID (docs/SCHEME.md §4), by
    /// bytes: `id` is base64url(SHA-256(UTF-8 of the envelope text)). Used by
    /// rkit-verify (`challenge.envelope`), the kit path and `--credential-id`.
    public static func matches(envelopeText: String, id: String) -> Bool {
        of(envelopeText: envelopeText).isByteIdentical(to: id)
    }

    /// A fresh random ID for a `Key` credential (the client chooses it).
    public static func random(using random: some RandomSource = SystemRandom()) throws -> String {
        Base64URL.encode(try random.bytes(32))
    }
}
