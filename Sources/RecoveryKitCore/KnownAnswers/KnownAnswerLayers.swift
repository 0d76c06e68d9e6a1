/// One function per vector layer (Vectors/README.md). For `expect: ok`
/// every expected field must match; for `expect: fail` the operation must
/// be refused (throw, or produce something other than the given value).
enum KnownAnswerLayers {
    /// For must-fail vectors: passes only if `body` throws.
    static func mustFail(_ what: String, _ body: () throws -> Void) throws {
        do { try body() } catch { return }
        throw VectorError("expected \(what) to be refused, but it was accepted")
    }

    static func sha256(_ v: Vector, _ ok: Bool) throws {
        let digest = Hex.encode(SHA256Digest.hash(try v.bytes("input")))
        if ok { try v.expectEqual(digest, try v.text("digest_hex"), "digest") }
        else { try mustFail("the digest") { try v.expectEqual(digest, try v.text("digest_hex"), "digest") } }
    }

    static func pbkdf2(_ v: Vector, _ ok: Bool) throws {
        var password = try v.bytes("password")
        let key = try PBKDF2.deriveKey(password: SecretBytes(consuming: &password), salt: try v.bytes("salt"),
                                       iterations: try v.int("iterations"), length: try v.int("length"))
        let compare = { try v.expectEqual(Hex.encode(key.copyBytes()), try v.text("derived_hex"), "derived key") }
        if ok { try compare() } else { try mustFail("the derived key", compare) }
    }

    static func aesGCM(_ v: Vector, _ ok: Bool) throws {
        var keyBytes = try v.hex("key_hex")
        let key = SecretBytes(consuming: &keyBytes)
        let iv = try v.hex("iv_hex"), aad = try v.hex("aad_hex")
        let sealed = try v.hex("ciphertext_hex") + v.hex("tag_hex")
        if ok {
            var plain = try v.hex("plaintext_hex")
            let plaintext = SecretBytes(consuming: &plain)
            try v.expectEqual(try AESGCM.seal(plaintext, key: key, iv: iv, aad: aad), sealed, "ciphertext || tag")
            try v.expectEqual(try AESGCM.open(sealed, key: key, iv: iv, aad: aad).copyBytes(), try v.hex("plaintext_hex"), "plaintext")
        } else {
            try mustFail("opening") { _ = try AESGCM.open(sealed, key: key, iv: iv, aad: aad) }
        }
    }

    static func encoding(_ v: Vector, _ ok: Bool) throws {
        let codec = try v.text("codec"), text = try v.text("text")
        let decode: (String) throws -> [UInt8]
        let encode: ([UInt8]) -> String
        switch codec {
        case "base64": (decode, encode) = (Base64.decode, Base64.encode)
        case "base64url": (decode, encode) = (Base64URL.decode, Base64URL.encode)
        case "hex": (decode, encode) = (Hex.decode, Hex.encode)
        default: throw VectorError("unknown codec \(codec)")
        }
        guard ok else { return try mustFail("decoding") { _ = try decode(text) } }
        let bytes = try v.hex("bytes_hex")
        try v.expectEqual(try decode(text), bytes, "decoded bytes")
        if v.fields["canonical"]?.boolValue ?? true { try v.expectEqual(encode(bytes), text, "encoded text") }
    }

    static func json(_ v: Vector, _ ok: Bool) throws {
        guard let value = v.fields["value"] else { throw VectorError("missing \"value\"") }
        let compare = { try v.expectEqual(JSONText.stringify(value), try v.text("text"), "JSON text") }
        if ok { try compare() } else { try mustFail("the text", compare) }
    }

    static func code(_ v: Vector, _ ok: Bool) throws {
        let input = try v.text("input")
        if ok {
            let code = try RecoveryCode(parsing: input)
            try v.expectEqual(code.revealCanonicalText(), try v.text("canonical"), "canonical code")
            try v.expectEqual(String(code.checkCharacters), try v.text("check"), "check characters")
            return
        }
        do {
            _ = try RecoveryCode(parsing: input)
        } catch let error as CodeError {
            let expected = try v.text("error")
            switch (expected, error) {
            case let ("character", .forbiddenCharacter(_, position)):
                try v.expectEqual(position, try v.int("position"), "reported position")
            case let ("check", .checkMismatch(group)):
                try v.expectEqual(group, try v.int("group"), "reported group")
            case ("length", .wrongLength), ("length", .wrongGroupCount), ("length", .wrongGroupLength), ("length", .empty):
                break
            default:
                throw VectorError("refused as \(error), expected a \(expected) error")
            }
            return
        }
        throw VectorError("expected the code to be refused, but it was accepted")
    }

