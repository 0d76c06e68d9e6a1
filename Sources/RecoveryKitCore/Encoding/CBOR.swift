/// One CBOR data item (RFC 8949), restricted to what WebAuthn attestation
/// objects and COSE keys use: integers, byte and text strings, arrays,
/// maps, `true`, `false` and `null`.
///
/// Equality is by bytes: text compares by its UTF-8 bytes (never Swift's
/// canonical-equivalence `String ==`), maps compare entry by entry in order.
package indirect enum CBORValue: Sendable, Equatable {
    case unsigned(UInt64)
    /// The integer `-1 - n` (major type 1), kept as `n` so that every
    /// value down to -2^64 is representable.
    case negative(UInt64)
    case bytes([UInt8])
    case text(String)
    case array([CBORValue])
    case map(CBORMap)
    case bool(Bool)
    case null

    /// The value as a signed integer, when it is an integer that fits.
    package var intValue: Int64? {
        switch self {
        case let .unsigned(n): return n <= UInt64(Int64.max) ? Int64(n) : nil
        case let .negative(n): return n <= UInt64(Int64.max) ? -1 - Int64(n) : nil
        default: return nil
        }
    }

    package var bytesValue: [UInt8]? { if case let .bytes(b) = self { return b }; return nil }
    package var textValue: String? { if case let .text(t) = self { return t }; return nil }
    package var arrayValue: [CBORValue]? { if case let .array(a) = self { return a }; return nil }
    package var mapValue: CBORMap? { if case let .map(m) = self { return m }; return nil }

    /// A short name of the kind of item, for error messages.
    package var typeName: String {
        switch self {
        case .unsigned, .negative: return "an integer"
        case .bytes: return "a byte string"
        case .text: return "a text string"
        case .array: return "an array"
        case .map: return "a map"
        case .bool: return "a boolean"
        case .null: return "null"
        }
    }

    /// An integer value from a Swift integer (COSE labels, algorithms).
    package static func int(_ value: Int64) -> CBORValue {
        value >= 0 ? .unsigned(UInt64(value)) : .negative(UInt64(-(value + 1)))
    }

    package static func == (a: CBORValue, b: CBORValue) -> Bool {
        switch (a, b) {
        case let (.unsigned(x), .unsigned(y)), let (.negative(x), .negative(y)): return x == y
        case let (.bytes(x), .bytes(y)): return x == y
        case let (.text(x), .text(y)): return x.utf8.elementsEqual(y.utf8)
        case let (.array(x), .array(y)): return x == y
        case let (.map(x), .map(y)): return x == y
        case let (.bool(x), .bool(y)): return x == y
        case (.null, .null): return true
        default: return false
        }
    }
}

