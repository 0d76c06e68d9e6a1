/// Why a CBOR item was refused. Offsets are 0-based byte offsets into the
/// input, so a report can point at the byte; content is never repeated.
public enum CBORError: RecoveryKitError, Equatable {
    /// The input ended inside an item (`needed` more bytes at `offset`).
    case truncated(offset: Int, needed: Int)
    /// One complete item was read, and `count` more bytes follow it.
    case trailingBytes(offset: Int, count: Int)
    /// An indefinite-length string, array or map (major type 2 to 5),
    /// or a stray "break" byte: WebAuthn uses definite lengths only.
    case indefiniteLength(offset: Int, majorType: Int)
    /// An integer or length written in more bytes than its value needs:
    /// one value must have one encoding, or byte comparisons mean nothing.
    case nonShortestForm(offset: Int)
    /// Additional information 28 to 30, which RFC 8949 reserves, or 31
    /// (indefinite) on an integer, which is not well-formed.
    case reservedAdditionalInfo(offset: Int, value: Int)
    /// Well-formed CBOR that this reader does not accept: tags, floats,
    /// `undefined`, other simple values, or a map key that is an array,
    /// map or simple value. `what` names it.
    case unsupported(offset: Int, what: String)
    /// A map holds the same key twice (keys compared by their encoded bytes).
    case duplicateKey(offset: Int)
    /// A text string that is not valid UTF-8.
    case invalidUTF8(offset: Int)
    /// Arrays and maps nested deeper than `limit`.
    case tooDeep(limit: Int)
    /// Input larger than `limit` bytes.
    case tooLarge(limit: Int)

    public var kind: FailureKind { .malformedInput }

    public var description: String {
        switch self {
        case let .truncated(offset, needed):
            return "CBOR ends early: \(needed) more byte(s) needed at offset \(offset)"
        case let .trailingBytes(offset, count):
            return "CBOR has \(count) byte(s) after its one item, from offset \(offset)"
        case let .indefiniteLength(offset, majorType):
            return "CBOR item at offset \(offset) (major type \(majorType)) uses indefinite length; only definite lengths are accepted"
        case let .nonShortestForm(offset):
            return "CBOR integer or length at offset \(offset) is not in its shortest form"
        case let .reservedAdditionalInfo(offset, value):
            return "CBOR byte at offset \(offset) uses additional information \(value), which is reserved or not well-formed there"
        case let .unsupported(offset, what):
            return "CBOR item at offset \(offset) is \(what), which a WebAuthn attestation does not use"
        case let .duplicateKey(offset):
            return "CBOR map has the key at offset \(offset) twice; refusing an ambiguous document"
        case let .invalidUTF8(offset):
            return "CBOR text string at offset \(offset) is not valid UTF-8"
        case let .tooDeep(limit):
            return "CBOR nested deeper than \(limit) levels; WebAuthn attestations are shallow"
        case let .tooLarge(limit):
            return "CBOR input larger than \(limit) bytes"
        }
    }
}
