/// A `RecoveryKey` or `Key` credential as sent to Dfns (docs/SCHEME.md §6a):
/// the public key, proven by a signature over the registration challenge.
///
/// ```
/// {"credentialKind":"RecoveryKey","credentialInfo":{"credId":…,"clientData":…,"attestationData":…},"encryptedPrivateKey":…}
/// ```
public struct KeyCredential: Sendable, Equatable {
    /// The key-pair credential kinds rkit makes and verifies (`credentialKind`).
    public enum Kind: String, Sendable, CaseIterable {
        case recoveryKey = "RecoveryKey"
        case key = "Key"
    }

    public let kind: Kind
    public let credId: String
    /// The exact client data bytes (base64url-encoded on the wire).
    public let clientData: [UInt8]
    /// The exact attestation data bytes (base64url-encoded on the wire).
    public let attestationData: [UInt8]
    /// The envelope, for `RecoveryKey` credentials.
    public let encryptedPrivateKey: String?
    /// The optional label every credential type allows (docs/SCHEME.md §7.4).
    public let credentialName: String?

    /// The client data form rkit writes for each kind it makes: the
    /// reference frontend's for a RecoveryKey (the only form known to be
    /// used against Dfns), Dfns's documented sorted form (raw challenge,
    /// with origin) for a Key.
    public static func form(for kind: Kind) -> ClientData.Form {
        kind == .recoveryKey ? .referenceFrontend : .sortedRaw
    }

    /// Signs a new credential for `privateKey` against `challenge`.
    public static func make(kind: Kind, credId: String, privateKey: P256PrivateKey, challenge: String,
                            origin: String, encryptedPrivateKey: String? = nil, credentialName: String? = nil) throws -> KeyCredential {
        precondition((kind == .recoveryKey) == (encryptedPrivateKey != nil), "only RecoveryKey credentials carry an envelope")
        let clientData = Array(ClientData.text(form: form(for: kind), challenge: challenge, origin: origin).utf8)
        let pem = privateKey.publicKey.pem
        let fingerprint = AttestationData.fingerprint(clientDataHash: ClientData.hashHex(clientData), publicKeyPEM: pem)
        let signature = try privateKey.signature(for: Array(fingerprint.utf8))
        let attestation = AttestationData(publicKeyPEM: pem, signature: signature, algorithm: AttestationData.algorithm)
        if let credentialName { try CredentialName.validate(credentialName) }
        return KeyCredential(kind: kind, credId: credId, clientData: clientData,
                             attestationData: Array(attestation.text.utf8), encryptedPrivateKey: encryptedPrivateKey,
                             credentialName: credentialName)
    }

    public init(kind: Kind, credId: String, clientData: [UInt8], attestationData: [UInt8], encryptedPrivateKey: String?,
                credentialName: String? = nil) {
        self.kind = kind
        self.credId = credId
        self.clientData = clientData
        self.attestationData = attestationData
        self.encryptedPrivateKey = encryptedPrivateKey
        self.credentialName = credentialName
    }

    /// The credential object, in the reference key order.
    public var json: JSONValue {
        var object: JSONObject = [
            "credentialKind": .string(kind.rawValue),
            "credentialInfo": [
                "credId": .string(credId),
                "clientData": .string(Base64URL.encode(clientData)),
                "attestationData": .string(Base64URL.encode(attestationData)),
            ],
        ]
        if let encryptedPrivateKey { object["encryptedPrivateKey"] = .string(encryptedPrivateKey) }
        if let credentialName { object["credentialName"] = .string(credentialName) }
        return .object(object)
    }

