/// Carries a text across an air gap as several QR codes. Each part is
///
///     RK1/<index>/<count>/<checksum>/<payload>
///
/// `index` is 1-based, `count` the number of parts, `checksum` the first
/// 12 lower-case hex digits of SHA-256 of the whole text's UTF-8, and
/// `payload` the next slice of the text (split between characters, never
/// inside one). Every part names the whole, so parts can be scanned in any
/// order, and parts of two different texts are never mixed. The text must
/// be one line (rkit's JSON always is); a part is one line too.
public enum MultipartText {
    public static let tag = "RK1"
    public static let checksumLength = 12
    public static let maxParts = 999
    /// Payload bytes per part by default: with the header, a part fits a
    /// version-13 QR at level L (451 bytes, 69 modules), which a terminal
    /// 80 columns wide can show whole.
    public static let defaultPartBytes = 400

    public static func checksum(_ text: String) -> String {
        String(Hex.encode(SHA256Digest.hash(utf8: text)).prefix(checksumLength))
    }

    public static func split(_ text: String, partBytes: Int = defaultPartBytes) throws -> [String] {
        guard partBytes >= 16 else { throw RecoveryError.parts("a part must hold at least 16 bytes") }
        guard !text.isEmpty else { throw RecoveryError.parts("there is nothing to split") }
        guard !text.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            throw RecoveryError.parts("the text spans several lines; write it as one line (compact JSON) first")
        }
        var chunks: [String] = []
        var current = String.UnicodeScalarView()
        var currentBytes = 0
        for scalar in text.unicodeScalars {
            let size = String(scalar).utf8.count
            if currentBytes + size > partBytes {
                chunks.append(String(current))
                current = String.UnicodeScalarView()
                currentBytes = 0
            }
            current.append(scalar)
            currentBytes += size
        }
        if !current.isEmpty { chunks.append(String(current)) }
        guard chunks.count <= maxParts else {
            throw RecoveryError.parts("the text needs \(chunks.count) parts; at most \(maxParts) are allowed")
        }
        let sum = checksum(text)
        return chunks.enumerated().map { "\(tag)/\($0.offset + 1)/\(chunks.count)/\(sum)/\($0.element)" }
    }

    /// Whether `text` (one input, trimmed) is made of parts rather than the
    /// document itself.
    public static func looksLikeParts(_ text: String) -> Bool {
        let trimmed = text.drop(while: { $0.isWhitespace })
        return trimmed.hasPrefix(tag + "/") || trimmed.hasPrefix("QR-Code:" + tag + "/")
    }

    /// The parts in `text`: one per non-empty line. A `QR-Code:` prefix
    /// (zbarimg's output without --raw) is accepted.
    public static func parts(in text: String) -> [String] {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).map { line in
            var part = String(line)
            if part.hasPrefix("QR-Code:") { part.removeFirst("QR-Code:".count) }
            return part
        }.filter { !$0.allSatisfy(\.isWhitespace) }
    }

    struct Header: Equatable {
        let index: Int
        let count: Int
        let checksum: String
    }

    static func parse(_ part: String) throws -> (header: Header, payload: Substring) {
        // Split on scalars, not Characters: a payload may begin with a
        // combining mark, which would fuse with the "/" before it into one
        // Character and hide that separator.
        let fields = part.unicodeScalars.split(separator: "/", maxSplits: 4, omittingEmptySubsequences: false).map(Substring.init)
        let shown = RecoveryError.short(String(part.prefix(40)))
        guard fields.count == 5, fields[0] == tag else {
            throw RecoveryError.parts("\"\(shown)\" is not a part (expected \(tag)/index/count/checksum/text)")
        }
        guard let index = Int(fields[1]), let count = Int(fields[2]), (1...maxParts).contains(count), (1...count).contains(index),
              fields[1].allSatisfy(\.isASCII), fields[2].allSatisfy(\.isASCII) else {
            throw RecoveryError.parts("\"\(shown)\" has an invalid index or count")
        }
        let sum = String(fields[3])
        guard sum.count == checksumLength, sum.allSatisfy({ "0123456789abcdef".contains($0) }) else {
            throw RecoveryError.parts("\"\(shown)\" has an invalid checksum field")
        }
        guard !fields[4].isEmpty else { throw RecoveryError.parts("part \(index) of \(count) is empty") }
        return (Header(index: index, count: count, checksum: sum), fields[4])
    }

    /// Reassembles parts given in any order. Repeated identical parts are
    /// fine (a part scanned twice); parts of different texts, missing
    /// parts, or a whole that does not match its checksum are refused.
    public static func join(_ parts: [String]) throws -> String {
        guard !parts.isEmpty else { throw RecoveryError.parts("no parts were given") }
        var first: Header? = nil
        var payloads: [Int: Substring] = [:]
        for part in parts {
            let (header, payload) = try parse(part)
            if let first {
                guard header.count == first.count, header.checksum == first.checksum else {
                    throw RecoveryError.parts("parts of different texts are mixed (checksum \(first.checksum), \(first.count) parts vs. checksum \(header.checksum), \(header.count) parts); give the parts of one text only")
                }
            } else {
                first = header
            }
            if let existing = payloads[header.index], existing != payload {
                throw RecoveryError.parts("part \(header.index) of \(header.count) was given twice with different contents")
            }
            payloads[header.index] = payload
        }
        let header = first!
        let missing = (1...header.count).filter { payloads[$0] == nil }
        guard missing.isEmpty else {
            let list = missing.prefix(20).map(String.init).joined(separator: ", ") + (missing.count > 20 ? ", ..." : "")
            throw RecoveryError.parts("missing part\(missing.count == 1 ? "" : "s") \(list) of \(header.count); scan \(missing.count == 1 ? "it" : "them") too")
        }
        let text = (1...header.count).map { String(payloads[$0]!) }.joined()
        guard checksum(text) == header.checksum else {
            throw RecoveryError.parts("the reassembled text does not match its checksum \(header.checksum); a part was misread, scan the parts again")
        }
        return text
    }
}
