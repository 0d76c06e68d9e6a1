import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RecoveryKitCLI
import RecoveryKitCore

/// `rkit-verify vectors [DIR]`: the known-answer self-test. Without a
/// folder it runs the set compiled into this binary (EmbeddedVectors), so
/// the self-test works on a machine that has only the release archive.
struct VectorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vectors",
        abstract: "Run the known-answer vectors through rkit's crypto core on this machine.",
        discussion: "Prints one line per failing vector and closes with 'N passed, N failed'. Exit 0 only if none failed."
    )

    @Argument(help: "Folder of vector files (*.json, format in Vectors/README.md). Default: the set built into rkit-verify, identical to rkit's Vectors/.")
    var directory: String?

    @Flag(name: .shortAndLong, help: "Also print the number of vectors per layer.")
    var verbose = false

    func run() throws {
        var report = VectorRunner.Report()
        let source: String
        if let directory {
            try runFolder(directory, into: &report)
            source = directory
        } else {
            for file in EmbeddedVectors.files {
                VectorRunner.run(file: file.name, bytes: Array(file.text.utf8), into: &report)
            }
            source = "the built-in set"
        }
        for failure in report.failures { Output.error("FAIL \(failure)") }
        if verbose {
            if directory == nil { Output.out("built-in set: \(EmbeddedVectors.files.count) files, as in Vectors/ of \(RKitVersion.text)\n") }
            for (layer, count) in report.counts.sorted(by: { $0.key < $1.key }) { Output.show(["\(layer): \(count)"]) }
        }
        if report.counts.isEmpty && report.failures.isEmpty {
            throw CLIFailure(.malformedInput, "no vector files (*.json) in \(source)")
        }
        Output.out("\(report.passed) passed, \(report.failures.count) failed\n")
        if !report.failures.isEmpty { throw ExitCode(ExitStatus.checkFailed.rawValue) }
    }

    private func runFolder(_ directory: String, into report: inout VectorRunner.Report) throws {
        var isDirectory = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory else {
            throw CLIFailure(.unreadableInput, "vector folder \(directory) does not exist; give the path to a Vectors/ folder, or no folder for the built-in set")
        }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted() } catch {
            throw CLIFailure(.unreadableInput, "cannot list the vector folder \(directory); check its permissions")
        }
        // Each file through InputFile: bounded in size, one clear error for
        // a folder, a FIFO or an unreadable file among the vectors.
        for name in names {
            let bytes = try InputFile.read(directory + "/" + name, what: "vector file")
            VectorRunner.run(file: name, bytes: bytes, into: &report)
        }
    }
}
