/// The one reader of a kit document: kit.json, the text of the printed QR
/// code (bare, or as zbarimg prints it: `ScannerOutput`), or a bare
/// `RecoveryKey` credential object. It switches on the
/// document's keys once, for every tool.
///
/// Two modes of the same reader:
/// - `.lenient` (rkit-verify): reads field by field and keeps going when
///   the envelope or the attestation is damaged, so each part can get its
///   own named check (`KitVerifier`).
/// - `.strict` (`RecoveryKit.parse`: rkit-sign, tests): also reads the
///   envelope, the attestation, `orgId` and `createdAt`, and throws at the
///   first damaged field.
struct KitDocument {
    enum Mode { case lenient, strict }

    var source: RecoveryKit.Source
    var username: String?
    var orgId: String?
    var origin: String?
    /// kit.json `appId`, QR text `i`.
    var appId: String?
    /// The ID the document states; nil for QR text, which carries none.
    var statedCredentialId: String?
    var publicKeyPEM: String?
    var envelopeText: String
    /// The envelope, read in `.strict` mode.
    var envelope: KeyEnvelope?
    /// kit.json's `envelope.scheme`, when present (`.lenient` mode).
    var scheme: String?
    var createdAt: String?
    /// The attestation credential object (for a bare credential: itself).
    var attestation: JSONValue?
    /// The attestation, read in `.strict` mode.
    var attestationCredential: KeyCredential?

    /// Throws `KitError` naming what is missing or of the wrong type.
    init(bytes: [UInt8], mode: Mode = .lenient) throws {
        let strict = mode == .strict
        let json: JSONValue
        do { json = try JSONParser.parse(ScannerOutput.unwrap(bytes)) } catch let error as JSONError {
            throw KitError.unrecognized(.json(error))
        }
        guard let object = json.objectValue else { throw KitError.unrecognized(.notObject(found: json.typeName)) }
        if object["rk"] != nil {
            guard object["rk"]?.numberValue == Double(RecoveryKit.qrVersion) else {
                throw KitError.unsupportedQRVersion(JSONText.stringify(object["rk"]!))
            }
            source = .qrText
            if strict {
                let envelope = try KitDocument.envelope(try KitDocument.text(object, "e")!)
                self.envelope = envelope
                envelopeText = envelope.text
                username = try KitDocument.text(object, "u")
                orgId = try KitDocument.text(object, "o", required: false)
                origin = try KitDocument.text(object, "a", required: false)
            } else {
                username = try KitDocument.text(object, "u")
                origin = try KitDocument.text(object, "a", required: false)
                envelopeText = try KitDocument.text(object, "e")!
            }
            appId = try KitDocument.text(object, "i", required: false)
        } else if object["format"] != nil {
            let format = try KitDocument.text(object, "format")!
            guard format == RecoveryKit.format else { throw KitError.unsupportedFormat(format) }
            source = .kitFile
            attestation = object["attestation"]
            if strict, let value = attestation {
                do { attestationCredential = try KeyCredential(json: value) } catch let error as RecoveryKitError {
                    throw KitError.damaged(.attestation(error))
                }
            }
            username = try KitDocument.text(object, "username")
            if strict { orgId = try KitDocument.text(object, "orgId", required: false) }
            origin = try KitDocument.text(object, "origin", required: false)
            appId = try KitDocument.text(object, "appId", required: false)
            statedCredentialId = try KitDocument.text(object, "credentialId")
            publicKeyPEM = try KitDocument.text(object, "publicKey")
            envelopeText = try KitDocument.text(object, "encryptedPrivateKey")!
            if strict {
                envelope = try KitDocument.envelope(envelopeText)
                createdAt = try KitDocument.text(object, "createdAt", required: false)
            } else if let descriptor = object["envelope"] {
                guard let fields = descriptor.objectValue else { throw KitError.damaged(.notObject("envelope")) }
                scheme = try KitDocument.text(fields, "scheme", required: false)
            }
        } else if object["credentialKind"] != nil {
            source = .credential
            attestation = json
            if strict {
                let credential: KeyCredential
                do { credential = try KeyCredential(json: json) } catch let error as RecoveryKitError {
                    throw KitError.damaged(.credential(error))
                }
                guard credential.kind == .recoveryKey else {
                    throw KitError.unrecognized(.notRecoveryKey(kind: credential.kind.rawValue))
                }
                guard let text = credential.encryptedPrivateKey else { throw KitError.damaged(.missing("encryptedPrivateKey")) }
                attestationCredential = credential
                statedCredentialId = credential.credId
                envelopeText = text
                publicKeyPEM = (try? AttestationData(bytes: credential.attestationData))?.publicKeyPEM
                origin = (try? ClientData(bytes: credential.clientData))?.origin
                envelope = try KitDocument.envelope(text)
            } else {
                let kind = try KitDocument.text(object, "credentialKind")!
                guard kind == KeyCredential.Kind.recoveryKey.rawValue else {
                    throw KitError.unrecognized(.notRecoveryKey(kind: String(kind.prefix(40))))
                }
                guard let info = object["credentialInfo"]?.objectValue else { throw KitError.damaged(.missingObject("credentialInfo")) }
                statedCredentialId = try KitDocument.text(info, "credId")
                envelopeText = try KitDocument.text(object, "encryptedPrivateKey")!
                if let data = info["attestationData"]?.stringValue, let bytes = try? Base64URL.decode(data) {
                    publicKeyPEM = (try? AttestationData(bytes: bytes))?.publicKeyPEM
                }
            }
        } else {
            throw KitError.unrecognized(.noFormatKey)
        }
        let statedOrgId = orgId ?? (source == .qrText ? object["o"] : object["orgId"])?.stringValue
        try KitDocument.validateFields(username: username, orgId: statedOrgId)
        if let appId, !AppID.isValid(appId) {
            throw KitError.damaged(.invalidField(source == .qrText ? "i" : "appId", why: "it is not one word of ASCII letters, digits and dashes"))
        }
    }

    /// The kit file's account fields meet the rules their options meet
    /// (issue 13 finding 4): the text comes from the online machine, and
    /// rkit-sign copies it into a new kit.
    static func validateFields(username: String?, orgId: String?) throws {
        if let orgId, !OrgID.isValid(orgId) {
            throw KitError.damaged(.invalidField("orgId", why: "it is not one word of ASCII letters, digits and dashes"))
        }
        if let username {
            do { _ = try UsernamePolicy.check(username) } catch let error as UsernameError {
                throw KitError.damaged(.invalidField("username", why: "\(error)"))
            }
        }
    }

    /// A string field; a missing required or non-string field throws.
    static func text(_ object: JSONObject, _ key: String, required: Bool = true) throws -> String? {
        guard let value = object[key] else {
            if required { throw KitError.damaged(.missing(key)) }
            return nil
        }
        guard let string = value.stringValue else { throw KitError.damaged(.notString(key, found: value.typeName)) }
        return string
    }

    static func envelope(_ text: String) throws -> KeyEnvelope {
        do { return try KeyEnvelope(text: text) } catch let error as EnvelopeError { throw KitError.damaged(.envelope(error)) }
    }

    var formName: String {
        switch source {
        case .kitFile: return "kit.json (\(RecoveryKit.format))"
        case .qrText: return "QR text (version \(RecoveryKit.qrVersion))"
        case .credential: return "RecoveryKey credential"
        }
    }
}
