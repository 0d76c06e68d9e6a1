internal import COpenSSL

/// A new first-factor key as a file: PKCS#8 PEM (64 columns), either
/// plain or encrypted with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) as
/// OpenSSL, Python `cryptography` and Node read it.
extension P256PrivateKey {
    /// PBKDF2 iterations for an encrypted key file (OWASP's 2023 figure for
    /// PBKDF2-HMAC-SHA256): a stolen file costs a passphrase guess that much.
    package static let pemIterations = 600_000

    /// `-----BEGIN PRIVATE KEY-----` text; a secret, so returned as bytes
    /// that are wiped when released.
    package func pkcs8PEM() throws -> SecretBytes {
        let der = try pkcs8()
        return der.withUnsafeBytes { PEM.write(label: "PRIVATE KEY", der: $0) }
    }

    /// `-----BEGIN ENCRYPTED PRIVATE KEY-----` text under `passphrase`.
    package func encryptedPKCS8PEM(passphrase: SecretBytes, iterations: Int = pemIterations) throws -> SecretBytes {
        guard passphrase.count > 0 else { throw KeyError.notDER("passphrase (it is empty)") }
        let der = try pkcs8()
        let info = der.withUnsafeBytes { bytes -> OpaquePointer? in
            var cursor: UnsafePointer<UInt8>? = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
            return d2i_PKCS8_PRIV_KEY_INFO(nil, &cursor, bytes.count)
        }
        guard let info else { throw CryptoError.fromQueue("reading PKCS#8 for encryption") }
        defer { PKCS8_PRIV_KEY_INFO_free(info) }
        // pbe_nid -1 with a cipher selects PBES2; OpenSSL 3 uses
        // hmacWithSHA256 as its PBKDF2 PRF and draws salt and IV itself.
        let sealed = passphrase.withUnsafeBytes { pass in
            PKCS8_encrypt(-1, EVP_aes_256_cbc(), pass.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(pass.count),
                          nil, 0, Int32(iterations), info)
        }
        guard let sealed else { throw CryptoError.fromQueue("PKCS8_encrypt") }
        defer { X509_SIG_free(sealed) }
        var out: UnsafeMutablePointer<UInt8>? = nil
        let length = i2d_X509_SIG(sealed, &out)
        guard length > 0, let out else { throw CryptoError.fromQueue("i2d_X509_SIG") }
        defer { CRYPTO_free(out, #fileID, #line) }
        return PEM.write(label: "ENCRYPTED PRIVATE KEY", der: UnsafeRawBufferPointer(start: out, count: Int(length)))
    }
}
