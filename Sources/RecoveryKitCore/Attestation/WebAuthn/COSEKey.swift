/// A credential public key in COSE form (RFC 9052/9053) as WebAuthn
/// authenticator data carries it. Only EC2 keys on P-256 for ES256 are
/// accepted, the one kind Dfns's challenge asks for and rkit can check:
/// kty 1 = 2 (EC2), alg 3 = -7 (ES256), crv -1 = 1 (P-256), x -2 and
/// y -3 of 32 bytes each, forming a point on the curve. Anything else is
/// refused with `WebAuthnError.unsupportedKey` naming what it declares.
/// Other labels (kid, key_ops) are allowed and ignored.
package struct COSEKey: Sendable, Equatable {
    package static let es256: Int64 = -7

    package let publicKey: P256PublicKey
    /// Always ES256 (-7): the algorithm the key declares.
    package let algorithm: Int64

    package init(cbor: CBORValue) throws {
        guard let map = cbor.mapValue else {
            throw WebAuthnError.wrongType(field: "credentialPublicKey", expected: "a COSE key map", found: cbor.typeName)
        }
        func integer(_ label: Int64, _ name: String) throws -> Int64? {
            guard let value = map[label] else { return nil }
            guard let number = value.intValue else {
                throw WebAuthnError.wrongType(field: "credentialPublicKey.\(name) (\(label))", expected: "an integer", found: value.typeName)
            }
            return number
        }
        let keyType = try integer(1, "kty")
        let algorithm = try integer(3, "alg")
        let curve = keyType == 2 ? try integer(-1, "crv") : (map[-1]?.intValue)
        guard keyType == 2, algorithm == COSEKey.es256, curve == 1 else {
            throw WebAuthnError.unsupportedKey(keyType: keyType, algorithm: algorithm, curve: curve)
        }
        func coordinate(_ label: Int64, _ name: String) throws -> [UInt8] {
            guard let value = map[label] else { throw WebAuthnError.missingField("credentialPublicKey.\(name) (\(label))") }
            guard let bytes = value.bytesValue else {
                throw WebAuthnError.wrongType(field: "credentialPublicKey.\(name) (\(label))", expected: "a 32-byte string", found: value.typeName)
            }
            guard bytes.count == 32 else { throw WebAuthnError.invalidKey(field: name, why: "\(bytes.count) bytes, not 32") }
            return bytes
        }
        let point = [0x04] + (try coordinate(-2, "x")) + (try coordinate(-3, "y"))
        do { publicKey = try P256PublicKey(uncompressedPoint: point) } catch {
            throw WebAuthnError.invalidKey(field: "point", why: "not a point on the P-256 curve")
        }
        self.algorithm = COSEKey.es256
    }
}
