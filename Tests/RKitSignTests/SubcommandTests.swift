import Foundation
import Testing
import RKitTestSupport
@testable import RecoveryKitCore

/// rkit-sign's subcommands (issue 11) and the findings around them: usage
/// without arguments, the curl for an existing body, the app ID, POST for
/// the send-code request (issue 14), old mode flags, --force's report.
@Suite struct SubcommandTests {
    @Test func noArgumentsShowsUsage() throws {
        let fx = try SignFixture()
        let result = try fx.sign([])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("\nUSAGE: rkit-sign <subcommand>\n"), "usage as lines, not one escaped line: \(result.stderr)")
        #expect(!result.stderr.contains("\\u{0A}"))
        #expect(result.stderr.contains("code-request"))
        #expect(!result.stderr.contains("--origin is required"))
    }

    @Test func everySubcommandHasHelp() throws {
        let fx = try SignFixture()
        for name in ["recover", "code-request", "init-request", "curl", "attest", "qr-split", "qr-join"] {
            let result = try fx.sign([name, "--help"])
            #expect(result.status == 0)
            #expect(result.stdout.contains("USAGE: rkit-sign \(name)"), "\(name)")
        }
    }

    /// Every option of qr-split and qr-join (their help) is in the man page,
    /// and the README shows the new ones and the webcam.
    @Test func qrFrameOptionsAreDocumented() throws {
        let fx = try SignFixture()
        let root = ToolRunner.repositoryRoot
        let man = try String(contentsOf: root.appendingPathComponent("man/rkit-sign.1"), encoding: .utf8)
            .replacingOccurrences(of: "\\-", with: "-")
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        for name in ["qr-split", "qr-join"] {
            let help = try fx.sign([name, "--help"]).stdout
            let options = Set(help.matches(of: #/--[a-z0-9][a-z0-9-]*/#).map { String($0.output) }).subtracting(["--help", "--version"])
            #expect(!options.isEmpty)
            for option in options { #expect(man.contains(option), "\(name) \(option) is not in man/rkit-sign.1") }
        }
        for text in ["--qr-version", "--sha256", "zbarcam --raw | rkit-sign qr-join", "BBQr"] {
            #expect(readme.contains(text) && man.contains(text), "\(text) is not in README.md and man/rkit-sign.1")
        }
    }

    /// No text rkit-sign shows a person says PUT for the send-code request.
    @Test func sendCodeIsPostEverywhere() throws {
        let fx = try SignFixture()
        var texts = [try fx.sign(["--help"]).stdout, try fx.sign(["code-request", "--help"]).stdout]
        texts.append(try String(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent("man/rkit-sign.1"), encoding: .utf8))
        texts.append(try String(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent("Sources/RecoveryKitPrint/RecoverySteps.swift"), encoding: .utf8))
        for text in texts { #expect(!text.contains("PUT /auth")) }
        let curl = try fx.sign(["code-request", "--kit", "kit.json", "--curl", "--app-id", "ap-1"])
        #expect(curl.status == 0, "\(curl.stderr)")
        #expect(curl.stdout.contains("--request POST --url 'https://api.dfns.io/auth/recover/user/code'"))
    }

    /// The curl for a body that exists signs nothing: no code asked, no file written.
    @Test func curlForAnExistingBodySignsNothing() throws {
        let fx = try SignFixture()
        let signed = try fx.sign(["--kit", "kit.json", "--challenge", "challenge.json", "--code-file", "code.txt",
                                  "--new-key", "k.pem", "--plain-new-key", "--new-kit", "nk", "--out", "body.json"])
        #expect(signed.status == 0, "\(signed.stderr)")
        let listing = fx.dir.listing(), body = try fx.dir.read("body.json")
        let curl = try fx.sign(["curl", "--body", "body.json", "--challenge", "challenge.json", "--app-id", "ap-2qhg1"])
        #expect(curl.status == 0, "\(curl.stderr)")
        #expect(curl.stdout == """
            curl --fail-with-body --silent --show-error --request POST --url 'https://api.dfns.io/auth/recover/user' \\
              --header 'Content-Type: application/json' \\
              --header 'X-DFNS-APPID: ap-2qhg1' \\
              --header 'Authorization: Bearer \(SignFixture.token)' \\
              --data-binary '@body.json'

            """)
        let bodyAfter = try fx.dir.read("body.json")
        #expect(fx.dir.listing() == listing && bodyAfter == body)
        // Not a body, or a body for another challenge: one line, exit 4 / 1.
        let notBody = try fx.sign(["curl", "--body", "challenge.json", "--challenge", "challenge.json", "--app-id", "ap-1"])
        #expect(notBody.status == 4)
        try fx.dir.write("other.json", SignFixture.challengeJSON(allowed: [("cr-other", "ZQ")]))
        let other = try fx.sign(["curl", "--body", "body.json", "--challenge", "other.json", "--app-id", "ap-1"])
        #expect(other.status == 1)
        #expect(other.stderr.contains("which this challenge does not allow"))
    }

    /// Finding 1: no app ID is required. Without --app-id, $DFNS_APP_ID or
    /// a kit that records one, no X-DFNS-APPID header is sent (as Dfns's
    /// current SDKs); an empty $DFNS_APP_ID counts as none; one given wins
    /// over the kit's; a malformed one is refused before anything (exit 2).
    @Test func theAppIDHeaderOnlyWhenOneIsKnown() throws {
        let fx = try SignFixture()
        let bin = ToolRunner.productsDirectory.appendingPathComponent("rkit-sign").path
        func run(_ environment: [String], _ arguments: [String]) throws -> ToolResult {
            try ToolRunner.external("env", environment + [bin] + arguments, currentDirectory: fx.dir.url)
        }
        for environment in [["-u", "DFNS_APP_ID"], ["DFNS_APP_ID="]] {
            let result = try run(environment, ["code-request", "--kit", "kit.json", "--curl"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("--url 'https://api.dfns.io/auth/recover/user/code'"))
            #expect(!result.stdout.contains("X-DFNS-APPID"), "\(result.stdout)")
        }
        let fromEnvironment = try run(["DFNS_APP_ID=ap-env"], ["code-request", "--kit", "kit.json", "--curl"])
        #expect(fromEnvironment.stdout.contains("'X-DFNS-APPID: ap-env'"))
        // A kit that records one: its app ID, unless one is given.
        var kit = fx.kit
        kit.appId = "ap-kit-1"
        try fx.dir.write("kit-app.json", kit.kitFileText)
        try fx.dir.write("kit-app-qr.txt", kit.qrText + "\n")
        for file in ["kit-app.json", "kit-app-qr.txt"] {
            let fromKit = try run(["-u", "DFNS_APP_ID"], ["code-request", "--kit", file, "--curl"])
            #expect(fromKit.stdout.contains("'X-DFNS-APPID: ap-kit-1'"), "\(fromKit.stdout)\(fromKit.stderr)")
            let given = try run(["-u", "DFNS_APP_ID"], ["init-request", "--kit", file, "--verification-code", "1", "--curl", "--app-id", "ap-given"])
            #expect(given.stdout.contains("'X-DFNS-APPID: ap-given'") && !given.stdout.contains("ap-kit-1"))
        }
        let bad = try run(["-u", "DFNS_APP_ID"], ["code-request", "--kit", "kit.json", "--curl", "--app-id", "ap 1; rm"])
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("rkit-sign: --app-id \"ap 1; rm\" is not an app ID"), "\(bad.stderr)")
    }

    /// Old mode flags run their subcommand, with a note naming it.
    @Test func oldModeFlagsStillWork() throws {
        let fx = try SignFixture()
        let old = try fx.sign(["--code-request", "--kit", "kit.json"])
        let new = try fx.sign(["code-request", "--kit", "kit.json"])
        #expect(old.status == 0 && old.stdout == new.stdout)
        #expect(old.stderr == "rkit-sign: note: --code-request is now the subcommand 'rkit-sign code-request'\n")
        let both = try fx.sign(["--code-request", "--qr-join"])
        #expect(both.status == 2)
        #expect(both.stderr.contains("are separate steps"))
    }

    /// --force says what it replaced (the old body's and kit's credential
    /// IDs) and keeps it: run twice, all three keys, bodies and kits are
    /// there, each old one 0600 under the dated name the run printed.
    @Test func forceSaysWhatItReplacedAndKeepsIt() throws {
        let fx = try SignFixture()
        let arguments = ["--kit", "kit.json", "--challenge", "challenge.json", "--code-file", "code.txt",
                         "--new-key", "k.pem", "--plain-new-key", "--new-kit", "nk", "--out", "body.json"]
        #expect(try fx.sign(arguments).status == 0)
        let first = try RecoveryRequest(json: try JSONParser.parse(try fx.dir.read("body.json")))
        let firstKit = try RecoveryKit.parse(Array(try fx.dir.read("nk/kit.json").utf8))
        let again = try fx.sign(arguments + ["--force"])
        #expect(again.status == 0, "\(again.stderr)")
        let second = try RecoveryRequest(json: try JSONParser.parse(try fx.dir.read("body.json")))
        let secondKit = try RecoveryKit.parse(Array(try fx.dir.read("nk/kit.json").utf8))
        func ids(_ request: RecoveryRequest) -> String {
            request.newCredentials.members.map { "\($0.key) \($0.value["credentialInfo"]!["credId"]!.stringValue!)" }.joined(separator: ", ")
        }
        #expect(again.stderr.contains("rkit-sign: replaced body.json: the body with new credentials \(ids(first)) is now the body with \(ids(second))"))
        #expect(again.stderr.contains("rkit-sign: replaced nk/kit.json: kit \(firstKit.credentialId) is now kit \(secondKit.credentialId)"))
        let keptKey = try #require(again.stderr.firstMatch(of: #/replaced k\.pem: the earlier private key is kept as (k\.pem\.replaced-\d{8}T\d{6}Z(-\d+)?) \(0600\)/#))
        let third = try fx.sign(arguments + ["--force"])
        #expect(third.status == 0, "\(third.stderr)")
        let keptAgain = try #require(third.stderr.firstMatch(of: #/replaced k\.pem: the earlier private key is kept as (k\.pem\.replaced-[0-9TZ-]+) \(0600\)/#))
        #expect(keptKey.1 != keptAgain.1)
        // Three different private keys on disk: the current one and both earlier ones.
        let keys = try [String(keptKey.1), String(keptAgain.1), "k.pem"].map { try fx.dir.read($0) }
        #expect(Set(keys).count == 3)
        #expect(keys.allSatisfy { $0.contains("PRIVATE KEY") })
        for name in [String(keptKey.1), String(keptAgain.1)] {
            var info = stat()
            #expect(stat(fx.dir.file(name), &info) == 0 && info.st_mode & 0o777 == 0o600)
        }
        // Both earlier kits are kept too (their kit.json, under the same stamp).
        let kits = try FileManager.default.contentsOfDirectory(atPath: fx.dir.file("nk")).filter { $0.hasPrefix("kit.json") }
        #expect(kits.count == 3, "\(kits)")
        let bodies = try FileManager.default.contentsOfDirectory(atPath: fx.dir.url.path).filter { $0.hasPrefix("body.json") }
        #expect(bodies.count == 3, "\(bodies)")
    }

    /// --origin defaults to the kit's; another one only when the person says so.
    @Test func anotherOriginNeedsToBeAsked() throws {
        let fx = try SignFixture()
        try fx.dir.write("challenge.json", SignFixture.challengeJSON(allowed: [(fx.kit.credentialId, fx.kit.envelope.text)],
                                                                     rpId: "example.com"))
        let base = ["--kit", "kit.json", "--challenge", "challenge.json", "--code-file", "code.txt", "--new-key", "k.pem", "--plain-new-key",
                    "--out", "body.json", "--origin", "https://login.example.com"]
        let refused = try fx.sign(base)
        #expect(refused.status == 2)
        #expect(!fx.dir.exists("body.json"))
        let allowed = try fx.sign(base + ["--allow-other-origin"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        let request = try RecoveryRequest(json: try JSONParser.parse(try fx.dir.read("body.json")))
        #expect(try ClientData(bytes: request.clientData).origin == "https://login.example.com")
    }
}
