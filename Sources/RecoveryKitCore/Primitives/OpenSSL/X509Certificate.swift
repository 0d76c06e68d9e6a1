internal import COpenSSL

/// One X.509 certificate read from DER, as WebAuthn attestation statements
/// carry them (`x5c`). Only what a review needs is read: the subject and
/// issuer as text and the public key. Nothing here validates a chain,
/// a validity period or an extension: that needs trusted roots (FIDO
/// metadata), which an offline signer does not have.
package struct X509Certificate: Sendable {
    package let der: [UInt8]
    /// The subject as `C=SE, O=Example, OU=Authenticator Attestation, CN=…`:
    /// attributes in certificate order, short names (dotted OID when
    /// OpenSSL knows no name), values as UTF-8 with `\` `,` `+` `=` `"` `;`
    /// `<` `>` escaped by a backslash. Control and bidi characters are
    /// kept as they are: the text is untrusted, and the one terminal
    /// sanitizer escapes it when it is shown.
    package let subject: String
    package let issuer: String
    /// OpenSSL's short name of the key type ("id-ecPublicKey", "rsaEncryption", "ED25519").
    package let publicKeyType: String
    /// The certificate's key when it is an uncompressed named-curve P-256
    /// key, the only kind rkit verifies signatures with.
    package let p256PublicKey: P256PublicKey?

    /// Reads one DER certificate; every byte must belong to it.
    package init(der: [UInt8]) throws {
        let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return nil }
            var cursor: UnsafePointer<UInt8>? = base
            guard let certificate = d2i_X509(nil, &cursor, buffer.count) else { return nil }
            guard cursor == base + buffer.count else { X509_free(certificate); return nil }
            return certificate
        }
        guard let certificate = parsed else { ERR_clear_error(); throw KeyError.notDER("X.509 certificate") }
        defer { X509_free(certificate) }
        self.der = der
        subject = X509Certificate.text(of: X509_get_subject_name(certificate))
        issuer = X509Certificate.text(of: X509_get_issuer_name(certificate))
        guard let key = X509_get0_pubkey(certificate) else { ERR_clear_error(); throw KeyError.notDER("certificate public key") }
        let id = EVP_PKEY_get_base_id(key)
        publicKeyType = OBJ_nid2sn(id).map { String(cString: $0) } ?? "an unknown key type"
        var spki: UnsafeMutablePointer<UInt8>? = nil
        let length = i2d_PUBKEY(key, &spki)
        if length > 0, let spki {
            p256PublicKey = try? P256PublicKey(spkiDER: Array(UnsafeBufferPointer(start: spki, count: Int(length))))
            CRYPTO_free(spki, nil, 0)
        } else {
            p256PublicKey = nil
        }
        ERR_clear_error()
    }

    static func text(of name: OpaquePointer?) -> String {
        guard let name else { return "" }
        var parts: [String] = []
        for index in 0..<X509_NAME_entry_count(name) {
            guard let entry = X509_NAME_get_entry(name, index) else { continue }
            let object = X509_NAME_ENTRY_get_object(entry)
            let nid = OBJ_obj2nid(object)
            var label: String
            if nid != NID_undef, let short = OBJ_nid2sn(nid) {
                label = String(cString: short)
            } else {
                var buffer = [CChar](repeating: 0, count: 128)
                let written = OBJ_obj2txt(&buffer, Int32(buffer.count), object, 1)
                label = written > 0 ? String(decoding: buffer.prefix(Int(min(written, 127))).map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?"
            }
            var value = ""
            var utf8: UnsafeMutablePointer<UInt8>? = nil
            let count = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(entry))
            if count >= 0, let utf8 {
                value = String(decoding: UnsafeBufferPointer(start: utf8, count: Int(count)), as: UTF8.self)
                CRYPTO_free(utf8, nil, 0)
            }
            parts.append("\(label)=\(escaped(value))")
        }
        ERR_clear_error()
        return parts.joined(separator: ", ")
    }

    static func escaped(_ value: String) -> String {
        var out = ""
        for character in value.unicodeScalars {
            if "\\,+=\";<>".unicodeScalars.contains(character) { out.unicodeScalars.append("\\") }
            out.unicodeScalars.append(character)
        }
        return out
    }

    /// Whether `signature` (DER ECDSA, as WebAuthn ES256 requires) over
    /// `message` verifies with this certificate's P-256 key.
    package func isValidES256Signature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        p256PublicKey?.signatureFormat(signature, for: message) == .der
    }
}
