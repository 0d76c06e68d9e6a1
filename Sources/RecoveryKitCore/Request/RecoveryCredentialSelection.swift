/// The recovery credential that will sign: its ID, the username that
/// salts its envelope, and the envelope itself. Chosen from a kit (checked
/// against the server's copy) or from the challenge alone when the person
/// kept only the code and the credential ID (the Dfns dashboard kit).
public struct SelectedRecoveryCredential: Sendable {
    /// Where the envelope came from: the kit, or the challenge alone.
    public enum Source: String, Sendable {
        case kit
        case challenge
    }

    public let credentialId: String
    public let username: String
    public let envelope: KeyEnvelope
    public let source: Source
    /// The public key the kit claims (kit.json); the opened key must match.
    public let expectedPublicKeyPEM: String?

    /// From a kit: the kit's ID must be the hash of its envelope, must be
    /// listed in the challenge, and the server's copy of the envelope must
    /// be the kit's, byte for byte.
    public static func fromKit(_ kit: RecoveryKit, challenge: RecoveryChallenge) throws -> SelectedRecoveryCredential {
        try FlowRules.binding(credentialId: kit.credentialId, envelope: kit.envelope)
        guard let entry = challenge.allowed(id: kit.credentialId) else {
            throw RecoveryError.credentialNotAllowed(id: kit.credentialId, allowed: challenge.allowedIDs)
        }
        guard entry.encryptedRecoveryKey.isByteIdentical(to: kit.envelope.text) else {
            throw RecoveryError.envelopeMismatch(id: kit.credentialId)
        }
        guard !Username.normalized(kit.username).isEmpty else {
            throw RecoveryError.noUsername(.kitNamesNone)
        }
        return SelectedRecoveryCredential(credentialId: kit.credentialId, username: kit.username, envelope: kit.envelope,
                                          source: .kit, expectedPublicKeyPEM: kit.publicKeyPEM)
    }

    /// From a credential ID and username only: the envelope is the
    /// server's copy in `allowedRecoveryCredentials`.
    public static func fromChallenge(credentialId: String, username: String,
                                     challenge: RecoveryChallenge) throws -> SelectedRecoveryCredential {
        guard let entry = challenge.allowed(id: credentialId) else {
            throw RecoveryError.credentialNotAllowed(id: credentialId, allowed: challenge.allowedIDs)
        }
        guard !Username.normalized(username).isEmpty else {
            throw RecoveryError.noUsername(.empty)
        }
        // The rule rkit-verify's challenge.envelope applies: the server's
        // envelope must hash to the credential ID it is listed under.
        guard CredentialID.matches(envelopeText: entry.encryptedRecoveryKey, id: credentialId) else {
            throw RecoveryError.serverEnvelopeNotID(id: credentialId)
        }
        let envelope: KeyEnvelope
        do { envelope = try KeyEnvelope(text: entry.encryptedRecoveryKey) } catch let error as EnvelopeError {
            throw RecoveryError.challenge(.invalidServerEnvelope(credentialId: credentialId, error))
        }
        return SelectedRecoveryCredential(credentialId: credentialId, username: username, envelope: envelope,
                                          source: .challenge, expectedPublicKeyPEM: nil)
    }

    /// Opens the envelope with the code. A wrong code or username throws
    /// `EnvelopeError.wrongCodeOrUsername`.
    public func open(code: RecoveryCode) throws -> P256PrivateKey {
        let key = try envelope.open(code: code, username: username)
        if let expectedPublicKeyPEM {
            let expected: P256PublicKey
            do { expected = try P256PublicKey(pem: expectedPublicKeyPEM) } catch {
                throw RecoveryError.publicKeyMismatch(id: credentialId)
            }
            guard expected == key.publicKey else { throw RecoveryError.publicKeyMismatch(id: credentialId) }
        }
        return key
    }
}
