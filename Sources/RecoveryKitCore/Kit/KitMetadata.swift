/// The account fields of a kit, bound to the kit by a signature with the
/// kit's own key (issue 20, finding 4): the online machine that scans the
/// paper can change the QR text, but not sign a changed origin, org ID,
/// username, app ID or credential ID without the code.
///
/// The signed bytes (docs/SCHEME.md §"Kit metadata signature"):
/// the ASCII tag `rkit-kit-metadata/1`, one 0x00 byte, then for each of
/// username, orgId, origin, appId, credentialId in that order either one
/// 0x00 byte (absent) or one 0x01 byte, the length of the UTF-8 text as 4
/// bytes big-endian, and the UTF-8 text. The signature is ECDSA P-256 with
/// SHA-256 over those bytes, written as raw r || s (64 bytes) in base64url
/// without padding: kit.json `metadataSignature`, QR text `s`.
public struct KitMetadata: Sendable, Equatable {
    public static let tag = "rkit-kit-metadata/1"

    public var username: String
    public var orgId: String?
    public var origin: String?
    public var appId: String?
    public var credentialId: String

    public init(username: String, orgId: String?, origin: String?, appId: String?, credentialId: String) {
        self.username = username
        self.orgId = orgId
        self.origin = origin
        self.appId = appId
        self.credentialId = credentialId
    }

    /// The canonical byte string that is signed.
    public var signedBytes: [UInt8] {
        var out = Array(KitMetadata.tag.utf8) + [0]
        for field in [username, orgId, origin, appId, credentialId] as [String?] {
            guard let field else { out.append(0); continue }
            let bytes = Array(field.utf8)
            let count = UInt32(bytes.count)
            out.append(1)
            out += [UInt8(count >> 24), UInt8((count >> 16) & 0xFF), UInt8((count >> 8) & 0xFF), UInt8(count & 0xFF)]
            out += bytes
        }
        return out
    }

    /// The signature with the kit's own key: 64 bytes r || s.
    public func signature(with key: P256PrivateKey) throws -> [UInt8] {
        guard let raw = ECDSASignature.rawFromDER(try key.signature(for: signedBytes)) else {
            throw CryptoError.fromQueue("ECDSA signature encoding")
        }
        return raw
    }

    /// Whether `signature` (64 bytes r || s, nothing else) is this
    /// metadata's signature by `publicKey`.
    public func isSigned(_ signature: [UInt8], by publicKey: P256PublicKey) -> Bool {
        signature.count == 64 && publicKey.signatureFormat(signature, for: signedBytes) == .raw
    }
}

/// What a kit's metadata signature says, once the kit's key is known
/// (after the envelope opened, or from kit.json's public key).
public enum KitMetadataVerdict: Sendable, Equatable {
    /// Signed by the kit's key: the fields are the ones the kit was made with.
    case signed
    /// No signature: a kit made before the signature existed, or by another
    /// maker (the reference frontend). Its fields are claims of whoever
    /// handed the document over.
    case unsigned
    /// A signature that does not verify: a field was changed after the kit
    /// was made (or the signature itself was).
    case invalid
}

/// A kit field a recovery would use although no signature binds it to the
/// kit (a kit without `metadataSignature`): the person confirms it, or
/// gives it as an option (issue 20, finding 4).
public struct UnsignedKitField: Sendable, Equatable {
    /// The field's name (`origin`, `orgId`, `appId`).
    public let name: String
    public let value: String
    /// The option that gives it instead (`--origin`, `--org-id`).
    public let option: String?

    public init(name: String, value: String, option: String?) {
        self.name = name
        self.value = value
        self.option = option
    }
}
