public import RecoveryKitCore

/// From a recovery challenge to the Fido2 credential of a body, around one
/// `makeCredential`: the client data rkit writes, the request the key
/// gets, and the credential as Dfns's SDK sends a browser's
/// (`{credentialKind:"Fido2", credentialInfo:{credId, clientData,
/// attestationData}}`, REFERENCE §9).
public struct PasskeyEnrollment: Sendable {
    public let options: PasskeyOptions
    /// The exact client data JSON text; the key signs its SHA-256.
    public let clientData: String

    public init(options: PasskeyOptions, challenge: String, origin: String) {
        self.options = options
        clientData = PasskeyOptions.clientData(challenge: challenge, origin: origin)
    }

    public var request: PasskeyRequest {
        PasskeyRequest(rpId: options.rpId, rpName: options.rpName, userId: Array(options.userId.utf8),
                       userName: options.userName, userDisplayName: options.userDisplayName,
                       clientDataHash: SHA256Digest.hash(Array(clientData.utf8)),
                       residentKey: PasskeyRequest.Requirement(rawValue: options.residentKey) ?? .discouraged,
                       userVerification: PasskeyRequest.Requirement(rawValue: options.userVerification) ?? .preferred,
                       excludeCredentials: options.excludeCredentials)
    }

    /// Whether the body carries the key's own statement: for conveyance
    /// `none` a browser replaces it by `none` (WebAuthn §5.1.3 step 21),
    /// and so does rkit; the review still shows what the key attested.
    public var keepsAttestation: Bool { options.attestation != "none" }

    /// The attestation object the body carries.
    public func attestationObject(_ made: MadePasskey) -> [UInt8] {
        keepsAttestation ? made.attestationObject : made.anonymizedAttestationObject
    }

    /// The credential for `newCredentials.firstFactorCredential`.
    public func credential(_ made: MadePasskey) -> JSONValue {
        .object(JSONObject([
            ("credentialKind", .string(Fido2Credential.kind)),
            ("credentialInfo", .object(JSONObject([
                ("credId", .string(Base64URL.encode(made.credentialId))),
                ("clientData", .string(Base64URL.encode(Array(clientData.utf8)))),
                ("attestationData", .string(Base64URL.encode(attestationObject(made)))),
            ]))),
        ]))
    }

    /// What the key attested, read and verified by rkit's own reader over
    /// the key's statement (not the anonymized one), for the review.
    public func attested(_ made: MadePasskey) throws -> PasskeySummary {
        let object = try AttestationObject(bytes: made.attestationObject)
        let verdict = try object.verify(clientDataJSON: Array(clientData.utf8))
        return PasskeySummary(attestationObject: object, verdict: verdict, credentialIdMatches: object.credential.credentialId == made.credentialId)
    }
}
