import Testing
@testable import RecoveryKitCore

/// The credential selection (`SelectedRecoveryCredential`) directly: from a
/// kit (ID bound to its envelope, listed, the server's copy identical) and
/// from the challenge alone.
@Suite struct RecoveryCredentialSelectionTests {
    static let made = try! KitGenerator.make(.init(username: "select@example.com", origin: "https://app.example.com"))

    static func challenge(_ allowed: [(String, String)]) throws -> RecoveryChallenge {
        RecoveryChallenge(challenge: "Y2g", temporaryAuthenticationToken: "t",
                              allowedRecoveryCredentials: allowed.map { .init(id: $0.0, encryptedRecoveryKey: $0.1) })
    }

    @Test func fromAKit() throws {
        let kit = Self.made.kit
        let selected = try SelectedRecoveryCredential.fromKit(kit, challenge: try Self.challenge([(kit.credentialId, kit.envelope.text)]))
        #expect(selected.source == .kit)
        #expect(selected.username == "select@example.com")
        #expect(try selected.open(code: Self.made.code).publicKey == (try P256PublicKey(pem: kit.publicKeyPEM!)))
    }

    @Test func fromAKitRefusals() throws {
        let kit = Self.made.kit
        let other = try KitGenerator.make(.init(username: "select@example.com")).kit
        #expect(throws: RecoveryError.credentialNotAllowed(id: kit.credentialId, allowed: ["cr-x"])) {
            _ = try SelectedRecoveryCredential.fromKit(kit, challenge: try Self.challenge([("cr-x", kit.envelope.text)]))
        }
        #expect(throws: RecoveryError.envelopeMismatch(id: kit.credentialId)) {
            _ = try SelectedRecoveryCredential.fromKit(kit, challenge: try Self.challenge([(kit.credentialId, other.envelope.text)]))
        }
        var renamed = kit
        renamed.credentialId = other.credentialId
        #expect(throws: RecoveryError.self) {
            _ = try SelectedRecoveryCredential.fromKit(renamed, challenge: try Self.challenge([(other.credentialId, kit.envelope.text)]))
        }
    }

    @Test func fromTheChallengeAlone() throws {
        let kit = Self.made.kit
        let selected = try SelectedRecoveryCredential.fromChallenge(credentialId: kit.credentialId, username: "Select@Example.com",
                                                                    challenge: try Self.challenge([(kit.credentialId, kit.envelope.text)]))
        #expect(selected.source == .challenge)
        #expect(selected.expectedPublicKeyPEM == nil)
        _ = try selected.open(code: Self.made.code)
        #expect(throws: RecoveryError.serverEnvelopeNotID(id: "cr-x")) {
            _ = try SelectedRecoveryCredential.fromChallenge(credentialId: "cr-x", username: "a@b.c",
                                                             challenge: try Self.challenge([("cr-x", kit.envelope.text)]))
        }
    }
}
