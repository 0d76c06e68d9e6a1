#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// Makes a new recovery kit: key pair, code, envelope, credential ID and,
/// given a registration challenge, the attestation. Shared by
/// rkit-generate and `rkit-sign --new-kit`.
public enum KitGenerator {
    /// What a new kit is for: the account, and the registration it is attested against.
    public struct Request: Sendable {
        public var username: String
        public var orgId: String?
        public var origin: String?
        /// The Dfns application ID, written into the kit when given.
        public var appId: String?
        /// A registration challenge; with it the attestation is made.
        public var challenge: String?
        /// The attestation's `credentialName`; nil gives
        /// `CredentialName.defaultName` (it names the kit tag).
        public var credentialName: String?
        public var createdAt: Date

        public init(username: String, orgId: String? = nil, origin: String? = nil, appId: String? = nil, challenge: String? = nil,
                    credentialName: String? = nil, createdAt: Date = Date()) {
            self.username = username
            self.orgId = orgId
            self.origin = origin
            self.appId = appId
            self.challenge = challenge
            self.credentialName = credentialName
            self.createdAt = createdAt
        }
    }

    /// Returns the kit and its code. Before returning, the kit is opened
    /// again with its code and compared with its public key, and the
    /// attestation is verified: a kit that would not recover is never
    /// handed out.
    public static func make(_ request: Request, random: some RandomSource = SystemRandom()) throws -> (kit: RecoveryKit, code: RecoveryCode) {
        precondition(request.challenge == nil || request.origin != nil, "an attestation needs an origin")
        let privateKey = try P256PrivateKey.generate(using: random)
        let code = try RecoveryCode.generate(using: random)
        let envelope = try KeyEnvelope.seal(privateKey, code: code, username: request.username, random: random)
        var attestation: KeyCredential? = nil
        if let challenge = request.challenge, let origin = request.origin {
            attestation = try Self.attestation(privateKey: privateKey, envelope: envelope, challenge: challenge,
                                               origin: origin, credentialName: request.credentialName)
        }
        let kit = RecoveryKit(username: request.username, orgId: request.orgId, origin: request.origin, appId: request.appId,
                              credentialId: envelope.credentialId, publicKeyPEM: privateKey.publicKey.pem,
                              envelope: envelope, createdAt: timestamp(request.createdAt), attestation: attestation)
        try selfCheck(kit, code: code, expected: privateKey.publicKey)
        return (kit, code)
    }

    static func selfCheck(_ kit: RecoveryKit, code: RecoveryCode, expected: P256PublicKey) throws {
        let reopened: P256PrivateKey
        do { reopened = try kit.envelope.open(code: code, username: kit.username) } catch {
            throw KitError.selfCheckFailed("the new envelope does not open with its code (\(error))")
        }
        guard reopened.publicKey == expected else { throw KitError.selfCheckFailed("the reopened key differs") }
        guard CredentialID.of(envelopeText: kit.envelope.text) == kit.credentialId else {
            throw KitError.selfCheckFailed("credential ID does not match the envelope")
        }
        if let attestation = kit.attestation {
            do {
                let verified = try attestation.verify()
                guard verified.publicKey == expected else { throw KitError.selfCheckFailed("attestation key differs") }
            } catch let error as KitError { throw error } catch {
                throw KitError.selfCheckFailed("the attestation does not verify (\(error))")
            }
        }
    }

    /// ISO 8601 in UTC, seconds precision.
    public static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
    }

    /// The `RecoveryKey` attestation of a kit's key and envelope against a
    /// registration challenge: the one maker for a new kit and for
    /// registering an existing one later (`rkit-sign attest`).
    /// `credentialName` nil names the kit by its tag.
    public static func attestation(privateKey: P256PrivateKey, envelope: KeyEnvelope, challenge: String, origin: String,
                                   credentialName: String?) throws -> KeyCredential {
        try KeyCredential.make(kind: .recoveryKey, credId: envelope.credentialId, privateKey: privateKey,
                               challenge: challenge, origin: origin, encryptedPrivateKey: envelope.text,
                               credentialName: credentialName ?? CredentialName.defaultName(credentialId: envelope.credentialId))
    }
}
