import Foundation
import Testing
import RKitTestSupport
@testable import RecoveryKitCore

/// The paper's steps run as printed (issue 11): the commands are read from
/// kit.txt as rkit-generate wrote it, run by `sh` with a scripted `curl` on
/// PATH that records each request and answers /init with a recovery
/// challenge, and the offline step on a pseudo-terminal where the code is
/// typed. Only "<e-mail code>" is replaced, as the person would.
@Suite struct PrintedStepsTests {
    static let fakeCurl = """
        #!/bin/sh
        printf '%s\\n' "$@" >> "$CURL_LOG"
        echo '----' >> "$CURL_LOG"
        case "$*" in
          *"/auth/recover/user/init"*) cat "$CURL_INIT_RESPONSE" ;;
          *) echo '{}' ;;
        esac
        """

    /// Finding 1: nothing to export. A kit made without --app-id sends no
    /// X-DFNS-APPID header (as Dfns's current SDKs); one made with it sends
    /// the kit's, from the QR text, on every step.
    @Test(arguments: [nil, "ap-kit-2b0re-1"] as [String?])
    func everyPrintedCommandRunsAsPrinted(appId: String?) throws {
        let dir = try TemporaryDirectory()
        let generated = try ToolRunner.rkit("rkit-generate", ["--username", "demo@example.com", "--org-id", "or-test-1",
                                                              "--origin", "https://app.example.com", "--out", "kit",
                                                              "--formats", "txt", "--code-out", "code.txt"]
                                                + (appId.map { ["--app-id", $0] } ?? []),
                                            currentDirectory: dir.url)
        #expect(generated.status == 0, "\(generated.stderr)")
        let text = try dir.read("kit/kit.txt")
        // Commands are the lines indented under their step (kit.txt never wraps them).
        let commands = text.split(separator: "\n").filter { $0.hasPrefix("       rkit-sign ") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(commands.count == 4, "\(commands)")
        // Step 1's "save the QR text as kit-qr.txt", from the paper itself.
        let qr = try #require(lines.first { $0.hasPrefix("{\"rk\":") })
        try dir.write("kit-qr.txt", qr + "\n")
        let kit = try RecoveryKit.parse(Array(try dir.read("kit/kit.json").utf8))
        try dir.write("scripted-response.json", SignFixture.challengeJSON(allowed: [(kit.credentialId, kit.envelope.text)]))
        try FileManager.default.createDirectory(at: dir.url.appendingPathComponent("bin"), withIntermediateDirectories: true)
        try dir.write("bin/curl", Self.fakeCurl)
        chmod(dir.file("bin/curl"), 0o755)
        try FileManager.default.createDirectory(at: dir.url.appendingPathComponent("home"), withIntermediateDirectories: true)
        let environment = ["-u", "DFNS_APP_ID", "PATH=\(dir.file("bin")):\(ToolRunner.productsDirectory.path):/usr/bin:/bin",
                           "HOME=\(dir.file("home"))", "CURL_LOG=\(dir.file("curl.log"))",
                           "CURL_INIT_RESPONSE=\(dir.file("scripted-response.json"))"]
        func run(_ command: String) throws -> ToolResult {
            try ToolRunner.external("env", environment + ["sh", "-c", command], currentDirectory: dir.url)
        }
        func lastRequest() throws -> [String] {
            let log = try dir.read("curl.log").components(separatedBy: "----\n").filter { !$0.isEmpty }
            return log.last!.split(separator: "\n").map(String.init)
        }

        // 1. Ask for the e-mail code: POST, with the app ID and the body.
        let step1 = try run(commands[0])
        #expect(step1.status == 0, "\(step1.stderr)")
        var request = try lastRequest()
        #expect(request.contains("POST") && request.contains("https://api.dfns.io/auth/recover/user/code"), "\(request)")
        func expectAppID(_ request: [String]) {
            #expect(request.filter { $0.hasPrefix("X-DFNS-APPID") } == (appId.map { ["X-DFNS-APPID: \($0)"] } ?? []), "\(request)")
        }
        expectAppID(request)
        #expect(request.contains(#"{"username":"demo@example.com","orgId":"or-test-1"}"#))

        // 2. Start the recovery: the response becomes response.json.
        let step2 = try run(commands[1].replacingOccurrences(of: "<e-mail code>", with: "482913"))
        #expect(step2.status == 0, "\(step2.stderr)")
        request = try lastRequest()
        #expect(request.contains("https://api.dfns.io/auth/recover/user/init"))
        #expect(request.contains(#"{"username":"demo@example.com","verificationCode":"482913","orgId":"or-test-1","credentialId":"\#(kit.credentialId)"}"#))
        expectAppID(request)
        #expect(try dir.read("response.json") == (try dir.read("scripted-response.json")))

        // 3. The command named in the carrying step shows response.json as QR frames.
        #expect(words.contains("rkit-sign qr-split response.json"))
        let step3 = try run("rkit-sign qr-split response.json")
        #expect(step3.status == 0, "\(step3.stderr)")
        #expect(step3.stdout.contains("frame 1/"))

        // 4. Offline, on a terminal, a security key plugged in: the review,
        // the key's PIN typed, the touch, then the code typed. The test's
        // key is a software key on a socket (the only word changed: the
        // device a person's machine finds by itself).
        let key = try SoftSecurityKey()
        #expect(commands[2].contains(" --security-key --new-kit ~/rkit-new-kit "), "\(commands[2])")
        let offline = commands[2].replacingOccurrences(of: "--security-key ", with: "--security-key \(key.device) ")
        let code = try dir.read("code.txt").trimmingCharacters(in: .whitespacesAndNewlines)
        let script = ToolRunner.repositoryRoot.appendingPathComponent("Tests/Hostile/pty-drive.py").path
        let step4 = try ToolRunner.external("env", environment + ["python3", script, "--expect", "PIN of the security key", "--send", SoftSecurityKey.pin,
                                                                  "--expect", "ecovery code", "--send", code,
                                                                  "--", "sh", "-c", offline], currentDirectory: dir.url)
        #expect(step4.status == 0, "\(step4.stdout)")
        #expect(step4.stdout.contains("origin: https://app.example.com (the kit's)"), "\(step4.stdout)")
        #expect(dir.exists("body.json") && dir.exists("home/rkit-new-kit/kit.json"))
        #expect(!dir.exists("new-key.pem") && !dir.exists("rkit-new-kit") && !dir.exists("home/rkit-new-key.pem"))
        // The new kit carries the app ID on.
        #expect(try RecoveryKit.parse(Array(try dir.read("home/rkit-new-kit/kit.json").utf8)).appId == appId)
        #expect(!step4.stdout.contains(SoftSecurityKey.pin), "the PIN was echoed")
        // What a person sees, in order: review, key, PIN, touch, what the key made, code.
        let marks = ["review what is about to be signed", "security key: ", "PIN of the security key", "touch the security key now",
                     "the security key made this passkey", "ecovery code", "signed with recovery credential"]
        let positions = marks.map { step4.stdout.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil }, "\(step4.stdout)")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "\(step4.stdout)")

        // 5. Send the body: POST /auth/recover/user with the token.
        let step5 = try run(commands[3])
        #expect(step5.status == 0, "\(step5.stderr)")
        request = try lastRequest()
        #expect(request.contains("https://api.dfns.io/auth/recover/user"))
        #expect(request.contains("Authorization: Bearer \(SignFixture.token)"))
        expectAppID(request)
        #expect(request.contains("@body.json"))
        _ = try SignFixture.coreVerify(body: try dir.read("body.json"), publicKey: try P256PublicKey(pem: kit.publicKeyPEM!))
    }
}
