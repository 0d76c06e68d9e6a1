internal import RecoveryKitCore

/// The credential a security key made, as WebAuthn hands it to a relying
/// party: the raw credential ID and the attestation object bytes
/// (`{"fmt", "attStmt", "authData"}` in CBOR, in that order, as browsers send it).
public struct MadePasskey: Sendable {
    public let credentialId: [UInt8]
    /// The attestation format the key used ("packed", "fido-u2f", "none", …).
    public let format: String
    /// The raw authenticator data (rpIdHash, flags, counter, attested credential).
    public let authenticatorData: [UInt8]
    /// The attestation object with the key's own statement.
    public let attestationObject: [UInt8]
    /// The same object with the statement replaced by `none` (fmt "none",
    /// attStmt {}), as a browser sends it for attestation conveyance `none`.
    public let anonymizedAttestationObject: [UInt8]

    init(credentialId: [UInt8], format: String, authenticatorData: [UInt8], statement: CBORValue) {
        self.credentialId = credentialId
        self.format = format
        self.authenticatorData = authenticatorData
        attestationObject = MadePasskey.object(format: format, statement: statement, authenticatorData: authenticatorData)
        anonymizedAttestationObject = MadePasskey.object(format: "none", statement: .map(CBORMap([])), authenticatorData: authenticatorData)
    }

    static func object(format: String, statement: CBORValue, authenticatorData: [UInt8]) -> [UInt8] {
        CBORValue.map(CBORMap([
            (key: .text("fmt"), value: .text(format)),
            (key: .text("attStmt"), value: statement),
            (key: .text("authData"), value: .bytes(authenticatorData)),
        ])).encoded
    }
}
