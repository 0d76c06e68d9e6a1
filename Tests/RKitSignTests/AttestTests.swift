import Foundation
import Testing
import RKitTestSupport
@testable import RecoveryKitCore

/// `rkit-sign attest`: a kit made offline without a challenge is
/// registered later, with the same bodies rkit-generate --challenge writes.
@Suite struct AttestTests {
    static func kitWithoutChallenge() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        let made = try ToolRunner.rkit("rkit-generate", ["--username", "demo@example.com", "--org-id", "or-test-1", "--origin",
                                                         "https://app.example.com", "--out", "kit", "--formats", "txt",
                                                         "--code-out", "code.txt"], currentDirectory: dir.url)
        #expect(made.status == 0, "\(made.stderr)")
        return dir
    }

    @Test(arguments: [
        (#"{"challengeIdentifier":"ci-1","challenge":"Y2gtY3JlZGVudGlhbHM","kind":"RecoveryKey","rp":{"id":"app.example.com","name":"x"}}"#,
         ["credentialKind", "credentialInfo", "encryptedPrivateKey", "credentialName", "challengeIdentifier"]),
        (#"{"challenge":"Y2gtcmVnaXN0cmF0aW9u","rp":{"id":"example.com","name":"x"},"temporaryAuthenticationToken":"t"}"#,
         ["credentialKind", "credentialInfo", "encryptedPrivateKey", "credentialName"]),
    ])
    func attestsAnExistingKitAsRkitGenerateWould(challenge: String, members: [String]) throws {
        let dir = try Self.kitWithoutChallenge()
        try dir.write("challenge.json", challenge)
        let result = try ToolRunner.rkit("rkit-sign", ["attest", "--kit", "kit/kit.json", "--challenge", "challenge.json",
                                                       "--code-file", "code.txt", "--out", "attestation.json"], currentDirectory: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        let kit = try RecoveryKit.parse(Array(try dir.read("kit/kit.json").utf8))
        let body = try JSONParser.parse(Array(try dir.read("attestation.json").utf8))
        #expect(body.objectValue?.keys == members)
        let credential = try KeyCredential(json: body)
        let verified = try credential.verify()
        #expect(verified.publicKey == (try P256PublicKey(pem: kit.publicKeyPEM!)))
        #expect(verified.clientData.origin == "https://app.example.com")
        #expect(credential.credId == kit.credentialId && credential.encryptedPrivateKey == kit.envelope.text)
        #expect(credential.credentialName == "rkit recovery kit \(kit.credentialId.prefix(8))")
        let registration = try RegistrationChallenge.parse(Array(challenge.utf8))
        #expect(try RegistrationBody(credential: credential, challenge: registration).fileText == (try dir.read("attestation.json")))
        // rkit-generate --challenge writes the same members for the same challenge.
        let generated = try ToolRunner.rkit("rkit-generate", ["--username", "demo@example.com", "--org-id", "or-test-1", "--origin",
                                                              "https://app.example.com", "--out", "kit2", "--formats", "txt",
                                                              "--challenge", "challenge.json"], currentDirectory: dir.url)
        #expect(generated.status == 0, "\(generated.stderr)")
        let theirs = try JSONParser.parse(Array(try dir.read("kit2/attestation.json").utf8))
        #expect(theirs.objectValue?.keys == members)
    }

    @Test func aWrongCodeOrAnotherRelyingPartyWritesNothing() throws {
        let dir = try Self.kitWithoutChallenge()
        try dir.write("challenge.json", #"{"challenge":"Y2g","rp":{"id":"example.net","name":"x"}}"#)
        let offRP = try ToolRunner.rkit("rkit-sign", ["attest", "--kit", "kit/kit.json", "--challenge", "challenge.json",
                                                      "--code-file", "code.txt", "--out", "a.json"], currentDirectory: dir.url)
        #expect(offRP.status == 1)
        try dir.write("challenge.json", #"{"challenge":"Y2g"}"#)
        try dir.write("wrong.txt", try RecoveryCode.generate().revealCanonicalText())
        chmod(dir.file("wrong.txt"), 0o600)
        let wrong = try ToolRunner.rkit("rkit-sign", ["attest", "--kit", "kit/kit.json", "--challenge", "challenge.json",
                                                      "--code-file", "wrong.txt", "--out", "a.json"], currentDirectory: dir.url)
        #expect(wrong.status == 5, "\(wrong.stderr)")
        #expect(!dir.exists("a.json"))
    }
}
