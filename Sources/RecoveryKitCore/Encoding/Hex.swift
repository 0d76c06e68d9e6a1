/// Hex codec: writes lower case; reads either case, even length only.
package enum Hex {
    static let digits = Array("0123456789abcdef".utf8)

    package static func encode(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    package static func decode(_ text: String) throws -> [UInt8] {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { throw EncodingError.invalidLength(codec: "hex", length: text.count) }
        var out = [UInt8]()
        out.reserveCapacity(chars.count / 2)
        var high: UInt8 = 0
        for (index, char) in chars.enumerated() {
            let value: UInt8
            switch char {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = char - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = char - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = char - UInt8(ascii: "A") + 10
            default:
                throw EncodingError.invalidCharacter(codec: "hex", position: Base64.characterPosition(text, utf8Offset: index))
            }
            if index % 2 == 0 { high = value << 4 } else { out.append(high | value) }
        }
        return out
    }
}
