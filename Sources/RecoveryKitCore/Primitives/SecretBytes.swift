internal import COpenSSL
internal import Synchronization
#if canImport(Glibc)
internal import Glibc
#endif

/// Bytes that must not outlive their use: a password, a derived key, a
/// private key's DER. Stored in one heap buffer that is wiped with
/// `OPENSSL_cleanse` when the last reference goes away, so no stray copy
/// is left behind by Swift's copy-on-write arrays. The buffer has whole
/// pages of its own and they are locked (`mlock`) so the secret is not
/// swapped to disk; where the system refuses (RLIMIT_MEMLOCK too low) the
/// secret still works and `lockFailures` counts it, for the tool's note.
public final class SecretBytes: @unchecked Sendable {
    private let buffer: UnsafeMutableRawBufferPointer
    /// The whole pages allocated (wiped and unlocked at the end).
    private let pages: UnsafeMutableRawBufferPointer
    private let locked: Bool

    /// How many secrets could not be locked in memory in this process.
    public static var lockFailures: Int { failures.load(ordering: .relaxed) }
    private static let failures = Atomic<Int>(0)
    private static let pageSize = max(Int(sysconf(Int32(_SC_PAGESIZE))), 4096)

    /// Whole pages for `count` bytes, locked if the system allows. Own
    /// pages: munlock of a shared page would unlock another secret.
    private static func allocate(_ count: Int) -> (pages: UnsafeMutableRawBufferPointer, locked: Bool) {
        let size = (max(count, 1) + pageSize - 1) / pageSize * pageSize
        let pages = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: pageSize)
        pages.initializeMemory(as: UInt8.self, repeating: 0)
        let locked = mlock(pages.baseAddress!, size) == 0
        if !locked { failures.add(1, ordering: .relaxed) }
        return (pages, locked)
    }

    /// Takes `bytes` and wipes the caller's array afterwards.
    public init(consuming bytes: inout [UInt8]) {
        let (storage, locked) = SecretBytes.allocate(bytes.count)
        bytes.withUnsafeBytes { source in
            if let base = source.baseAddress { storage.baseAddress!.copyMemory(from: base, byteCount: source.count) }
        }
        pages = storage
        self.locked = locked
        buffer = storage
        count = bytes.count
        bytes.withUnsafeMutableBytes { cleanse($0) }
        bytes = []
    }

    /// A zero-filled buffer of `count` bytes for a function to write into.
    public init(zeroedCount count: Int) {
        (pages, locked) = SecretBytes.allocate(count)
        buffer = pages
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

    /// Wipes the contents now (they read as zeros from here on): for a
    /// secret whose holder lives on after its last use.
    public func wipe() { cleanse(pages) }

    deinit {
        cleanse(pages)
        if locked { munlock(pages.baseAddress!, pages.count) }
        pages.deallocate()
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