    static func salt(_ v: Vector, _ ok: Bool) throws {
        let username = try v.text("username")
        let compare = {
            try v.expectEqual(Username.normalized(username), try v.text("normalized"), "normalized username")
            try v.expectEqual(Hex.encode(Username.salt(username)), try v.text("salt_hex"), "salt")
        }
        if ok { try compare() } else { try mustFail("the salt", compare) }
    }

    static func keys(_ v: Vector, _ ok: Bool) throws {
        guard ok else {
            return try mustFail("the key") {
                if let der = v.optionalText("pkcs8_hex") { _ = try P256PrivateKey(pkcs8: try Hex.decode(der)) }
                else if let der = v.optionalText("spki_hex") { _ = try P256PublicKey(spkiDER: try Hex.decode(der)) }
                else { _ = try P256PublicKey(pem: try v.text("pem")) }
            }
        }
        let pkcs8 = try v.hex("pkcs8_hex")
        let key = try P256PrivateKey(pkcs8: pkcs8)
        try v.expectEqual(try key.pkcs8().copyBytes(), pkcs8, "re-exported PKCS#8")
        try v.expectEqual(Hex.encode(key.publicKey.spkiDER), try v.text("spki_hex"), "SPKI")
        try v.expectEqual(key.publicKey.pem, try v.text("pem"), "PEM")
        try v.expectEqual(try P256PublicKey(spkiDER: try v.hex("spki_hex")), key.publicKey, "public key from SPKI")
        try v.expectEqual(try P256PublicKey(pem: try v.text("pem")), key.publicKey, "public key from PEM")
        if let noPublic = v.optionalText("pkcs8_nopub_hex") {
            try v.expectEqual(try P256PrivateKey(pkcs8: try Hex.decode(noPublic)).publicKey, key.publicKey, "key without public part")
        }
        if let wrapped = v.optionalText("pem64") {
            try v.expectEqual(try P256PublicKey(pem: wrapped), key.publicKey, "key from 64-column PEM")
        }
    }

    static func ecdsa(_ v: Vector, _ ok: Bool) throws {
        let verify = {
            let key = try P256PublicKey(spkiDER: try v.hex("spki_hex"))
            let format = key.signatureFormat(try v.hex("signature_hex"), for: try v.bytes("message"))
            guard let format else { throw VectorError("signature does not verify") }
            try v.expectEqual(format.rawValue, v.optionalText("signature_format") ?? "der", "signature format")
        }
        if ok { try verify() } else { try mustFail("the signature", verify) }
    }

    static func envelope(_ v: Vector, _ ok: Bool) throws {
        let username = try v.text("username")
        let code = try RecoveryCode(parsing: try v.text("code"))
        guard ok else {
            return try mustFail("opening") { _ = try KeyEnvelope(text: try v.text("envelope")).open(code: code, username: username) }
        }
        let pkcs8 = try v.hex("pkcs8_hex")
        let key = try P256PrivateKey(pkcs8: pkcs8)
        try v.expectEqual(Hex.encode(Username.salt(username)), try v.text("salt_hex"), "salt")
        let wrappingKey = try KeyEnvelope.wrappingKey(code: code, username: username)
        try v.expectEqual(Hex.encode(wrappingKey.copyBytes()), try v.text("wrapping_key_hex"), "wrapping key")
        let sealed = try KeyEnvelope.seal(key, wrappingKey: wrappingKey, iv: try v.hex("iv_hex"))
        try v.expectEqual(sealed.text, try v.text("envelope"), "envelope")
        try v.expectEqual(sealed.credentialId, try v.text("credential_id"), "credential ID")
        try v.expectEqual(key.publicKey.pem, try v.text("public_key_pem"), "public key PEM")
        let opened = try KeyEnvelope(text: try v.text("envelope")).open(code: code, username: username)
        try v.expectEqual(try opened.pkcs8().copyBytes(), pkcs8, "opened private key")
    }

