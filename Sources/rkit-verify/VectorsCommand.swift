import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RecoveryKitCLI
import RecoveryKitCore

/// `rkit-verify vectors [DIR]`: the known-answer self-test.
struct VectorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vectors",
        abstract: "Run the known-answer vectors through rkit's crypto core on this machine.",
        discussion: "Prints one line per failing vector and closes with 'N passed, N failed'. Exit 0 only if none failed."
    )

    @Argument(help: "Folder of vector files (*.json, format in Vectors/README.md).")
    var directory: String = "Vectors"

    @Flag(name: .shortAndLong, help: "Also print the number of vectors per layer.")
    var verbose = false

    func run() throws {
        var isDirectory = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory else {
            throw CLIFailure(.unreadableInput, "vector folder \(directory) does not exist; give the path to rkit's Vectors/ folder")
        }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted() } catch {
            throw CLIFailure(.unreadableInput, "cannot list the vector folder \(directory); check its permissions")
        }
        // Each file through InputFile: bounded in size, one clear error for
        // a folder, a FIFO or an unreadable file among the vectors.
        var report = VectorRunner.Report()
        for name in names {
            let bytes = try InputFile.read(directory + "/" + name, what: "vector file")
            VectorRunner.run(file: name, bytes: bytes, into: &report)
        }
        for failure in report.failures { Output.error("FAIL \(failure)") }
        if verbose {
            for (layer, count) in report.counts.sorted(by: { $0.key < $1.key }) { Output.out("\(layer): \(count)\n") }
        }
        if report.counts.isEmpty && report.failures.isEmpty {
            throw CLIFailure(.malformedInput, "no vector files (*.json) in \(directory)")
        }
        Output.out("\(report.passed) passed, \(report.failures.count) failed\n")
        if !report.failures.isEmpty { throw ExitCode(ExitStatus.checkFailed.rawValue) }
    }
}
