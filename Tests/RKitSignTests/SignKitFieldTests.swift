import Foundation
import Testing
import RKitTestSupport
@testable import RecoveryKitCore

/// Issue 13 findings 4 and 5: what comes from the online machine (the kit
/// file or QR text, the server's envelope) meets the rules the options meet.
@Suite struct SignKitFieldTests {
    static func hostile(_ fx: SignFixture, _ edit: (inout JSONObject) -> Void) throws {
        var object = try #require(try JSONParser.parse(Array(fx.kit.kitFileText.utf8)).objectValue)
        edit(&object)
        try fx.dir.write("hostile.json", JSONText.stringify(.object(object)))
    }

    @Test(arguments: ["or-x\")><script>", "or-\u{1b}[2K", "or with space", ""])
    func aKitWithAHostileOrgIdIsRefused(orgId: String) throws {
        let fx = try SignFixture()
        try Self.hostile(fx) { $0["orgId"] = .string(orgId) }
        for arguments in [["code-request", "--kit", "hostile.json", "--app-id", "ap-1"],
                          ["--kit", "hostile.json", "--challenge", "challenge.json", "--code-file", "code.txt", "--origin", SignFixture.origin,
                           "--new-key", "k.pem", "--plain-new-key", "--new-kit", "nk", "--out", "body.json"]] {
            let result = try fx.sign(arguments)
            #expect(result.status == 4, "\(result.stderr)")
            #expect(result.stderr == "rkit-sign: kit hostile.json: the kit is damaged: \"orgId\" is refused: it is not one word of ASCII letters, digits and dashes\n")
            #expect(result.stdout.isEmpty)
        }
        #expect(!fx.dir.exists("nk") && !fx.dir.exists("body.json") && !fx.dir.exists("k.pem"))
    }

    @Test(arguments: [" demo@example.com", "demo@example.com\u{a0}", "demo@exa\u{1b}mple.com", "demo@example.com\u{2028}"])
    func aKitWithAHostileUsernameIsRefused(username: String) throws {
        let fx = try SignFixture()
        try Self.hostile(fx) { $0["username"] = .string(username) }
        let result = try fx.sign(["--kit", "hostile.json", "--challenge", "challenge.json", "--code-file", "code.txt",
                                  "--origin", SignFixture.origin, "--new-key", "k.pem", "--plain-new-key", "--new-kit", "nk", "--out", "body.json"])
        #expect(result.status == 4, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("rkit-sign: kit hostile.json: the kit is damaged: \"username\" is refused: "))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
        #expect(!fx.dir.exists("nk") && !fx.dir.exists("body.json"))
        // QR text goes through the same reader.
        let qr = fx.kit.qrText.replacingOccurrences(of: #""u":"demo@example.com""#, with: "\"u\":\(JSONText.quoted(username))")
        try fx.dir.write("qr.txt", qr)
        let fromQR = try fx.sign(["code-request", "--kit", "qr.txt", "--app-id", "ap-1"])
        #expect(fromQR.status == 4, "\(fromQR.stderr)")
        #expect(fromQR.stderr.contains("\"username\" is refused"))
    }

    /// `--credential-id` checks that the server's envelope hashes to the
    /// ID (the rule rkit-verify's challenge.envelope applies).
    @Test func credentialIdPathChecksTheServerEnvelope() throws {
        let fx = try SignFixture()
        try fx.dir.write("challenge.json", SignFixture.challengeJSON(allowed: [("Zm9yZ2VkLWlk", fx.kit.envelope.text)]))
        let result = try fx.sign(["--credential-id", "Zm9yZ2VkLWlk", "--username", fx.username, "--challenge", "challenge.json",
                                  "--code-file", "code.txt", "--origin", SignFixture.origin, "--new-key", "k.pem", "--plain-new-key", "--out", "body.json"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("does not hash to that credential ID"), "\(result.stderr)")
        #expect(!fx.dir.exists("body.json") && !fx.dir.exists("k.pem"))
        // The honest listing signs.
        try fx.dir.write("challenge.json", SignFixture.challengeJSON(allowed: [(fx.kit.credentialId, fx.kit.envelope.text)]))
        let honest = try fx.sign(["--credential-id", fx.kit.credentialId, "--username", fx.username, "--challenge", "challenge.json",
                                  "--code-file", "code.txt", "--origin", SignFixture.origin, "--new-key", "k.pem", "--plain-new-key", "--out", "body.json"])
        #expect(honest.status == 0, "\(honest.stderr)")
    }
}
