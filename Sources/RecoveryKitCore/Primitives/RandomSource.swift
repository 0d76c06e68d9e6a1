internal import COpenSSL

/// Where every random byte in rkit comes from: the recovery code's
/// symbols, the envelope IV and the private key scalar. Production uses
/// `SystemRandom` (OpenSSL's DRBG); tests inject a replaying source so
/// every random input of a kit can be pinned.
public protocol RandomSource: Sendable {
    func fill(_ buffer: UnsafeMutableRawBufferPointer) throws
}

extension RandomSource {
    public func bytes(_ count: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        try out.withUnsafeMutableBytes { try fill($0) }
        return out
    }
}

/// OpenSSL's private DRBG (`RAND_priv_bytes`), seeded from the kernel.
public struct SystemRandom: RandomSource {
    public init() {}
    public func fill(_ buffer: UnsafeMutableRawBufferPointer) throws {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        guard RAND_priv_bytes(base.assumingMemoryBound(to: UInt8.self), Int32(buffer.count)) == 1 else {
            throw CryptoError.randomUnavailable
        }
    }
}
