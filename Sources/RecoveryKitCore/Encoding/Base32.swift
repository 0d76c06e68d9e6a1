/// Base32 (RFC 4648 section 6 alphabet, `A`–`Z` `2`–`7`) without padding,
/// as BBQr frames carry their bytes: every character is in a QR code's
/// alphanumeric set, 5 bits a character.
package enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    /// Characters that `count` bytes take (no padding).
    package static func length(ofBytes count: Int) -> Int { (count * 8 + 4) / 5 }

    package static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(length(ofBytes: bytes.count))
        var buffer: UInt32 = 0, bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                out.append(alphabet[Int((buffer >> UInt32(bits)) & 31)])
            }
        }
        if bits > 0 { out.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of unpadded Base32 text (upper or lower case); nil when a
    /// character is outside the alphabet, the length cannot end on a whole
    /// byte (1, 3 or 6 characters past a multiple of 8), or the unused low
    /// bits of the last character are not zero (a misread character).
    package static func decode<S: Sequence>(_ text: S) -> [UInt8]? where S.Element == UInt8 {
        var out: [UInt8] = []
        var buffer: UInt32 = 0, bits = 0, count = 0
        for character in text {
            let value: UInt8
            switch character {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = character - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = character - UInt8(ascii: "a")
            case UInt8(ascii: "2")...UInt8(ascii: "7"): value = character - UInt8(ascii: "2") + 26
            default: return nil
            }
            count += 1
            buffer = (buffer << 5) | UInt32(value)
            bits += 5
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((buffer >> UInt32(bits)) & 0xFF))
            }
            buffer &= (1 << UInt32(bits)) - 1
        }
        guard ![1, 3, 6].contains(count % 8), buffer == 0 else { return nil }
        return out
    }
}
