/// Carries a file across an air gap as several QR codes. Each part is one
/// line of ASCII:
///
///     RK2/<index>/<count>/<checksum>/<payload>
///
/// `index` is 1-based, `count` the number of parts, `checksum` the first
/// 12 lower-case hex digits of SHA-256 of the whole file's bytes, and
/// `payload` base64url (no padding) of the part's slice of those bytes.
/// So any file crosses byte for byte (a multi-line PEM key, JSON with its
/// own whitespace, binary), and every decoder reads the parts alike (ASCII:
/// no charset guessing). Every part names the whole, so parts can be
/// scanned in any order and parts of two files are never mixed.
///
/// Version 1 parts (`RK1/…/<text>`: the payload a slice of one line of
/// UTF-8 text, the checksum over that text) are still read.
package enum MultipartText {
    package static let tag = "RK2"
    /// The text-payload form written by rkit before RK2; read, never written.
    package static let textTag = "RK1"
    package static let checksumLength = 12
    package static let maxParts = 999
    /// File bytes per part by default: base64url makes 400 characters of
    /// them, and with the header a part fits a version-13 QR at level L
    /// (425 bytes). Terminals size their parts with `partBytes(fitting:)`.
    package static let defaultPartBytes = 300
    /// The longest header: `RK2/999/999/<12 hex>/`.
    package static let maxHeaderLength = tag.count + 1 + 3 + 1 + 3 + 1 + checksumLength + 1

    package static func checksum(_ bytes: [UInt8]) -> String {
        String(Hex.encode(SHA256Digest.hash(bytes)).prefix(checksumLength))
    }

    package static func checksum(_ text: String) -> String { checksum(Array(text.utf8)) }

    /// The most file bytes per part whose part (header and base64url
    /// payload) fits in `capacity` bytes of QR payload; nil if none does.
    package static func partBytes(fitting capacity: Int) -> Int? {
        let characters = capacity - maxHeaderLength
        // n bytes make ceil(4n/3) base64url characters.
        let bytes = characters * 3 / 4
        return bytes >= 1 ? bytes : nil
    }

    /// Splits the bytes of a file into parts of at most `partBytes` bytes
    /// each, each carrying index, count and the checksum of the whole.
    package static func split(bytes: [UInt8], partBytes: Int = defaultPartBytes) throws(MultipartError) -> [String] {
        guard partBytes >= 1 else { throw .partTooSmall(minimum: 1) }
        guard !bytes.isEmpty else { throw .nothingToSplit }
        let count = (bytes.count + partBytes - 1) / partBytes
        guard count <= maxParts else { throw .tooManyParts(needed: count, allowed: maxParts) }
        let sum = checksum(bytes)
        return (0..<count).map { index in
            let slice = Array(bytes[index * partBytes..<min(bytes.count, (index + 1) * partBytes)])
            return "\(tag)/\(index + 1)/\(count)/\(sum)/\(Base64URL.encode(slice))"
        }
    }

    /// Splits text (its UTF-8 bytes, newlines and all).
    package static func split(_ text: String, partBytes: Int = defaultPartBytes) throws(MultipartError) -> [String] {
        try split(bytes: Array(text.utf8), partBytes: partBytes)
    }

    /// Whether `text` (one input, trimmed) is made of parts rather than the
    /// document itself.
    package static func looksLikeParts(_ text: String) -> Bool {
        let trimmed = text.drop(while: { $0.isWhitespace })
        return [tag, textTag].contains { trimmed.hasPrefix($0 + "/") || trimmed.hasPrefix("QR-Code:" + $0 + "/") }
    }

    /// The parts in `text`: one per non-empty line. A `QR-Code:` prefix
    /// (zbarimg's output without --raw) is accepted.
    package static func parts(in text: String) -> [String] {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).map { line in
            var part = String(line)
            if part.hasPrefix("QR-Code:") { part.removeFirst("QR-Code:".count) }
            return part
        }.filter { !$0.allSatisfy(\.isWhitespace) }
    }

    struct Header: Equatable {
        let tag: String
        let index: Int
        let count: Int
        let checksum: String
    }

    static func parse(_ part: String) throws(MultipartError) -> (header: Header, payload: [UInt8]) {
        // Split on scalars, not Characters: an RK1 payload may begin with a
        // combining mark, which would fuse with the "/" before it into one
        // Character and hide that separator.
        let fields = part.unicodeScalars.split(separator: "/", maxSplits: 4, omittingEmptySubsequences: false).map(Substring.init)
        let shown = RecoveryError.short(String(part.prefix(40)))
        guard fields.count == 5, fields[0] == tag || fields[0] == textTag else {
            throw .notAPart(shown: shown)
        }
        guard let index = Int(fields[1]), let count = Int(fields[2]), (1...maxParts).contains(count), (1...count).contains(index),
              fields[1].allSatisfy(\.isASCII), fields[2].allSatisfy(\.isASCII) else {
            throw .invalidIndexOrCount(shown: shown)
        }
        let sum = String(fields[3])
        guard sum.count == checksumLength, sum.allSatisfy({ "0123456789abcdef".contains($0) }) else {
            throw .invalidChecksumField(shown: shown)
        }
        guard !fields[4].isEmpty else { throw .emptyPart(index: index, count: count) }
        let payload: [UInt8]
        if fields[0] == tag {
            // Trailing spaces or a CR from a copied line are not data.
            let text = String(String.UnicodeScalarView(fields[4].unicodeScalars.filter { $0 != " " && $0 != "\t" && $0 != "\r" }))
            guard let decoded = try? Base64URL.decode(text) else { throw .invalidPayload(index: index, count: count) }
            payload = decoded
        } else {
            payload = Array(fields[4].utf8)
        }
        return (Header(tag: String(fields[0]), index: index, count: count, checksum: sum), payload)
    }

    /// Reassembles the file's bytes from parts given in any order. Repeated
    /// identical parts are fine (a part scanned twice); parts of different
    /// files, missing parts, or a whole that does not match its checksum
    /// are refused.
    package static func joinBytes(_ parts: [String]) throws(MultipartError) -> [UInt8] {
        guard !parts.isEmpty else { throw .noParts }
        var first: Header? = nil
        var payloads: [Int: [UInt8]] = [:]
        for part in parts {
            let (header, payload) = try parse(part)
            if let first {
                guard header.tag == first.tag, header.count == first.count, header.checksum == first.checksum else {
                    throw .mixed(checksum: first.checksum, count: first.count, otherChecksum: header.checksum, otherCount: header.count)
                }
            } else {
                first = header
            }
            if let existing = payloads[header.index], existing != payload {
                throw .givenTwice(index: header.index, count: header.count)
            }
            payloads[header.index] = payload
        }
        let header = first!
        let missing = (1...header.count).filter { payloads[$0] == nil }
        guard missing.isEmpty else { throw .missing(missing, count: header.count) }
        let bytes = (1...header.count).flatMap { payloads[$0]! }
        guard checksum(bytes) == header.checksum else { throw .checksumMismatch(checksum: header.checksum) }
        return bytes
    }

    /// Reassembles parts of a text (UTF-8), e.g. a challenge to parse.
    package static func join(_ parts: [String]) throws(MultipartError) -> String {
        let bytes = try joinBytes(parts)
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .notText }
        return text
    }
}
