internal import COpenSSL

/// A P-256 private key. The scalar lives inside OpenSSL; rkit only sees it
/// briefly, in `SecretBytes`, when exporting PKCS#8 for the envelope.
public final class P256PrivateKey: @unchecked Sendable {
    let key: EVPKey
    public let publicKey: P256PublicKey

    /// Draws a scalar uniformly from [1, n-1] (rejection sampling, as
    /// OpenSSL's own key generation does) from `random`, so a test can pin
    /// the key by injecting the randomness.
    public static func generate(using random: some RandomSource = SystemRandom()) throws -> P256PrivateKey {
        var candidate = SecretBytes(zeroedCount: 32)
        while true {
            try candidate.withUnsafeMutableBytes { try random.fill($0) }
            if candidate.withUnsafeBytes({ P256DER.isValidScalar($0) }) { break }
            candidate = SecretBytes(zeroedCount: 32)
        }
        // Build the DER in wiped memory: no stray array copy of the scalar.
        let prefix = P256DER.pkcs8NoPublicPrefix
        let der = SecretBytes(zeroedCount: prefix.count + 32)
        der.withUnsafeMutableBytes { out in
            out.copyBytes(from: prefix)
            candidate.withUnsafeBytes { scalar in
                UnsafeMutableRawBufferPointer(rebasing: out[prefix.count...]).copyMemory(from: scalar)
            }
        }
        return try P256PrivateKey(pkcs8: der)
    }

    /// Imports PKCS#8 DER, with or without the optional embedded public key
    /// (and with or without ECPrivateKey's parameters field). If a public
    /// key is embedded, it must belong to the private key.
    public init(pkcs8 der: SecretBytes) throws {
        let parsed = der.withUnsafeBytes { bytes in
            EVPKey.decode(bytes) { cursor, length -> OpaquePointer? in
                guard let info = d2i_PKCS8_PRIV_KEY_INFO(nil, cursor, length) else { return nil }
                defer { PKCS8_PRIV_KEY_INFO_free(info) }
                return EVP_PKCS82PKEY(info)
            }
        }
        guard let parsed else { throw KeyError.notDER("private key (PKCS#8)") }
        guard parsed.isEC else { throw KeyError.notECKey(parsed.typeName) }
        guard let group = parsed.groupName else { throw KeyError.wrongCurve("explicit parameters") }
        guard group == "prime256v1" else { throw KeyError.wrongCurve(group) }
        guard parsed.passes({ EVP_PKEY_pairwise_check($0) }) else { throw KeyError.keyPairMismatch }
        guard let point = parsed.uncompressedPoint() else { throw CryptoError.fromQueue("reading the public point") }
        key = parsed
        publicKey = try P256PublicKey(uncompressedPoint: point)
    }

    public convenience init(pkcs8 der: [UInt8]) throws {
        var copy = der
        try self.init(pkcs8: SecretBytes(consuming: &copy))
    }

    /// PKCS#8 DER exactly as WebCrypto's `exportKey("pkcs8")` writes it
    /// (138 bytes, public key included): the envelope's plaintext.
    public func pkcs8() throws -> SecretBytes {
        let out = SecretBytes(zeroedCount: P256DER.pkcs8Size)
        let ok = out.withUnsafeMutableBytes { bytes -> Bool in
            var offset = 0
            func put(_ part: [UInt8]) {
                UnsafeMutableRawBufferPointer(rebasing: bytes[offset..<offset + part.count]).copyBytes(from: part)
                offset += part.count
            }
            put(P256DER.pkcs8Prefix)
            guard key.copyParameter("priv", into: UnsafeMutableRawBufferPointer(rebasing: bytes[offset..<offset + 32])) else {
                return false
            }
            offset += 32
            put(P256DER.pkcs8PublicKeyTag)
            put(publicKey.uncompressedPoint)
            return offset == P256DER.pkcs8Size
        }
        guard ok else { throw CryptoError.fromQueue("exporting the private key") }
        return out
    }

    /// ECDSA P-256 with SHA-256; DER-encoded ECDSA-Sig-Value. OpenSSL draws
    /// the nonce, so signatures differ run to run (verify, don't compare).
    public func signature(for message: [UInt8]) throws -> [UInt8] {
        guard let ctx = EVP_MD_CTX_new() else { throw CryptoError.fromQueue("EVP_MD_CTX_new") }
        defer { EVP_MD_CTX_free(ctx) }
        guard EVP_DigestSignInit(ctx, nil, EVP_sha256(), nil, key.pointer) == 1 else {
            throw CryptoError.fromQueue("EVP_DigestSignInit")
        }
        var length = 0
        let empty: [UInt8] = [0]
        let sign = { (out: UnsafeMutablePointer<UInt8>?, length: inout Int) -> Int32 in
            message.withUnsafeBufferPointer { msg in
                empty.withUnsafeBufferPointer { fallback in
                    EVP_DigestSign(ctx, out, &length, msg.baseAddress ?? fallback.baseAddress!, msg.count)
                }
            }
        }
        guard sign(nil, &length) == 1 else { throw CryptoError.fromQueue("EVP_DigestSign") }
        var der = [UInt8](repeating: 0, count: length)
        guard der.withUnsafeMutableBufferPointer({ sign($0.baseAddress, &length) }) == 1 else {
            throw CryptoError.fromQueue("EVP_DigestSign")
        }
        return Array(der.prefix(length))
    }
}
