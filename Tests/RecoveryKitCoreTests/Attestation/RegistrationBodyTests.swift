import Testing
import RecoveryKitCore

/// Reading a `/auth/credentials/init` response and making the registration
/// bodies (docs/SCHEME.md §7.5, §7.6).
@Suite struct RegistrationBodyTests {
    static let challenge = "Y2gtNzloaHQtbXJlb2stOGFwOHFtMmVpZWZ0amxhZw"
    static let origin = "https://app.example.com"
    static func credentialsInit(kind: String = "RecoveryKey", identifier: String = "ci-1") -> [UInt8] {
        Array(#"{"kind":"\#(kind)","user":{"id":"us-1","displayName":"jo","name":"jo@example.com"},"challengeIdentifier":"\#(identifier)","challenge":"\#(challenge)","rp":{"id":"app.example.com","name":"Example"},"attestation":"none","pubKeyCredParams":[],"temporaryAuthenticationToken":"t"}"#.utf8)
    }

    static func kit(name: String? = nil, challenge: String = challenge) throws -> RecoveryKit {
        try KitGenerator.make(KitGenerator.Request(username: "jo@example.com", origin: origin, challenge: challenge,
                                                   credentialName: name)).kit
    }

    @Test func credentialsInitResponseCarriesItsIdentifier() throws {
        let parsed = try RegistrationChallenge.parse(Self.credentialsInit())
        #expect(parsed.challenge == Self.challenge)
        #expect(parsed.challengeIdentifier == "ci-1")
        #expect(parsed.relyingPartyId == "app.example.com")
        let registration = try RegistrationChallenge.parse(Array(#"{"challenge":"abc","rp":{"id":"x"}}"#.utf8))
        #expect(registration.challengeIdentifier == nil)
    }

    @Test(arguments: ["Fido2", "Key", "recoverykey", "\u{212A}ey", "RecoveryKey "])
    func aResponseForAnotherKindIsRefused(kind: String) throws {
        #expect(throws: ChallengeError.otherCredentialKind(kind)) { try RegistrationChallenge.parse(Self.credentialsInit(kind: kind)) }
    }

    @Test func anIdentifierWithoutKindOrOfTheWrongTypeIsRefused() throws {
        #expect(throws: ChallengeError.noKind) {
            try RegistrationChallenge.parse(Array(#"{"challenge":"abc","challengeIdentifier":"ci"}"#.utf8))
        }
        #expect(throws: ChallengeError.fieldNotString(field: "challengeIdentifier", found: "a number")) {
            try RegistrationChallenge.parse(Array(#"{"kind":"RecoveryKey","challenge":"abc","challengeIdentifier":1}"#.utf8))
        }
        #expect(throws: ChallengeError.emptyField("challengeIdentifier")) {
            try RegistrationChallenge.parse(Array(#"{"kind":"RecoveryKey","challenge":"abc","challengeIdentifier":""}"#.utf8))
        }
    }

    @Test func createCredentialBodyIsTheWholeBodyInTheSDKOrder() throws {
        let kit = try Self.kit()
        let body = try RegistrationBody(credential: kit.attestation!, challenge: try RegistrationChallenge.parse(Self.credentialsInit()))
        #expect(body.form == .createCredential)
        let object = try #require(body.json.objectValue)
        #expect(object.keys == ["credentialKind", "credentialInfo", "encryptedPrivateKey", "credentialName", "challengeIdentifier"])
        #expect(object["credentialName"]?.stringValue == "rkit recovery kit \(kit.credentialId.prefix(8))")
        #expect(object["challengeIdentifier"]?.stringValue == "ci-1")
        #expect(object["encryptedPrivateKey"]?.stringValue == kit.envelope.text)
        #expect(body.fileText == JSONText.stringify(body.json) + "\n")
    }

    @Test func registrationBodyIsTheRecoveryCredentialWithItsName() throws {
        let kit = try Self.kit(name: "Safe deposit box")
        let body = try RegistrationBody(credential: kit.attestation!, challenge: RegistrationChallenge(challenge: Self.challenge))
        #expect(body.form == .recoveryCredential)
        let object = try #require(body.json.objectValue)
        #expect(object.keys == ["credentialKind", "credentialInfo", "encryptedPrivateKey", "credentialName"])
        #expect(object["credentialName"]?.stringValue == "Safe deposit box")
        // Read back: the same credential.
        #expect(try KeyCredential(json: body.json) == kit.attestation!)
    }

    @Test func aCredentialForAnotherChallengeOrWithoutNameIsRefused() throws {
        let kit = try Self.kit(challenge: "b3RoZXI")
        #expect(throws: CredentialError.self) {
            try RegistrationBody(credential: kit.attestation!, challenge: RegistrationChallenge(challenge: Self.challenge))
        }
        let a = try #require(try Self.kit().attestation)
        let unnamed = KeyCredential(kind: a.kind, credId: a.credId, clientData: a.clientData, attestationData: a.attestationData,
                                    encryptedPrivateKey: a.encryptedPrivateKey)
        #expect(throws: CredentialError.missingField("credentialName")) {
            try RegistrationBody(credential: unnamed, challenge: try RegistrationChallenge.parse(Self.credentialsInit()))
        }
    }

    @Test(arguments: ["", "  ", "a\u{1b}[2Kb", "line\nbreak", String(repeating: "x", count: 201)])
    func badCredentialNamesAreRefused(name: String) throws {
        #expect(throws: CredentialError.self) { try CredentialName.validate(name) }
        #expect(throws: CredentialError.self) { try Self.kit(name: name) }
    }
}
