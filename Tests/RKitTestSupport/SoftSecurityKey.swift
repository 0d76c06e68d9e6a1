import Foundation

/// A software FIDO2 security key (PyPI soft-fido2, through
/// Tests/SecurityKey/soft_key.py) served on a Unix socket for the life of
/// this object: `device` is what `--security-key` takes. Fails (never
/// skips) when python3 or the pinned packages are missing.
public final class SoftSecurityKey {
    public static let pin = "123456"
    public let folder: TemporaryDirectory
    public let socketPath: String
    public var device: String { "unix:\(socketPath)" }
    private let process = Process()
    private let errors = Pipe()

    public init() throws {
        folder = try TemporaryDirectory()
        socketPath = folder.file("key.sock")
        let script = ToolRunner.repositoryRoot.appendingPathComponent("Tests/SecurityKey/soft_key.py").path
        process.executableURL = URL(fileURLWithPath: try ToolRunner.locate("python3"))
        process.arguments = [script, "serve", "--socket", socketPath, "--home", folder.file("fido-home"), "--pin", SoftSecurityKey.pin]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let line = output.fileHandleForReading.availableData
        guard String(decoding: line, as: UTF8.self).hasPrefix("ready") else {
            process.waitUntilExit()
            let detail = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw Failed(detail: detail.isEmpty ? "soft_key.py exited \(process.terminationStatus)" : detail)
        }
    }

    deinit {
        // SIGKILL: the child inherits the test runner's blocked signals.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// The judge (Tests/SecurityKey/judge.py, python-fido2's Fido2Server).
    public static func judge(_ arguments: [String]) throws -> ToolResult {
        let script = ToolRunner.repositoryRoot.appendingPathComponent("Tests/SecurityKey/judge.py").path
        return try ToolRunner.run(try ToolRunner.locate("python3"), [script] + arguments)
    }

    public struct Failed: Error, CustomStringConvertible {
        public let detail: String
        public var description: String { "the soft security key did not start: \(detail)" }
    }
}
