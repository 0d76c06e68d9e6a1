import Foundation
import Testing
import RKitTestSupport
@testable import RecoveryKitCore

/// Issue 20, finding 4: the new kit rkit-sign makes in a recovery carries
/// the metadata signature too (KitGenerator is shared), in kit.json and in
/// its QR text, checked by the independent Python checker and by
/// rkit-verify with the new code.
@Suite struct SignNewKitMetadataTests {
    @Test func theNewKitOfARecoveryIsSigned() throws {
        let fx = try SignFixture()
        let result = try fx.sign(["--kit", "kit.json", "--challenge", "challenge.json", "--code-file", "code.txt",
                                  "--new-key", "new-key.pem", "--plain-new-key", "--new-kit", "nk", "--out", "body.json"])
        #expect(result.status == 0, "\(result.stderr)")
        let kitText = try fx.dir.read("nk/kit.json")
        let kit = try RecoveryKit.parse(Array(kitText.utf8))
        #expect(kit.metadataSignature?.count == 64)
        #expect(kit.origin == SignFixture.origin && kit.orgId == "or-test-1" && kit.username == fx.username)

        let script = ToolRunner.repositoryRoot.appendingPathComponent("Tests/Interop/verify_kit_metadata.py").path
        let python = try ToolRunner.external("python3", [script, fx.dir.file("nk/kit.json")])
        #expect(python.status == 0 && python.stdout == "signed\n", "\(python.stdout)\(python.stderr)")

        // The paper's QR text (kit.txt carries it on a line of its own) has it too.
        let paper = try fx.dir.read("nk/kit.txt")
        let qrLine = try #require(paper.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { $0.hasPrefix("{\"rk\":1") })
        let fromQR = try RecoveryKit.parse(Array(qrLine.utf8))
        #expect(fromQR.metadataSignature == kit.metadataSignature)

        // rkit-verify with the new code reports the signature.
        let code = try #require(paper.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { $0.hasPrefix("D1-") })
        try fx.dir.write("new-code.txt", code + "\n")
        let verified = try ToolRunner.rkit("rkit-verify", ["kit", "-v", "--code-file", fx.dir.file("new-code.txt"), fx.dir.file("nk/kit.json")])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("✓ code.metadata-signature: "), "\(verified.stdout)")
    }

    /// rkit-verify kit with the code: the review's edit (origin and org in
    /// the scanned QR text) fails code.metadata-signature, exit 1; an
    /// unsigned kit passes with the notice.
    @Test func rkitVerifyReportsAnEditedKit() throws {
        let fx = try SignFixture()
        var object = try JSONParser.parse(Array(fx.kit.qrText.utf8)).objectValue!
        object["a"] = "https://app.acrne.example"
        object["o"] = "or-evil-0666"
        try fx.dir.write("edited-qr.txt", "QR-Code:" + JSONText.stringifyASCII(.object(object)) + "\n")
        let edited = try ToolRunner.rkit("rkit-verify", ["kit", "-v", "--code-file", fx.dir.file("code.txt"), fx.dir.file("edited-qr.txt")])
        #expect(edited.status == 1, "\(edited.stdout)\(edited.stderr)")
        #expect(edited.stdout.contains("✗ code.metadata-signature: "), "\(edited.stdout)")

        object["s"] = nil
        try fx.dir.write("unsigned-qr.txt", JSONText.stringifyASCII(.object(object)) + "\n")
        let unsigned = try ToolRunner.rkit("rkit-verify", ["kit", "--code-file", fx.dir.file("code.txt"), fx.dir.file("unsigned-qr.txt")])
        #expect(unsigned.status == 0, "\(unsigned.stdout)\(unsigned.stderr)")
        #expect(unsigned.stdout.contains("[username, org, origin not signed"), "\(unsigned.stdout)")
    }
}
