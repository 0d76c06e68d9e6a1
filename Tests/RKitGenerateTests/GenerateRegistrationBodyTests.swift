import Foundation
import Testing
import RKitTestSupport
import RecoveryKitCore

/// rkit-generate --challenge writes the body the challenge asks for:
/// recoveryCredential for a registration, CreateCredentialBody for a
/// /auth/credentials/init response (issue 14, difference 4).
@Suite struct GenerateRegistrationBodyTests {
    static func credentialsInit(kind: String) -> String {
        #"{"kind":"\#(kind)","user":{"id":"us-1","displayName":"jo","name":"jo@example.com"},"challengeIdentifier":"eyJ0.ci.sig","challenge":"\#(Generated.challenge)","rp":{"id":"app.example.com","name":"Example"},"attestation":"none","pubKeyCredParams":[{"type":"public-key","alg":-7}],"temporaryAuthenticationToken":"t"}"#
    }

    @Test func credentialsInitGivesTheWholeCreateCredentialBody() throws {
        let g = try Generated.run(["--username", "jo@example.com", "--origin", Generated.origin, "--challenge", "-",
                                   "--code-out", "code.txt", "--formats", "txt", "--json"],
                                  stdin: Self.credentialsInit(kind: "RecoveryKey"))
        #expect(g.result.status == 0, "\(g.result.stderr)")
        let kit = try g.kit()
        let body = try #require(try JSONParser.parse(try g.bytes("attestation.json")).objectValue)
        #expect(body.keys == ["credentialKind", "credentialInfo", "encryptedPrivateKey", "credentialName", "challengeIdentifier"])
        #expect(body["challengeIdentifier"]?.stringValue == "eyJ0.ci.sig")
        #expect(body["credentialName"]?.stringValue == "rkit recovery kit \(kit.credentialId.prefix(8))")
        let summary = try JSONParser.parse(Array(g.result.stdout.utf8))
        #expect(summary["attestationBody"]?.stringValue == "createCredential")
        // The credential inside verifies.
        _ = try KeyCredential(json: .object(body)).verify()
    }

    @Test func credentialNameOptionNamesTheCredential() throws {
        let g = try Generated.run(["--username", "jo@example.com", "--origin", Generated.origin, "--challenge", "-",
                                   "--credential-name", "Bank vault kit", "--code-out", "code.txt", "--formats", "txt"],
                                  stdin: #"{"challenge":"\#(Generated.challenge)"}"#)
        #expect(g.result.status == 0, "\(g.result.stderr)")
        let body = try #require(try JSONParser.parse(try g.bytes("attestation.json")).objectValue)
        #expect(body.keys == ["credentialKind", "credentialInfo", "encryptedPrivateKey", "credentialName"])
        #expect(body["credentialName"]?.stringValue == "Bank vault kit")
        #expect(g.result.stdout.contains("recoveryCredential in POST /auth/registration"))
    }

    @Test(arguments: ["Fido2", "Key", "Password"])
    func aCredentialsInitResponseForAnotherKindIsRefusedAndNothingWritten(kind: String) throws {
        let g = try Generated.run(["--username", "jo@example.com", "--origin", Generated.origin, "--challenge", "-",
                                   "--code-out", "code.txt"], stdin: Self.credentialsInit(kind: kind))
        GenerateErrorTests.expectOneLine(g.result, status: 4, mentioning: "is for a \"\(kind)\" credential, not RecoveryKey")
        #expect(g.dir.listing().isEmpty)
    }

    @Test func credentialNameNeedsAChallengeAndPlainText() throws {
        let alone = try Generated.run(["--username", "jo@example.com", "--credential-name", "x"])
        GenerateErrorTests.expectOneLine(alone.result, status: 2, mentioning: "--credential-name")
        let control = try Generated.run(["--username", "jo@example.com", "--origin", Generated.origin, "--challenge", "-",
                                         "--credential-name", "a\u{1b}b"], stdin: Generated.challenge)
        GenerateErrorTests.expectOneLine(control.result, status: 2, mentioning: "control character")
        #expect(control.dir.listing().isEmpty)
    }

    @Test func aKitWithoutChallengeNamesTheAttestCommand() throws {
        let g = try Generated.run(["--username", "jo@example.com", "--code-out", "code.txt", "--formats", "txt"])
        #expect(g.result.status == 0, "\(g.result.stderr)")
        #expect(g.result.stdout.contains("rkit-sign attest --kit"))
    }
}
