internal import COpenSSL

/// HMAC-SHA256 (RFC 2104) through OpenSSL's one-shot `HMAC`.
package enum HMACSHA256 {
    package static func mac(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let result = key.withUnsafeBufferPointer { k in
            message.withUnsafeBufferPointer { m in
                out.withUnsafeMutableBufferPointer { o in
                    HMAC(EVP_sha256(), k.baseAddress ?? UnsafePointer(o.baseAddress!), Int32(k.count),
                         m.baseAddress ?? UnsafePointer(o.baseAddress!), m.count, o.baseAddress, &length)
                }
            }
        }
        precondition(result != nil && length == 32, "HMAC-SHA256 cannot fail on valid input")
        return out
    }
}
