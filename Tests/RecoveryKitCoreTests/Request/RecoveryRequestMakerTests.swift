import Testing
@testable import RecoveryKitCore

/// RecoveryRequestMaker directly: it opens, makes, signs and self-checks;
/// a wrong code fails before anything is made; the body verifies.
@Suite struct RecoveryRequestMakerTests {
    static let origin = "https://app.example.com"
    static let made = try! KitGenerator.make(.init(username: "maker@example.com", orgId: "or-m", origin: origin))

    static func challenge() throws -> RecoveryChallenge {
        RecoveryChallenge(challenge: "Y2hhbGxlbmdl", temporaryAuthenticationToken: "t",
                              allowedRecoveryCredentials: [.init(id: made.kit.credentialId, encryptedRecoveryKey: made.kit.envelope.text)])
    }

    @Test func makesAKeyAndAKitAndTheBodyVerifies() throws {
        let challenge = try Self.challenge()
        let selected = try SelectedRecoveryCredential.fromKit(Self.made.kit, challenge: challenge)
        let result = try RecoveryRequestMaker.make(challenge: challenge, credential: selected, code: Self.made.code, origin: Self.origin,
                                                   plan: .init(makeKey: true, newKit: .init(username: "maker@example.com", orgId: "or-m")))
        #expect(result.newKey != nil && result.newKit != nil)
        #expect(result.warnings.isEmpty)
        #expect(result.request.newCredentials.keys == [NewCredentials.firstFactor, NewCredentials.recovery])
        let verifier = RequestVerifier(publicKey: result.signerPublicKey, credentialId: selected.credentialId,
                                       envelopeText: selected.envelope.text, challenge: challenge, username: "maker@example.com")
        let report = verifier.verify(Array(result.body.utf8), item: "body")
        #expect(report.ok, "\(report.checks.filter { !$0.ok })")
    }

    @Test func withoutANewKitItWarns() throws {
        let challenge = try Self.challenge()
        let selected = try SelectedRecoveryCredential.fromKit(Self.made.kit, challenge: challenge)
        let result = try RecoveryRequestMaker.make(challenge: challenge, credential: selected, code: Self.made.code, origin: Self.origin,
                                                   plan: .init(makeKey: true))
        #expect(result.warnings == [.noNewRecoveryCredential])
    }

    @Test func aWrongCodeFailsBeforeAnythingIsMade() throws {
        let challenge = try Self.challenge()
        let selected = try SelectedRecoveryCredential.fromKit(Self.made.kit, challenge: challenge)
        let counting = CountingRandom()
        #expect(throws: EnvelopeError.wrongCodeOrUsername) {
            _ = try RecoveryRequestMaker.make(challenge: challenge, credential: selected, code: try RecoveryCode.generate(),
                                              origin: Self.origin, plan: .init(makeKey: true), random: counting)
        }
        #expect(counting.draws == 0)
    }

    @Test func noFirstFactorIsRefused() throws {
        let challenge = try Self.challenge()
        let selected = try SelectedRecoveryCredential.fromKit(Self.made.kit, challenge: challenge)
        #expect(throws: RecoveryError.newCredentials(.noFirstFactor)) {
            _ = try RecoveryRequestMaker.make(challenge: challenge, credential: selected, code: Self.made.code, origin: Self.origin, plan: .init())
        }
    }
}

/// Counts the random draws (a wrong code must make nothing).
final class CountingRandom: RandomSource, @unchecked Sendable {
    var draws = 0
    func fill(_ buffer: UnsafeMutableRawBufferPointer) throws {
        draws += 1
        try SystemRandom().fill(buffer)
    }
}
