import RecoveryKitCore
#if canImport(Glibc)
import Glibc
#endif

/// Reads an input named on the command line: a path, or `-` for stdin.
/// Bounded in size (inputs cross an air gap from an untrusted machine),
/// and every failure is one clear `CLIFailure`.
public enum InputFile {
    /// Large enough for a batch body or a challenge with many credentials,
    /// small enough that a hostile file cannot exhaust memory.
    public static let defaultLimit = 4 << 20

    /// Reads `path` (`-`: standard input) whole, refusing more than `limit`
    /// bytes; `what` names the input in the one-line error ("kit file").
    public static func read(_ path: String, what: String, limit: Int = defaultLimit) throws -> [UInt8] {
        if path == "-" { return try readAll(fd: 0, name: "standard input", what: what, limit: limit) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let reason: String
            switch errno {
            case ENOENT: reason = "does not exist"
            case EACCES: reason = "is not readable (permission denied)"
            default: reason = "cannot be opened (\(String(cString: strerror(errno))))"
            }
            throw CLIFailure(.unreadableInput, "\(what) \(path) \(reason)")
        }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw CLIFailure(.unreadableInput, "\(what) \(path) is a directory; give the file inside it")
        }
        // A regular file's size sizes the read buffer: kits are ~1 KiB, and a
        // fixed 64 KiB buffer per file churned the heap in large batches.
        let sizeHint = (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : nil
        return try readAll(fd: fd, name: path, what: what, limit: limit, sizeHint: sizeHint)
    }

    static func readAll(fd: Int32, name: String, what: String, limit: Int, sizeHint: Int? = nil) throws -> [UInt8] {
        var out: [UInt8] = []
        // One byte more than the expected size, so end of file is seen in one pass.
        var chunk = [UInt8](repeating: 0, count: sizeHint.map { min(max($0 + 1, 512), 65536) } ?? 65536)
        defer { cleanse(&chunk) }  // it may have held a code (--code-file)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EISDIR { throw CLIFailure(.unreadableInput, "\(what) \(name) is a directory; give the file inside it") }
                throw CLIFailure(.unreadableInput, "\(what) \(name) could not be read (\(String(cString: strerror(errno))))")
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
            if out.count > limit {
                let size = limit >= 1 << 20 ? "\(limit >> 20) MiB" : limit >= 1 << 10 ? "\(limit >> 10) KiB" : "\(limit) bytes"
                throw CLIFailure(.unreadableInput, "\(what) \(name) is larger than \(size); it cannot be a recovery document")
            }
        }
        if out.isEmpty { throw CLIFailure(.malformedInput, "\(what) \(name) is empty" + (what.hasPrefix("kit") ? emptyScanHint : "")) }
        return out
    }

    /// An empty kit file is most often a scan that read nothing (zbarimg
    /// writes nothing when it finds no code): how to scan again.
    static let emptyScanHint = ": if it is a scan of the paper's QR, nothing was read; photograph the QR again square-on, in even light, filling most of the picture, then run zbarimg -q -Sdisable -Sqrcode.enable PHOTO > kit-qr.txt (or save the QR text line printed in kit.txt)"

    /// Reads a text file: UTF-8 required, surrounding whitespace trimmed.
    public static func readText(_ path: String, what: String, limit: Int = defaultLimit) throws -> String {
        let bytes = try read(path, what: what, limit: limit)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CLIFailure(.malformedInput, "\(what) \(path == "-" ? "on standard input" : path) is not UTF-8 text")
        }
        return text.trimmingWhitespace()
    }
}

extension StringProtocol {
    /// Without surrounding Unicode whitespace (the core's one trimming helper).
    public func trimmingWhitespace() -> String {
        String(String.UnicodeScalarView(String(self).unicodeScalars.trimming { $0.properties.isWhitespace }))
    }
}
