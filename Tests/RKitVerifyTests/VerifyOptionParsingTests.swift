import Testing
import ArgumentParser
import RecoveryKitCLI
@testable import RKitVerifyTool

/// rkit-verify's option rules in-process (`validate()`), and the one code
/// source (`CodeSource`) both commands that open an envelope share.
@Suite(.serialized) struct VerifyOptionParsingTests {
    static func failure(_ arguments: [String]) -> CLIFailure? { CommandRunner.optionFailure(RKitVerify.self, arguments) }

    @Test(arguments: [
        (["kit"], "give at least one kit file"),
        (["kit", "a.json", "--code-file", "c", "--codes", "l"], "--code-file and --codes cannot be combined"),
        (["kit", "a.json", "b.json", "--code-file", "c"], "--code-file is for one kit"),
        (["kit", "-", "--code-file", "-"], "only one input can come from standard input"),
        (["request", "b.json"], "give exactly one of --kit FILE or --public-key PEM-FILE"),
        (["request", "b.json", "--public-key", "k.pem", "--code-file", "c"], "--code-file opens the kit's QR text"),
    ])
    func rules(_ arguments: [String], _ message: String) throws {
        let failure = try #require(Self.failure(arguments))
        #expect(failure.status == .usage)
        #expect(failure.message.contains(message), "\(failure.message)")
    }

    @Test func theCodeSourceIsOneOptionGroup() throws {
        let kit = try #require(try RKitVerify.parseAsRoot(["kit", "a.json", "--code-file", "c.txt"]) as? KitCommand)
        #expect(kit.code.given == .file("c.txt"))
        let request = try #require(try RKitVerify.parseAsRoot(["request", "b.json", "--kit", "k"]) as? RequestCommand)
        #expect(request.code.given == .terminal)
    }
}
