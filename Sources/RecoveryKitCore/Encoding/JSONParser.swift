/// Why a JSON text was refused. Offsets are 1-based lines and columns.
public enum JSONError: RecoveryKitError, Equatable {
    case notUTF8
    case syntax(line: Int, column: Int, expected: String)
    case tooDeep(limit: Int)
    case tooLarge(limit: Int)
    case duplicateKey(String)
    case loneSurrogate(line: Int, column: Int)
    /// A typographic quote (“ ” ‘ ’ „ « ») where JSON needs `"`: text
    /// pasted through a phone or a word processor that "smartens" quotes.
    case curlyQuote(line: Int, column: Int, quote: String)

    public var kind: FailureKind { .malformedInput }

    public var description: String {
        switch self {
        case .notUTF8: return "the file is not UTF-8 text"
        case let .syntax(line, column, expected): return "invalid JSON at line \(line), column \(column): expected \(expected)"
        case let .tooDeep(limit): return "JSON nested deeper than \(limit) levels; recovery documents are shallow"
        case let .tooLarge(limit): return "JSON text larger than \(limit) bytes; recovery documents are small"
        case let .duplicateKey(key): return "JSON object has the key \"\(key.prefix(40))\" twice; refusing an ambiguous document"
        case let .loneSurrogate(line, column): return "JSON string at line \(line), column \(column) holds a lone UTF-16 surrogate"
        case let .curlyQuote(line, column, quote):
            return "invalid JSON at line \(line), column \(column): a curly quote \(quote) where JSON needs a straight \" (the text went through something that \"smartens\" quotes, such as a phone's notes or a word processor); copy the file itself, or replace every curly quote by \""
        }
    }
}

