/// Writes JSON text byte for byte as JavaScript's `JSON.stringify` does
/// (docs/SCHEME.md §6): no whitespace, keys in the object's order, `/` not
/// escaped, non-ASCII as raw UTF-8, `"` and `\` escaped, control
/// characters as `\b \f \n \r \t` or `\u00xx` with lower-case hex, and
/// numbers as JavaScript's Number-to-String prints them.
///
/// Every text rkit hashes or signs goes through here. (Lone surrogates,
/// which JavaScript writes as `\udxxx`, cannot occur: Swift strings hold
/// only Unicode scalars, and the parser refuses them.)
package enum JSONText {
    package static func stringify(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out)
        return out
    }

    /// The same JSON, but every non-ASCII scalar written as `\uXXXX`
    /// (UTF-16, lower-case hex; a surrogate pair above U+FFFF). For text
    /// that stock QR decoders must read back exactly: a QR without a
    /// charset marker is decoded by guessing (zbar read "Zoë" as "Zo禱"),
    /// but ASCII is read the same by every decoder. Any JSON parser,
    /// rkit's included, reads it back to the same value.
    package static func stringifyASCII(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out, asciiOnly: true)
        return out
    }

    static func write(_ value: JSONValue, into out: inout String, asciiOnly: Bool = false) {
        switch value {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .number(n): out += javaScriptNumber(n)
        case let .string(s): writeString(s, into: &out, asciiOnly: asciiOnly)
        case let .array(elements):
            out += "["
            for (i, element) in elements.enumerated() {
                if i > 0 { out += "," }
                write(element, into: &out, asciiOnly: asciiOnly)
            }
            out += "]"
        case let .object(object):
            out += "{"
            for (i, member) in object.members.enumerated() {
                if i > 0 { out += "," }
                writeString(member.key, into: &out, asciiOnly: asciiOnly)
                out += ":"
                write(member.value, into: &out, asciiOnly: asciiOnly)
            }
            out += "}"
        }
    }

    package static func quoted(_ string: String) -> String {
        var out = ""
        writeString(string, into: &out)
        return out
    }

    static func writeString(_ string: String, into out: inout String, asciiOnly: Bool = false) {
        out.unicodeScalars.append("\"")
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\u{0c}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{00}"..."\u{1f}":
                let hex = Hex.encode([UInt8(scalar.value)])
                out += "\\u00" + hex
            case _ where asciiOnly && !scalar.isASCII:
                for unit in String(scalar).utf16 {
                    out += "\\u" + Hex.encode([UInt8(unit >> 8), UInt8(unit & 0xff)])
                }
            default: out.unicodeScalars.append(scalar)
            }
        }
        out.unicodeScalars.append("\"")
    }

    /// ECMAScript Number::toString(10) for a finite double: the shortest
    /// digits that round-trip (Swift's `description` finds the same ones),
    /// laid out by the ECMAScript rules for when to use an exponent.
    package static func javaScriptNumber(_ value: Double) -> String {
        precondition(value.isFinite, "JSON cannot hold NaN or infinity")
        if value == 0 { return "0" }  // also -0
        let negative = value < 0
        var (digits, pointPosition) = shortestDigits(abs(value))
        let k = digits.count
        let n = pointPosition  // value = 0.d1d2…dk × 10^n
        var body: String
        if k <= n && n <= 21 {
            body = digits + String(repeating: "0", count: n - k)
        } else if 0 < n && n <= 21 {
            body = String(digits.prefix(n)) + "." + String(digits.dropFirst(n))
        } else if -6 < n && n <= 0 {
            body = "0." + String(repeating: "0", count: -n) + digits
        } else {
            let exponent = n - 1
            let sign = exponent < 0 ? "-" : "+"
            let first = digits.removeFirst()
            body = String(first) + (digits.isEmpty ? "" : "." + digits) + "e" + sign + String(abs(exponent))
        }
        return negative ? "-" + body : body
    }

    /// Significant digits (no leading or trailing zeros) and n such that
    /// value = 0.digits × 10^n, read off Swift's shortest round-trip text.
    static func shortestDigits(_ value: Double) -> (String, Int) {
        let text = value.description  // e.g. "1.5", "1e-07", "1.2345e+22", "100.0"
        let parts = text.split(separator: "e", maxSplits: 1)
        let exponent = parts.count == 2 ? Int(parts[1])! : 0
        let mantissa = parts[0]
        let integerPart = mantissa.split(separator: ".", omittingEmptySubsequences: false)[0]
        var digits = mantissa.replacingOccurrences(of: ".")
        var point = integerPart.count + exponent
        while digits.first == "0" { digits.removeFirst(); point -= 1 }
        while digits.last == "0" { digits.removeLast() }
        return (digits, point)
    }
}

private extension Substring {
    func replacingOccurrences(of character: Character) -> String { String(filter { $0 != character }) }
}
