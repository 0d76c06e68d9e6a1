import Foundation
import Testing

/// The tables are built from the committed input folders; a folder that is
/// missing or empty must fail here (and in its rows), never shrink a table
/// to nothing.
@Suite struct HostileInputsTests {
    @Test(arguments: HostileInputs.folders) func folderHasInputs(_ folder: String) {
        let files = HostileInputs.files(in: folder)
        #expect(!files.isEmpty && !files.contains { $0.hasSuffix(HostileInputs.missingMarker) },
                Comment(rawValue: "Tests/Hostile/inputs/\(folder) is missing or empty"))
    }

    /// The marker itself: a folder that does not exist yields one row, and
    /// that row fails for the reason it names.
    @Test func missingFolderYieldsAFailingRow() {
        let files = HostileInputs.files(in: "no-such-folder")
        #expect(files == ["no-such-folder/\(HostileInputs.missingMarker)"])
        let path = HostileInputs.committed.appendingPathComponent(files[0]).path
        #expect(!FileManager.default.fileExists(atPath: path))
        // The row built from it fails (withKnownIssue itself fails if not).
        withKnownIssue("a row over a missing folder must fail") {
            try HostileCase("rkit-verify", ["kit", "in:\(files[0])"], .checkFailed).run()
        }
    }
}
