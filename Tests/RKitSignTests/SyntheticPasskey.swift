import Foundation
@testable import RecoveryKitCore

/// A Fido2 credential built here as an attacker's software would make one
/// (attestation format `none`, so nothing identifies the authenticator):
/// client data, authenticator data with the credential's COSE key, CBOR
/// attestation object, in `WebAuthnSigner.create`'s JSON shape.
enum SyntheticPasskey {
    static func make(challenge: String, origin: String, rpId: String, key: P256PrivateKey = try! P256PrivateKey.generate(),
                     credentialId: [UInt8] = Array(SHA256Digest.hash(utf8: "attacker passkey").prefix(16))) -> JSONValue {
        let clientData = Array(#"{"type":"webauthn.create","challenge":"\#(Base64URL.encode(utf8: challenge))","origin":"\#(origin)","crossOrigin":false}"#.utf8)
        let point = key.publicKey.uncompressedPoint
        let cose = CBORValue.map(CBORMap([
            (.int(1), .int(2)), (.int(3), .int(-7)), (.int(-1), .int(1)),
            (.int(-2), .bytes(Array(point[1...32]))), (.int(-3), .bytes(Array(point[33...64]))),
        ]))
        var authData = SHA256Digest.hash(utf8: rpId)
        authData.append(0x45)                      // user present, user verified, attested credential data
        authData += [0, 0, 0, 0]                   // sign count
        authData += [UInt8](repeating: 0, count: 16)  // AAGUID withheld
        authData += [UInt8(credentialId.count >> 8), UInt8(credentialId.count & 0xff)] + credentialId
        authData += cose.encoded
        let attestation = CBORValue.map(CBORMap([
            (.text("fmt"), .text("none")), (.text("attStmt"), .map(CBORMap([]))), (.text("authData"), .bytes(authData)),
        ]))
        return .object(JSONObject([
            ("credentialKind", .string("Fido2")),
            ("credentialInfo", .object(JSONObject([
                ("credId", .string(Base64URL.encode(credentialId))),
                ("clientData", .string(Base64URL.encode(clientData))),
                ("attestationData", .string(Base64URL.encode(attestation.encoded))),
            ]))),
        ]))
    }
}