/// A strict RFC 8259 parser over UTF-8 bytes that keeps key order, refuses
/// duplicate keys, and bounds nesting and size (inputs cross an air gap
/// from an untrusted machine).
package struct JSONParser {
    package static let defaultMaxDepth = 64
    package static let defaultMaxBytes = 4 << 20

    /// Parses UTF-8 JSON text (RFC 8259, strict: no duplicate keys, no
    /// lone surrogates), refusing nesting deeper than `maxDepth` and input
    /// longer than `maxBytes`.
    package static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth, maxBytes: Int = defaultMaxBytes) throws -> JSONValue {
        guard bytes.count <= maxBytes else { throw JSONError.tooLarge(limit: maxBytes) }
        var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 1)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.syntax("end of input") }
        return value
    }

    package static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws -> JSONValue {
        try parse(Array(text.utf8), maxDepth: maxDepth)
    }

    private let bytes: [UInt8]
    private let maxDepth: Int
    private var index = 0

    private init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x0a || byte == 0x0d || byte == 0x09 { index += 1 }
    }

    private func position(_ offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for i in 0..<min(offset, bytes.count) where bytes[i] == 0x0a {
            line += 1
            lineStart = i + 1
        }
        // Columns count characters, not bytes (continuation bytes skipped).
        let column = bytes[lineStart..<min(offset, bytes.count)].filter { $0 & 0xc0 != 0x80 }.count + 1
        return (line, column)
    }

    private func syntax(_ expected: String) -> JSONError {
        let (line, column) = position(index)
        if let quote = curlyQuote(at: index) { return .curlyQuote(line: line, column: column, quote: quote) }
        // A curly quote elsewhere (say, closing a string a straight quote
        // opened) is the likely cause all the same: name that one.
        if let offset = (0..<bytes.count).first(where: { bytes[$0] >= 0xC2 && curlyQuote(at: $0) != nil }) {
            let (line, column) = position(offset)
            return .curlyQuote(line: line, column: column, quote: curlyQuote(at: offset)!)
        }
        return .syntax(line: line, column: column, expected: expected)
    }

    /// The typographic quote starting at `offset`, named with its code point.
    private func curlyQuote(at offset: Int) -> String? {
        let quotes: [(bytes: [UInt8], name: String)] = [
            ([0xE2, 0x80, 0x9C], "“ (U+201C)"), ([0xE2, 0x80, 0x9D], "” (U+201D)"), ([0xE2, 0x80, 0x98], "‘ (U+2018)"),
            ([0xE2, 0x80, 0x99], "’ (U+2019)"), ([0xE2, 0x80, 0x9E], "„ (U+201E)"), ([0xC2, 0xAB], "« (U+00AB)"), ([0xC2, 0xBB], "» (U+00BB)"),
        ]
        return quotes.first { offset + $0.bytes.count <= bytes.count && Array(bytes[offset..<offset + $0.bytes.count]) == $0.bytes }?.name
    }

    private mutating func expect(_ literal: String, _ value: JSONValue) throws -> JSONValue {
        let chars = Array(literal.utf8)
        guard index + chars.count <= bytes.count, Array(bytes[index..<index + chars.count]) == chars else {
            throw syntax("a JSON value")
        }
        index += chars.count
        return value
    }

    private mutating func parseValue(depth: Int) throws -> JSONValue {
        guard let byte = peek else { throw syntax("a JSON value") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try expect("true", .bool(true))
        case UInt8(ascii: "f"): return try expect("false", .bool(false))
        case UInt8(ascii: "n"): return try expect("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw syntax("a JSON value")
        }
    }

    private mutating func parseObject(depth: Int) throws -> JSONValue {
        guard depth <= maxDepth else { throw JSONError.tooDeep(limit: maxDepth) }
        index += 1
        var members: [(key: String, value: JSONValue)] = []
        // Keys are compared as UTF-8 bytes: canonically equivalent keys
        // ("K" and KELVIN SIGN) are different keys to a server.
        var seen = Set<[UInt8]>()
        skipWhitespace()
        if peek == UInt8(ascii: "}") { index += 1; return .object(JSONObject(members)) }
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\"") else { throw syntax("a string key") }
            let key = try parseString()
            guard seen.insert(Array(key.utf8)).inserted else { throw JSONError.duplicateKey(key) }
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw syntax("':'") }
            index += 1
            skipWhitespace()
            members.append((key: key, value: try parseValue(depth: depth + 1)))
            skipWhitespace()
            if peek == UInt8(ascii: ",") { index += 1; continue }
            if peek == UInt8(ascii: "}") { index += 1; return .object(JSONObject(members)) }
            throw syntax("',' or '}'")
        }
    }

    private mutating func parseArray(depth: Int) throws -> JSONValue {
        guard depth <= maxDepth else { throw JSONError.tooDeep(limit: maxDepth) }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek == UInt8(ascii: "]") { index += 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            if peek == UInt8(ascii: ",") { index += 1; continue }
            if peek == UInt8(ascii: "]") { index += 1; return .array(elements) }
            throw syntax("',' or ']'")
        }
    }

    private mutating func parseNumber() throws -> JSONValue {
        let start = index
        func digits() -> Int {
            let from = index
            while let b = peek, b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") { index += 1 }
            return index - from
        }
        if peek == UInt8(ascii: "-") { index += 1 }
        if peek == UInt8(ascii: "0") {
            index += 1
        } else if digits() == 0 {
            throw syntax("a digit")
        }
        if peek == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw syntax("a digit after '.'") }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw syntax("a digit in the exponent") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw syntax("a number within range") }
        return .number(value)
    }

    private mutating func parseString() throws -> String {
        index += 1  // opening quote
        var scalars = String.UnicodeScalarView()
        var runStart = index
        func flushRun() throws {
            guard runStart < index else { return }
            guard let run = String(validating: bytes[runStart..<index], as: UTF8.self) else { throw JSONError.notUTF8 }
            scalars.append(contentsOf: run.unicodeScalars)
        }
        while true {
            guard let byte = peek else { throw syntax("'\"' to close the string") }
            if byte == UInt8(ascii: "\"") {
                try flushRun()
                index += 1
                return String(scalars)
            }
            if byte < 0x20 { throw syntax("no raw control character in a string (use an escape)") }
            if byte != UInt8(ascii: "\\") { index += 1; continue }
            try flushRun()
            let escapeStart = index
            index += 1
            guard let escaped = peek else { throw syntax("an escape character") }
            index += 1
            switch escaped {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0c}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                let unit = try parseHex4()
                if (0xd800..<0xdc00).contains(unit) {
                    guard peek == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                        let (line, column) = position(escapeStart)
                        throw JSONError.loneSurrogate(line: line, column: column)
                    }
                    index += 2
                    let low = try parseHex4()
                    guard (0xdc00..<0xe000).contains(low) else {
                        let (line, column) = position(escapeStart)
                        throw JSONError.loneSurrogate(line: line, column: column)
                    }
                    scalars.append(Unicode.Scalar(0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00))!)
                } else if (0xdc00..<0xe000).contains(unit) {
                    let (line, column) = position(escapeStart)
                    throw JSONError.loneSurrogate(line: line, column: column)
                } else {
                    scalars.append(Unicode.Scalar(unit)!)
                }
            default:
                index -= 1
                throw syntax("a valid escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)")
            }
            runStart = index
        }
    }

    private mutating func parseHex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw syntax("four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw syntax("four hex digits")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
