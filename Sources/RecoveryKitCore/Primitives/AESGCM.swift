internal import COpenSSL

/// AES-256-GCM with a 128-bit tag appended to the ciphertext (`ct || tag`),
/// as WebCrypto produces it. Any IV length is allowed: the reference
/// scheme uses 16 bytes, not the usual 12 (GHASH then derives the counter).
package enum AESGCM {
    package static let keySize = 32
    package static let tagSize = 16

    /// Encrypts `plaintext` under the 32-byte `key` and `iv` (any length of
    /// at least 1 byte; kits use 16), authenticating `aad` too. Returns
    /// ciphertext followed by the 16-byte tag.
    package static func seal(_ plaintext: SecretBytes, key: SecretBytes, iv: [UInt8], aad: [UInt8] = []) throws -> [UInt8] {
        try check(key: key, iv: iv)
        guard let ctx = EVP_CIPHER_CTX_new() else { throw CryptoError.fromQueue("EVP_CIPHER_CTX_new") }
        defer { EVP_CIPHER_CTX_free(ctx) }
        try start(ctx, encrypt: true, key: key, iv: iv, aad: aad)
        var out = [UInt8](repeating: 0, count: plaintext.count + tagSize)
        var written: Int32 = 0
        var total = 0
        try out.withUnsafeMutableBufferPointer { buffer in
            if plaintext.count > 0 {
                let ok = plaintext.withUnsafeBytes { input in
                    EVP_EncryptUpdate(ctx, buffer.baseAddress, &written,
                                      input.baseAddress!.assumingMemoryBound(to: UInt8.self), Int32(input.count))
                }
                guard ok == 1 else { throw CryptoError.fromQueue("EVP_EncryptUpdate") }
                total = Int(written)
            }
            guard EVP_EncryptFinal_ex(ctx, buffer.baseAddress! + total, &written) == 1 else {
                throw CryptoError.fromQueue("EVP_EncryptFinal_ex")
            }
            total += Int(written)
            guard EVP_CIPHER_CTX_ctrl(ctx, rkit_ctrl_gcm_get_tag(), Int32(tagSize), buffer.baseAddress! + total) == 1 else {
                throw CryptoError.fromQueue("GCM get tag")
            }
        }
        precondition(total == plaintext.count)
        return out
    }

    /// Opens `ct || tag`. Any change to key, IV, AAD, ciphertext or tag
    /// throws `.authenticationFailed`; no partial plaintext escapes.
    package static func open(_ sealed: [UInt8], key: SecretBytes, iv: [UInt8], aad: [UInt8] = []) throws -> SecretBytes {
        try check(key: key, iv: iv)
        guard sealed.count >= tagSize else { throw CryptoError.authenticationFailed }
        guard let ctx = EVP_CIPHER_CTX_new() else { throw CryptoError.fromQueue("EVP_CIPHER_CTX_new") }
        defer { EVP_CIPHER_CTX_free(ctx) }
        try start(ctx, encrypt: false, key: key, iv: iv, aad: aad)
        let bodyCount = sealed.count - tagSize
        let plain = SecretBytes(zeroedCount: bodyCount)
        var written: Int32 = 0
        var tag = Array(sealed[bodyCount...])
        let ok: Bool = sealed.withUnsafeBufferPointer { input in
            plain.withUnsafeMutableBytes { output in
                let out = output.baseAddress!.assumingMemoryBound(to: UInt8.self)
                if bodyCount > 0 {
                    guard EVP_DecryptUpdate(ctx, out, &written, input.baseAddress, Int32(bodyCount)) == 1 else { return false }
                }
                guard EVP_CIPHER_CTX_ctrl(ctx, rkit_ctrl_gcm_set_tag(), Int32(tagSize), &tag) == 1 else { return false }
                var finalWritten: Int32 = 0
                var scratch = [UInt8](repeating: 0, count: 16)
                return EVP_DecryptFinal_ex(ctx, &scratch, &finalWritten) == 1
            }
        }
        ERR_clear_error()
        guard ok else { throw CryptoError.authenticationFailed }
        return plain
    }

    private static func check(key: SecretBytes, iv: [UInt8]) throws {
        guard key.count == keySize else { throw CryptoError.invalidKeyLength(expected: keySize, got: key.count) }
        guard !iv.isEmpty else { throw CryptoError.invalidIVLength }
    }

    private static func start(_ ctx: OpaquePointer, encrypt: Bool, key: SecretBytes, iv: [UInt8], aad: [UInt8]) throws {
        let initFn = encrypt ? EVP_EncryptInit_ex : EVP_DecryptInit_ex
        guard initFn(ctx, EVP_aes_256_gcm(), nil, nil, nil) == 1 else { throw CryptoError.fromQueue("GCM init") }
        guard EVP_CIPHER_CTX_ctrl(ctx, rkit_ctrl_gcm_set_ivlen(), Int32(iv.count), nil) == 1 else {
            throw CryptoError.fromQueue("GCM set IV length")
        }
        let ok = key.withUnsafeBytes { keyBytes in
            initFn(ctx, nil, nil, keyBytes.baseAddress!.assumingMemoryBound(to: UInt8.self), iv)
        }
        guard ok == 1 else { throw CryptoError.fromQueue("GCM key/IV") }
        if !aad.isEmpty {
            var written: Int32 = 0
            let updateFn = encrypt ? EVP_EncryptUpdate : EVP_DecryptUpdate
            guard updateFn(ctx, nil, &written, aad, Int32(aad.count)) == 1 else { throw CryptoError.fromQueue("GCM AAD") }
        }
    }
}
