import Foundation
import Testing
import RKitTestSupport
@testable import RecoveryKitCore

/// Lint findings, exit statuses, the codes file and inputs from other tools.
@Suite struct KitFindingsTests {
    func report(_ text: String, _ extra: [String] = [], stdin: String? = nil) throws -> (ToolResult, JSONObject) {
        let directory = try TemporaryDirectory()
        let path = try directory.write("kit.json", text)
        let result = try Fixtures.verify(["kit", "--json"] + extra + [path], stdin: stdin)
        let line = try Fixtures.jsonLines(result.stdout)[0]
        #expect(ManPage.undocumented([line]).isEmpty)
        return (result, line)
    }

    @Test func lintFindingsAreWarningsNotFailures() throws {
        // A 12-byte IV, a username with upper case, 64-column PEM, an unknown scheme.
        let username = "Carol@Example.COM"
        let made = try Fixtures.kit(username, attested: false)
        let code = made.code
        let key = try made.kit.envelope.open(code: code, username: username)
        var kit = made.kit
        kit.envelope = try KeyEnvelope.seal(key, wrappingKey: try KeyEnvelope.wrappingKey(code: code, username: username),
                                            iv: [UInt8](repeating: 9, count: 12))
        kit.credentialId = kit.envelope.credentialId
        kit.publicKeyPEM = Fixtures.wrappedPEM(key.publicKey)
        kit.metadataSignature = try kit.metadata.signature(with: key)
        var json = kit.kitJSON.objectValue!
        var descriptor = json["envelope"]!.objectValue!
        descriptor["scheme"] = "someone-elses-v9"
        json["envelope"] = .object(descriptor)
        let (result, line) = try report(JSONText.stringify(.object(json)), ["--code-file", "-"],
                                        stdin: code.revealCanonicalText())
        #expect(result.status == 0, "\(result.stdout)")
        #expect(Set(Fixtures.warnings(line)) == ["lint.iv-12", "lint.username-case", "lint.pem-form", "lint.scheme"])
        #expect(Fixtures.checkNames(line).contains("code.key-matches"))
    }

    @Test func implausibleEnvelopesAndBadKeysFail() throws {
        let made = try Fixtures.kit("dave@example.com", attested: false)
        var kit = made.kit
        kit.envelope = try KeyEnvelope(text: KeyEnvelope.encode(sealed: [UInt8](repeating: 1, count: 100), iv: [UInt8](repeating: 2, count: 16)))
        kit.credentialId = kit.envelope.credentialId
        let (_, envelopeLine) = try report(kit.kitFileText)
        #expect(Fixtures.failing(envelopeLine) == ["envelope-format"])
        #expect(envelopeLine["checks"]!.arrayValue![1]["detail"]!.stringValue!.contains("154 (with public key) or 83 (without)"))

        var offCurve = made.kit
        var point = try P256PublicKey(pem: made.kit.publicKeyPEM!).uncompressedPoint
        point[64] ^= 1
        offCurve.publicKeyPEM = "-----BEGIN PUBLIC KEY-----\n" + Base64.encode(P256DER.spki(point: point)) + "\n-----END PUBLIC KEY-----"
        let (_, keyLine) = try report(offCurve.kitFileText)
        #expect(Fixtures.failing(keyLine) == ["public-key"])

        let (notKit, notKitLine) = try report("{\"hello\":1}")
        #expect(notKit.status == 1)
        #expect(Fixtures.failing(notKitLine) == ["structure"])
    }

    @Test func exitStatuses() throws {
        let made = try Fixtures.kit("erin@example.com", attested: false)
        let directory = try TemporaryDirectory()
        let good = try directory.write("good.json", made.kit.kitFileText)
        // One unreadable file: reported as its own item, the rest still checked, exit 3.
        let missing = directory.file("missing.json")
        let mixed = try Fixtures.verify(["kit", good, missing, good])
        #expect(mixed.status == 3)
        let lines = mixed.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 6)
        #expect(lines[0].hasPrefix("✓ \(good)") && lines[2].hasPrefix("✓ \(good)"))
        #expect(lines[1].hasPrefix("✗ \(missing)  -  read: ") && lines[1].contains("does not exist"))
        #expect(lines[3] == "Failed (1):" && lines[4] == "  " + lines[1])
        #expect(lines[5] == "2 passed, 1 failed; 2 unregistered, 2 not fully checked (no code)")

