internal import COpenSSL

/// SHA-256 through OpenSSL's EVP interface.
package enum SHA256Digest {
    package static let digestSize = 32

    package static func hash(_ data: UnsafeRawBufferPointer) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: digestSize)
        var length: UInt32 = 0
        let ok = out.withUnsafeMutableBufferPointer { digest in
            EVP_Digest(data.baseAddress ?? UnsafeRawPointer(digest.baseAddress!), data.count,
                       digest.baseAddress, &length, EVP_sha256(), nil)
        }
        precondition(ok == 1 && length == 32, "EVP_Digest(SHA-256) cannot fail on valid input")
        return out
    }

    package static func hash(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { hash($0) }
    }

    package static func hash(utf8 text: String) -> [UInt8] {
        hash(Array(text.utf8))
    }
}
