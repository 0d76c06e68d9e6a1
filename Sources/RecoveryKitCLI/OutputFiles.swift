import RecoveryKitCore
#if canImport(Glibc)
import Glibc
#endif

/// Writes a set of output files all-or-nothing. Every target is checked
/// before the first byte is written (nothing is replaced without
/// `--force`); each file goes to a temporary file in its own directory,
/// is fsynced, and only when all are complete are they moved into place.
/// On any failure the temporary files (and a folder this set created) are
/// removed, so no half-written kit or request is ever left behind. With
/// `--force`, the files replaced are kept aside until the last rename
/// succeeded and put back if one fails; then each is kept for good under a
/// dated name beside it, 0600 (`keptName`): no run ever deletes a private
/// key, a kit or a body (issue 19 finding 5). Tests/RecoveryKitCLITests/OutputFilesTests.
public final class OutputFiles {
    /// One file to write: its path, contents and mode.
    public struct Entry {
        public let path: String
        /// The contents of a file that is not secret.
        fileprivate var bytes: [UInt8]
        /// The contents of a secret file (a code, a private key, a printable
        /// kit), in locked memory, wiped when done (issue 20, finding 6).
        fileprivate let secretBytes: SecretBytes?
        /// 0600 for secrets (code, private key), 0644 otherwise.
        public let mode: mode_t

