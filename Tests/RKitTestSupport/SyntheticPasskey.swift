import RecoveryKitCore

/// A Fido2 credential built here as software (an attacker's, or a test's)
/// would make one, in the SDK's `WebAuthnSigner.create` shape: a real
/// P-256 credential key, authenticator data for `rpId` with that key, an
/// attestation object of format `none` (nothing identifies the
/// authenticator), and client data as a browser writes it (`extra`
/// members appended, as Chrome sometimes does).
public enum SyntheticPasskey {
    public static func make(challenge: String, origin: String, rpId: String = "app.example.com", type: String = "webauthn.create",
                            extra: [(String, JSONValue)] = [], key: P256PrivateKey = try! P256PrivateKey.generate(),
                            credentialId given: [UInt8]? = nil) -> JSONValue {
        let credentialId = given ?? Array(SHA256Digest.hash(utf8: "attacker passkey").prefix(16))
        let point = key.publicKey.uncompressedPoint
        let cose = CBORValue.map(CBORMap([(.int(1), .int(2)), (.int(3), .int(-7)), (.int(-1), .int(1)),
                                          (.int(-2), .bytes(Array(point[1..<33]))), (.int(-3), .bytes(Array(point[33...])))])).encoded
        // User present and verified, attested credential data; sign count 0; AAGUID withheld.
        let authData = SHA256Digest.hash(utf8: rpId) + [0x45, 0, 0, 0, 0] + [UInt8](repeating: 0, count: 16)
            + [UInt8(credentialId.count >> 8), UInt8(credentialId.count & 0xff)] + credentialId + cose
        let attestation = CBORValue.map(CBORMap([(.text("fmt"), .text("none")), (.text("attStmt"), .map(CBORMap([]))),
                                                 (.text("authData"), .bytes(authData))])).encoded
        let clientData = JSONText.stringify(.object(JSONObject([("type", .string(type)), ("challenge", .string(Base64URL.encode(utf8: challenge))),
                                                                ("origin", .string(origin)), ("crossOrigin", false)] + extra)))
        return .object(JSONObject([
            ("credentialKind", "Fido2"),
            ("credentialInfo", .object(JSONObject([
                ("credId", .string(Base64URL.encode(credentialId))),
                ("clientData", .string(Base64URL.encode(utf8: clientData))),
                ("attestationData", .string(Base64URL.encode(attestation))),
            ]))),
        ]))
    }
}
