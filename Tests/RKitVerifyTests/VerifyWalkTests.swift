import Foundation
import Testing
import RKitTestSupport
@testable import RecoveryKitCore

/// Issue 11, as a person meets rkit-verify: a ✓ never hides that the key
/// binding was not checked or that a kit is not registered; the --codes
/// note names the lines it means; a body can be checked with only the paper.
@Suite struct VerifyWalkTests {
    /// Before: `✓ kit.json ID` for a kit whose public key was swapped, when
    /// it has no attestation and no code was given. Now the kit's own line
    /// says the key was not checked (and that the kit is not registered);
    /// with the code, the swap fails.
    @Test func swappedKeyWithoutAttestationOrCodeIsVisibleOnTheLine() throws {
        let made = try Fixtures.kit("mallory@example.com", attested: false)
        var swapped = made.kit
        swapped.publicKeyPEM = try P256PrivateKey.generate().publicKey.pem
        let directory = try TemporaryDirectory()
        let file = try directory.write("kit.json", swapped.kitFileText)
        let code = try Fixtures.writeSecret(directory, "code.txt", made.code.revealCanonicalText())

        let plain = try Fixtures.verify(["kit", file])
        #expect(plain.status == 0)
        let line = plain.stdout.split(separator: "\n")[0]
        #expect(line.hasPrefix("✓ \(file)  \(made.kit.credentialId)"))
        #expect(line.contains("[public key NOT checked (no attestation): give the code (--code-file, or --codes for many kits)]"), "\(line)")
        #expect(line.contains("[not registered: no attestation]"), "\(line)")
        #expect(plain.stdout.hasSuffix("\n1 passed, 0 failed; 1 unregistered, 1 not fully checked (no code)\n"))
        #expect(plain.stderr == "rkit-verify: note: 1 kit passed without the code and was not fully checked (see the brackets on its line)\n")

        let json = try Fixtures.jsonLines(try Fixtures.verify(["kit", "--json", file]).stdout)
        let notices = json[0]["notices"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(notices == ["not-registered", "unchecked.public-key"])

        let withCode = try Fixtures.verify(["kit", file, "--code-file", code])
        #expect(withCode.status == 1)
        #expect(withCode.stdout.contains("code.key-matches"))

        // An attested kit, checked without the code: no notice.
        let attested = try Fixtures.kit("trent@example.com")
        let good = try Fixtures.verify(["kit", try directory.write("good.json", attested.kit.kitFileText)])
        #expect(good.stdout.hasPrefix("✓ \(directory.file("good.json"))  \(attested.kit.credentialId)\n"), "\(good.stdout)")
    }

    /// Before: the note counted lines by the kit's stated ID (a kit whose
    /// stated ID was damaged used a line yet counted it as unused) and never
    /// said which lines. Now: counted by the lines used, named by number.
    @Test func codesNoteCountsTheLinesUsedAndNamesTheOthers() throws {
        let directory = try TemporaryDirectory()
        var lines = ["# codes of the batch"], files: [String] = []
        for index in 0..<4 {
            let made = try Fixtures.kit("user\(index)@example.com", attested: false)
            var kit = made.kit
            if index == 1 { kit.credentialId = "damaged-stated-id" }  // found by its envelope's ID
            files.append(try directory.write("kit\(index).json", kit.kitFileText))
            lines.append("\(made.kit.credentialId) \(made.code.revealCanonicalText())")
        }
        let codes = try Fixtures.writeSecret(directory, "codes.txt", lines.joined(separator: "\n") + "\n")
        let result = try Fixtures.verify(["kit", "--codes", codes] + files.prefix(3))
        #expect(result.status == 1)  // kit1's stated ID is damaged: credential-id fails, yet its line was used
        #expect(result.stderr.contains("rkit-verify: note: 1 line of \(codes) matched none of the kits given (line 5)\n"), "\(result.stderr)")
        // Every line used: no note at all.
        let all = try Fixtures.verify(["kit", "--codes", codes] + files)
        #expect(all.stdout.contains("\n3 passed, 1 failed"), "\(all.stdout)")
        #expect(!all.stderr.contains("matched none"), "\(all.stderr)")
        let two = try Fixtures.verify(["kit", "--codes", codes, files[0], files[2]])
        #expect(two.stderr.contains("2 lines of \(codes) matched none of the kits given (lines 3, 5)"), "\(two.stderr)")
    }

    struct PaperOnly {
        let directory: TemporaryDirectory
        let body: String
        let qr: String
        let code: String
        let kit: RecoveryKit
    }

    /// A body signed by a kit, and what a person has of that kit on paper:
    /// the QR text as zbarimg prints it, and the code.
    static func paperOnly() throws -> PaperOnly {
        let old = try Fixtures.kit("zoë@example.com")
        let privateKey = try old.kit.envelope.open(code: old.code, username: old.kit.username)
        let challenge = RequestTests.recoveryChallenge
        let firstFactor = try KeyCredential.make(kind: .key, credId: try CredentialID.random(), privateKey: try P256PrivateKey.generate(),
                                                 challenge: challenge, origin: Fixtures.origin)
        let request = try RecoveryRequest.sign(newCredentials: ["firstFactorCredential": firstFactor.json], credId: old.kit.credentialId,
                                               privateKey: privateKey, origin: Fixtures.origin)
        let directory = try TemporaryDirectory()
        let response: JSONValue = [
            "challenge": .string(challenge), "temporaryAuthenticationToken": "token",
            "user": ["id": "us-1", "name": .string(old.kit.username)], "rp": ["id": "app.example.com", "name": "Example"],
            "allowedRecoveryCredentials": [["id": .string(old.kit.credentialId), "encryptedRecoveryKey": .string(old.kit.envelope.text)]],
        ]
        try directory.write("challenge.json", JSONText.stringify(response))
        return PaperOnly(directory: directory, body: try directory.write("body.json", request.text),
                         qr: try directory.write("kit-qr.txt", "QR-Code:" + old.kit.qrText + "\n"),
                         code: try Fixtures.writeSecret(directory, "code.txt", old.code.revealCanonicalText() + "\n"), kit: old.kit)
    }

    /// Before: "kit kit-qr.txt carries no public key (QR text)". Now the
    /// code (file or typed on the terminal) opens the envelope for the key;
    /// without it, one line says the code is needed and how to give it.
    @Test func aBodyIsCheckedWithOnlyThePaper() throws {
        let paper = try Self.paperOnly()
        let withCode = try Fixtures.verify(["request", paper.body, "--kit", paper.qr, "--code-file", paper.code,
                                            "--challenge", paper.directory.file("challenge.json")])
        #expect(withCode.status == 0, "\(withCode.stdout)\(withCode.stderr)")
        #expect(withCode.stdout.hasPrefix("✓ \(paper.body)"))

        // No code and no terminal (setsid: no controlling terminal).
        let tool = ToolRunner.productsDirectory.appendingPathComponent("rkit-verify").path
        let noCode = try ToolRunner.external("setsid", ["-w", tool, "request", paper.body, "--kit", paper.qr])
        #expect(noCode.status == 2)
        #expect(noCode.stderr == "rkit-verify: \(paper.qr) is the kit's QR text, which has no public key: the recovery code is needed to open it; give --code-file FILE (or run on a terminal to type it), or give kit.json\n", "\(noCode.stderr)")
        #expect(noCode.stdout.isEmpty)

        // Typed on the terminal, as a person would.
        let code = try String(contentsOfFile: paper.code, encoding: .utf8).trimmingCharacters(in: .newlines)
        let typed = try PseudoTerminal.run(tool, ["request", paper.body, "--kit", paper.qr], typing: [("Recovery code", code)])
        #expect(typed.result.status == 0, "\(typed.result.stdout)\(typed.result.stderr)\(typed.screen)")
        #expect(typed.result.stdout.hasPrefix("✓ \(paper.body)"))
        #expect(!typed.screen.contains(code), "the typed code was echoed")

        // A wrong code: exit 5, the body not judged.
        let wrong = try Fixtures.writeSecret(paper.directory, "wrong.txt", try Fixtures.kit().code.revealCanonicalText())
        let refused = try Fixtures.verify(["request", paper.body, "--kit", paper.qr, "--code-file", wrong])
        #expect(refused.status == 5, "\(refused.stderr)")
    }
}
