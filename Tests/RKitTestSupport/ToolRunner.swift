import Foundation

/// Runs rkit's built executables and the independent peers (node, python3,
/// zbarimg, …) from tests, with stdin, and captures everything.
public struct ToolResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
    /// True when a signal ended the process (a trap or crash): `status`
    /// is then the signal number, not an exit status.
    public var terminatedBySignal = false
    public var stdoutBytes: [UInt8] { Array(stdout.utf8) }
}

public enum ToolRunner {
    /// The folder holding the built products (`.build/debug`), found from
    /// the test bundle's location.
    public static let productsDirectory: URL = {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" {
            url = url.deletingLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("rkit-verify").path) { return url }
        }
        fatalError("cannot find the built rkit executables near \(CommandLine.arguments[0])")
    }()

    /// The repository root (the folder with Package.swift).
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url = url.deletingLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("cannot find Package.swift above \(#filePath)")
    }()

    /// Runs one of rkit's own tools (`rkit-generate`, `rkit-sign`, `rkit-verify`).
    /// `environment` adds to (or, with nil values, removes from) the
    /// test's own environment, e.g. a terminal size in COLUMNS and LINES.
    public static func rkit(_ tool: String, _ arguments: [String], stdin: String? = nil,
                            currentDirectory: URL? = nil, environment: [String: String?] = [:]) throws -> ToolResult {
        try run(productsDirectory.appendingPathComponent(tool).path, arguments, stdin: stdin.map { Array($0.utf8) },
                currentDirectory: currentDirectory, environment: environment)
    }

    /// Runs a program found on PATH. Fails (never skips) when it is missing,
    /// naming the Debian package that provides it.
    public static func external(_ program: String, _ arguments: [String], stdin: [UInt8]? = nil,
                                currentDirectory: URL? = nil) throws -> ToolResult {
        try run(try locate(program), arguments, stdin: stdin, currentDirectory: currentDirectory)
    }

    public static func locate(_ program: String) throws -> String {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(program)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw MissingTool(program: program)
    }

    public static func run(_ executable: String, _ arguments: [String], stdin: [UInt8]? = nil,
                           currentDirectory: URL? = nil, environment: [String: String?] = [:]) throws -> ToolResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty {
            var merged = ProcessInfo.processInfo.environment
            for (key, value) in environment { merged[key] = value }
            process.environment = merged
        }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Read both pipes concurrently so a chatty child cannot block.
        nonisolated(unsafe) var errData = Data()
        let errThread = Thread { errData = error.fileHandleForReading.readDataToEndOfFile() }
        errThread.start()
        if let stdin { input.fileHandleForWriting.write(Data(stdin)) }
        try? input.fileHandleForWriting.close()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errThread.isFinished { usleep(1000) }
        return ToolResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                          stderr: String(decoding: errData, as: UTF8.self),
                          terminatedBySignal: process.terminationReason == .uncaughtSignal)
    }
}

public struct MissingTool: Error, CustomStringConvertible {
    public let program: String
    static let packages = ["zbarimg": "zbar-tools", "pdftoppm": "poppler-utils", "pdftotext": "poppler-utils",
                           "qpdf": "qpdf", "rsvg-convert": "librsvg2-bin", "node": "nodejs", "python3": "python3"]
    public var description: String {
        "\(program) is not installed; run 'make deps' (Debian package \(MissingTool.packages[program] ?? program))"
    }
}

/// A fresh folder under the system temp dir, removed when dropped.
public final class TemporaryDirectory {
    public let url: URL
    public var path: String { url.path }

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("rkit-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public func file(_ name: String) -> String { url.appendingPathComponent(name).path }

    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        let path = file(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    public func read(_ name: String) throws -> String { try String(contentsOfFile: file(name), encoding: .utf8) }

    public func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: file(name)) }

    /// Every file name in the folder (to assert nothing extra was written).
    public func listing() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// The Node WebCrypto implementation of the reference frontend
/// (Tests/Interop/reference-frontend.mjs): the independent peer for interop.
public enum ReferenceFrontend {
    public static func run(_ arguments: [String], stdin: String? = nil) throws -> ToolResult {
        let script = ToolRunner.repositoryRoot.appendingPathComponent("Tests/Interop/reference-frontend.mjs").path
        return try ToolRunner.external("node", [script] + arguments, stdin: stdin.map { Array($0.utf8) })
    }
}

/// zbarimg, restricted to QR codes. Without `-Sdisable -Sqrcode.enable`
/// zbar now and then also "finds" a 1-D barcode in a QR's modules and
/// prints it as an extra line (seen: `976796` beside a QR part).
public enum QRScanner {
    public static let arguments = ["--raw", "-q", "-Sdisable", "-Sqrcode.enable"]

    public static func scan(_ imagePath: String) throws -> ToolResult {
        try ToolRunner.external("zbarimg", arguments + [imagePath])
    }
}
