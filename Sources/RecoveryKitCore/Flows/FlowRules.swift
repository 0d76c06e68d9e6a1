/// The rules two tools used to decide each on its own (issue 17), each
/// written once. A rule returns its finding (or nil); `FlowFinding.verdict`
/// says whether it refuses.
public enum FlowRules {
    /// The challenge's user against the recovery credential's username:
    /// the same account only when `Username.same` (equal UTF-8 after the
    /// salt's `toLowerCase().trim()`; no Unicode normalisation, as the salt
    /// has none). A challenge that names no user gives no finding.
    public static func user(challengeUser: String?, credentialUser: String) -> FlowFinding? {
        guard let challengeUser, !challengeUser.isEmpty, !Username.same(challengeUser, credentialUser) else { return nil }
        return FlowFinding(.otherUser(challengeUser: challengeUser, credentialUser: credentialUser))
    }

    /// The origin must be the relying party's ID or under it (WebAuthn's
    /// rule; `ApplicationOrigin.matches`). A challenge without an rp ID
    /// gives no finding.
    public static func relyingParty(origin: String, relyingPartyId: String?) -> FlowFinding? {
        guard let relyingPartyId, !relyingPartyId.isEmpty,
              !ApplicationOrigin.matches(origin, relyingPartyId: relyingPartyId) else { return nil }
        return FlowFinding(.originOffRelyingParty(origin: origin, relyingPartyId: relyingPartyId))
    }

    /// Any non-empty IV opens (AES-GCM defines every length, and WebCrypto,
    /// which the reference frontend opens envelopes with, accepts them); a
    /// size other than the reference's 16 bytes is a warning, never a
    /// refusal, in every tool.
    public static func iv(_ envelope: KeyEnvelope) -> FlowFinding? {
        envelope.iv.count == KeyEnvelope.ivSize ? nil : FlowFinding(.ivSize(bytes: envelope.iv.count))
    }

    /// The one binding of a stated credential ID to its envelope
    /// (docs/SCHEME.md §4, by bytes): throws `kitIDMismatch` otherwise.
    public static func binding(credentialId: String, envelope: KeyEnvelope) throws(RecoveryError) {
        guard CredentialID.matches(envelopeText: envelope.text, id: credentialId) else {
            throw RecoveryError.kitIDMismatch(kitId: credentialId, envelopeId: envelope.credentialId)
        }
    }

    /// A body's new credentials must carry the recovery challenge (the
    /// `new.SLOT.challenge` check of `NewCredentials`): otherwise the body
    /// was signed for another challenge and the server refuses it.
    public static func bodyChallenge(_ request: RecoveryRequest, challenge: RecoveryChallenge) -> FlowFinding? {
        var report = VerificationReport(item: "body")
        for (slot, value) in request.credentials {
            let credential = NewCredentials.evaluate(slot: slot, value, challenge: challenge, origin: nil, into: &report)
            if let failed = credential.checks.first(where: { !$0.ok && $0.name.hasSuffix(".challenge") }) {
                return FlowFinding(.otherChallenge(slot: slot, detail: failed.detail))
            }
        }
        return nil
    }
}
