import Foundation
import Testing
import RKitTestSupport
@testable import RecoveryKitCore

/// Shares typed on a terminal (issue 22): a 2-of-3 kit from rkit-generate,
/// then rkit-sign recover on a pseudo-terminal where a person types the
/// shares at the code prompt, with a word that is not in the list and a
/// mistyped list word; each is named by position, asked again, and the
/// signed body passes rkit-verify. No typed word is echoed.
@Suite struct ShareTypingTests {
    static let user = #"{"id":"us-3v1ag-1b2c3-abcdefghijklmn","displayName":"jo@example.com","name":"jo@example.com"}"#

    struct Kit {
        let dir: TemporaryDirectory
        let shares: [[String]]
    }

    static func makeKit() throws -> Kit {
        let dir = try TemporaryDirectory()
        let made = try ToolRunner.rkit("rkit-generate", ["--username", "jo@example.com", "--org-id", "or-30tnh-itmjs-s235s5ontr3r23h2",
                                                         "--origin", "https://app.example.com", "--out", dir.file("kit"),
                                                         "--shares", "2-of-3", "--formats", "txt"])
        #expect(made.status == 0, "\(made.stderr)")
        let shares = try (1...3).map { n -> [String] in
            let text = try dir.read("kit/share-\(n).txt").split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: " ")
            return try RecoveryCodeShares.share(parsing: text).words
        }
        let kit = try JSONParser.parse(Array(try dir.read("kit/kit.json").utf8))
        let response = """
            {"user":\(user),"temporaryAuthenticationToken":"eyJ0eXAiOiJKV1QifQ.recovery-token.sig","challenge":"Y2gtcmVjb3Zlcnktc2Vzc2lvbi0x",\
            "rp":{"id":"app.example.com","name":"Example"},"supportedCredentialKinds":{"firstFactor":["Fido2","Key"],"secondFactor":["Fido2","Key","Totp"]},\
            "authenticatorSelection":{"residentKey":"required","requireResidentKey":true,"userVerification":"required"},"attestation":"none",\
            "pubKeyCredParams":[{"type":"public-key","alg":-7}],"excludeCredentials":[],"otpUrl":"",\
            "allowedRecoveryCredentials":[{"id":"\(kit["credentialId"]!.stringValue!)","encryptedRecoveryKey":"\(kit["encryptedPrivateKey"]!.stringValue!)"}]}
            """
        _ = try dir.write("response.json", response)
        return Kit(dir: dir, shares: shares)
    }

    @Test func typedSharesWithMistakesAreNamedAndAskedAgain() throws {
        let kit = try Self.makeKit()
        var notAWord = kit.shares[0]
        notAWord[4] = "xylophone"
        var otherWord = kit.shares[2]
        otherWord[8] = otherWord[8] == "academic" ? "acid" : "academic"
        let fourLetters = kit.shares[0].map { $0.prefix(4).uppercased() }.joined(separator: " ")
        let tool = ToolRunner.productsDirectory.appendingPathComponent("rkit-sign").path
        let run = try PseudoTerminal.run(tool, ["recover", "--kit", kit.dir.file("kit/kit.json"), "--challenge", kit.dir.file("response.json"),
                                                "--new-key", kit.dir.file("new-key.pem"), "--plain-new-key", "--out", kit.dir.file("body.json")],
                                         typing: [("Recovery code: ", notAWord.joined(separator: " ")),
                                                  ("Share 1 again: ", fourLetters),
                                                  ("Share 2 of the 2 needed", otherWord.joined(separator: "  ")),
                                                  ("Share 2 again: ", kit.shares[2].joined(separator: " "))])
        #expect(run.result.status == 0, "\(run.result.stderr)\n\(run.screen)")
        #expect(run.result.stderr.contains("rkit-sign: word 5 of share 1 is not a SLIP-0039 share word (type the word as printed, or its first 4 letters); compare it with the share paper; type share 1 again"), "\(run.result.stderr)")
        #expect(run.result.stderr.contains("rkit-sign: share 2 fails its checksum: word 9 looks mistyped; compare it with the share paper; type share 2 again"), "\(run.result.stderr)")
        #expect(run.result.stderr.contains("share 1 is good (checksum correct); 1 more share needed"), "\(run.result.stderr)")
        // Echo off: no two consecutive share words on the screen (single words may
        // be prompt words too, e.g. "again" is in the SLIP-0039 list).
        for share in kit.shares + [notAWord, otherWord] {
            for (a, b) in zip(share, share.dropFirst()) {
                #expect(!run.screen.lowercased().contains("\(a) \(b)"), "\(a) \(b) was echoed")
                #expect(!run.screen.uppercased().contains("\(a.prefix(4).uppercased()) \(b.prefix(4).uppercased())"), "four letters echoed")
            }
        }
        #expect(!run.result.stderr.contains("xylophone"))
        let verified = try ToolRunner.rkit("rkit-verify", ["request", kit.dir.file("body.json"), "--kit", kit.dir.file("kit/kit.json"),
                                                           "--challenge", kit.dir.file("response.json")])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    }

    @Test func typedSharesWithANewKitNeedTheNewSplitBeforeTheOtherShares() throws {
        let kit = try Self.makeKit()
        let tool = ToolRunner.productsDirectory.appendingPathComponent("rkit-sign").path
        let run = try PseudoTerminal.run(tool, ["recover", "--kit", kit.dir.file("kit/kit.json"), "--challenge", kit.dir.file("response.json"),
                                                "--new-key", kit.dir.file("new-key.pem"), "--plain-new-key", "--new-kit", kit.dir.file("new-kit"),
                                                "--out", kit.dir.file("body.json")],
                                         typing: [("Recovery code: ", kit.shares[1].joined(separator: " "))])
        #expect(run.result.status == 2, "\(run.result.stderr)")
        #expect(run.result.stderr.contains("--new-shares K-of-N"), "\(run.result.stderr)")
        #expect(!run.screen.contains("Share 2"))
        #expect(!kit.dir.exists("body.json") && !kit.dir.exists("new-kit") && !kit.dir.exists("new-key.pem"))
        // With --new-shares the same typing signs and splits the new kit that way.
        let split = try PseudoTerminal.run(tool, ["recover", "--kit", kit.dir.file("kit/kit.json"), "--challenge", kit.dir.file("response.json"),
                                                  "--new-key", kit.dir.file("new-key.pem"), "--plain-new-key", "--new-kit", kit.dir.file("new-kit"),
                                                  "--new-shares", "3-of-5", "--out", kit.dir.file("body.json")],
                                           typing: [("Recovery code: ", kit.shares[1].joined(separator: " ")),
                                                    ("Share 2 of the 2 needed", kit.shares[0].joined(separator: " "))])
        #expect(split.result.status == 0, "\(split.result.stderr)")
        #expect(kit.dir.exists("new-kit/share-5.txt") && !kit.dir.exists("new-kit/share-6.txt"))
        #expect(try kit.dir.read("new-kit/share-1.txt").contains("# rkit-split: 3-of-5"))
    }
}
