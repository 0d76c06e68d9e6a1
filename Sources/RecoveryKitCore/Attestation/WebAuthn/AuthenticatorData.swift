/// The authenticator's flags byte (WebAuthn §6.1).
package struct AuthenticatorFlags: OptionSet, Sendable, Hashable {
    package let rawValue: UInt8
    package init(rawValue: UInt8) { self.rawValue = rawValue }

    /// UP: a person touched or otherwise answered the authenticator.
    package static let userPresent = AuthenticatorFlags(rawValue: 0x01)
    /// UV: the authenticator verified the person (PIN, biometrics).
    package static let userVerified = AuthenticatorFlags(rawValue: 0x04)
    /// BE: the credential may be backed up (synced passkey).
    package static let backupEligible = AuthenticatorFlags(rawValue: 0x08)
    /// BS: the credential is backed up now.
    package static let backedUp = AuthenticatorFlags(rawValue: 0x10)
    /// AT: attested credential data follows.
    package static let attestedCredentialData = AuthenticatorFlags(rawValue: 0x40)
    /// ED: an extensions map follows.
    package static let extensionData = AuthenticatorFlags(rawValue: 0x80)
}

/// The new credential inside authenticator data (WebAuthn §6.5.1).
package struct AttestedCredentialData: Sendable, Equatable {
    /// The authenticator model's 16-byte AAGUID (all zero when withheld).
    package let aaguid: [UInt8]
    package let credentialId: [UInt8]
    package let publicKey: COSEKey
    /// The COSE key exactly as received.
    package let publicKeyBytes: [UInt8]

    /// The AAGUID as a lower-case UUID, `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`,
    /// as FIDO metadata lists it.
    package var aaguidText: String {
        let hex = Hex.encode(aaguid)
        let chars = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(chars[$0]) }.joined(separator: "-")
    }
}

/// Authenticator data (WebAuthn §6.1): rpIdHash (32) || flags (1) ||
/// signCount (4, big-endian) || [attested credential data] || [extensions].
/// Read strictly: every part the flags announce must be there and whole,
/// and nothing may follow the last one.
package struct AuthenticatorData: Sendable, Equatable {
    package static let minimumSize = 37
    package static let maximumCredentialIdLength = 1023

    /// The bytes as received (they are what the attestation signs).
    package let bytes: [UInt8]
    package let rpIdHash: [UInt8]
    package let flags: AuthenticatorFlags
    package let signCount: UInt32
    package let attestedCredential: AttestedCredentialData?
    /// The extensions map when flag ED is set.
    package let extensions: CBORMap?

    package init(bytes: [UInt8]) throws {
        let field = "authenticatorData"
        func need(_ count: Int, at offset: Int) throws {
            guard bytes.count - offset >= count else {
                throw WebAuthnError.truncated(field: field, offset: offset, needed: count, available: bytes.count - offset)
            }
        }
        try need(AuthenticatorData.minimumSize, at: 0)
        self.bytes = bytes
        rpIdHash = Array(bytes[0..<32])
        flags = AuthenticatorFlags(rawValue: bytes[32])
        signCount = bytes[33..<37].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        var offset = AuthenticatorData.minimumSize

        func cbor(_ part: String) throws -> CBORValue {
            guard offset < bytes.count else {
                throw WebAuthnError.truncated(field: field, offset: offset, needed: 1, available: 0)
            }
            do {
                let (value, end) = try CBOR.decodeItem(bytes, at: offset)
                offset = end
                return value
            } catch let error as CBORError {
                throw WebAuthnError.malformedCBOR(field: "\(field).\(part)", error)
            }
        }

        if flags.contains(.attestedCredentialData) {
            try need(18, at: offset)
            let aaguid = Array(bytes[offset..<offset + 16])
            let length = Int(bytes[offset + 16]) << 8 | Int(bytes[offset + 17])
            offset += 18
            guard length <= AuthenticatorData.maximumCredentialIdLength else { throw WebAuthnError.credentialIdTooLong(length: length) }
            try need(length, at: offset)
            let credentialId = Array(bytes[offset..<offset + length])
            offset += length
            let keyStart = offset
            let key = try COSEKey(cbor: try cbor("credentialPublicKey"))
            attestedCredential = AttestedCredentialData(aaguid: aaguid, credentialId: credentialId, publicKey: key,
                                                        publicKeyBytes: Array(bytes[keyStart..<offset]))
        } else {
            attestedCredential = nil
        }
        if flags.contains(.extensionData) {
            let value = try cbor("extensions")
            guard let map = value.mapValue else {
                throw WebAuthnError.wrongType(field: "\(field).extensions", expected: "a map", found: value.typeName)
            }
            extensions = map
        } else {
            extensions = nil
        }
        guard offset == bytes.count else {
            throw WebAuthnError.trailingBytes(field: field, offset: offset, count: bytes.count - offset)
        }
    }

    /// Whether `rpIdHash` is SHA-256 of the relying party ID's UTF-8 bytes
    /// (compared as bytes; no case folding).
    package func hasRelyingPartyIdHash(of rpId: String) -> Bool {
        rpIdHash == SHA256Digest.hash(utf8: rpId)
    }
}
