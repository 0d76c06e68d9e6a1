import Testing
@testable import RecoveryKitCore

/// What a recovery challenge asks of a passkey (`PasskeyOptions`) and the
/// one rule on listed kinds (`FlowRules.supportedKinds`).
@Suite struct PasskeyOptionsTests {
    static func options(_ extra: String) throws -> PasskeyOptions {
        try PasskeyOptions(challengeJSON: try JSONParser.parse(#"{"challenge":"c","rp":{"id":"app.example.com"},"user":{"id":"us-1","name":"a@example.com"}\#(extra)}"#))
    }

    @Test func webAuthnDefaults() throws {
        let o = try Self.options("")
        #expect(o.rpName == "app.example.com" && o.userDisplayName == "a@example.com")
        #expect(o.residentKey == "discouraged" && o.userVerification == "preferred" && o.attestation == "none")
        #expect(o.algorithms == [-7] && o.excludeCredentials.isEmpty)
        #expect(try Self.options(#","authenticatorSelection":{"requireResidentKey":true}"#).residentKey == "required")
    }

    @Test func dfnsExample() throws {
        let o = try Self.options(#","authenticatorSelection":{"residentKey":"required","userVerification":"required"},"attestation":"direct","pubKeyCredParams":[{"type":"public-key","alg":-8},{"type":"public-key","alg":-7}],"excludeCredentials":[{"type":"public-key","id":"AQID"}]"#)
        #expect(o.residentKey == "required" && o.userVerification == "required" && o.attestation == "direct")
        #expect(o.algorithms == [-8, -7] && o.excludeCredentials == [[1, 2, 3]])
    }

    @Test func refusals() throws {
        #expect(throws: PasskeyOptions.Problem.noES256(offered: [-8, -257])) {
            try Self.options(#","pubKeyCredParams":[{"type":"public-key","alg":-8},{"type":"public-key","alg":-257}]"#)
        }
        #expect(throws: PasskeyOptions.Problem.missing("rp")) { try PasskeyOptions(challengeJSON: try JSONParser.parse(#"{"user":{"id":"u","name":"n"}}"#)) }
        #expect(throws: PasskeyOptions.Problem.missing("user.id")) { try PasskeyOptions(challengeJSON: try JSONParser.parse(#"{"rp":{"id":"r"},"user":{"name":"n"}}"#)) }
        #expect(throws: PasskeyOptions.Problem.invalid(field: "excludeCredentials[0].id", why: "is not base64url text")) {
            try Self.options(#","excludeCredentials":[{"id":"***"}]"#)
        }
    }

    @Test func clientDataIsTheBrowsersForm() {
        #expect(PasskeyOptions.clientData(challenge: "Y2g", origin: "https://app.example.com")
            == #"{"type":"webauthn.create","challenge":"WTJn","origin":"https://app.example.com","crossOrigin":false}"#)
    }

    @Test func listedKindsRefuseBeforeAnythingIsAsked() {
        let challenge = RecoveryChallenge(challenge: "c", temporaryAuthenticationToken: "t", firstFactorKinds: ["Fido2"], secondFactorKinds: [],
                                          allowedRecoveryCredentials: [.init(id: "i", encryptedRecoveryKey: "e")])
        let found = FlowRules.supportedKinds([("firstFactorCredential", "Key"), ("firstFactorCredential", "Fido2"), ("secondFactorCredential", "Fido2")],
                                             challenge: challenge)
        #expect(found == [FlowFinding(.unsupportedKind(slot: "firstFactorCredential", kind: "Key", listed: ["Fido2"])),
                          FlowFinding(.unsupportedKind(slot: "secondFactorCredential", kind: "Fido2", listed: []))])
        #expect(found.allSatisfy { $0.verdict == .refuse && $0.error.kind == .malformedInput })
        let unlisted = RecoveryChallenge(challenge: "c", temporaryAuthenticationToken: "t", allowedRecoveryCredentials: [.init(id: "i", encryptedRecoveryKey: "e")])
        #expect(FlowRules.supportedKinds([("firstFactorCredential", "Key")], challenge: unlisted).isEmpty)
    }
}
