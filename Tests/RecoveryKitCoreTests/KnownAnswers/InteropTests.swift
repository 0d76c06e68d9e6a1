import Testing
import RKitTestSupport
@testable import RecoveryKitCore

/// Kits must open both ways with the reference WebCrypto frontend
/// (Tests/Interop/reference-frontend.mjs, Node's crypto.subtle).
@Suite struct InteropTests {
    static let usernames = ["demo@example.com", "  ÜSER@Exämple.COM\u{00A0}", "ΟΔΟΣ@example.com", "\u{FEFF}İstanbul@example.com\u{3000}"]

    @Test(arguments: usernames)
    func rkitKitOpensInWebCrypto(username: String) throws {
        let made = try KitGenerator.make(.init(username: username, origin: "https://app.example.com", challenge: "Y2gtMTIz"))
        let request = JSONText.stringify(["username": .string(username), "code": .string(made.code.revealCanonicalText()),
                                          "encryptedPrivateKey": .string(made.kit.envelope.text)])
        let opened = try ReferenceFrontend.run(["open-kit"], stdin: request)
        #expect(opened.status == 0, "\(opened.stdout)")
        let answer = try JSONParser.parse(opened.stdout)
        #expect(answer["publicKey"]?.stringValue == made.kit.publicKeyPEM)
        #expect(answer["credentialId"]?.stringValue == made.kit.credentialId)

        let attestation = JSONText.stringify(["credential": made.kit.attestation!.json, "challenge": "Y2gtMTIz"])
        let verified = try ReferenceFrontend.run(["verify-credential"], stdin: attestation)
        #expect(verified.status == 0, "\(verified.stdout)")
        #expect(try JSONParser.parse(verified.stdout)["publicKey"]?.stringValue == made.kit.publicKeyPEM)
    }

    @Test(arguments: usernames)
    func webCryptoKitOpensInRkit(username: String) throws {
        let request = JSONText.stringify(["username": .string(username), "challenge": "Y2gtNDU2", "origin": "https://app.example.com"])
        let result = try ReferenceFrontend.run(["make-kit"], stdin: request)
        #expect(result.status == 0, "\(result.stdout)")
        let kit = try JSONParser.parse(result.stdout)
        let envelope = try KeyEnvelope(text: kit["encryptedPrivateKey"]!.stringValue!)
        let code = try RecoveryCode(parsing: kit["code"]!.stringValue!)
        let key = try envelope.open(code: code, username: username)
        #expect(key.publicKey.pem == kit["publicKey"]?.stringValue)
        #expect(envelope.credentialId == kit["credentialId"]?.stringValue)
        #expect(try key.pkcs8().copyBytes() == Hex.decode(kit["pkcs8Hex"]!.stringValue!))
        let credential = try KeyCredential(json: kit["recoveryCredential"]!)
        #expect(try credential.verify().publicKey == key.publicKey)
        #expect(throws: EnvelopeError.wrongCodeOrUsername) { try envelope.open(code: code, username: "x" + username) }
    }
}
