import RecoveryKitCore
/// A synthetic passkey shaped as the SDK's WebAuthnSigner.create returns
/// it: a real P-256 credential key, authenticator data for `rpId`, an
/// attestation object of format `none`, and client data as a browser
/// writes it (`extra` members appended, as Chrome sometimes does).
public enum SyntheticPasskey {
    public static func make(challenge: String, origin: String, rpId: String = "app.example.com",
                     type: String = "webauthn.create", extra: [(String, JSONValue)] = []) throws -> JSONValue {
        let key = try P256PrivateKey.generate().publicKey
        let credentialId = Array(SHA256Digest.hash(utf8: "synthetic passkey \(challenge)").prefix(16))
        let point = key.uncompressedPoint
        let cose = CBORValue.map(CBORMap([(.int(1), .int(2)), (.int(3), .int(-7)), (.int(-1), .int(1)),
                                          (.int(-2), .bytes(Array(point[1..<33]))), (.int(-3), .bytes(Array(point[33...])))])).encoded
        let authData = SHA256Digest.hash(utf8: rpId) + [0x45, 0, 0, 0, 0] + [UInt8](repeating: 0, count: 16)
            + [0, UInt8(credentialId.count)] + credentialId + cose
        let attestation = CBORValue.map(CBORMap([(.text("fmt"), .text("none")), (.text("attStmt"), .map(CBORMap([]))),
                                                 (.text("authData"), .bytes(authData))])).encoded
        let clientData = JSONText.stringify(.object(JSONObject([("type", .string(type)), ("challenge", .string(Base64URL.encode(utf8: challenge))),
                                                                ("origin", .string(origin)), ("crossOrigin", false)] + extra)))
        return ["credentialKind": "Fido2", "credentialInfo": [
            "credId": .string(Base64URL.encode(credentialId)), "attestationData": .string(Base64URL.encode(attestation)),
            "clientData": .string(Base64URL.encode(utf8: clientData)),
        ]]
    }
}