        #expect(try Fixtures.verify(["kit"]).status == 2)
        #expect(try Fixtures.verify(["kit", "--code-file", "-", good, good]).status == 2)
        #expect(try Fixtures.verify(["kit", "--bogus", good]).status == 2)
        let badCodes = try Fixtures.writeSecret(directory, "bad-codes.txt", "\(made.kit.credentialId) D1-OOOOOO\n")
        let malformed = try Fixtures.verify(["kit", "--codes", badCodes, good])
        // A codes file with no usable line at all is refused (exit 4), as before.
        #expect(malformed.status == 4)
        #expect(malformed.stderr.contains("line 1 of the codes file"))
        #expect(try Fixtures.verify(["kit", "--codes", directory.file("none.txt"), good]).status == 3)
        #expect(try Fixtures.verify(["kit", good]).status == 0)
    }

    @Test func codesFileWarnsWhenSharedAndFailsKitsWithoutALine() throws {
        let first = try Fixtures.kit("frank@example.com", attested: false)
        let second = try Fixtures.kit("grace@example.com", attested: false)
        let unrelated = try Fixtures.kit("heidi@example.com", attested: false)
        let directory = try TemporaryDirectory()
        let a = try directory.write("a.json", first.kit.kitFileText)
        let b = try directory.write("b.json", second.kit.kitFileText)
        let text = "\(first.kit.credentialId)   \(first.code.revealGroups().joined(separator: " ").lowercased())\n"
            + "\(unrelated.kit.credentialId) \(unrelated.code.revealCanonicalText())\n"
        let codes = try directory.write("codes.txt", text)
        chmod(codes, 0o644)
        let result = try Fixtures.verify(["kit", "--json", "--codes", codes, a, b])
        #expect(result.status == 1)
        #expect(result.stderr.contains("warning: \(codes) holds recovery codes and is readable by group or others"))
        #expect(result.stderr.contains("1 line of \(codes) matched none of the kits given (line 2)"))
        let lines = try Fixtures.jsonLines(result.stdout)
        #expect(lines[0]["ok"]?.boolValue == true)
        #expect(Fixtures.checkNames(lines[0]).contains("code.key-matches"))
        #expect(Fixtures.failing(lines[1]) == ["code.opens"])
        chmod(codes, 0o600)
        #expect(!(try Fixtures.verify(["kit", "--codes", codes, a]).stderr.contains("warning")))
    }

    /// Kits made by the Node WebCrypto reference frontend, as a bare
    /// credential and as kit.json, verify with and without the code.
    @Test func kitsFromTheReferenceFrontendVerify() throws {
        let username = "Ivan@Example.com"
        let request = JSONText.stringify(["username": .string(username), "challenge": "Y2gtNDU2", "origin": .string(Fixtures.origin)])
        let made = try ReferenceFrontend.run(["make-kit"], stdin: request)
        #expect(made.status == 0, "\(made.stdout)")
        let answer = try JSONParser.parse(made.stdout)
        let credential = answer["recoveryCredential"]!
        let kit = RecoveryKit(username: username, orgId: nil, origin: Fixtures.origin,
                              credentialId: answer["credentialId"]!.stringValue!, publicKeyPEM: answer["publicKey"]!.stringValue!,
                              envelope: try KeyEnvelope(text: answer["encryptedPrivateKey"]!.stringValue!), createdAt: nil,
                              attestation: try KeyCredential(json: credential))
        let directory = try TemporaryDirectory()
        let bare = try directory.write("credential.json", JSONText.stringify(credential))
        let kitFile = try directory.write("kit.json", kit.kitFileText)
        let code = try Fixtures.writeSecret(directory, "code.txt", answer["code"]!.stringValue! + "\n")

        let plain = try Fixtures.verify(["kit", "--json", bare, kitFile])
        #expect(plain.status == 0, "\(plain.stdout)")
        for line in try Fixtures.jsonLines(plain.stdout) {
            #expect(line["credentialId"]?.stringValue == answer["credentialId"]?.stringValue)
            #expect(Fixtures.checkNames(line).contains("attestation.signature"))
        }
        let withCode = try Fixtures.verify(["kit", "--json", "--code-file", code, "--username", username, bare])
        #expect(withCode.status == 0, "\(withCode.stdout)")
        #expect(Fixtures.checkNames(try Fixtures.jsonLines(withCode.stdout)[0]).suffix(2) == ["code.opens", "code.key-matches"])
        let kitWithCode = try Fixtures.verify(["kit", "-v", "--code-file", code, kitFile])
        #expect(kitWithCode.status == 0, "\(kitWithCode.stdout)")
        #expect(kitWithCode.stdout.contains("✓ code.key-matches"))
        // Its username has upper case: legal, and said so.
        #expect(kitWithCode.stdout.contains("! lint.username-case"))
    }
}

