import Testing
import ArgumentParser
import RecoveryKitCLI
@testable import RKitSignTool

/// rkit-sign's options parsed in-process: the rules of `validate()` (one
/// line, exit 2, before any file is read) and the shared option groups.
@Suite(.serialized) struct OptionParsingTests {
    /// The failure `validate()` raised for `arguments`, or nil when they parse.
    static func failure(_ arguments: [String]) -> CLIFailure? { CommandRunner.optionFailure(RKitSign.self, arguments) }

    static let base = ["recover", "--kit", "kit.json", "--challenge", "c.json", "--code-file", "code.txt"]

    @Test(arguments: [
        (["--new-key", "k.pem", "--plain-new-key", "--accept-new-credentials", "ab"], "--accept-new-credentials confirms a --new-credentials FILE"),
        ([], "give the new first factor"),
        (["--new-credentials", "n.json", "--plain-new-key"], "--new-key-passphrase-file and --plain-new-key need --new-key FILE"),
        (["--new-key", "k.pem", "--plain-new-key", "--new-key-passphrase-file", "p"], "--plain-new-key writes the key unencrypted; it cannot go with a passphrase"),
        (["--new-key", "k.pem", "--security-key", "/dev/hidraw0"], "--security-key and --new-key both make the new first factor; give one"),
        (["--new-credentials", "n.json", "--security-key-pin-file", "p"], "--security-key-pin-file needs --security-key"),
        (["--new-key", "k.pem", "--plain-new-key", "--json", "--qr", "--out", "b"], "--json and --qr both use standard output"),
        (["--new-key", "k.pem", "--plain-new-key", "--json"], "--json prints a summary on standard output"),
        (["--new-key", "k.pem", "--plain-new-key", "--curl"], "--curl submits a file"),
        (["--new-key", "k.pem", "--plain-new-key", "--qr-part-bytes", "3"], "--qr-part-bytes must be between 16 and 2000"),
        (["--new-key", "k.pem", "--plain-new-key", "--split"], "--formats, --code-out and --split describe the new kit"),
        (["--new-key", "k.pem", "--plain-new-key", "--out", "k.pem"], "two outputs name the same file"),
        (["--new-key", "-", "--plain-new-key", "--out", "b"], "outputs are files"),
        (["--new-key", "k.pem", "--plain-new-key", "--new-kit", "d", "--formats", "terminal"], "--formats terminal is not available with rkit-sign"),
        (["--new-key", "k.pem", "--plain-new-key", "--org-id", "bad id"], "--org-id must be"),
        (["--new-key", "k.pem", "--plain-new-key", "--allow-other-origin"], "--allow-other-origin goes with --origin URL"),
        (["--new-key", "k.pem", "--plain-new-key", "--new-shares", "2-of-3"], "--new-shares splits the new kit's code: it needs --new-kit DIR"),
        (["--new-key", "k.pem", "--plain-new-key", "--new-kit", "d", "--new-shares", "2-of-3", "--code-out", "c.txt"], "with --new-shares it is written nowhere"),
        (["--new-key", "k.pem", "--plain-new-key", "--code-file", "c.txt", "--share-file", "s.txt"], "--code-file and --share-file both give the recovery code"),
    ])
    func recoverRules(_ extra: [String], _ message: String) throws {
        let failure = try #require(Self.failure(Self.base + extra))
        #expect(failure.status == .usage)
        #expect(failure.message.contains(message), "\(failure.message)")
    }

    @Test func recoverWithoutChallengeIsAUsageError() throws {
        let failure = try #require(Self.failure(["recover", "--kit", "k.json", "--new-key", "k.pem", "--plain-new-key"]))
        #expect(failure.message.hasPrefix("--challenge FILE is required"))
    }

    @Test func twoInputsFromStandardInput() throws {
        let failure = try #require(Self.failure(["recover", "--kit", "-", "--challenge", "-", "--new-key", "k.pem", "--plain-new-key"]))
        #expect(failure.status == .usage)
        let attest = try #require(Self.failure(["attest", "--kit", "k", "--challenge", "-", "--code-file", "-", "--out", "a"]))
        #expect(attest.status == .usage)
    }

    @Test func aGoodCommandLineParses() throws {
        #expect(Self.failure(Self.base + ["--new-key", "k.pem", "--plain-new-key", "--out", "b.json"]).map(\.message) == nil)
        let parsed = try RKitSign.parseAsRoot(Self.base + ["--new-key", "k.pem", "--plain-new-key"])
        let recover = try #require(parsed as? Recover)
        #expect(recover.code.given == .file("code.txt"))
        #expect(recover.challenge == ["c.json"])
    }

    /// The code source is one option group: the same option in every command that reads the code.
    @Test func oneCodeSource() throws {
        let attest = try #require(try RKitSign.parseAsRoot(["attest", "--kit", "k", "--challenge", "c", "--out", "a"]) as? Attest)
        #expect(attest.code.given == .terminal)
        #expect(!attest.code.isGiven)
    }

    /// The legacy mode flags' subcommand list is the configuration's.
    @Test func legacySubcommandsComeFromTheConfiguration() {
        let names = RKitSign.configuration.subcommands.map { $0._commandName }
        #expect(LegacyArguments.subcommands == Set(names + ["help"]))
        for mode in LegacyArguments.modes { #expect(names.contains(mode.subcommand)) }
    }
}
