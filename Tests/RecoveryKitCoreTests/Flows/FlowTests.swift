import Testing
@testable import RecoveryKitCore

/// The flows and their rules, in-process: each verdict decided once
/// (`FlowRules`, `FlowFinding.verdict`), the recover flow's three stages.
@Suite struct FlowTests {
    static let origin = "https://app.example.com"

    static func challenge(for kit: RecoveryKit, user: String?, rpId: String? = "example.com", challenge: String = "Y2hhbGxlbmdl") throws -> RecoveryChallenge {
        var object: JSONObject = ["challenge": .string(challenge), "temporaryAuthenticationToken": "t",
                                  "allowedRecoveryCredentials": [["id": .string(kit.credentialId), "encryptedRecoveryKey": .string(kit.envelope.text)]]]
        if let user { object["user"] = ["id": "us-1", "name": .string(user)] }
        if let rpId { object["rp"] = ["id": .string(rpId)] }
        return try RecoveryChallenge(json: .object(object))
    }

    @Test func userRuleComparesAsTheSaltDoes() {
        #expect(FlowRules.user(challengeUser: "Zoë@Example.com ", credentialUser: "zoë@example.com") == nil)
        #expect(FlowRules.user(challengeUser: nil, credentialUser: "a@example.com") == nil)
        #expect(FlowRules.user(challengeUser: "", credentialUser: "a@example.com") == nil)
        let nfd = "zoe\u{308}@example.com", nfc = "zo\u{EB}@example.com"
        let finding = FlowRules.user(challengeUser: nfd, credentialUser: nfc)
        #expect(finding?.verdict == .refuse)
        #expect(finding?.error.kind == .wrongSecret)
    }

    @Test func relyingPartyRuleRefuses() {
        #expect(FlowRules.relyingParty(origin: Self.origin, relyingPartyId: "example.com") == nil)
        #expect(FlowRules.relyingParty(origin: Self.origin, relyingPartyId: "other.example")?.verdict == .refuse)
    }

    @Test(arguments: [8, 12, 16, 32])
    func anyIVOpensAndOnlyANon16OneWarns(bytes: Int) throws {
        let key = try P256PrivateKey.generate()
        func wrapping() -> SecretBytes { var bytes = [UInt8](repeating: 7, count: 32); return SecretBytes(consuming: &bytes) }
        let envelope = try KeyEnvelope.seal(key, wrappingKey: wrapping(), iv: Array(repeating: 1, count: bytes))
        let finding = FlowRules.iv(envelope)
        #expect((finding == nil) == (bytes == 16))
        #expect(finding.map { $0.verdict == .warn } ?? true)
        #expect(try envelope.open(wrappingKey: wrapping()).publicKey == key.publicKey)
    }

    @Test func bindingIsByBytes() throws {
        let kit = try KitGenerator.make(.init(username: "a@example.com")).kit
        try FlowRules.binding(credentialId: kit.credentialId, envelope: kit.envelope)
        #expect(throws: RecoveryError.self) { try FlowRules.binding(credentialId: kit.credentialId + "x", envelope: kit.envelope) }
    }

    @Test func recoverFlowPreparesReviewsAndActs() throws {
        let made = try KitGenerator.make(.init(username: "a@example.com", orgId: "or-1", origin: Self.origin))
        let challenge = try Self.challenge(for: made.kit, user: "A@example.com")
        let inputs = RecoverFlow.Inputs(challenge: challenge, credential: .kit(made.kit), origin: Self.origin, originGiven: false,
                                        firstFactor: .newKey(keyFile: "key.pem"))
        let prepared = try RecoverFlow.prepareOrThrow(inputs)
        #expect(prepared.findings.isEmpty)
        let review = RecoverFlow.review(prepared)
        #expect(review.account.orgId == "or-1")
        #expect(review.entries.map(\.source) == [.newKey(keyFile: "key.pem")])
        #expect(!review.needsConfirmation)
        let result = try RecoverFlow.act(prepared, code: made.code)
        #expect(result.newKey != nil)
        // The body passes the send flow's checks against its own challenge, and not another's.
        _ = try CurlFlow.prepare(body: Array(result.body.utf8), challenge: challenge)
        let other = try Self.challenge(for: made.kit, user: nil, challenge: "b3RoZXI")
        #expect(throws: CurlFlow.Problem.self) { _ = try CurlFlow.prepare(body: Array(result.body.utf8), challenge: other) }
    }

    @Test func recoverFlowRefusesAnotherUserBeforeAnySecret() throws {
        let made = try KitGenerator.make(.init(username: "a@example.com", origin: Self.origin))
        let challenge = try Self.challenge(for: made.kit, user: "b@example.com")
        let inputs = RecoverFlow.Inputs(challenge: challenge, credential: .kit(made.kit), origin: Self.origin, originGiven: false,
                                        firstFactor: .newKey(keyFile: "k"))
        #expect(try RecoverFlow.prepare(inputs).refusal?.rule == .otherUser(challengeUser: "b@example.com", credentialUser: "a@example.com"))
        #expect(throws: FlowError.self) { _ = try RecoverFlow.prepareOrThrow(inputs) }
        // The act refuses too, for a caller that skipped prepare.
        let selected = try SelectedRecoveryCredential.fromKit(made.kit, challenge: challenge)
        #expect(throws: FlowError.self) {
            _ = try RecoveryRequestMaker.make(challenge: challenge, credential: selected, code: made.code, origin: Self.origin,
                                              plan: .init(makeKey: true))
        }
    }

    @Test func registerFlowRefusesAnOriginOffTheRelyingParty() throws {
        let registration = try RegistrationChallenge.parse(Array(#"{"challenge":"cmVn","rp":{"id":"other.example"}}"#.utf8))
        #expect(throws: FlowError.self) { _ = try RegisterFlow.prepareNewKit(registration: registration, origin: Self.origin) }
        let made = try KitGenerator.make(.init(username: "a@example.com", origin: Self.origin))
        #expect(throws: FlowError.self) { _ = try RegisterFlow.prepareExistingKit(made.kit, registration: registration, origin: Self.origin) }
        let good = try RegistrationChallenge.parse(Array(#"{"challenge":"cmVn","rp":{"id":"example.com"}}"#.utf8))
        let prepared = try RegisterFlow.prepareExistingKit(made.kit, registration: good, origin: Self.origin)
        let key = try made.kit.envelope.open(code: made.code, username: "a@example.com")
        _ = try RegisterFlow.attest(prepared, key: key, credentialName: nil)
    }
}
