import Foundation
import RKitTestSupport
import RecoveryKitCLI
import Testing

/// The rkit exit-code table (Testing has its own `ToolStatus`).
typealias ToolStatus = RecoveryKitCLI.ExitStatus

/// One hostile run of one tool: the arguments (with placeholders, see
/// `HostileInputs.resolve`), optional stdin, and the exit status the
/// documented table (`ExitStatus`) promises for it. A table row per case,
/// so covering a new tool or input is one line.
struct HostileCase: Sendable, CustomTestStringConvertible {
    let tool: String
    let arguments: [String]
    let expected: ToolStatus
    let stdin: [UInt8]?
    /// Files to create in the output folder first (the "existing output" cases).
    let existing: [String]

    init(_ tool: String, _ arguments: [String], _ expected: ToolStatus, stdin: String? = nil, stdinBytes: [UInt8]? = nil,
         existing: [String] = []) {
        self.tool = tool
        self.arguments = arguments
        self.expected = expected
        self.stdin = stdinBytes ?? stdin.map { Array($0.utf8) }
        self.existing = existing
    }

    var testDescription: String { "\(tool) \(arguments.joined(separator: " ")) → \(expected.rawValue)" }

    /// Runs the case in a fresh output folder (its working directory) and
    /// checks everything a hostile input must not cause.
    func run() throws {
        for argument in arguments where argument.hasPrefix("in:") {
            let path = HostileInputs.committed.appendingPathComponent(String(argument.dropFirst(3))).path
            guard FileManager.default.fileExists(atPath: path) else {
                Issue.record(Comment(rawValue: "no hostile input \(path): Tests/Hostile/inputs is incomplete (make-inputs.py)"))
                return
            }
        }
        let out = try TemporaryDirectory()
        for name in existing {
            if name.hasSuffix("/") {
                try FileManager.default.createDirectory(atPath: out.file(name), withIntermediateDirectories: true)
            } else {
                try FileManager.default.createDirectory(atPath: (out.file(name) as NSString).deletingLastPathComponent,
                                                        withIntermediateDirectories: true)
                try out.write(name, "already here\n")
            }
        }
        let before = HostileCase.listing(out)
        let arguments = try self.arguments.map { try HostileInputs.resolve($0, output: out) }
        let result = try ToolRunner.run(ToolRunner.productsDirectory.appendingPathComponent(tool).path, arguments,
                                        stdin: stdin ?? [], currentDirectory: out.url)
        HostileChecks.expectCleanFailure(result, expected: expected)
        let after = HostileCase.listing(out)
        #expect(after == before, Comment(rawValue: "files left behind: \(after.subtracting(before).sorted()), gone: \(before.subtracting(after).sorted())"))
        for name in existing where !name.hasSuffix("/") {
            #expect(try out.read(name) == "already here\n", Comment(rawValue: "\(name) was overwritten without --force"))
        }
    }
}

extension HostileCase {
    /// Every path under the output folder, hidden temporary files included.
    static func listing(_ folder: TemporaryDirectory) -> Set<String> {
        var paths = Set<String>()
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String { paths.insert(path) }
        return paths
    }
}

enum HostileChecks {
    /// Text that only a crash, a trap or a runtime backtrace prints.
    static let crashMarkers = ["Fatal error", "fatal error", "Stack dump", "Current stack trace", "Backtrace", "backtrace",
                               "Program crashed", "Illegal instruction", "Segmentation fault", "Swift runtime failure",
                               "AddressSanitizer", "precondition", "Thread 0"]

    static func expectCleanFailure(_ result: ToolResult, expected: ToolStatus,
                                   sourceLocation: SourceLocation = #_sourceLocation) {
        let stderr = result.stderr
        #expect(!result.terminatedBySignal, Comment(rawValue: "killed by signal \(result.status): \(stderr)"), sourceLocation: sourceLocation)
        #expect((1...125).contains(result.status), Comment(rawValue: "exit status \(result.status) is outside 1–125"), sourceLocation: sourceLocation)
        #expect(result.status == expected.rawValue,
                Comment(rawValue: "exit status \(result.status), documented \(expected.rawValue) (\(expected)); stderr: \(stderr)"),
                sourceLocation: sourceLocation)
        let lines = stderr.split(separator: "\n", omittingEmptySubsequences: true)
        // rkit-verify kit/request report bad items on stdout (their result).
        #expect(!lines.isEmpty || !result.stdout.isEmpty, Comment(rawValue: "no message at all"), sourceLocation: sourceLocation)
        #expect(lines.count <= 3, Comment(rawValue: "\(lines.count) lines on stderr:\n\(stderr)"), sourceLocation: sourceLocation)
        for marker in crashMarkers {
            #expect(!stderr.contains(marker) && !result.stdout.contains(marker), Comment(rawValue: "crash text \"\(marker)\": \(stderr)"),
                    sourceLocation: sourceLocation)
        }
        for secret in HostileInputs.secrets {
            #expect(!stderr.contains(secret) && !result.stdout.contains(secret), Comment(rawValue: "a secret reached the output"),
                    sourceLocation: sourceLocation)
        }
    }
}
