/// Make a kit (rkit-generate) and register a kit (rkit-sign attest): the
/// attestation of a kit's RecoveryKey for a registration challenge.
///
///  - `prepare`: the origin against the challenge's relying party (the
///    one rule, refusing, for both tools) and, for an existing kit, the
///    binding of its credential ID to its envelope and its username.
///  - act: `makeKit` (a new kit and its body) or `attest` (an opened key
///    and its body), each self-checked.
public enum RegisterFlow {
    public struct Prepared: Sendable {
        public let registration: RegistrationChallenge?
        public let origin: String?
        public let kit: RecoveryKit?
    }

    /// For rkit-generate: a challenge needs an origin on its relying party.
    public static func prepareNewKit(registration: RegistrationChallenge?, origin: String?) throws -> Prepared {
        if let registration, let origin,
           let finding = FlowRules.relyingParty(origin: origin, relyingPartyId: registration.relyingPartyId), finding.verdict == .refuse {
            throw finding.error
        }
        return Prepared(registration: registration, origin: origin, kit: nil)
    }

    /// For attest: the kit's ID must be its envelope's, the kit must name
    /// its username (`RecoveryError.noUsername`), and the origin must be on
    /// the relying party.
    public static func prepareExistingKit(_ kit: RecoveryKit, registration: RegistrationChallenge, origin: String) throws -> Prepared {
        try FlowRules.binding(credentialId: kit.credentialId, envelope: kit.envelope)
        guard !kit.username.isEmpty else { throw RecoveryError.noUsername(.kitNamesNone) }
        if let finding = FlowRules.relyingParty(origin: origin, relyingPartyId: registration.relyingPartyId), finding.verdict == .refuse {
            throw finding.error
        }
        return Prepared(registration: registration, origin: origin, kit: kit)
    }

    /// Act of make-a-kit: the kit (with its attestation when there is a
    /// challenge) and the registration body.
    public static func makeKit(_ prepared: Prepared, username: String, orgId: String?, appId: String? = nil, credentialName: String?,
                               random: some RandomSource = SystemRandom()) throws -> (kit: RecoveryKit, code: RecoveryCode, body: RegistrationBody?) {
        let made = try KitGenerator.make(KitGenerator.Request(username: username, orgId: orgId, origin: prepared.origin, appId: appId,
                                                              challenge: prepared.registration?.challenge, credentialName: credentialName),
                                         random: random)
        var body: RegistrationBody? = nil
        if let registration = prepared.registration, let attestation = made.kit.attestation {
            body = try RegistrationBody(credential: attestation, challenge: registration)
        }
        return (made.kit, made.code, body)
    }

    /// Act of attest: the opened key must be the kit's; the attestation is
    /// made by the one maker and verified before it is returned.
    public static func attest(_ prepared: Prepared, key: P256PrivateKey, credentialName: String?) throws -> RegistrationBody {
        guard let kit = prepared.kit, let registration = prepared.registration, let origin = prepared.origin else {
            preconditionFailure("attest needs prepareExistingKit")
        }
        if let pem = kit.publicKeyPEM {
            guard let expected = try? P256PublicKey(pem: pem), expected == key.publicKey else {
                throw RecoveryError.publicKeyMismatch(id: kit.credentialId)
            }
        }
        let credential = try KitGenerator.attestation(privateKey: key, envelope: kit.envelope, challenge: registration.challenge,
                                                      origin: origin, credentialName: credentialName)
        let verified = try credential.verify()
        guard verified.publicKey == key.publicKey else { throw RecoveryError.selfCheckFailed("the attestation's key is not the kit's") }
        return try RegistrationBody(credential: credential, challenge: registration)
    }
}