    /// Reads a credential object (a `Fido2` or other kind is refused here:
    /// rkit can only verify key-pair attestations).
    public init(json: JSONValue) throws {
        let object = try json.requireObject("credential")
        let kindText = try object.string("credentialKind")
        guard let kind = Kind.allCases.first(where: { $0.rawValue.isByteIdentical(to: kindText) }) else {
            throw CredentialError.invalidValue(field: "credentialKind", why: "\"\(kindText.prefix(40))\" is not RecoveryKey or Key")
        }
        let info = try object.object("credentialInfo")
        func decoded(_ key: String) throws -> [UInt8] {
            let text = try info.string(key, at: "credentialInfo")
            do { return try Base64URL.decode(text) } catch {
                throw CredentialError.invalidValue(field: "credentialInfo.\(key)", why: "\(error)")
            }
        }
        self.kind = kind
        credId = try info.string("credId", at: "credentialInfo")
        clientData = try decoded("clientData")
        attestationData = try decoded("attestationData")
        // Optional for a RecoveryKey in the SDK's types; a Key has none.
        if kind == .recoveryKey, object["encryptedPrivateKey"] != nil {
            encryptedPrivateKey = try object.string("encryptedPrivateKey")
        } else {
            encryptedPrivateKey = nil
        }
        credentialName = object["credentialName"] == nil ? nil : try object.string("credentialName")
    }

    /// Verifies the attestation: client data of type `key.create`, the
    /// fingerprint rebuilt from the client data hash and the PEM exactly
    /// as given, and its signature under that public key. The throwing
    /// form of `AttestationChecks` (the checks rkit-verify reports), so
    /// every tool accepts the same credentials. Returns the verified public
    /// key and client data; throws `CheckFailed` naming the first failed check.
    public func verify() throws -> (publicKey: P256PublicKey, clientData: ClientData) {
        var report = VerificationReport(item: credId)
        let outcome = AttestationChecks.run(self, prefix: "", into: &report)
        try report.requireOK()
        guard let publicKey = outcome.publicKey, let clientData = outcome.clientData else {
            preconditionFailure("a passing attestation has a key and client data")
        }
        return (publicKey, clientData)
    }
}

/// `{"publicKey":"<PEM>","signature":"<hex DER>","algorithm":"SHA256"}`;
/// the SDK's BrowserKeySigner leaves `algorithm` out (docs/SCHEME.md §6).
public struct AttestationData: Sendable, Equatable {
    public static let algorithm = "SHA256"

    /// The PEM text exactly as given (it is part of the signed fingerprint).
    public let publicKeyPEM: String
    public let signature: [UInt8]
    /// `SHA256` when present; nil in the SDK's Key form.
    public let algorithm: String?

    public init(publicKeyPEM: String, signature: [UInt8], algorithm: String?) {
        self.publicKeyPEM = publicKeyPEM
        self.signature = signature
        self.algorithm = algorithm
    }

    public init(bytes: [UInt8]) throws {
        let object = try JSONParser.parse(bytes, maxDepth: 4).requireObject("attestationData")
        publicKeyPEM = try object.string("publicKey", at: "attestationData")
        let hex = try object.string("signature", at: "attestationData")
        do { signature = try Hex.decode(hex) } catch {
            throw CredentialError.invalidValue(field: "attestationData.signature", why: "\(error)")
        }
        if object["algorithm"] != nil {
            let algorithm = try object.string("algorithm", at: "attestationData")
            guard algorithm.isByteIdentical(to: AttestationData.algorithm) else {
                throw CredentialError.invalidValue(field: "attestationData.algorithm", why: "expected \"SHA256\"")
            }
            self.algorithm = algorithm
        } else {
            algorithm = nil
        }
    }

    public var text: String {
        var object: JSONObject = ["publicKey": .string(publicKeyPEM), "signature": .string(Hex.encode(signature))]
        if let algorithm { object["algorithm"] = .string(algorithm) }
        return JSONText.stringify(.object(object))
    }

    /// `{"clientDataHash":"…","publicKey":"<PEM>"}`: the signed text.
    public static func fingerprint(clientDataHash: String, publicKeyPEM: String) -> String {
        JSONText.stringify(["clientDataHash": .string(clientDataHash), "publicKey": .string(publicKeyPEM)])
    }
}
