/// The one encoding the reader accepts for a value: shortest-form heads,
/// definite lengths, map entries in their stored order. Reading these
/// bytes gives the value back, and reading any accepted input and writing
/// it again gives the same bytes (the fuzz target checks both).
extension CBORValue {
    package var encoded: [UInt8] {
        var out: [UInt8] = []
        encode(into: &out)
        return out
    }

    func encode(into out: inout [UInt8]) {
        switch self {
        case let .unsigned(n): CBORValue.head(0, n, into: &out)
        case let .negative(n): CBORValue.head(1, n, into: &out)
        case let .bytes(b): CBORValue.head(2, UInt64(b.count), into: &out); out += b
        case let .text(t): CBORValue.head(3, UInt64(t.utf8.count), into: &out); out += t.utf8
        case let .array(items):
            CBORValue.head(4, UInt64(items.count), into: &out)
            for item in items { item.encode(into: &out) }
        case let .map(map):
            CBORValue.head(5, UInt64(map.count), into: &out)
            for (key, value) in map.entries { key.encode(into: &out); value.encode(into: &out) }
        case let .bool(b): out.append(b ? 0xf5 : 0xf4)
        case .null: out.append(0xf6)
        }
    }

    static func head(_ major: UInt8, _ value: UInt64, into out: inout [UInt8]) {
        let type = major << 5
        switch value {
        case 0..<24: out.append(type | UInt8(value))
        case 24..<0x100: out += [type | 24, UInt8(value)]
        case 0x100..<0x1_0000: out += [type | 25, UInt8(value >> 8), UInt8(value & 0xff)]
        case 0x1_0000..<0x1_0000_0000: out.append(type | 26); out += (0..<4).reversed().map { UInt8(value >> ($0 * 8) & 0xff) }
        default: out.append(type | 27); out += (0..<8).reversed().map { UInt8(value >> ($0 * 8) & 0xff) }
        }
    }
}
