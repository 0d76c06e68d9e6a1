/// BBQr (Coinkite's "Better Bitcoin QR", public domain): a file carried as
/// a series of QR codes ("frames") read in any order. Each frame is text in
/// a QR code's alphanumeric set:
///
///     B$ <encoding> <file type> <total: 2 base-36 digits> <index: 2 base-36 digits> <data>
///
/// `index` counts from 0 (people are shown it counting from 1). Encodings:
/// `H` upper-case hex, `2` Base32 (RFC 4648, no padding), `Z` the whole file
/// raw-deflated (window bits 10) then Base32. Every frame but the last holds
/// the same number of characters, each decoding to whole bytes. BBQr has no
/// checksum: a tool shows the file's SHA-256 beside the frames instead.
package enum BBQr {
    package static let prefix = "B$"
    package static let headerLength = 8
    /// `ZZ` in base 36.
    package static let maxFrames = 1295
    /// The most bytes a joined file may have (what any rkit input reads at
    /// most): `Z` frames that would expand beyond it are refused.
    package static let maxFileBytes = 4 << 20

    package enum Encoding: UInt8, Sendable {
        case hex = 0x48      // "H"
        case base32 = 0x32   // "2"
        case zlib = 0x5A     // "Z"
    }

    /// The file types BBQr defines (others are reserved).
    package enum FileType: UInt8, Sendable, CaseIterable {
        case psbt = 0x50         // "P"
        case transaction = 0x54  // "T"
        case json = 0x4A         // "J"
        case cbor = 0x43         // "C"
        case text = 0x55         // "U"
        case binary = 0x42       // "B"
        case executable = 0x58   // "X"

        package var letter: String { String(UnicodeScalar(rawValue)) }
    }

    /// What a frame says about itself.
    struct Header: Equatable {
        var encoding: Encoding
        var fileType: FileType
        var total: Int
        /// From 0.
        var index: Int
        /// The first six characters: the same in every frame of one file.
        var series: String
    }

    /// Whether `text` (one scanned code) starts as a BBQr frame.
    package static func looksLikeFrame<S: StringProtocol>(_ text: S) -> Bool { text.hasPrefix(prefix) }

    /// `J` for a JSON document, `U` for other UTF-8 text, `B` for anything else.
    package static func fileType(of bytes: [UInt8]) -> FileType {
        guard String(validating: bytes, as: UTF8.self) != nil else { return .binary }
        return (try? JSONParser.parse(bytes)) != nil ? .json : .text
    }

    /// The file as frame data: `Z` when deflate makes it shorter, else `2`.
    package static func encode(_ bytes: [UInt8]) -> (encoding: Encoding, characters: [UInt8]) {
        if let compressed = RawDeflate.compress(bytes), compressed.count < bytes.count {
            return (.zlib, Array(Base32.encode(compressed).utf8))
        }
        return (.base32, Array(Base32.encode(bytes).utf8))
    }

    /// Data characters per frame in a QR code holding `capacity`
    /// alphanumeric characters: the header's 8 taken away, rounded down to a
    /// multiple of 8 (8 Base32 characters are 5 whole bytes). Nil when less
    /// than 8 remain.
    package static func dataCharacters(inCapacity capacity: Int) -> Int? {
        let characters = (capacity - headerLength) / 8 * 8
        return characters >= 8 ? characters : nil
    }

    /// The frames of `bytes`, each with at most `perFrame` data characters
    /// (a multiple of 8). The characters are shared out evenly: as few
    /// frames as `perFrame` allows, the last one not a runt.
    package static func split(bytes: [UInt8], fileType: FileType? = nil, perFrame: Int) throws(MultipartError) -> [String] {
        guard !bytes.isEmpty else { throw .nothingToSplit }
        guard perFrame >= 8 else { throw .partTooSmall(minimum: 5) }
        let (encoding, characters) = encode(bytes)
        let perFrame = perFrame / 8 * 8
        let count = (characters.count + perFrame - 1) / perFrame
        guard count <= maxFrames else { throw .tooManyParts(needed: count, allowed: maxFrames) }
        let even = ((characters.count + count - 1) / count + 7) / 8 * 8
        let head = prefix + String(UnicodeScalar(encoding.rawValue)) + (fileType ?? self.fileType(of: bytes)).letter + base36(count)
        return (0..<count).map { index in
            let slice = characters[min(characters.count, index * even)..<min(characters.count, (index + 1) * even)]
            return head + base36(index) + String(decoding: slice, as: UTF8.self)
        }
    }

    /// Two base-36 digits, upper case (`00` to `ZZ`).
    static func base36(_ value: Int) -> String {
        let digits = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return String([digits[value / 36], digits[value % 36]])
    }

    static func base36Value(_ characters: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for character in characters {
            let digit: Int
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = Int(character - UInt8(ascii: "0"))
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): digit = Int(character - UInt8(ascii: "A")) + 10
            default: return nil
            }
            value = value * 36 + digit
        }
        return value
    }

    static func parseHeader(_ frame: [UInt8], shown: String) throws(MultipartError) -> Header {
        guard frame.count >= headerLength, frame.starts(with: Array(prefix.utf8)) else { throw .notAPart(shown: shown) }
        guard let encoding = Encoding(rawValue: frame[2]), let fileType = FileType(rawValue: frame[3]) else {
            throw .unsupportedFrame(shown: shown)
        }
        guard let total = base36Value(frame[4..<6]), let index = base36Value(frame[6..<8]), total >= 1, index < total else {
            throw .invalidIndexOrCount(shown: shown)
        }
        return Header(encoding: encoding, fileType: fileType, total: total, index: index,
                      series: String(decoding: frame[0..<6], as: UTF8.self))
    }

    /// The file from its frames, given in any order; a frame seen twice is
    /// fine. Refused, naming the frame (counted from 1): a frame of another
    /// series (other total, encoding or file type), two different frames
    /// with one number, missing frames, a frame whose data is damaged, and
    /// `Z` data that does not inflate or would exceed `maxFileBytes`.
    package static func join(_ frames: [String]) throws(MultipartError) -> (fileType: FileType, bytes: [UInt8]) {
        guard !frames.isEmpty else { throw .noParts }
        var first: Header? = nil
        var data: [Int: [UInt8]] = [:]
        for text in frames {
            // Spaces or a CR around a copied line are not data.
            let frame = Array(text.utf8.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }.reversed())
            let shown = RecoveryError.short(String(text.prefix(40)))
            let header = try parseHeader(frame, shown: shown)
            if let first {
                guard header.series == first.series else {
                    throw .frameOfAnotherFile(frame: header.index + 1, count: header.total, series: header.series, expected: first.series)
                }
            } else {
                first = header
            }
            let payload = Array(frame[headerLength...])
            if let seen = data[header.index], seen != payload {
                throw .frameGivenTwice(frame: header.index + 1, count: header.total)
            }
            data[header.index] = payload
        }
        let header = first!
        let missing = (0..<header.total).filter { data[$0] == nil }.map { $0 + 1 }
        guard missing.isEmpty else { throw .missingFrames(missing, count: header.total) }
        // Every frame but the last is as long as the others.
        if header.total > 2 {
            let lengths = (0..<header.total - 1).map { data[$0]!.count }
            let usual = Dictionary(grouping: lengths, by: { $0 }).max { $0.value.count < $1.value.count }!.key
            if let odd = lengths.firstIndex(where: { $0 != usual }) {
                throw .damagedFrame(frame: odd + 1, count: header.total)
            }
        }
        if header.total >= 2, data[header.total - 1]!.count > data[0]!.count {
            throw .damagedFrame(frame: header.total, count: header.total)
        }
        var bytes: [UInt8] = []
        var ends: [Int] = []  // where each frame's bytes end
        for index in 0..<header.total {
            guard let decoded = decode(data[index]!, header.encoding) else {
                throw .damagedFrame(frame: index + 1, count: header.total)
            }
            bytes += decoded
            ends.append(bytes.count)
            if bytes.count > maxFileBytes { throw .tooLarge(limit: maxFileBytes) }
        }
        guard header.encoding == .zlib else { return (header.fileType, bytes) }
        switch RawDeflate.inflate(bytes, limit: maxFileBytes) {
        case let .success(inflated):
            return (header.fileType, inflated)
        case let .failure(.tooLarge(limit)):
            throw .tooLarge(limit: limit)
        case let .failure(.damaged(at)):
            let frame = (ends.firstIndex { at < $0 } ?? header.total - 1) + 1
            throw .doesNotInflate(frame: frame, count: header.total)
        }
    }

    /// How many distinct frames of the first frame's series `frames` hold,
    /// and its total; nil before the first BBQr frame. Lets a reader stop
    /// as soon as a camera has seen every frame.
    package static func progress(_ frames: [String]) -> (seen: Int, total: Int)? {
        var series: String? = nil, total = 0
        var seen = Set<Int>()
        for text in frames {
            let frame = Array(text.utf8.drop { $0 == 0x20 || $0 == 0x09 })
            guard let header = try? parseHeader(frame, shown: "") else { continue }
            if series == nil { series = header.series; total = header.total }
            if header.series == series { seen.insert(header.index) }
        }
        return series == nil ? nil : (seen.count, total)
    }

    static func decode(_ data: [UInt8], _ encoding: Encoding) -> [UInt8]? {
        switch encoding {
        case .base32, .zlib:
            return Base32.decode(data)
        case .hex:
            guard data.count % 2 == 0 else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(data.count / 2)
            var index = 0
            while index < data.count {
                guard let high = hexValue(data[index]), let low = hexValue(data[index + 1]) else { return nil }
                out.append(high << 4 | low)
                index += 2
            }
            return out
        }
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
