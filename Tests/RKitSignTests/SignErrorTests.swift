import Foundation
import Testing
import RKitTestSupport
@testable import RecoveryKitCore

/// Every refusal is one line on stderr, a documented exit status, nothing
/// on stdout, and no file written (the body, the new key, the new kit).
@Suite struct SignErrorTests {
    /// Finding 7: the check-letter hint in every wrong-code message, wherever
    /// the code came from: a --code-file for recover, attest and rkit-verify
    /// kit, and a codes file for a batch.
    @Test func everyWrongCodeMessageCarriesTheCheckLetterHint() throws {
        let fx = try SignFixture()
        try fx.dir.write("wrong.txt", try RecoveryCode.generate().revealCanonicalText() + "\n")
        chmod(fx.dir.file("wrong.txt"), 0o600)
        try fx.dir.write("codes.txt", "\(fx.kit.credentialId) \(try RecoveryCode.generate().revealCanonicalText())\n")
        chmod(fx.dir.file("codes.txt"), 0o600)
        try fx.dir.write("registration.json", #"{"challenge":"cmVnaXN0ZXI"}"#)
        let hint = "type the check letters too, in brackets after each group as the kit prints them, and rkit names the group"
        let recover = try fx.sign(["recover", "--kit", "kit.json", "--challenge", "challenge.json", "--code-file", "wrong.txt",
                                   "--new-key", "k.pem", "--plain-new-key", "--out", "b.json"])
        #expect(recover.status == 5 && recover.stderr.contains(hint), "\(recover.stderr)")
        let attest = try fx.sign(["attest", "--kit", "kit.json", "--challenge", "registration.json", "--code-file", "wrong.txt",
                                  "--out", "a.json"])
        #expect(attest.status == 5 && attest.stderr.contains(hint), "\(attest.stderr)")
        for arguments in [["--code-file", "wrong.txt"], ["--codes", "codes.txt"]] {
            let verify = try ToolRunner.rkit("rkit-verify", ["kit", "kit.json"] + arguments, currentDirectory: fx.dir.url)
            #expect(verify.status == 1 && verify.stdout.contains("code.opens: the recovery code or the username is wrong"), "\(verify.stdout)")
            #expect(verify.stdout.contains(hint), "\(verify.stdout)")
        }
        #expect(!fx.dir.exists("b.json") && !fx.dir.exists("a.json"))
    }

    /// Finding 11: an output folder that cannot be written is found before
    /// the code is asked (without a terminal, asking would have ended the
    /// run with exit 8 instead): exit 7, one line, nothing written.
    @Test(arguments: [["--out", "missing/body.json"], ["--out", "body.json", "--new-kit", "missing/deeper/kit"],
                      ["--out", "code.txt/body.json"]])
    func anUnwritableOutputFolderIsFoundBeforeTheCode(_ outputs: [String]) throws {
        let fx = try SignFixture()
        let before = fx.dir.listing()
        let result = try fx.sign(["recover", "--kit", "kit.json", "--challenge", "challenge.json", "--new-key", "k.pem"] + outputs)
        #expect(result.status == 7, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("rkit-sign: cannot write "), "\(result.stderr)")
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
        #expect(!result.stderr.contains("terminal"))
        #expect(fx.dir.listing() == before)
    }

    /// Finding 4: a name typed in NFD for an NFC account looks the same;
    /// the refusal names the code points that differ, before the code.
    @Test func aNameThatOnlyLooksTheSameIsExplained() throws {
        let fx = try SignFixture(username: "zo\u{EB}@example.com")
        try fx.dir.write("challenge.json", SignFixture.challengeJSON(allowed: [(fx.kit.credentialId, fx.kit.envelope.text)],
                                                                     username: "zo\u{EB}@example.com"))
        let result = try fx.sign(["recover", "--credential-id", fx.kit.credentialId, "--username", "zoe\u{308}@example.com",
                                  "--origin", SignFixture.origin, "--challenge", "challenge.json", "--code-file", "code.txt", "--new-key", "k.pem", "--out", "b.json"])
        #expect(result.status == 5, "\(result.stderr)")
        #expect(result.stderr.contains("they look the same but are typed with different code points (challenge: U+EB; yours: U+308)"), "\(result.stderr)")
        #expect(!fx.dir.exists("b.json"))
    }

    /// Finding 12: an empty kit-qr.txt (a scan that read nothing) says how
    /// to scan again, before anything else is asked.
    @Test func emptyScanSaysHowToRescan() throws {
        let fx = try SignFixture()
        try fx.dir.write("kit-qr.txt", "")
        let result = try fx.sign(["code-request", "--kit", "kit-qr.txt"])
        #expect(result.status == 4)
        #expect(result.stderr.filter { $0 == "\n" }.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("kit kit-qr.txt is empty: if it is a scan of the paper's QR, nothing was read; photograph the QR again"))
        #expect(result.stderr.contains("zbarimg -q -Sdisable -Sqrcode.enable PHOTO > kit-qr.txt"))
        #expect(result.stdout.isEmpty)
    }

    enum Case: String, CaseIterable, CustomTestStringConvertible {
        case wrongCode, wrongUsername, credentialNotAllowed, mismatchingEnvelope, kitIDNotEnvelopeHash
        case badChallengeJSON, challengeMissingToken, challengeWrongType, typoInOneGroupWithCheckLetters
        case forbiddenCharacterInCode, existingOutput, missingOrigin, originWithPath
        case otherUserInChallenge, originOffTheRelyingParty, otherOriginThanTheKits, newKitWithoutOrgID
        var testDescription: String { rawValue }
    }

    @Test(arguments: Case.allCases)
    func refusesCleanlyAndWritesNothing(_ failure: Case) throws {
        let fx = try SignFixture()
        var kitArguments = ["--kit", "kit.json"]
        var origin = SignFixture.origin
        var expected: (status: Int32, message: String)
        switch failure {
        case .wrongCode:
            try fx.dir.write("code.txt", try RecoveryCode.generate().revealCanonicalText())
            expected = (5, "the recovery code or the username is wrong")
        case .wrongUsername:
            // (An ID may begin with "-": taken as the value all the same.)
            kitArguments = ["--credential-id", fx.kit.credentialId, "--username", "demo@example.org"]
            expected = (5, "the challenge is for user \"demo@example.com\", this recovery is for \"demo@example.org\"")
        case .credentialNotAllowed:
            try fx.dir.write("challenge.json", SignFixture.challengeJSON(allowed: [("cr-aaaa", "ZQ=="), ("cr-bbbb", "ZQ==")]))
            expected = (1, "is not listed in the challenge's allowedRecoveryCredentials (listed: \"cr-aaaa\", \"cr-bbbb\")")
        case .mismatchingEnvelope:
            let other = try KitGenerator.make(.init(username: fx.username)).kit
            try fx.dir.write("challenge.json", SignFixture.challengeJSON(allowed: [(fx.kit.credentialId, other.envelope.text)]))
            expected = (1, "the kit's encrypted private key differs from the server's copy")
        case .kitIDNotEnvelopeHash:
            var kit = fx.kit
            kit.credentialId = "cr-not-the-hash"
            try fx.dir.write("kit.json", kit.kitFileText)
            expected = (1, "is not the hash of its encrypted private key")
        case .badChallengeJSON:
            try fx.dir.write("challenge.json", String(try fx.dir.read("challenge.json").dropLast(40)))
            expected = (4, "challenge challenge.json: the recovery challenge is not usable: invalid JSON at line")
        case .challengeMissingToken:
            try fx.dir.write("challenge.json", try fx.dir.read("challenge.json")
                .replacingOccurrences(of: "\"temporaryAuthenticationToken\"", with: "\"token\""))
            expected = (4, "missing field \"temporaryAuthenticationToken\"")
        case .challengeWrongType:
            try fx.dir.write("challenge.json", try fx.dir.read("challenge.json")
                .replacingOccurrences(of: "\"challenge\": \"\(SignFixture.recoveryChallenge)\"", with: "\"challenge\": 42"))
            expected = (4, "field \"challenge\" must be a string, found a number")
        case .typoInOneGroupWithCheckLetters:
            var groups = zip(fx.code.revealGroups(), fx.code.checkCharacters).map { $0.0 + String($0.1) }
            var third = Array(groups[2])
            third[1] = third[1] == "A" ? "B" : "A"
            groups[2] = String(third)
            try fx.dir.write("code.txt", "D1-" + groups.joined(separator: "-"))
            expected = (4, "group 3 of the recovery code does not match its check letter")
        case .forbiddenCharacterInCode:
            try fx.dir.write("code.txt", "D1-" + "O" + fx.code.revealCanonicalText().dropFirst(4))
            expected = (4, "'O' at position 4")
        case .existingOutput:
            try fx.dir.write("body.json", "keep me")
            expected = (6, "body.json already exists; use --force")
        case .missingOrigin:
            // The kit's origin is the default; a credential ID alone has none.
            origin = ""
            kitArguments = ["--credential-id", fx.kit.credentialId, "--username", fx.username, "--org-id", "or-1"]
            expected = (2, "--origin URL is required: the kit records no origin")
        case .otherUserInChallenge:
            // Fatal before the code is asked, not a warning after signing.
            try fx.dir.write("challenge.json", SignFixture.challengeJSON(allowed: [(fx.kit.credentialId, fx.kit.envelope.text)],
                                                                         username: "someone.else@example.com"))
            expected = (5, "the challenge is for user \"someone.else@example.com\"")
        case .originOffTheRelyingParty:
            try fx.dir.write("challenge.json", SignFixture.challengeJSON(allowed: [(fx.kit.credentialId, fx.kit.envelope.text)],
                                                                         rpId: "example.net"))
            expected = (1, "the origin https://app.example.com is not on the challenge's relying party \"example.net\"")
        case .otherOriginThanTheKits:
            origin = "https://evil.example.com"
            expected = (2, "--origin https://evil.example.com is not the kit's origin https://app.example.com; leave --origin out to use the kit's, or add --allow-other-origin")
        case .newKitWithoutOrgID:
            kitArguments = ["--credential-id", fx.kit.credentialId, "--username", fx.username]
            expected = (2, "--new-kit needs --org-id ID: the credential ID names no org")
        case .originWithPath:
            origin = "https://app.example.com/login"
            expected = (2, "an origin has no path")
        }
        let before = try snapshot(fx.dir)
        var arguments = kitArguments + ["--challenge", "challenge.json", "--code-file", "code.txt",
                                        "--new-key", "new-key.pem", "--plain-new-key", "--new-kit", "new-kit", "--out", "body.json"]
        if !origin.isEmpty { arguments += ["--origin", origin] }
        let result = try fx.sign(arguments)
        #expect(result.status == expected.status, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("rkit-sign: "))
        #expect(result.stderr.contains(expected.message), "\(result.stderr)")
        #expect(!result.stderr.contains(fx.code.revealCanonicalText()))
        #expect(try snapshot(fx.dir) == before, "files changed")
    }

    /// Names and contents of every file, so "nothing written" includes
    /// "nothing replaced" and "no temporary left".
    private func snapshot(_ dir: TemporaryDirectory) throws -> [String: String] {
        var out: [String: String] = [:]
        for name in dir.listing() { out[name] = (try? dir.read(name)) ?? "<folder>" }
        return out
    }
}
