internal import COpenSSL

/// Conversions between the two ECDSA signature encodings.
package enum ECDSASignature {
    /// DER ECDSA-Sig-Value from 64-byte r || s (nil if r or s is zero).
    package static func derFromRaw(_ raw: [UInt8]) -> [UInt8]? {
        guard raw.count == 64, let sig = ECDSA_SIG_new() else { return nil }
        defer { ECDSA_SIG_free(sig) }
        guard let r = BN_bin2bn(raw, 32, nil) else { return nil }
        guard let s = raw[32...].withContiguousStorageIfAvailable({ BN_bin2bn($0.baseAddress, 32, nil) }) ?? nil else {
            BN_free(r); return nil
        }
        guard ECDSA_SIG_set0(sig, r, s) == 1 else { BN_free(r); BN_free(s); return nil }
        let length = i2d_ECDSA_SIG(sig, nil)
        guard length > 0 else { return nil }
        var der = [UInt8](repeating: 0, count: Int(length))
        let written = der.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor: UnsafeMutablePointer<UInt8>? = buffer.baseAddress
            return i2d_ECDSA_SIG(sig, &cursor)
        }
        return written == length ? der : nil
    }

    /// 64-byte r || s from DER (nil if it is not a canonical P-256 signature).
    package static func rawFromDER(_ der: [UInt8]) -> [UInt8]? {
        let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            let sig = d2i_ECDSA_SIG(nil, &cursor, buffer.count)
            if sig != nil && cursor != buffer.baseAddress! + buffer.count { ECDSA_SIG_free(sig); return nil }
            return sig
        }
        guard let sig = parsed else { ERR_clear_error(); return nil }
        defer { ECDSA_SIG_free(sig) }
        var raw = [UInt8](repeating: 0, count: 64)
        let ok = raw.withUnsafeMutableBufferPointer { out in
            BN_bn2binpad(ECDSA_SIG_get0_r(sig), out.baseAddress, 32) == 32
                && BN_bn2binpad(ECDSA_SIG_get0_s(sig), out.baseAddress! + 32, 32) == 32
        }
        return ok ? raw : nil
    }
}
