import Foundation

/// Runs the real decoders/validators (qpdf, poppler, zbar, rsvg) the tests
/// rely on. A missing tool is a test FAILURE naming the package to install:
/// a print test that silently passes without decoding anything proves nothing.
struct ExternalTool {
    struct Missing: Error, CustomStringConvertible {
        var tool: String, package: String
        var description: String {
            "\(tool) was not found on PATH; install the Debian/Ubuntu package '\(package)' (apt-get install \(package)) to run this test."
        }
    }

    struct Failed: Error, CustomStringConvertible {
        var command: String, status: Int32, stderr: String
        var description: String { "\(command) exited with status \(status): \(stderr)" }
    }

    static let zbarimg = ExternalTool(name: "zbarimg", package: "zbar-tools")
    static let pdftoppm = ExternalTool(name: "pdftoppm", package: "poppler-utils")
    static let pdftotext = ExternalTool(name: "pdftotext", package: "poppler-utils")
    static let qpdf = ExternalTool(name: "qpdf", package: "qpdf")
    static let pdffonts = ExternalTool(name: "pdffonts", package: "poppler-utils")
    static let convert = ExternalTool(name: "convert", package: "imagemagick")
    static let rsvgConvert = ExternalTool(name: "rsvg-convert", package: "librsvg2-bin")

    let name: String
    let package: String

    func executable() throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw Missing(tool: name, package: package)
    }

    /// Runs the tool; stdout/stderr go through temporary files so large
    /// outputs cannot dead-lock on a full pipe.
    @discardableResult
    func run(_ arguments: [String], allowFailure: Bool = false) throws -> (status: Int32, stdout: Data, stderr: String) {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        let dir = try Scratch.directory()
        let out = dir.appendingPathComponent("\(name)-\(UUID().uuidString).out")
        let err = dir.appendingPathComponent("\(name)-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out)
        let errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        let stdout = try Data(contentsOf: out)
        let stderr = String(decoding: try Data(contentsOf: err), as: UTF8.self)
        try? FileManager.default.removeItem(at: out)
        try? FileManager.default.removeItem(at: err)
        if process.terminationStatus != 0 && !allowFailure {
            throw Failed(command: ([name] + arguments).joined(separator: " "), status: process.terminationStatus, stderr: stderr)
        }
        return (process.terminationStatus, stdout, stderr)
    }

    /// zbarimg on an image, QR codes only (without -Sdisable zbar may also
    /// report a 1-D barcode it "sees" in the modules): the decoded text.
    static func decodeQR(_ image: URL) throws -> String {
        let result = try zbarimg.run(["--raw", "-q", "-Sdisable", "-Sqrcode.enable", image.path], allowFailure: true)
        guard result.status == 0 else {
            throw Failed(command: "zbarimg --raw -q -Sdisable -Sqrcode.enable \(image.lastPathComponent)", status: result.status,
                         stderr: "no QR code decoded (status 4 = nothing found) " + result.stderr)
        }
        var text = String(decoding: result.stdout, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}

/// Per-run scratch directory. Set RKIT_PRINT_ARTIFACTS=/some/dir to keep the
/// rendered PDFs, SVGs and PNGs for looking at them.
enum Scratch {
    static func directory() throws -> URL {
        let env = ProcessInfo.processInfo.environment["RKIT_PRINT_ARTIFACTS"]
        let url = env.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("rkit-print-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ bytes: [UInt8], _ name: String) throws -> URL {
        let url = try directory().appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }
}
