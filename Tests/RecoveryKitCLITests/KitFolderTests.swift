import Foundation
import Testing
import RKitTestSupport
import RecoveryKitCLI
import RecoveryKitCore

/// `KitFolder` says what each staged file is and whether it is secret, so
/// the summaries never guess from names.
@Suite struct KitFolderTests {
    @Test func rolesAndSecrecy() throws {
        let dir = try TemporaryDirectory()
        let made = try KitGenerator.make(KitGenerator.Request(username: "a@example.com", origin: "https://app.example.com",
                                                              challenge: "c"))
        // A code file named like a kit file elsewhere is still the code: secret.
        try FileManager.default.createDirectory(atPath: dir.file("other"), withIntermediateDirectories: true)
        let folder = KitFolder(directory: dir.file("kit"), formats: [.pdf, .txt, .svg], codeOut: dir.file("other/kit.json"))
        let files = OutputFiles(force: false)
        let staged = try folder.stage(made.kit, code: made.code, into: files)
        #expect(staged.files.map(\.role) == [.kit, .attestation, .pdf, .txt, .svg, .code])
        #expect(staged.files.map(\.secret) == [false, false, true, true, true, true])
        #expect(staged.paths == staged.files.map(\.path))
        #expect(staged.files.filter(\.role.isPaper).count == 3)
        files.rollback()
    }
}