/// Issue 19 finding 3: a kit registered after it was made (rkit-sign attest
/// writing attestation.json beside kit.json) is reported as registered;
/// another kit's attestation there fails it.
@Suite struct RegisteredBesideTests {
    @Test func attestationBesideTheKitMakesItRegistered() throws {
        let dir = try TemporaryDirectory()
        func run(_ tool: String, _ arguments: [String]) throws -> ToolResult {
            try ToolRunner.rkit(tool, arguments, currentDirectory: dir.url)
        }
        for name in ["kit", "other"] {
            let made = try run("rkit-generate", ["--username", "demo@example.com", "--origin", "https://app.example.com",
                                                 "--out", name, "--formats", "txt", "--code-out", "\(name)-code.txt"])
            #expect(made.status == 0, "\(made.stderr)")
        }
        let before = try run("rkit-verify", ["kit", "kit/kit.json"])
        #expect(before.stdout.contains("[not registered: no attestation]"), "\(before.stdout)")
        try dir.write("registration.json", #"{"challenge":"cmVnaXN0ZXItbGF0ZXI"}"#)
        let attested = try run("rkit-sign", ["attest", "--kit", "kit/kit.json", "--challenge", "registration.json",
                                             "--code-file", "kit-code.txt", "--out", "kit/attestation.json"])
        #expect(attested.status == 0, "\(attested.stderr)")
        let after = try run("rkit-verify", ["kit", "kit/kit.json"])
        #expect(after.status == 0)
        #expect(after.stdout.contains("[registered: kit/attestation.json]"), "\(after.stdout)")
        #expect(!after.stdout.contains("not registered"))
        let verbose = try run("rkit-verify", ["kit", "-v", "kit/kit.json"])
        #expect(verbose.stdout.contains("✓ registration: kit/attestation.json beside the kit"))
        #expect(verbose.stdout.contains("✓ attestation.binding: credId, envelope and public key are the kit's"))
        // From inside the folder too.
        let inside = try ToolRunner.rkit("rkit-verify", ["kit", "kit.json"], currentDirectory: dir.url.appendingPathComponent("kit"))
        #expect(inside.stdout.contains("[registered: attestation.json]"), "\(inside.stdout)")
        // Another kit's attestation beside this one: the kit fails.
        try FileManager.default.copyItem(atPath: dir.file("kit/attestation.json"), toPath: dir.file("other/attestation.json"))
        let wrong = try run("rkit-verify", ["kit", "other/kit.json"])
        #expect(wrong.status == 1, "\(wrong.stdout)")
        #expect(wrong.stdout.contains("attestation.binding: the attestation is not this kit's"), "\(wrong.stdout)")
    }
}
