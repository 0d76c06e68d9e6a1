/// What a person reviewing a passkey should see, as facts: the
/// authenticator as its attestation states it, and the checks that bind it
/// to this account. Rendering (and escaping the untrusted texts `format`
/// and `certificateSubject`) is the command line's job.
public struct PasskeySummary: Sendable, Equatable {
    /// The attestation format name as given (`none`, `packed`, …).
    public let format: String
    public let verdict: AttestationVerdict
    /// Lower-case UUID text of the AAGUID (all zeros when withheld).
    public let aaguid: String
    /// The leaf certificate's subject, for a verified `packed` certificate
    /// statement (its chain is not validated: see `AttestationVerdict`).
    public let certificateSubject: String?
    /// base64url of the credential ID inside the authenticator data.
    public let credentialId: String
    /// Whether the outer `credId` equals the one in the authenticator data.
    public let credentialIdMatches: Bool
    public let rpIdHash: [UInt8]
    public let userPresent: Bool
    public let userVerified: Bool
    public let publicKey: P256PublicKey

    package init(attestationObject: AttestationObject, verdict: AttestationVerdict, credentialIdMatches: Bool) {
        let data = attestationObject.authenticatorData
        let credential = attestationObject.credential
        format = attestationObject.format
        self.verdict = verdict
        aaguid = credential.aaguidText
        if case let .certificate(subject, _, _) = verdict { certificateSubject = subject } else { certificateSubject = nil }
        credentialId = Base64URL.encode(credential.credentialId)
        self.credentialIdMatches = credentialIdMatches
        rpIdHash = data.rpIdHash
        userPresent = data.flags.contains(.userPresent)
        userVerified = data.flags.contains(.userVerified)
        publicKey = credential.publicKey.publicKey
    }

    /// Whether the authenticator data was made for relying party `rpId`
    /// (its rpIdHash is SHA-256 of the ID's UTF-8 bytes).
    public func rpIdHashMatches(_ rpId: String) -> Bool {
        rpIdHash == SHA256Digest.hash(utf8: rpId)
    }
}
