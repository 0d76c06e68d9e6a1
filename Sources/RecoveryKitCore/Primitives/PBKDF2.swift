internal import COpenSSL

/// PBKDF2-HMAC-SHA256 (RFC 8018): the deliberate cost of every kit.
package enum PBKDF2 {
    /// The key every kit operation uses. Runs each iteration as exactly two
    /// SHA-256 block compressions (see `PBKDF2SHA256Blocks`), about three
    /// times faster than OpenSSL 3's generic `PKCS5_PBKDF2_HMAC`, whose
    /// result it equals byte for byte (proved in `PBKDF2Tests`).
    package static func deriveKey(password: SecretBytes, salt: [UInt8], iterations: Int, length: Int) throws -> SecretBytes {
        precondition(iterations >= 1 && length >= 1)
        return PBKDF2SHA256Blocks.derive(password: password, salt: salt, iterations: iterations, length: length)
    }

    /// OpenSSL's `PKCS5_PBKDF2_HMAC`: the reference the fast path is checked
    /// against, and a contender in the benchmark.
    package static func openSSL(password: SecretBytes, salt: [UInt8], iterations: Int, length: Int) throws -> SecretBytes {
        precondition(iterations >= 1 && length >= 1)
        let out = SecretBytes(zeroedCount: length)
        let ok = password.withUnsafeBytes { pass in
            salt.withUnsafeBufferPointer { saltBuffer in
                out.withUnsafeMutableBytes { key in
                    PKCS5_PBKDF2_HMAC(pass.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(pass.count),
                                      saltBuffer.baseAddress, Int32(saltBuffer.count),
                                      Int32(iterations), EVP_sha256(), Int32(length),
                                      key.baseAddress!.assumingMemoryBound(to: UInt8.self))
                }
            }
        }
        guard ok == 1 else { throw CryptoError.fromQueue("PBKDF2") }
        return out
    }
}
