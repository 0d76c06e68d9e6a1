import Foundation
import Testing
import RKitTestSupport

/// Issue 17: the four inputs two tools used to judge differently, each run
/// through every tool that reads it; every tool must give the one verdict
/// the core's rule decides (`FlowRules`). Inputs: Tests/Fixtures/Disagreements
/// (made by its make.py with Python `cryptography`, independent of rkit).
@Suite(.serialized) struct OneVerdictTests {
    static let fixtures = ToolRunner.repositoryRoot.appendingPathComponent("Tests/Fixtures/Disagreements")
    static let hostile = ToolRunner.repositoryRoot.appendingPathComponent("Tests/Hostile/inputs")
    static let code = hostile.appendingPathComponent("codes/good.txt").path

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// A fresh folder for outputs.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rkit-one-verdict-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func files(in folder: URL) -> [String] {
        (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).sorted()
    }

    static func run(_ tool: String, _ arguments: [String], in folder: URL) throws -> ToolResult {
        try ToolRunner.rkit(tool, arguments, currentDirectory: folder, environment: ["DFNS_APP_ID": "ap-test"])
    }

    /// A body signed with `kit` for `challenge` (the good path, rkit-sign itself).
    static func signedBody(kit: String, challenge: String, in folder: URL) throws -> String {
        let result = try run("rkit-sign", ["recover", "--kit", kit, "--challenge", challenge, "--code-file", code,
                                           "--new-key", "key.pem", "--out", "body.json"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        return folder.appendingPathComponent("body.json").path
    }

    /// An 8-byte IV: any non-empty IV opens (a non-16 one warns) in every
    /// tool that reads the kit: checked, signed with, attested, requested.
    @Test func eightByteIVIsAcceptedEverywhere() throws {
        let dir = try Self.folder()
        let kit = Self.fixture("kit-iv8.txt"), challenge = Self.fixture("challenge-iv8.json")
        let verify = try Self.run("rkit-verify", ["kit", "--code-file", Self.code, kit], in: dir)
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(verify.stdout.contains("lint.iv-size"))
        let body = try Self.signedBody(kit: kit, challenge: challenge, in: dir)
        let request = try Self.run("rkit-verify", ["request", body, "--kit", kit, "--code-file", Self.code, "--challenge", challenge], in: dir)
        #expect(request.status == 0, "\(request.stdout)")
        try "{\"challenge\":\"cmVnaXN0cmF0aW9u\",\"rp\":{\"id\":\"example.com\"}}".write(to: dir.appendingPathComponent("reg.json"), atomically: true, encoding: .utf8)
        let attest = try Self.run("rkit-sign", ["attest", "--kit", kit, "--challenge", "reg.json", "--code-file", Self.code, "--out", "att.json"], in: dir)
        #expect(attest.status == 0, "\(attest.stderr)")
        let initRequest = try Self.run("rkit-sign", ["init-request", "--kit", kit, "--verification-code", "1"], in: dir)
        #expect(initRequest.status == 0, "\(initRequest.stderr)")
    }

    /// A registration challenge whose rp.id does not cover the origin:
    /// refused by rkit-generate as by attest (exit 1), nothing written.
    @Test func originOffTheRelyingPartyIsRefusedEverywhere() throws {
        let dir = try Self.folder()
        let registration = Self.fixture("registration-other-rp.json")
        let generate = try Self.run("rkit-generate", ["--username", "hostile@example.com", "--out", "kit", "--origin", "https://app.example.com",
                                                      "--challenge", registration, "--code-out", "code.txt"], in: dir)
        let attest = try Self.run("rkit-sign", ["attest", "--kit", Self.hostile.appendingPathComponent("kits/kit.json").path,
                                                "--challenge", registration, "--code-file", Self.code, "--out", "att.json"], in: dir)
        for result in [generate, attest] {
            #expect(result.status == 1, "\(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("is not on the challenge's relying party \"other.example\""))
            #expect(result.stderr.contains("nothing was written"))
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
        #expect(Self.files(in: dir).isEmpty, "\(Self.files(in: dir))")
    }

    /// A body signed for another challenge: curl prints nothing and says so
    /// in one line; rkit-verify request fails it.
    @Test func bodyForAnotherChallengeIsRefusedEverywhere() throws {
        let dir = try Self.folder()
        let kit = Self.hostile.appendingPathComponent("kits/kit.json").path
        let body = try Self.signedBody(kit: kit, challenge: Self.hostile.appendingPathComponent("challenges/challenge.json").path, in: dir)
        let other = Self.fixture("challenge-other.json")
        let curl = try Self.run("rkit-sign", ["curl", "--body", body, "--challenge", other], in: dir)
        #expect(curl.status == 1)
        #expect(curl.stdout.isEmpty)
        #expect(curl.stderr.split(separator: "\n").count == 1)
        #expect(curl.stderr.contains("was signed for another challenge"), "\(curl.stderr)")
        let verify = try Self.run("rkit-verify", ["request", body, "--kit", kit, "--challenge", other], in: dir)
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("made against another challenge"), "\(verify.stdout)")
        // And the body passes both against its own challenge.
        let own = Self.hostile.appendingPathComponent("challenges/challenge.json").path
        #expect(try Self.run("rkit-sign", ["curl", "--body", body, "--challenge", own], in: dir).status == 0)
        #expect(try Self.run("rkit-verify", ["request", body, "--kit", kit, "--challenge", own], in: dir).status == 0)
    }

    /// A challenge naming the kit's user in another Unicode normalisation
    /// (NFD "zoë"): not the same account as the salt sees it, refused by
    /// rkit-sign (exit 5, nothing written) and failed by rkit-verify request.
    @Test func userInAnotherNormalisationIsRefusedEverywhere() throws {
        let dir = try Self.folder()
        let kit = Self.fixture("kit-zoe.txt")
        let body = try Self.signedBody(kit: kit, challenge: Self.fixture("challenge-zoe-nfc.json"), in: dir)
        try FileManager.default.removeItem(atPath: body)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("key.pem"))
        // (The body is signed again below for the NFC challenge, to verify against the NFD one.)
        let nfd = Self.fixture("challenge-zoe-nfd.json")
        let sign = try Self.run("rkit-sign", ["recover", "--kit", kit, "--challenge", nfd, "--code-file", Self.code,
                                              "--new-key", "key.pem", "--out", "body.json"], in: dir)
        #expect(sign.status == 5)
        #expect(sign.stderr.contains("the challenge is for user"), "\(sign.stderr)")
        #expect(Self.files(in: dir).isEmpty, "\(Self.files(in: dir))")
        let signed = try Self.signedBody(kit: kit, challenge: Self.fixture("challenge-zoe-nfc.json"), in: dir)
        let verify = try Self.run("rkit-verify", ["request", signed, "--kit", kit, "--code-file", Self.code, "--challenge", nfd], in: dir)
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("challenge.user"), "\(verify.stdout)")
        let same = try Self.run("rkit-verify", ["request", signed, "--kit", kit, "--code-file", Self.code,
                                                "--challenge", Self.fixture("challenge-zoe-nfc.json")], in: dir)
        #expect(same.status == 0, "\(same.stdout)")
    }
}
