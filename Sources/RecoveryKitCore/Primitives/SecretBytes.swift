internal import COpenSSL

/// Bytes that must not outlive their use: a password, a derived key, a
/// private key's DER. Stored in one heap buffer that is wiped with
/// `OPENSSL_cleanse` when the last reference goes away, so no stray copy
/// is left behind by Swift's copy-on-write arrays.
public final class SecretBytes: @unchecked Sendable {
    private let buffer: UnsafeMutableRawBufferPointer

    /// Takes `bytes` and wipes the caller's array afterwards.
    public init(consuming bytes: inout [UInt8]) {
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        bytes.withUnsafeBytes { source in
            if let base = source.baseAddress { storage.baseAddress!.copyMemory(from: base, byteCount: source.count) }
        }
        buffer = storage
        count = bytes.count
        bytes.withUnsafeMutableBytes { cleanse($0) }
        bytes = []
    }

    /// A zero-filled buffer of `count` bytes for a function to write into.
    public init(zeroedCount count: Int) {
        buffer = .allocate(byteCount: max(count, 1), alignment: 16)
        buffer.initializeMemory(as: UInt8.self, repeating: 0)
        self.count = count
    }

    /// The UTF-8 bytes of a text secret (a recovery code).
    public convenience init(utf8 text: String) {
        var bytes = Array(text.utf8)
        self.init(consuming: &bytes)
    }

    public let count: Int

    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
    }

    public func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeMutableRawBufferPointer(rebasing: buffer[0..<count]))
    }

    /// A copy as an ordinary array, for data that is about to become public
    /// or be written where the caller asked. The caller owns wiping it.
    public func copyBytes() -> [UInt8] { withUnsafeBytes { Array($0) } }

    /// Constant-time comparison.
    public func isEqual(to other: SecretBytes) -> Bool {
        guard count == other.count else { return false }
        return withUnsafeBytes { a in other.withUnsafeBytes { b in
            CRYPTO_memcmp(a.baseAddress, b.baseAddress, count) == 0
        } }
    }

    deinit {
        cleanse(buffer)
        buffer.deallocate()
    }
}

/// Wipes memory in a way the compiler may not optimise away.
public func cleanse(_ bytes: UnsafeMutableRawBufferPointer) {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return }
    OPENSSL_cleanse(base, bytes.count)
}

/// Wipes an array in place (for short-lived secrets that had to be arrays).
public func cleanse(_ bytes: inout [UInt8]) {
    bytes.withUnsafeMutableBytes { cleanse($0) }
}