    static func attestation(_ v: Vector, _ ok: Bool) throws {
        let check = {
            let clientData = Array(try clientDataText(form: v.optionalText("form") ?? ClientData.Form.sortedRaw.rawValue, v).utf8)
            try v.expectEqual(String(decoding: clientData, as: UTF8.self), try v.text("client_data"), "client data")
            let hash = ClientData.hashHex(clientData)
            try v.expectEqual(hash, try v.text("client_data_hash"), "client data hash")
            let pem = try v.text("public_key_pem")
            try v.expectEqual(AttestationData.fingerprint(clientDataHash: hash, publicKeyPEM: pem), try v.text("fingerprint"), "fingerprint")
            let credentialText = try v.text("credential")
            let credential = try KeyCredential(json: try JSONParser.parse(credentialText))
            try v.expectEqual(JSONText.stringify(credential.json), credentialText, "credential text")
            try v.expectEqual(credential.kind.rawValue, try v.text("kind"), "credential kind")
            try v.expectEqual(credential.credId, try v.text("cred_id"), "credId")
            try v.expectEqual(credential.clientData, clientData, "credential client data")
            try v.expectEqual(credential.encryptedPrivateKey, v.optionalText("envelope"), "encrypted private key")
            try v.expectEqual(try credential.verify().publicKey, try P256PublicKey(pem: pem), "attested key")
        }
        if ok { try check() } else { try mustFail("the attestation", check) }
    }

    static func assertion(_ v: Vector, _ ok: Bool) throws {
        // Without `form` the vectors hold the sorted member order; `reference-frontend` is the order rkit
        // writes. An unknown form is a failure even in a must-fail vector, so it is judged outside `check`.
        let order: ClientData.KeyOrder
        switch v.optionalText("form") {
        case nil: order = .sorted
        case ClientData.Form.referenceFrontend.rawValue?: order = .frontend
        case let other?: throw VectorError("unknown assertion form \(other)")
        }
        if order == .frontend, v.optionalText("client_data_hash") == nil { throw VectorError("a vector with form must give client_data_hash") }
        let check = {
            let newCredentials = try v.text("new_credentials")
            let clientData = ClientData.assertionText(signedText: newCredentials, origin: try v.text("origin"), order: order)
            try v.expectEqual(clientData, try v.text("client_data"), "client data")
            if let hash = v.optionalText("client_data_hash") {
                try v.expectEqual(ClientData.hashHex(Array(clientData.utf8)), hash, "client data hash")
            }
            guard let parsed = try JSONParser.parse(newCredentials).objectValue else { throw VectorError("new_credentials is not an object") }
            let request = RecoveryRequest(credId: try v.text("cred_id"), clientData: Array(try v.text("client_data").utf8),
                                          signature: try Base64URL.decode(try v.text("signature_b64url")), newCredentials: parsed)
            let key = try P256PublicKey(pem: try v.text("public_key_pem"))
            let format = key.signatureFormat(request.signature, for: request.clientData)
            try v.expectEqual(format?.rawValue, v.optionalText("signature_format") ?? "der", "signature format")
            let result = try request.verifyAssertion(publicKey: key)
            guard result.byteIdentical else { throw VectorError("new credentials not byte-identical to the signed text") }
        }
        if ok { try check() } else { try mustFail("the assertion", check) }
    }

    static func clientDataHash(_ v: Vector, _ ok: Bool) throws {
        let compare = {
            if v.fields["form"] != nil || v.fields["challenge"] != nil {
                try v.expectEqual(try clientDataText(form: try v.text("form"), v), try v.text("client_data"), "client data")
            }
            try v.expectEqual(ClientData.hashHex(Array(try v.text("client_data").utf8)), try v.text("client_data_hash"), "hash")
        }
        if ok { try compare() } else { try mustFail("the hash", compare) }
    }

    /// Client data as each of Dfns's public makers writes it (Vectors/README.md,
    /// dfns.json), key order included: the reference frontend's RecoveryKey,
    /// the documentation's sorted form, the SDK's BrowserKeySigner.
    static func clientDataText(form: String, _ v: Vector) throws -> String {
        guard let known = ClientData.Form(rawValue: form) else { throw VectorError("unknown client data form \(form)") }
        return ClientData.text(form: known, challenge: try v.text("challenge"), origin: known == .sdkKey ? "" : try v.text("origin"))
    }
}
