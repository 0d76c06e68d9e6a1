import Foundation
import Testing
import RKitTestSupport
@testable import RKitVerifyTool

/// The vectors compiled into rkit-verify (Scripts/gen-embedded-vectors.py)
/// are Vectors/*.json byte for byte, so the built-in self-test cannot drift
/// from the committed vectors; and `rkit-verify vectors` runs them with no
/// Vectors/ folder around.
@Suite struct EmbeddedVectorsTests {
    static let vectorsFolder = ToolRunner.repositoryRoot.appendingPathComponent("Vectors")

    static func committedFiles() throws -> [(name: String, bytes: [UInt8])] {
        let names = try FileManager.default.contentsOfDirectory(atPath: vectorsFolder.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        return try names.map { ($0, Array(try Data(contentsOf: vectorsFolder.appendingPathComponent($0)))) }
    }

    @Test func embeddedSetEqualsVectorsFolderByteForByte() throws {
        let committed = try Self.committedFiles()
        #expect(committed.count >= 10, "Vectors/ should hold the known-answer files")
        let embedded = EmbeddedVectors.files
        #expect(embedded.map(\.name) == committed.map(\.name),
                "file names differ: run Scripts/gen-embedded-vectors.py")
        for (file, committedFile) in zip(embedded, committed) where file.name == committedFile.name {
            let identical = Array(file.text.utf8) == committedFile.bytes
            #expect(identical, "\(file.name) differs from Vectors/: run Scripts/gen-embedded-vectors.py")
        }
    }

    /// Run from an empty folder: no Vectors/ to fall back on.
    @Test func vectorsWithoutFolderRunsTheBuiltInSetAnywhere() throws {
        let empty = try TemporaryDirectory()
        let builtIn = try ToolRunner.rkit("rkit-verify", ["vectors", "-v"], currentDirectory: empty.url)
        #expect(builtIn.status == 0, "\(builtIn.stderr)")
        let fromFolder = try ToolRunner.rkit("rkit-verify", ["vectors", Self.vectorsFolder.path])
        #expect(fromFolder.status == 0, "\(fromFolder.stderr)")
        let summary = try #require(fromFolder.stdout.split(separator: "\n").last)
        #expect(summary.hasPrefix("0 ") == false && summary.hasSuffix(" passed, 0 failed"))
        #expect(builtIn.stdout.split(separator: "\n").last == summary)
        #expect(builtIn.stdout.contains("built-in set: \(EmbeddedVectors.files.count) files"))
    }
}
