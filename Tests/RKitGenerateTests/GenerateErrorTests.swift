import Foundation
import Testing
import RKitTestSupport
import RecoveryKitCore

/// Every refusal: one line on stderr, the documented exit status, and
/// nothing written (no folder left behind).
@Suite struct GenerateErrorTests {
    static func expectOneLine(_ result: ToolResult, status: Int32, mentioning: String) {
        #expect(result.status == status, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("rkit-generate: "))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(mentioning), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func existingKitIsNotReplacedWithoutForce() throws {
        let first = try Generated.run(["--username", "demo@example.com", "--code-out", "code.txt"])
        #expect(first.result.status == 0)
        let before = try first.kitListing.map { ($0, try first.bytes($0)) }
        let again = try Generated.run(["--username", "demo@example.com"], in: first.dir)
        Self.expectOneLine(again.result, status: 6, mentioning: "--force")
        let after = try again.kitListing.map { ($0, try again.bytes($0)) }
        #expect(after.map(\.0) == before.map(\.0))
        #expect(zip(after, before).allSatisfy { $0.1 == $1.1 })
        #expect(first.dir.listing() == ["code.txt", "kit"])
    }

    /// --force twice: the new kit is written and both earlier kits are
    /// kept whole beside it (every file, 0600, dated names), as the summary says.
    @Test func forceTwiceKeepsBothEarlierKits() throws {
        let first = try Generated.run(["--username", "demo@example.com", "--code-out", "code.txt", "--formats", "pdf,txt"])
        #expect(first.result.status == 0)
        let firstKit = try first.bytes("kit.json")
        let second = try Generated.run(["--username", "demo@example.com", "--code-out", "code.txt", "--formats", "pdf,txt", "--force"], in: first.dir)
        #expect(second.result.status == 0, "\(second.result.stderr)")
        #expect(second.result.stdout.contains("Kept (replaced by --force; 0600, nothing was deleted):"))
        let third = try Generated.run(["--username", "demo@example.com", "--code-out", "code.txt", "--formats", "pdf", "--force"], in: first.dir)
        #expect(third.result.status == 0, "\(third.result.stderr)")
        let listing = third.kitListing
        for name in ["kit.json", "kit.pdf", "kit.txt"] {
            let kept = listing.filter { $0.hasPrefix(name + ".replaced-") }
            // kit.txt: the third run wrote none, so its second copy is kept as a stale file.
            #expect(kept.count == 2, "\(name): \(listing)")
            for file in kept {
                var info = stat()
                #expect(stat(third.path(file), &info) == 0 && info.st_mode & 0o777 == 0o600)
            }
        }
        #expect(!listing.contains("kit.txt"))
        let keptKits = try listing.filter { $0.hasPrefix("kit.json.replaced-") }.map { try third.bytes($0) }
        #expect(keptKits.contains(firstKit))
        let codes = try first.dir.listing().filter { $0.hasPrefix("code.txt") }
        #expect(codes.count == 3, "\(codes)")
    }

