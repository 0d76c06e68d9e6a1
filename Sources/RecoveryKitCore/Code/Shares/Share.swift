/// One SLIP-0039 share: its parameters and its value, and its words.
///
/// Word layout (10 bits a word, big-endian): identifier (15 bits),
/// extendable flag (1), iteration exponent (4); group index, group
/// threshold − 1, group count − 1, member index, member threshold − 1
/// (4 bits each); the value left-padded with zero bits to a multiple of
/// 10; three RS1024 checksum words. A 20-byte value makes 23 words.
package struct Share: Sendable, Equatable {
    package var identifier: Int
    package var extendable: Bool
    package var iterationExponent: Int
    package var groupIndex: Int
    package var groupThreshold: Int
    package var groupCount: Int
    package var memberIndex: Int
    package var memberThreshold: Int
    package var value: [UInt8]

    package static let metadataWords = 7
    package static let minimumValueBits = 128
    /// The longest share rkit reads: of a 512-bit secret (SLIP-0039's
    /// largest BIP-32 seed), 59 words. Longer input is refused before the
    /// checksum search, whose cost grows with the square of the length.
    package static let maximumWords = 59

    package init(identifier: Int, extendable: Bool, iterationExponent: Int, groupIndex: Int, groupThreshold: Int,
                 groupCount: Int, memberIndex: Int, memberThreshold: Int, value: [UInt8]) {
        self.identifier = identifier
        self.extendable = extendable
        self.iterationExponent = iterationExponent
        self.groupIndex = groupIndex
        self.groupThreshold = groupThreshold
        self.groupCount = groupCount
        self.memberIndex = memberIndex
        self.memberThreshold = memberThreshold
        self.value = value
    }

    /// How many words a share of a `bytes`-byte secret has.
    package static func wordCount(secretBytes bytes: Int) -> Int { metadataWords + (bytes * 8 + 9) / 10 }

    /// The word indices (0–1023), checksum included.
    package var indices: [Int] {
        var bits = BitWriter()
        bits.append(identifier, bits: 15)
        bits.append(extendable ? 1 : 0, bits: 1)
        bits.append(iterationExponent, bits: 4)
        bits.append(groupIndex, bits: 4)
        bits.append(groupThreshold - 1, bits: 4)
        bits.append(groupCount - 1, bits: 4)
        bits.append(memberIndex, bits: 4)
        bits.append(memberThreshold - 1, bits: 4)
        let valueBits = value.count * 8
        bits.append(0, bits: (valueBits + 9) / 10 * 10 - valueBits)
        for byte in value { bits.append(Int(byte), bits: 8) }
        let data = bits.words
        return data + RS1024.checksum(data, extendable: extendable)
    }

    /// The words, as printed on a share paper.
    package var words: [String] { indices.map { ShareWordlist.words[$0] } }

    /// The first two words: the same on every share of one split.
    package var setWords: [String] { Array(words.prefix(2)) }

    /// Reads a share from word indices: length, checksum, padding and the
    /// parameters' own consistency. `share` (1-based) names it in errors.
    package init(indices: [Int], share: Int? = nil) throws {
        let minimum = Share.metadataWords + (Share.minimumValueBits + 9) / 10
        let padding = (10 * (indices.count - Share.metadataWords)) % 16
        guard indices.count >= minimum, indices.count <= Share.maximumWords, padding <= 8 else {
            throw ShareError.wrongWordCount(share: share, words: indices.count)
        }
        var reader = BitReader(words: indices)
        let identifier = reader.read(15), extendable = reader.read(1) == 1, exponent = reader.read(4)
        guard RS1024.isValid(indices, extendable: extendable) else {
            throw ShareError.checksum(share: share, likelyWord: RS1024.likelyErrorPosition(indices, extendable: extendable).map { $0 + 1 })
        }
        let groupIndex = reader.read(4), groupThreshold = reader.read(4) + 1, groupCount = reader.read(4) + 1
        let memberIndex = reader.read(4), memberThreshold = reader.read(4) + 1
        guard reader.read(padding) == 0 else { throw ShareError.padding(share: share) }
        let valueBytes = (10 * (indices.count - Share.metadataWords) - padding) / 8
        let value = (0..<valueBytes).map { _ in UInt8(reader.read(8)) }
        guard groupThreshold <= groupCount else { throw ShareError.groupThresholdAboveCount(share: share) }
        self.init(identifier: identifier, extendable: extendable, iterationExponent: exponent, groupIndex: groupIndex,
                  groupThreshold: groupThreshold, groupCount: groupCount, memberIndex: memberIndex,
                  memberThreshold: memberThreshold, value: value)
    }

    /// Reads a share as typed or written in a file: words separated by
    /// white space, any case, each whole or from its first 4 letters on;
    /// numbers ("1", "1.", "12)") between words are taken for the paper's
    /// numbering and skipped. Errors name the word by its position.
    package init(parsing text: String, share: Int? = nil) throws {
        try self.init(indices: try Share.indices(parsing: text, share: share), share: share)
    }

    /// The word indices of a typed or written share (see `init(parsing:)`).
    package static func indices(parsing text: String, share: Int? = nil) throws -> [Int] {
        var indices: [Int] = []
        var position = 0
        for token in text.split(whereSeparator: { $0.isWhitespace }) {
            if Share.isNumbering(token) { continue }
            position += 1
            guard let index = ShareWordlist.index(of: token.lowercased()) else {
                throw ShareError.unknownWord(share: share, position: position)
            }
            indices.append(index)
        }
        guard !indices.isEmpty else { throw ShareError.empty(share: share) }
        return indices
    }

    /// The word indices of a share given as UTF-8 bytes, read where they
    /// lie (no `String` copy of the words): the same rules as
    /// `indices(parsing:)`, and lines starting with `#` are comments (a
    /// share paper's text).
    package static func indices(parsingUTF8 input: UnsafeRawBufferPointer, share: Int? = nil) throws -> [Int] {
        var indices: [Int] = []
        var position = 0
        var word = [UInt8](repeating: 0, count: 16)
        defer { cleanse(&word) }
        var i = 0
        var lineStart = true
        func isBlank(_ b: UInt8) -> Bool { b == 0x20 || (0x09...0x0D).contains(b) }
        while i < input.count {
            let b = input[i]
            if b == 0x0A { lineStart = true; i += 1; continue }
            if isBlank(b) { i += 1; continue }
            if lineStart, b == UInt8(ascii: "#") {
                while i < input.count, input[i] != 0x0A { i += 1 }
                continue
            }
            lineStart = false
            let start = i
            while i < input.count, !isBlank(input[i]) { i += 1 }
            let token = UnsafeRawBufferPointer(rebasing: input[start..<i])
            // Paper numbering: digits, optionally followed by . ) or :
            var digits = token.count
            if let last = token.last, last == UInt8(ascii: ".") || last == UInt8(ascii: ")") || last == UInt8(ascii: ":") { digits -= 1 }
            if digits > 0, token.prefix(digits).allSatisfy({ (0x30...0x39).contains($0) }) { continue }
            position += 1
            guard token.count <= word.count, token.allSatisfy({ (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else {
                throw ShareError.unknownWord(share: share, position: position)
            }
            for (k, c) in token.enumerated() { word[k] = (0x41...0x5A).contains(c) ? c + 0x20 : c }
            let found = word.withUnsafeBytes { ShareWordlist.index(ofBytes: UnsafeRawBufferPointer(rebasing: $0[0..<token.count])) }
            guard let index = found else { throw ShareError.unknownWord(share: share, position: position) }
            indices.append(index)
        }
        guard !indices.isEmpty else { throw ShareError.empty(share: share) }
        return indices
    }

    static func isNumbering(_ token: Substring) -> Bool {
        var digits = token
        if let last = digits.last, ".):".contains(last) { digits = digits.dropLast() }
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }
}

/// Big-endian bits into 10-bit words.
struct BitWriter {
    private(set) var words: [Int] = []
    private var accumulator = 0, count = 0

    mutating func append(_ value: Int, bits: Int) {
        for shift in stride(from: bits - 1, through: 0, by: -1) {
            accumulator = accumulator << 1 | (value >> shift) & 1
            count += 1
            if count == 10 { words.append(accumulator); accumulator = 0; count = 0 }
        }
    }
}

/// Big-endian bits out of 10-bit words.
struct BitReader {
    let words: [Int]
    private var position = 0

    init(words: [Int]) { self.words = words }

    mutating func read(_ bits: Int) -> Int {
        var value = 0
        for _ in 0..<bits {
            let word = words[position / 10]
            value = value << 1 | (word >> (9 - position % 10)) & 1
            position += 1
        }
        return value
    }
}
