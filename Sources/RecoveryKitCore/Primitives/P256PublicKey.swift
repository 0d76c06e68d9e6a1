internal import COpenSSL

/// A P-256 public key, always a validated uncompressed point on the curve.
public struct P256PublicKey: Sendable, Equatable, Hashable {
    /// 04 || X || Y (65 bytes).
    public let uncompressedPoint: [UInt8]
    let key: EVPKey

    public static func == (a: P256PublicKey, b: P256PublicKey) -> Bool { a.uncompressedPoint == b.uncompressedPoint }
    public func hash(into hasher: inout Hasher) { hasher.combine(uncompressedPoint) }

    /// Imports SubjectPublicKeyInfo DER. Rejects other key types, other
    /// curves, compressed or explicit-parameter forms and off-curve points.
    public init(spkiDER der: [UInt8]) throws {
        let parsed = der.withUnsafeBytes { EVPKey.decode($0) { d2i_PUBKEY(nil, $0, $1) } }
        let looksLikeP256 = der.count == P256DER.spkiSize && Array(der.prefix(26)) == P256DER.spkiPrefix
        guard let parsed else {
            throw looksLikeP256 && der[26] == 0x04 ? KeyError.notOnCurve : KeyError.notDER("public key")
        }
        guard parsed.isEC else { throw KeyError.notECKey(parsed.typeName) }
        guard let group = parsed.groupName else { throw KeyError.wrongCurve("explicit parameters") }
        guard group == "prime256v1" else { throw KeyError.wrongCurve(group) }
        guard looksLikeP256 else {
            throw der.count < P256DER.spkiSize ? KeyError.compressedPoint : KeyError.notDER("public key (not the named-curve form)")
        }
        guard der[26] == 0x04 else { throw KeyError.compressedPoint }
        guard parsed.passes({ EVP_PKEY_public_check($0) }) else { throw KeyError.notOnCurve }
        uncompressedPoint = Array(der[26...])
        key = parsed
    }

    /// Imports the bare uncompressed point 04 || X || Y.
    public init(uncompressedPoint point: [UInt8]) throws {
        guard point.count == 65 else { throw point.count == 33 ? KeyError.compressedPoint : KeyError.notOnCurve }
        guard point[0] == 0x04 else { throw KeyError.compressedPoint }
        try self.init(spkiDER: P256DER.spki(point: point))
    }

    /// Imports PEM text in either style (one base64 line, or 64 columns).
    public init(pem: String) throws {
        try self.init(spkiDER: try PEM.decodePublicKey(pem))
    }

    public var spkiDER: [UInt8] { P256DER.spki(point: uncompressedPoint) }

    /// The reference frontend's PEM text (docs/SCHEME.md §5): one base64 line,
    /// no trailing newline. This text is signed, so it must be exact.
    public var pem: String { PEM.encodePublicKey(spkiDER) }

    /// Verifies an ECDSA P-256/SHA-256 signature over `message`, given as
    /// DER (ECDSA-Sig-Value) or as 64-byte raw r || s.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        signatureFormat(signature, for: message) != nil
    }

    /// Which encoding of the signature verified, or nil if none did.
    public func signatureFormat(_ signature: [UInt8], for message: [UInt8]) -> SignatureFormat? {
        if signature.count == 64, let der = ECDSASignature.derFromRaw(signature),
           verifyDER(der, message) { return .raw }
        if verifyDER(signature, message) { return .der }
        return nil
    }

    private func verifyDER(_ der: [UInt8], _ message: [UInt8]) -> Bool {
        guard let ctx = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(ctx); ERR_clear_error() }
        guard EVP_DigestVerifyInit(ctx, nil, EVP_sha256(), nil, key.pointer) == 1 else { return false }
        return message.withUnsafeBufferPointer { msg in
            EVP_DigestVerify(ctx, der, der.count, msg.baseAddress ?? der.withUnsafeBufferPointer { $0.baseAddress! }, msg.count)
        } == 1
    }
}

/// How an ECDSA signature was encoded: DER (WebCrypto via Dfns) or raw r||s.
public enum SignatureFormat: String, Sendable {
    /// ASN.1 DER ECDSA-Sig-Value, as WebAuthn and OpenSSL produce.
    case der
    /// 64 bytes r || s, as WebCrypto's `sign` produces.
    case raw
}