/// A CBOR map in the order its entries were read. Keys are unique (the
/// reader refuses duplicates); lookups compare keys by bytes.
package struct CBORMap: Sendable, Equatable {
    package let entries: [(key: CBORValue, value: CBORValue)]

    package init(_ entries: [(key: CBORValue, value: CBORValue)]) { self.entries = entries }

    package subscript(key: CBORValue) -> CBORValue? {
        entries.first(where: { $0.key == key })?.value
    }

    /// The value under a text key ("fmt", "attStmt", "authData", "sig", …).
    package subscript(text: String) -> CBORValue? { self[.text(text)] }

    /// The value under an integer key (COSE labels: 1, 3, -1, -2, -3).
    package subscript(int: Int64) -> CBORValue? { self[.int(int)] }

    package var count: Int { entries.count }

    package static func == (a: CBORMap, b: CBORMap) -> Bool {
        a.entries.count == b.entries.count
            && zip(a.entries, b.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}

/// A strict CBOR reader for untrusted input (attestation objects cross the
/// air gap from an online machine).
///
/// Refused, each with a typed `CBORError`: indefinite lengths, integers
/// and lengths not in shortest form, tags, floats, `undefined` and other
/// simple values, duplicate map keys (by encoded bytes), map keys that are
/// not integers or strings, text that is not UTF-8, nesting deeper than
/// `maxDepth`, input over `maxBytes`, and bytes after the item (`decode`).
/// Map key order is not checked: CTAP2's canonical order is not required
/// of every authenticator, and the signed authenticator data is kept as
/// the bytes received anyway.
///
/// Recursion is bounded by `maxDepth`; a declared length is checked
/// against the bytes left before anything is allocated, so a few bytes
/// cannot make it reserve gigabytes or loop for long.
package enum CBOR {
    package static let defaultMaxDepth = 16
    package static let defaultMaxBytes = 1 << 20

    /// Reads exactly one item that spans all of `bytes`.
    package static func decode(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth,
                              maxBytes: Int = defaultMaxBytes) throws -> CBORValue {
        let (value, end) = try decodeItem(bytes, at: 0, maxDepth: maxDepth, maxBytes: maxBytes)
        guard end == bytes.count else { throw CBORError.trailingBytes(offset: end, count: bytes.count - end) }
        return value
    }

    /// Reads the one item that starts at offset `start` of `bytes` and
    /// returns it with the offset just past it (authenticator data holds a
    /// COSE key followed by more data). Error offsets count from the start
    /// of `bytes`, not from `start`.
    package static func decodeItem(_ bytes: [UInt8], at start: Int, maxDepth: Int = defaultMaxDepth,
                                  maxBytes: Int = defaultMaxBytes) throws -> (value: CBORValue, end: Int) {
        guard bytes.count <= maxBytes else { throw CBORError.tooLarge(limit: maxBytes) }
        precondition(start >= 0 && start <= bytes.count, "CBOR.decodeItem: start outside the input")
        var reader = CBORReader(bytes: bytes, maxDepth: maxDepth)
        reader.index = start
        let value = try reader.readItem(depth: 0)
        return (value, reader.index)
    }
}

struct CBORReader {
    let bytes: [UInt8]
    let maxDepth: Int
    var index = 0

    init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    var remaining: Int { bytes.count - index }

    mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count <= remaining else { throw CBORError.truncated(offset: index, needed: count - remaining) }
        defer { index += count }
        return bytes[index..<index + count]
    }

    /// The argument of the head at `start` (already past the initial byte),
    /// in shortest form.
    mutating func argument(_ info: UInt8, start: Int, major: UInt8) throws -> UInt64 {
        switch info {
        case 0..<24: return UInt64(info)
        case 24...27:
            let width = 1 << Int(info - 24)
            let value = try take(width).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            let minimum: UInt64 = info == 24 ? 24 : 1 << (UInt64(width) * 4)
            guard value >= minimum else { throw CBORError.nonShortestForm(offset: start) }
            return value
        case 31 where (2...5).contains(major): throw CBORError.indefiniteLength(offset: start, majorType: Int(major))
        default: throw CBORError.reservedAdditionalInfo(offset: start, value: Int(info))
        }
    }

    /// A declared length or count, checked against what is left: each
    /// byte of a string and each element of an array needs one byte, each
    /// map entry two.
    mutating func length(_ info: UInt8, start: Int, major: UInt8, bytesPerUnit: Int) throws -> Int {
        let value = try argument(info, start: start, major: major)
        guard value <= UInt64(remaining / bytesPerUnit) else {
            let needed = value > UInt64(Int.max / 2) ? Int.max / 2 : Int(value) * bytesPerUnit - remaining
            throw CBORError.truncated(offset: index, needed: needed)
        }
        return Int(value)
    }

    mutating func readItem(depth: Int) throws -> CBORValue {
        let start = index
        let initial = try take(1).first!
        let major = initial >> 5
        let info = initial & 0x1f
        switch major {
        case 0:
            return .unsigned(try argument(info, start: start, major: major))
        case 1:
            return .negative(try argument(info, start: start, major: major))
        case 2:
            let count = try length(info, start: start, major: major, bytesPerUnit: 1)
            return .bytes(Array(try take(count)))
        case 3:
            let count = try length(info, start: start, major: major, bytesPerUnit: 1)
            let textStart = index
            guard let text = String(validating: try take(count), as: UTF8.self) else {
                throw CBORError.invalidUTF8(offset: textStart)
            }
            return .text(text)
        case 4:
            guard depth < maxDepth else { throw CBORError.tooDeep(limit: maxDepth) }
            let count = try length(info, start: start, major: major, bytesPerUnit: 1)
            var items: [CBORValue] = []
            items.reserveCapacity(count)
            for _ in 0..<count { items.append(try readItem(depth: depth + 1)) }
            return .array(items)
        case 5:
            guard depth < maxDepth else { throw CBORError.tooDeep(limit: maxDepth) }
            let count = try length(info, start: start, major: major, bytesPerUnit: 2)
            var entries: [(key: CBORValue, value: CBORValue)] = []
            entries.reserveCapacity(count)
            var seen = Set<ArraySlice<UInt8>>()
            for _ in 0..<count {
                let keyStart = index
                let key = try readItem(depth: depth + 1)
                switch key {
                case .unsigned, .negative, .text, .bytes: break
                default: throw CBORError.unsupported(offset: keyStart, what: "a map key that is \(key.typeName)")
                }
                // Shortest form and definite lengths make the encoding of
                // a key unique, so equal bytes are exactly equal keys.
                guard seen.insert(bytes[keyStart..<index]).inserted else { throw CBORError.duplicateKey(offset: keyStart) }
                entries.append((key, try readItem(depth: depth + 1)))
            }
            return .map(CBORMap(entries))
        case 6:
            throw CBORError.unsupported(offset: start, what: "a tag")
        default:
            switch info {
            case 20: return .bool(false)
            case 21: return .bool(true)
            case 22: return .null
            case 23: throw CBORError.unsupported(offset: start, what: "undefined")
            case 24: throw CBORError.unsupported(offset: start, what: "a simple value")
            case 25, 26, 27: throw CBORError.unsupported(offset: start, what: "a floating-point number")
            case 31: throw CBORError.indefiniteLength(offset: start, majorType: 7)
            case 28, 29, 30: throw CBORError.reservedAdditionalInfo(offset: start, value: Int(info))
            default: throw CBORError.unsupported(offset: start, what: "a simple value")
            }
        }
    }
}