        func withContents<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
            if let secretBytes { return try secretBytes.withUnsafeBytes(body) }
            return try bytes.withUnsafeBytes(body)
        }
    }

    /// The signal that arrived during `commit`, delivered when it ends.
    nonisolated(unsafe) static var heldSignal: Int32 = 0

    private var entries: [Entry] = []
    private var createdDirectory: String?
    public let force: Bool

    public init(force: Bool) { self.force = force }

    /// What `--force` replaced, and the name each old file is kept under.
    public private(set) var kept: [(replaced: String, keptAs: String)] = []

    /// Secret contents (a code, a private key's PEM, a printable kit) are
    /// wiped once the set is done with them, written or not.
    deinit { wipeSecrets() }

    /// Wipes the staged bytes of every secret file. `commit` calls it when
    /// it ends, written or not (issue 20, finding 6: the new kit's paper
    /// must not wait in memory at a later prompt).
    public func wipeSecrets() {
        for entry in entries { entry.secretBytes?.wipe() }
    }

    /// Creates `path` (one level) if it is absent; refuses a file there.
    public func ensureDirectory(_ path: String) throws {
        var info = stat()
        if stat(path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw CLIFailure(.outputExists, "\(path) exists and is not a folder; choose another --out")
            }
            return
        }
        guard mkdir(path, 0o755) == 0 else {
            throw CLIFailure(.writeFailed, "cannot create folder \(path) (\(String(cString: strerror(errno))))")
        }
        createdDirectory = path
    }

    /// Stages `bytes` for `path`; a `secret` file is written 0600 and its
    /// staged bytes are wiped when done.
    public func add(_ path: String, _ bytes: [UInt8], secret: Bool = false) {
        guard secret else {
            entries.append(Entry(path: path, bytes: bytes, secretBytes: nil, mode: 0o644))
            return
        }
        var copy = bytes
        add(path, secret: SecretBytes(consuming: &copy))
    }

    /// Stages a secret file's contents held in locked memory (written 0600).
    public func add(_ path: String, secret contents: SecretBytes) {
        entries.append(Entry(path: path, bytes: [], secretBytes: contents, mode: 0o600))
    }

    public func add(_ path: String, text: String, secret: Bool = false) {
        add(path, Array(text.utf8), secret: secret)
    }

    public var paths: [String] { entries.map(\.path) }

    /// Fails with `.outputExists` naming the first target already there.
    public func checkTargets() throws {
        for entry in entries {
            var info = stat()
            guard lstat(entry.path, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                throw CLIFailure(.outputExists, "\(entry.path) is a folder; choose another output path")
            }
            if !force {
                throw CLIFailure(.outputExists, "\(entry.path) already exists; use --force to replace it, or choose another path")
            }
        }
    }

    /// Writes everything or nothing. Ctrl-C, SIGTERM, SIGHUP and SIGQUIT
    /// are held back while files are written and moved into place, so an
    /// interruption takes effect after a complete set (or after the
    /// rollback), never between two files.
    public func commit() throws {
        defer { wipeSecrets() }
        // A handler, not a signal mask: a mask is per thread, and a
        // process-directed signal may land on any other thread.
        let held = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
        OutputFiles.heldSignal = 0
        let previous = held.map { signal($0, { OutputFiles.heldSignal = $0 }) }
        defer {
            for (number, handler) in zip(held, previous) { signal(number, handler) }
            if OutputFiles.heldSignal != 0 { raise(OutputFiles.heldSignal) }
        }
        do {
            try checkTargets()
            var temporaries: [(temp: String, entry: Entry)] = []
            defer { for item in temporaries { unlink(item.temp) } }
            for entry in entries {
                temporaries.append((try writeTemporary(entry), entry))
            }
            var placed: [String] = []
            // --force: each file replaced is kept aside (a 0600 name in
            // its own folder) until the whole set is in place, so a failure
            // part-way puts every old file back: all-or-nothing, also when
            // replacing.
            var asideFiles: [(path: String, aside: String)] = []
            do {
                for (index, item) in temporaries.enumerated() {
                    OutputFiles.beforePlacing?(index, item.entry.path)
                    if force, let aside = try moveAside(item.entry.path) { asideFiles.append((item.entry.path, aside)) }
                    try place(item.temp, at: item.entry.path)
                    placed.append(item.entry.path)
                }
            } catch {
                // Every placed file is new or replaced one kept aside: take
                // them back, then return the old ones.
                for path in placed { unlink(path) }
                for item in asideFiles.reversed() { rename(item.aside, item.path) }
                throw error
            }
            for item in asideFiles {
                kept.append((item.path, OutputFiles.keep(item.aside, for: item.path)))
            }
            for directory in Set(entries.map { directoryOf($0.path) }) { syncDirectory(directory) }
        } catch {
            rollback()
            throw error
        }
    }

    /// Tests only: called before each file is moved into place (index in
    /// the set, path), to make a later rename fail.
    nonisolated(unsafe) static var beforePlacing: ((Int, String) -> Void)?

    /// Renames an existing file at `path` to a fresh hidden name beside it
    /// (reserved 0600 by mkstemp); nil when nothing is there.
    private func moveAside(_ path: String) throws -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        var template = Array((directoryOf(path) + "/.rkit-old-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw writeError(path) }
        close(fd)
        let aside = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard rename(path, aside) == 0 else {
            let failure = writeError(path)
            unlink(aside)
            throw failure
        }
        return aside
    }

    /// The name a file replaced at `path` is kept under: beside it,
    /// `NAME.replaced-YYYYMMDDTHHMMSSZ` (UTC, this run's start), `-2`, `-3`
    /// … when taken. The same for every call on one path in a run, so a
    /// tool can say where before it commits.
    public static func keptName(for path: String) -> String {
        if let known = keptNames[path] { return known }
        var stamp = [CChar](repeating: 0, count: 32)
        var now = runStart
        var parts = tm()
        gmtime_r(&now, &parts)
        strftime(&stamp, stamp.count, "%Y%m%dT%H%M%SZ", &parts)
        let base = path + ".replaced-" + String(cString: stamp)
        var candidate = base
        var n = 1
        var info = stat()
        while lstat(candidate, &info) == 0 || keptNames.values.contains(candidate) {
            n += 1
            candidate = base + "-\(n)"
        }
        keptNames[path] = candidate
        return candidate
    }

    nonisolated(unsafe) private static var keptNames: [String: String] = [:]
    nonisolated(unsafe) private static var runStart: time_t = time(nil)

    /// Moves `current` (the old file at `path`, or `path` itself) to
    /// `keptName(for: path)`, never over an existing file, and makes it
    /// 0600 (an old kit's paper holds its code). Returns where the old file
    /// is: if the move fails it stays at `current`, never deleted.
    @discardableResult
    public static func keep(_ current: String, for path: String) -> String {
        let target = keptName(for: path)
        guard link(current, target) == 0 else {
            chmod(current, 0o600)
            return current
        }
        unlink(current)
        chmod(target, 0o600)
        return target
    }

    /// Refuses, before any secret is asked, an output whose folder cannot
    /// be written: missing, not a folder, read-only, no permission (finding
    /// 11: found only after the code was typed). `folders` are outputs that
    /// are folders themselves (created if absent: their parent must be writable).
    public static func checkWritable(files: [String], folders: [String] = []) throws {
        func parent(_ path: String) -> String {
            guard let slash = path.lastIndex(of: "/") else { return "." }
            let dir = String(path[..<slash])
            return dir.isEmpty ? "/" : dir
        }
        var info = stat()
        let places = files.map { (parent($0), $0) } + folders.map { folder in
            stat(folder, &info) == 0 ? (folder, folder) : (parent(folder), folder)
        }
        for (folder, output) in places {
            guard stat(folder, &info) == 0 else {
                throw CLIFailure(.writeFailed, "cannot write \(output): folder \(folder) does not exist; create it or choose another path (checked before anything is asked)")
            }
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw CLIFailure(.writeFailed, "cannot write \(output): \(folder) is not a folder; choose another path")
            }
            guard access(folder, W_OK | X_OK) == 0 else {
                throw CLIFailure(.writeFailed, "cannot write \(output): folder \(folder) is not writable (\(String(cString: strerror(errno)))); choose another path (checked before anything is asked)")
            }
        }
    }

    /// Removes a folder this set created (only if it is empty again).
    public func rollback() {
        if let createdDirectory { rmdir(createdDirectory) }
    }

    private func directoryOf(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }

    private func writeTemporary(_ entry: Entry) throws -> String {
        var template = Array((directoryOf(entry.path) + "/.rkit-tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw CLIFailure(.writeFailed, "cannot write in the folder of \(entry.path) (\(String(cString: strerror(errno))))")
        }
        let temp = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { close(fd) }
        do {
            guard fchmod(fd, entry.mode) == 0 else { throw writeError(entry.path) }
            try entry.withContents { contents in
                var offset = 0
                while offset < contents.count {
                    let n = Glibc.write(fd, contents.baseAddress! + offset, contents.count - offset)
                    if n < 0 { if errno == EINTR { continue }; throw writeError(entry.path) }
                    offset += n
                }
            }
            guard fsync(fd) == 0 else { throw writeError(entry.path) }
        } catch {
            unlink(temp)
            throw error
        }
        return temp
    }

    /// Without --force: link() refuses an existing target, so a file that
    /// appeared since the check is still not replaced. With --force: rename.
    private func place(_ temp: String, at path: String) throws {
        if force {
            guard rename(temp, path) == 0 else { throw writeError(path) }
        } else {
            guard link(temp, path) == 0 else {
                if errno == EEXIST { throw CLIFailure(.outputExists, "\(path) already exists; use --force to replace it") }
                throw writeError(path)
            }
        }
    }

    private func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    private func writeError(_ path: String) -> CLIFailure {
        CLIFailure(.writeFailed, "cannot write \(path) (\(String(cString: strerror(errno))))")
    }
}
