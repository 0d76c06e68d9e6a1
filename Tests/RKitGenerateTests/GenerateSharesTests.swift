import Foundation
import Testing
import RKitTestSupport
@testable import RecoveryKitCore

/// rkit-generate --shares: the share papers, the kit paper without the
/// code, Trezor's shamir-mnemonic combining the papers into the kit's code,
/// and the refusals (one line, nothing written).
@Suite struct GenerateSharesTests {
    static let script = ToolRunner.repositoryRoot.appendingPathComponent("Tests/Interop/shamir_reference.py").path

    /// The code the reference implementation reads from share papers.
    static func referenceCode(_ g: Generated, _ papers: [Int]) throws -> RecoveryCode {
        let result = try ToolRunner.external("python3", [script, "papers"] + papers.map { g.path("share-\($0).txt") })
        #expect(result.status == 0, "\(result.stderr)")
        return try RecoveryCode(parsing: result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test func twoOfThreePapersOpenTheKitInTheReference() throws {
        let g = try Generated.run(["--username", "demo@example.com", "--shares", "2-of-3"])
        #expect(g.result.status == 0, "\(g.result.stderr)")
        #expect(g.kitListing == ["kit.json", "kit.pdf", "kit.txt", "share-1.pdf", "share-1.txt", "share-2.pdf", "share-2.txt",
                                 "share-3.pdf", "share-3.txt"])
        for n in 1...3 {
            #expect(try Generated.mode(g.path("share-\(n).pdf")) == 0o600)
            #expect(try Generated.mode(g.path("share-\(n).txt")) == 0o600)
        }
        let kit = try g.kit()
        // Any two papers, read by the reference implementation, give a code that opens the kit.
        var codes: [String] = []
        for pair in [[1, 2], [2, 3], [3, 1]] {
            let code = try Self.referenceCode(g, pair)
            _ = try kit.envelope.open(code: code, username: kit.username)
            codes.append(code.revealCanonicalText())
        }
        #expect(Set(codes).count == 1)
        let code = codes[0]
        // The code is written nowhere: not on the kit papers, not on a share paper, not on stdout.
        let kitText = try String(contentsOfFile: g.path("kit.txt"), encoding: .utf8)
        #expect(!kitText.contains(code) && !kitText.contains(String(code.dropFirst(3).prefix(6))))
        #expect(kitText.contains("You need 2 of the 3 shares."))
        #expect(!g.result.stdout.contains(code))
        let pdf = try ToolRunner.external("pdftotext", ["-layout", g.path("kit.pdf"), "-"])
        #expect(pdf.stdout.contains("split into shares") && !pdf.stdout.contains(String(code.dropFirst(3).prefix(6))))
        // The share paper: its words numbered, the threshold, the kit tag.
        let paper = try String(contentsOfFile: g.path("share-2.txt"), encoding: .utf8)
        #expect(paper.contains("You need 2 of the 3 shares"))
        #expect(paper.contains("Kit tag \(kit.credentialId.prefix(8))"))
        #expect(paper.contains("RECOVERY CODE SHARE 2 OF 3"))
        #expect(paper.contains("23. "))
        let sharePDF = try ToolRunner.external("pdftotext", ["-layout", g.path("share-2.pdf"), "-"])
        let words = try RecoveryCodeShares.share(parsing: ShareInputText.strip(paper)).words
        for word in words { #expect(sharePDF.stdout.contains(word)) }
        #expect(sharePDF.stdout.contains("You need 2 of the 3 shares"))
    }

    @Test func groupsNeedWhatTheGroupThresholdSays() throws {
        let g = try Generated.run(["--username", "demo@example.com", "--shares", "2-of-3,1-of-1,3-of-5", "--group-threshold", "2",
                                   "--formats", "txt"])
        #expect(g.result.status == 0, "\(g.result.stderr)")
        #expect(g.kitListing.filter { $0.hasPrefix("share-") }.count == 9)
        let kit = try g.kit()
        // Group 2's one paper (share-4) with group 1's two: enough.
        _ = try kit.envelope.open(code: try Self.referenceCode(g, [1, 3, 4]), username: kit.username)
        // Group 3's three (share-5…9) with group 2: enough.
        _ = try kit.envelope.open(code: try Self.referenceCode(g, [4, 6, 7, 9]), username: kit.username)
        let paper = try String(contentsOfFile: g.path("share-4.txt"), encoding: .utf8)
        #expect(paper.contains("SHARE 1 OF 1 IN GROUP 2 OF 3"), "\(paper)")
        #expect(paper.replacingOccurrences(of: "\n# ", with: " ").contains("The recovery code needs 2 of the 3 groups"), "\(paper)")
    }

    @Test(arguments: [
        (["--shares", "1-of-3"], Int32(4), "1-of-N"),
        (["--shares", "1-of-1"], Int32(4), "single paper"),
        (["--shares", "3-of-2"], Int32(4), "more shares than it has"),
        (["--shares", "two-of-three"], Int32(4), "K-of-N"),
        (["--shares", "2-of-17"], Int32(4), "1 to 16"),
        (["--shares", "2-of-3,2-of-2", "--group-threshold", "3"], Int32(4), "group threshold"),
        (["--shares", "2-of-3", "--code-out", "code.txt"], Int32(2), "--code-out"),
        (["--shares", "2-of-3", "--show-code"], Int32(2), "--show-code"),
        (["--shares", "2-of-3", "--formats", "svg"], Int32(2), "pdf or txt"),
        (["--group-threshold", "2"], Int32(2), "needs --shares"),
    ] as [([String], Int32, String)])
    func badSplitsAreRefusedAndNothingIsWritten(arguments: [String], status: Int32, mentioning: String) throws {
        let g = try Generated.run(["--username", "demo@example.com"] + arguments)
        GenerateErrorTests.expectOneLine(g.result, status: status, mentioning: mentioning)
        #expect(g.dir.listing().isEmpty, "\(g.dir.listing())")
    }

    @Test func aKitWithSharesReplacesTheOldSharePapers() throws {
        let first = try Generated.run(["--username", "demo@example.com", "--shares", "3-of-5", "--formats", "txt"])
        #expect(first.result.status == 0)
        let again = try Generated.run(["--username", "demo@example.com", "--shares", "2-of-2", "--formats", "txt"], in: first.dir)
        #expect(again.result.status == 6, "an old kit with shares is an existing kit")
        let forced = try Generated.run(["--username", "demo@example.com", "--shares", "2-of-2", "--formats", "txt", "--force"], in: first.dir)
        #expect(forced.result.status == 0, "\(forced.result.stderr)")
        // Nothing is deleted (--force keeps what it replaces): the old kit's
        // papers, share-3 to share-5 included, stay beside the new ones.
        #expect(forced.kitListing.filter { !$0.contains(".replaced-") } == ["kit.json", "kit.txt", "share-1.txt", "share-2.txt"])
        for old in ["share-3.txt", "share-4.txt", "share-5.txt", "kit.txt"] {
            #expect(forced.kitListing.contains { $0.hasPrefix(old + ".replaced-") }, "\(old) was not kept: \(forced.kitListing)")
        }
    }
}

/// A share paper's words (the # lines dropped), as a share file is read.
enum ShareInputText {
    static func strip(_ text: String) -> String {
        text.split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: " ")
    }
}
