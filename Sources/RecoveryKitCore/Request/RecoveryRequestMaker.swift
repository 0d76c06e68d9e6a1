/// Makes the whole `POST /auth/recover/user` body from a challenge, the
/// chosen recovery credential and its code, then verifies its own output
/// before handing it back: the assertion under the opened key, and every
/// new credential's attestation against the recovery challenge. A body
/// that would not pass the server's checks is never returned.
public enum RecoveryRequestMaker {
    /// Which new credentials to make or place.
    public struct Plan: Sendable {
        /// `--new-credentials`: already parsed with `NewCredentials.parseProvided`.
        public var provided: JSONObject?
        /// `--new-key`: make a new P-256 `Key` credential as the first factor.
        public var makeKey: Bool
        /// `--new-kit`: make a fresh kit (its `challenge` and `origin` are
        /// set here from the recovery).
        public var newKit: KitGenerator.Request?

        public init(provided: JSONObject? = nil, makeKey: Bool = false, newKit: KitGenerator.Request? = nil) {
            self.provided = provided
            self.makeKey = makeKey
            self.newKit = newKit
        }
    }

    /// The checked body and everything made for it.
    public struct Result: Sendable {
        public let request: RecoveryRequest
        /// The body text, exactly as it must be sent.
        public let body: String
        public let newKey: (credential: KeyCredential, privateKey: P256PrivateKey)?
        public let newKit: (kit: RecoveryKit, code: RecoveryCode)?
        public let warnings: [RecoveryWarning]
        /// The recovery credential's public key (the one that signed).
        public let signerPublicKey: P256PublicKey
    }

    /// Opens `credential` with `code`, makes what `plan` asks for against
    /// `challenge` and `origin`, signs the body and checks it as a server
    /// would. Throws before anything is made when the code is wrong.
    public static func make(challenge: RecoveryChallenge, credential: SelectedRecoveryCredential, code: RecoveryCode,
                            origin: String, plan: Plan, random: some RandomSource = SystemRandom()) throws -> Result {
        // Open first: a wrong code must fail before anything new is made.
        // The account rules of the recover flow hold for every caller.
        for finding in [FlowRules.user(challengeUser: challenge.user?.name, credentialUser: credential.username),
                        FlowRules.relyingParty(origin: origin, relyingPartyId: challenge.rp?.id)].compactMap({ $0 })
            where finding.verdict == .refuse { throw finding.error }
        let signer = try credential.open(code: code)
        var warnings: [RecoveryWarning] = []

        var newKey: (credential: KeyCredential, privateKey: P256PrivateKey)? = nil
        if plan.makeKey {
            let key = try P256PrivateKey.generate(using: random)
            let made = try KeyCredential.make(kind: .key, credId: try CredentialID.random(using: random), privateKey: key,
                                              challenge: challenge.challenge, origin: origin)
            newKey = (made, key)
        }
        var newKit: (kit: RecoveryKit, code: RecoveryCode)? = nil
        if var request = plan.newKit {
            request.challenge = challenge.challenge
            request.origin = origin
            newKit = try KitGenerator.make(request, random: random)
        }
        let newCredentials = try NewCredentials.assemble(provided: plan.provided, newKey: newKey?.credential,
                                                         newRecovery: newKit?.kit.attestation)
        warnings += try NewCredentials.check(newCredentials, challenge: challenge, origin: origin)

        let request = try RecoveryRequest.sign(newCredentials: newCredentials, credId: credential.credentialId,
                                               privateKey: signer, origin: origin)
        let body = request.text
        try selfCheck(body: body, credentialId: credential.credentialId, signer: signer.publicKey, challenge: challenge,
                      origin: origin, newKey: newKey, newKit: newKit)
        return Result(request: request, body: body, newKey: newKey, newKit: newKit, warnings: warnings,
                      signerPublicKey: signer.publicKey)
    }

    /// Reads the body back from its text as a server would and checks
    /// everything the server checks that rkit can.
    static func selfCheck(body: String, credentialId: String, signer: P256PublicKey, challenge: RecoveryChallenge,
                          origin: String, newKey: (credential: KeyCredential, privateKey: P256PrivateKey)?,
                          newKit: (kit: RecoveryKit, code: RecoveryCode)?) throws {
        do {
            let parsed = try RecoveryRequest(json: try JSONParser.parse(body))
            guard parsed.credId == credentialId else { throw RecoveryError.selfCheckFailed("the body names another credential") }
            let verified = try parsed.verifyAssertion(publicKey: signer)
            guard verified.byteIdentical else { throw RecoveryError.selfCheckFailed("the signed text is not the placed newCredentials") }
            guard verified.clientData.origin.isByteIdentical(to: origin), verified.clientData.crossOrigin != true else {
                throw RecoveryError.selfCheckFailed("the assertion's origin differs")
            }
            // The one rule set again, on the credentials as the server will read them.
            for (slot, value) in parsed.credentials {
                var report = VerificationReport(item: slot)
                let result = NewCredentials.evaluate(slot: slot, value, challenge: challenge, origin: origin, into: &report)
                if let failure = result.firstFailure {
                    throw RecoveryError.selfCheckFailed("\(slot) does not pass \(failure.name): \(failure.detail)")
                }
                guard let kind = result.kind, KeyCredential.Kind(rawValue: kind) != nil else { continue }
                let credential = try KeyCredential(json: value)
                let checked = try credential.verify()
                if let newKey, slot == NewCredentials.firstFactor, checked.publicKey != newKey.privateKey.publicKey {
                    throw RecoveryError.selfCheckFailed("the new key credential is not the written key")
                }
                if let newKit, slot == NewCredentials.recovery {
                    // KitGenerator.make already proved the kit's envelope opens
                    // with its code to the kit's public key; here the body's
                    // credential must be that key and that envelope.
                    guard let pem = newKit.kit.publicKeyPEM, try P256PublicKey(pem: pem) == checked.publicKey,
                          credential.encryptedPrivateKey == newKit.kit.envelope.text else {
                        throw RecoveryError.selfCheckFailed("the recovery credential in the body is not the new kit")
                    }
                }
            }
        } catch let error as RecoveryError {
            throw error
        } catch {
            throw RecoveryError.selfCheckFailed("\(error)")
        }
    }
}
