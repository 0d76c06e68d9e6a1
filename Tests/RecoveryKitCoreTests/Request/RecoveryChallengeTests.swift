import Testing
@testable import RecoveryKitCore

/// Reading the init response: the documented shape (seed 003) parses, and
/// each missing or ill-typed field is named.
@Suite struct RecoveryChallengeTests {
    static let documented = """
        {"user":{"id":"<string>","displayName":"<string>","name":"<string>"},"temporaryAuthenticationToken":"<string>",
         "challenge":"<string>","supportedCredentialKinds":{"firstFactor":["Fido2"],"secondFactor":["Fido2"]},
         "authenticatorSelection":{"residentKey":"required","requireResidentKey":true,"userVerification":"required","authenticatorAttachment":"platform"},
         "attestation":"none","pubKeyCredParams":[{"type":"public-key","alg":123}],
         "excludeCredentials":[{"type":"public-key","id":"cr-6uunn-bm6ja-f6rmod5kqrk5rbel"}],"otpUrl":"<string>",
         "allowedRecoveryCredentials":[{"id":"<string>","encryptedRecoveryKey":"<string>"}],"rp":{"id":"<string>","name":"<string>"}}
        """

    @Test func documentedShapeParses() throws {
        let parsed = try RecoveryChallenge(bytes: Array(Self.documented.utf8))
        #expect(parsed.challenge == "<string>")
        #expect(parsed.firstFactorKinds == ["Fido2"])
        #expect(parsed.allowedRecoveryCredentials == [.init(id: "<string>", encryptedRecoveryKey: "<string>")])
        #expect(parsed.rp?.id == "<string>" && parsed.user?.name == "<string>")
    }

    @Test(arguments: [
        (#"{"challenge":"c","temporaryAuthenticationToken":"t"}"#, "missing field \"allowedRecoveryCredentials\""),
        (#"{"challenge":"c","temporaryAuthenticationToken":"t","allowedRecoveryCredentials":[]}"#, "allowedRecoveryCredentials is empty"),
        (#"{"challenge":"c","temporaryAuthenticationToken":"t","allowedRecoveryCredentials":[{"id":"a"}]}"#,
         "missing field \"allowedRecoveryCredentials[0].encryptedRecoveryKey\""),
        (#"{"challenge":"","temporaryAuthenticationToken":"t","allowedRecoveryCredentials":[{"id":"a","encryptedRecoveryKey":"e"}]}"#,
         "field \"challenge\" is empty"),
        (#"{"challenge":"c","temporaryAuthenticationToken":"t","supportedCredentialKinds":{"firstFactor":"Key"},"allowedRecoveryCredentials":[{"id":"a","encryptedRecoveryKey":"e"}]}"#,
         "field \"supportedCredentialKinds.firstFactor\" must be an array of strings, found a string"),
        (#"{"challenge":"c","temporaryAuthenticationToken":"t","user":"me","allowedRecoveryCredentials":[{"id":"a","encryptedRecoveryKey":"e"}]}"#,
         "field \"user\" must be an object, found a string"),
        (#"[1]"#, "expected a JSON object, found an array"),
        (#"{"challenge":"c","challenge":"d"}"#, "twice"),
    ])
    func namesTheField(json: String, message: String) {
        do {
            _ = try RecoveryChallenge(bytes: Array(json.utf8))
            Issue.record("accepted \(json)")
        } catch let error as RecoveryError {
            #expect(error.kind == .malformedInput)
            #expect(error.description.contains(message), "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func newCredentialsAreAssembledInSlotOrder() throws {
        let key = try KeyCredential.make(kind: .key, credId: "k", privateKey: try P256PrivateKey.generate(), challenge: "c",
                                         origin: "https://a.example")
        let provided = try NewCredentials.parseProvided([
            "secondFactorCredential": ["credentialKind": "Fido2", "credentialInfo": [:]],
        ])
        let out = try NewCredentials.assemble(provided: provided, newKey: key, newRecovery: nil)
        #expect(out.keys == ["firstFactorCredential", "secondFactorCredential"])
        #expect(throws: RecoveryError.self) { try NewCredentials.assemble(provided: provided, newKey: nil, newRecovery: nil) }
        #expect(throws: RecoveryError.self) { try NewCredentials.parseProvided(["other": "x"]) }
    }
}
