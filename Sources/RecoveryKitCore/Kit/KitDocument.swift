/// A kit read leniently, field by field, for verification. Unlike
/// `RecoveryKit.parse` it keeps going when the envelope or the attestation
/// is damaged, so each part can get its own named check.
struct KitDocument {
    var source: RecoveryKit.Source
    var username: String?
    var origin: String?
    /// The ID the document states; nil for QR text, which carries none.
    var statedCredentialId: String?
    var publicKeyPEM: String?
    var envelopeText: String
    /// kit.json's `envelope.scheme`, when present.
    var scheme: String?
    /// The attestation credential object (for a bare credential: itself).
    var attestation: JSONValue?

    /// Throws `KitError` naming what is missing or of the wrong type.
    init(bytes: [UInt8]) throws {
        let json: JSONValue
        do { json = try JSONParser.parse(bytes) } catch { throw KitError.unrecognized("\(error)") }
        guard let object = json.objectValue else { throw KitError.unrecognized("expected a JSON object, found \(json.typeName)") }
        if object["rk"] != nil {
            guard object["rk"]?.numberValue == Double(RecoveryKit.qrVersion) else {
                throw KitError.unsupportedFormat("QR \(JSONText.stringify(object["rk"]!))")
            }
            source = .qrText
            username = try RecoveryKit.text(object, "u")
            origin = try RecoveryKit.text(object, "a", required: false)
            envelopeText = try RecoveryKit.text(object, "e")!
        } else if object["format"] != nil {
            let format = try RecoveryKit.text(object, "format")!
            guard format == RecoveryKit.format else { throw KitError.unsupportedFormat(format) }
            source = .kitFile
            username = try RecoveryKit.text(object, "username")
            origin = try RecoveryKit.text(object, "origin", required: false)
            statedCredentialId = try RecoveryKit.text(object, "credentialId")
            publicKeyPEM = try RecoveryKit.text(object, "publicKey")
            envelopeText = try RecoveryKit.text(object, "encryptedPrivateKey")!
            if let descriptor = object["envelope"] {
                guard let fields = descriptor.objectValue else { throw KitError.field("\"envelope\" must be an object") }
                scheme = try RecoveryKit.text(fields, "scheme", required: false)
            }
            attestation = object["attestation"]
        } else if object["credentialKind"] != nil {
            let kind = try RecoveryKit.text(object, "credentialKind")!
            guard kind == KeyCredential.Kind.recoveryKey.rawValue else {
                throw KitError.unrecognized("a \(kind.prefix(40)) credential holds no encrypted private key")
            }
            guard let info = object["credentialInfo"]?.objectValue else { throw KitError.field("missing \"credentialInfo\" object") }
            source = .credential
            statedCredentialId = try RecoveryKit.text(info, "credId")
            envelopeText = try RecoveryKit.text(object, "encryptedPrivateKey")!
            attestation = json
            if let data = info["attestationData"]?.stringValue, let bytes = try? Base64URL.decode(data) {
                publicKeyPEM = (try? AttestationData(bytes: bytes))?.publicKeyPEM
            }
        } else {
            throw KitError.unrecognized("no \"format\", \"rk\" or \"credentialKind\" field")
        }
    }

    var formName: String {
        switch source {
        case .kitFile: return "kit.json (\(RecoveryKit.format))"
        case .qrText: return "QR text (version \(RecoveryKit.qrVersion))"
        case .credential: return "RecoveryKey credential"
        }
    }
}
