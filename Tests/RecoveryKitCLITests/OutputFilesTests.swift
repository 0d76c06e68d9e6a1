import Foundation
import RKitTestSupport
@testable import RecoveryKitCLI
import Testing

/// OutputFiles: a set of outputs is written all-or-nothing, also with
/// --force when a later rename fails (issue 13, finding 8).
@Suite(.serialized) struct OutputFilesTests {
    /// Three old files replaced with --force; the third target turns into
    /// a non-empty folder just before it is placed (another process, say),
    /// so its rename fails. Before the fix the first two stayed replaced.
    @Test func forceRestoresEveryReplacedFileWhenALaterRenameFails() throws {
        let dir = try TemporaryDirectory()
        for name in ["body.json", "new-key.pem", "kit.json"] { try dir.write(name, "old \(name)\n") }
        let files = OutputFiles(force: true)
        files.add(dir.file("body.json"), text: "new body\n")
        files.add(dir.file("new-key.pem"), text: "new key\n", secret: true)
        files.add(dir.file("kit.json"), text: "new kit\n")
        OutputFiles.beforePlacing = { index, path in
            guard index == 2 else { return }
            unlink(path)
            mkdir(path, 0o755)
            FileManager.default.createFile(atPath: path + "/inside", contents: Data("x".utf8))
        }
        defer { OutputFiles.beforePlacing = nil }
        #expect(throws: CLIFailure.self) { try files.commit() }
        #expect(try dir.read("body.json") == "old body.json\n")
        #expect(try dir.read("new-key.pem") == "old new-key.pem\n")
        // The old kit.json was already gone (unlinked by the other process);
        // nothing of rkit's is left beside it: no temporary, no file kept aside.
        #expect(dir.listing() == ["body.json", "kit.json", "new-key.pem"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("kit.json")) == ["inside"])
    }

    /// The same with the third target failing while the first two were new
    /// and the second was an old file: the new first file is removed again.
    @Test func forceRemovesNewFilesAndRestoresOldOnesTogether() throws {
        let dir = try TemporaryDirectory()
        try dir.write("b", "old b\n")
        try dir.write("c", "old c\n")
        let files = OutputFiles(force: true)
        for name in ["a", "b", "c"] { files.add(dir.file(name), text: "new \(name)\n") }
        OutputFiles.beforePlacing = { index, path in
            guard index == 2 else { return }
            // A target whose folder refuses the rename: replace "c" by a
            // non-empty folder (root ignores folder permissions).
            unlink(path)
            mkdir(path, 0o755)
            mkdir(path + "/sub", 0o755)
        }
        defer { OutputFiles.beforePlacing = nil }
        #expect(throws: CLIFailure.self) { try files.commit() }
        #expect(!dir.exists("a"))
        #expect(try dir.read("b") == "old b\n")
        #expect(dir.listing() == ["b", "c"])
    }

    /// Success: every file is new, the old one is kept under its dated
    /// name beside it, 0600 (it may be a private key), never deleted.
    @Test func forceReplacesEverythingAndKeepsTheOldFile() throws {
        let dir = try TemporaryDirectory()
        try dir.write("a", "old a\n")
        chmod(dir.file("a"), 0o644)
        let files = OutputFiles(force: true)
        files.add(dir.file("a"), text: "new a\n", secret: true)
        files.add(dir.file("b"), text: "new b\n")
        let announced = OutputFiles.keptName(for: dir.file("a"))
        try files.commit()
        #expect(try dir.read("a") == "new a\n")
        #expect(try dir.read("b") == "new b\n")
        #expect(files.kept.map(\.replaced) == [dir.file("a")])
        #expect(files.kept.map(\.keptAs) == [announced])
        let name = String(announced.split(separator: "/").last!)
        #expect(name.wholeMatch(of: #/a\.replaced-\d{8}T\d{6}Z/#) != nil, "\(name)")
        #expect(dir.listing() == ["a", name, "b"])
        #expect(try dir.read(name) == "old a\n")
        var info = stat()
        #expect(stat(dir.file("a"), &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(stat(announced, &info) == 0 && info.st_mode & 0o777 == 0o600)
    }
}
