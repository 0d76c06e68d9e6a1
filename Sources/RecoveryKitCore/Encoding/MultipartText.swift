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

    /// Splits one line of text into parts of at most `partBytes` UTF-8
    /// bytes of payload each (whole scalars), each carrying index, count and
    /// the checksum of the whole.
    public static func split(_ text: String, partBytes: Int = defaultPartBytes) throws -> [String] {
        guard partBytes >= 16 else { throw MultipartError.partTooSmall(minimum: 16) }
        guard !text.isEmpty else { throw MultipartError.nothingToSplit }
        guard !text.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            throw MultipartError.severalLines
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
            throw MultipartError.tooManyParts(needed: chunks.count, allowed: maxParts)
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
            throw MultipartError.notAPart(shown: shown)
        }
        guard let index = Int(fields[1]), let count = Int(fields[2]), (1...maxParts).contains(count), (1...count).contains(index),
              fields[1].allSatisfy(\.isASCII), fields[2].allSatisfy(\.isASCII) else {
            throw MultipartError.invalidIndexOrCount(shown: shown)
        }
        let sum = String(fields[3])
        guard sum.count == checksumLength, sum.allSatisfy({ "0123456789abcdef".contains($0) }) else {
            throw MultipartError.invalidChecksumField(shown: shown)
        }
        guard !fields[4].isEmpty else { throw MultipartError.emptyPart(index: index, count: count) }
        return (Header(index: index, count: count, checksum: sum), fields[4])
    }

    /// Reassembles parts given in any order. Repeated identical parts are
    /// fine (a part scanned twice); parts of different texts, missing
    /// parts, or a whole that does not match its checksum are refused.
    public static func join(_ parts: [String]) throws -> String {
        guard !parts.isEmpty else { throw MultipartError.noParts }
        var first: Header? = nil
        var payloads: [Int: Substring] = [:]
        for part in parts {
            let (header, payload) = try parse(part)
            if let first {
                guard header.count == first.count, header.checksum == first.checksum else {
                    throw MultipartError.mixed(checksum: first.checksum, count: first.count, otherChecksum: header.checksum, otherCount: header.count)
                }
            } else {
                first = header
            }
            if let existing = payloads[header.index], existing != payload {
                throw MultipartError.givenTwice(index: header.index, count: header.count)
            }
            payloads[header.index] = payload
        }
        let header = first!
        let missing = (1...header.count).filter { payloads[$0] == nil }
        guard missing.isEmpty else {
            throw MultipartError.missing(missing, count: header.count)
        }
        let text = (1...header.count).map { String(payloads[$0]!) }.joined()
        guard checksum(text) == header.checksum else {
            throw MultipartError.checksumMismatch(checksum: header.checksum)
        }
        return text
    }
}