    @Test func aSingleLeftoverKitFileCountsAsAnExistingKit() throws {
        let dir = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir.file("kit"), withIntermediateDirectories: false)
        try dir.write("kit/kit.svg", "old")
        let g = try Generated.run(["--username", "demo@example.com", "--formats", "pdf"], in: dir)
        Self.expectOneLine(g.result, status: 6, mentioning: "already holds a kit")
        #expect(g.kitListing == ["kit.svg"])
    }

    @Test func challengeWithoutOriginIsAUsageError() throws {
        let g = try Generated.run(["--username", "demo@example.com", "--challenge", "-"], stdin: Generated.challenge)
        Self.expectOneLine(g.result, status: 2, mentioning: "--origin")
        #expect(g.dir.listing().isEmpty)
    }

    @Test(arguments: [#"{"challenge": "#, #"{"challenge":1}"#, #"{"user":{}}"#, "[1,2]", "<html>error page</html>", "   \n"])
    func badChallengeWritesNothing(_ input: String) throws {
        let g = try Generated.run(["--username", "demo@example.com", "--origin", Generated.origin, "--challenge", "-",
                                   "--code-out", "code.txt"], stdin: input)
        let status: Int32 = 4
        Self.expectOneLine(g.result, status: status, mentioning: "challenge")
        #expect(g.dir.listing().isEmpty, "folder left behind: \(g.dir.listing())")
    }

    @Test func missingChallengeFileIsUnreadableInput() throws {
        let g = try Generated.run(["--username", "demo@example.com", "--origin", Generated.origin, "--challenge", "nope.json"])
        Self.expectOneLine(g.result, status: 3, mentioning: "nope.json")
        #expect(g.dir.listing().isEmpty)
    }

    @Test func existingCodeFileIsNeverOverwrittenWithoutForce() throws {
        let dir = try TemporaryDirectory()
        try dir.write("code.txt", "keep me\n")
        let g = try Generated.run(["--username", "demo@example.com", "--code-out", "code.txt"], in: dir)
        Self.expectOneLine(g.result, status: 6, mentioning: "code.txt")
        #expect(try dir.read("code.txt") == "keep me\n")
        #expect(dir.listing() == ["code.txt"])
    }

    @Test(arguments: [
        ["--origin", "https://app.example.com/login"], ["--origin", "http://app.example.com"], ["--origin", "app.example.com"],
        ["--formats", "pdf,png"], ["--paper", "a5"], ["--org-id", "or demo"], ["--username", "a\u{7}b@example.com"],
        ["--username", "   "],
    ])
    func badOptionsAreUsageErrors(_ bad: [String]) throws {
        let base = bad.first == "--username" ? [] : ["--username", "demo@example.com"]
        let g = try Generated.run(base + bad)
        Self.expectOneLine(g.result, status: 2, mentioning: bad[0])
        #expect(g.dir.listing().isEmpty)
    }

    @Test func showCodeWithoutATerminalFailsBeforeWriting() throws {
        let dir = try TemporaryDirectory()
        // setsid: a new session has no controlling terminal, even when the
        // tests run from one.
        let tool = ToolRunner.productsDirectory.appendingPathComponent("rkit-generate").path
        let result = try ToolRunner.external("setsid", ["-w", tool, "--username", "demo@example.com", "--out", dir.file("kit"), "--show-code"])
        Self.expectOneLine(result, status: 8, mentioning: "--code-out")
        #expect(dir.listing().isEmpty)
    }

    @Test func usernameCaseIsAWarningNotAnError() throws {
        let g = try Generated.run(["--username", "Demo@Example.com", "--formats", "txt", "--code-out", "code.txt"])
        #expect(g.result.status == 0, "\(g.result.stderr)")
        #expect(g.result.stderr.contains("warning: the username has upper-case letters"))
        // The salt ignores case: the kit opens with the normalized name.
        _ = try g.kit().envelope.open(code: try g.code(), username: "demo@example.com")
    }

    /// Surrounding JavaScript whitespace is refused (the same rule refuses it in a kit file).
    @Test(arguments: [" demo@example.com", "demo@example.com\u{a0}", "\u{feff}demo@example.com"])
    func usernameWithSurroundingWhitespaceIsRefused(username: String) throws {
        let g = try Generated.run(["--username", username, "--code-out", "code.txt"])
        Self.expectOneLine(g.result, status: 2, mentioning: "whitespace around it")
        #expect(g.dir.listing().isEmpty)
    }

    /// A right-to-left username is refused before anything is made: the
    /// PDF cannot print it in the order it is typed (PaperText).
    @Test(arguments: ["שלום@example.com", "user.مريم@example.com"])
    func rightToLeftUsernameIsRefusedBeforeAnythingIsMade(username: String) throws {
        let g = try Generated.run(["--username", username, "--code-out", "code.txt"])
        Self.expectOneLine(g.result, status: 2, mentioning: "right-to-left")
        #expect(g.dir.listing().isEmpty)
    }
}
