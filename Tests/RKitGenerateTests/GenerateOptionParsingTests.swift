import Testing
import ArgumentParser
import RecoveryKitCLI
@testable import RKitGenerateTool

/// rkit-generate's option rules in-process (`validate()`): one usage line,
/// before anything is read or made.
@Suite(.serialized) struct GenerateOptionParsingTests {
    static func failure(_ arguments: [String]) -> CLIFailure? { CommandRunner.optionFailure(RKitGenerate.self, arguments) }

    static let base = ["--username", "a@example.com", "--out", "kit"]

    @Test(arguments: [
        (["--challenge", "c.json"], "--challenge needs --origin URL"),
        (["--credential-name", "x"], "--credential-name names the attestation: it needs --challenge FILE"),
        (["--formats", "terminal"], "the recovery code would be written nowhere"),
        (["--formats", "bogus"], "bogus"),
        (["--origin", "ftp://x"], "--origin ftp://x"),
        (["--org-id", "or bad"], "--org-id must be"),
    ])
    func rules(_ extra: [String], _ message: String) throws {
        let failure = try #require(Self.failure(Self.base + extra))
        #expect(failure.status == .usage)
        #expect(failure.message.contains(message), "\(failure.message)")
    }

    @Test func aGoodCommandLineParses() {
        #expect(Self.failure(Self.base).map(\.message) == nil)
        #expect(Self.failure(Self.base + ["--origin", "https://app.example.com", "--challenge", "c.json", "--credential-name", "n"]).map(\.message) == nil)
    }
}
