import Foundation
import Testing
import RKitTestSupport
import RecoveryKitCore

@Suite struct GenerateRoundTripTests {
    static let usernames = ["demo@example.com", "Ïvan.Σοφία@пример.рф"]

    @Test func kitOpensWithItsCodeAndTheAttestationVerifies() throws {
        let g = try Generated.run(["--username", "demo@example.com", "--org-id", "or-demo", "--origin", Generated.origin,
                                   "--challenge", "-", "--code-out", "code.txt"],
                                  stdin: #"{"challenge":"\#(Generated.challenge)","rp":{"id":"example.com"}}"#)
        #expect(g.result.status == 0, "\(g.result.stderr)")
        let kit = try g.kit()
        let code = try g.code()
        #expect(kit.username == "demo@example.com")
        #expect(kit.orgId == "or-demo")
        #expect(kit.origin == Generated.origin)
        let key = try kit.envelope.open(code: code, username: kit.username)
        #expect(key.publicKey.pem == kit.publicKeyPEM)
        #expect(CredentialID.of(envelopeText: kit.envelope.text) == kit.credentialId)

        // attestation.json is the complete credential, the same as in kit.json.
        let attestationText = String(decoding: try g.bytes("attestation.json"), as: UTF8.self)
        let credential = try KeyCredential(json: try JSONParser.parse(Array(attestationText.utf8)))
        #expect(attestationText == JSONText.stringify(credential.json) + "\n")
        #expect(kit.attestation.map { JSONText.stringify($0.json) } == JSONText.stringify(credential.json))
        let verified = try credential.verify()
        #expect(verified.publicKey == key.publicKey)
        // The reference frontend's form: base64url of the challenge, in its member order.
        #expect(verified.clientData.challenge == Base64URL.encode(utf8: Generated.challenge))
        #expect(verified.clientData.keys == ["type", "challenge", "origin", "crossOrigin"])
        #expect(verified.clientData.origin == Generated.origin)
        #expect(credential.credId == kit.credentialId)
        #expect(credential.encryptedPrivateKey == kit.envelope.text)

        // kit.json never holds the code.
        let kitText = String(decoding: try g.bytes("kit.json"), as: UTF8.self)
        #expect(!kitText.contains(code.revealGroups()[0]))
        #expect(kitText.hasSuffix("}\n"))
        #expect(try JSONParser.parse(try g.bytes("kit.json"))["format"]?.stringValue == "rkit-kit/1")
    }

    @Test(arguments: usernames)
    func webCryptoOpensTheKitAndVerifiesItsAttestation(username: String) throws {
        let g = try Generated.run(["--username", username, "--origin", Generated.origin, "--challenge", "-",
                                   "--code-out", "code.txt", "--formats", "txt"], stdin: Generated.challenge)
        #expect(g.result.status == 0, "\(g.result.stderr)")
        let kit = try g.kit()
        let code = try g.code()
        let request = JSONText.stringify(["username": .string(username), "code": .string(code.revealCanonicalText()),
                                          "encryptedPrivateKey": .string(kit.envelope.text)])
        let opened = try ReferenceFrontend.run(["open-kit"], stdin: request)
        #expect(opened.status == 0, "\(opened.stdout)")
        let answer = try JSONParser.parse(Array(opened.stdout.utf8))
        #expect(answer["publicKey"]?.stringValue == kit.publicKeyPEM)
        #expect(answer["credentialId"]?.stringValue == kit.credentialId)

        let attestation = try JSONParser.parse(try g.bytes("attestation.json"))
        let check = JSONText.stringify(["credential": attestation, "challenge": .string(Generated.challenge),
                                        "origin": .string(Generated.origin)])
        let verified = try ReferenceFrontend.run(["verify-credential"], stdin: check)
        #expect(verified.status == 0, "\(verified.stdout)")
        #expect(try JSONParser.parse(Array(verified.stdout.utf8))["publicKey"]?.stringValue == kit.publicKeyPEM)
    }

    @Test func jsonSummaryIsMachineReadableAndHoldsNoCode() throws {
        let g = try Generated.run(["--username", "demo@example.com", "--org-id", "or-demo", "--json",
                                   "--formats", "pdf,txt,svg,terminal", "--code-out", "code.txt"])
        #expect(g.result.status == 0, "\(g.result.stderr)")
        let summary = try JSONParser.parse(Array(g.result.stdout.utf8))
        let kit = try g.kit()
        #expect(summary["credentialId"]?.stringValue == kit.credentialId)
        #expect(summary["username"]?.stringValue == "demo@example.com")
        #expect(summary["orgId"]?.stringValue == "or-demo")
        #expect(summary["attestation"]?.boolValue == false)
        let files = summary["files"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(files == ["kit.json", "kit.pdf", "kit.txt", "kit.svg"].map(g.path) + ["code.txt"])
        let code = try g.code()
        for group in code.revealGroups() { #expect(!g.result.stdout.contains(group)) }
        // The terminal QR went to stderr, keeping stdout one JSON object.
        #expect(g.result.stderr.contains("▄"))
        #expect(!g.result.stdout.contains("▄"))
    }

    @Test func bareChallengeFileIsAccepted() throws {
        let dir = try TemporaryDirectory()
        try dir.write("challenge.txt", "  \(Generated.challenge)\n")
        let g = try Generated.run(["--username", "demo@example.com", "--origin", "https://APP.example.com:443/",
                                   "--challenge", "challenge.txt", "--formats", "txt"], in: dir)
        #expect(g.result.status == 0, "\(g.result.stderr)")
        let verified = try g.kit().attestation!.verify()
        // The reference frontend's form: base64url of the challenge, in its member order.
        #expect(verified.clientData.challenge == Base64URL.encode(utf8: Generated.challenge))
        #expect(verified.clientData.keys == ["type", "challenge", "origin", "crossOrigin"])
        // The origin is written as a browser serializes it.
        #expect(verified.clientData.origin == Generated.origin)
    }

    /// Leftovers of the old kit (files the new one does not write) are kept
    /// under dated names, not deleted, and never look like the new kit's files.
    @Test func forceReplacesTheKitAndKeepsLeftovers() throws {
        let first = try Generated.run(["--username", "demo@example.com", "--origin", Generated.origin,
                                       "--challenge", "-", "--formats", "pdf,svg"], stdin: Generated.challenge)
        #expect(first.result.status == 0, "\(first.result.stderr)")
        #expect(first.kitListing == ["attestation.json", "kit.json", "kit.pdf", "kit.svg"])
        let old = try first.kit().credentialId
        let second = try Generated.run(["--username", "demo@example.com", "--force", "--formats", "txt"], in: first.dir)
        #expect(second.result.status == 0, "\(second.result.stderr)")
        let current = second.kitListing.filter { !$0.contains(".replaced-") }
        #expect(current == ["kit.json", "kit.txt"])
        let kept = second.kitListing.filter { $0.contains(".replaced-") }.map { String($0.prefix { $0 != "." }) + "." + $0.split(separator: ".")[1] }
        #expect(kept == ["attestation.json", "kit.json", "kit.pdf", "kit.svg"])
        #expect(try second.kit().credentialId != old)
    }
}
