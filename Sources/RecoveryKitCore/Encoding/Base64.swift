/// Strict base64 codecs. Every text has exactly one byte string and every
/// byte string exactly one text, so hashes of encoded text (credential IDs)
/// cannot be made to collide by re-encoding.
///
/// - `Base64`: standard alphabet, `=` padding required, no whitespace,
///   unused trailing bits zero.
/// - `Base64URL`: URL alphabet, no padding accepted, unused bits zero.
package enum Base64 {
    static let standard = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    package static func encode(_ bytes: [UInt8]) -> String { encode(bytes, alphabet: standard, pad: true) }

    package static func decode(_ text: String) throws -> [UInt8] {
        try decode(text, alphabet: standard, padded: true, codec: "base64")
    }

    static func encode(_ bytes: [UInt8], alphabet: [UInt8], pad: Bool) -> String {
        var out = [UInt8](repeating: 0, count: encodedCount(bytes.count, pad: pad))
        bytes.withUnsafeBytes { source in
            out.withUnsafeMutableBytes { encode(source, alphabet: alphabet, pad: pad, into: $0) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Characters needed for `count` bytes.
    static func encodedCount(_ count: Int, pad: Bool) -> Int {
        pad ? (count + 2) / 3 * 4 : count / 3 * 4 + [0, 2, 3][count % 3]
    }

    /// Encodes into `out` (exactly `encodedCount` bytes), so a secret
    /// (a private key's PEM) can be encoded straight into wiped memory.
    static func encode(_ bytes: UnsafeRawBufferPointer, alphabet: [UInt8], pad: Bool, into out: UnsafeMutableRawBufferPointer) {
        precondition(out.count == encodedCount(bytes.count, pad: pad))
        var o = 0
        func put(_ symbol: UInt8) { out[o] = symbol; o += 1 }
        var i = 0
        while i + 3 <= bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            for shift in [18, 12, 6, 0] { put(alphabet[Int(n >> UInt32(shift) & 63)]) }
            i += 3
        }
        let rest = bytes.count - i
        if rest > 0 {
            var n = UInt32(bytes[i]) << 16
            if rest == 2 { n |= UInt32(bytes[i + 1]) << 8 }
            put(alphabet[Int(n >> 18 & 63)])
            put(alphabet[Int(n >> 12 & 63)])
            if rest == 2 { put(alphabet[Int(n >> 6 & 63)]) }
            if pad { for _ in rest..<3 { put(UInt8(ascii: "=")) } }
        }
    }

    static func decode(_ text: String, alphabet: [UInt8], padded: Bool, codec: String) throws -> [UInt8] {
        var table = [Int8](repeating: -1, count: 256)
        for (value, symbol) in alphabet.enumerated() { table[Int(symbol)] = Int8(value) }
        let chars = Array(text.utf8)
        var body = chars[...]
        if padded {
            guard chars.count % 4 == 0 else { throw EncodingError.invalidLength(codec: codec, length: text.count) }
            while body.last == UInt8(ascii: "="), chars.count - body.count < 2 { body = body.dropLast() }
        }
        let remainder = body.count % 4
        guard remainder != 1 else { throw EncodingError.invalidLength(codec: codec, length: text.count) }
        var out = [UInt8]()
        out.reserveCapacity(body.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for (index, symbol) in body.enumerated() {
            let value = table[Int(symbol)]
            guard value >= 0 else {
                throw EncodingError.invalidCharacter(codec: codec, position: characterPosition(text, utf8Offset: index))
            }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(accumulator >> UInt32(bits) & 0xff))
            }
        }
        guard accumulator & ((1 << UInt32(bits)) - 1) == 0 else { throw EncodingError.nonCanonical(codec: codec) }
        return out
    }

    /// 1-based position in characters of the UTF-8 offset (for messages).
    static func characterPosition(_ text: String, utf8Offset: Int) -> Int {
        let index = text.utf8.index(text.utf8.startIndex, offsetBy: utf8Offset)
        return text[..<index].count + 1
    }
}

/// Base64url without padding (RFC 4648 §5), as WebAuthn and Dfns use it.
package enum Base64URL {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    package static func encode(_ bytes: [UInt8]) -> String { Base64.encode(bytes, alphabet: alphabet, pad: false) }

    package static func encode(utf8 text: String) -> String { encode(Array(text.utf8)) }

    package static func decode(_ text: String) throws -> [UInt8] {
        try Base64.decode(text, alphabet: alphabet, padded: false, codec: "base64url")
    }
}
