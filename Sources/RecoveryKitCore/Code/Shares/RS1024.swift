/// SLIP-0039's share checksum: a Reed-Solomon code over GF(1024) whose
/// last three words detect any error in up to three words. The
/// customization string (fed before the data, one value per ASCII byte)
/// is "shamir" for shares without the extendable flag and
/// "shamir_extendable" for shares with it.
package enum RS1024 {
    package static let checksumWords = 3

    static let generator: [UInt32] = [
        0xE0E040, 0x1C1C080, 0x3838100, 0x7070200, 0xE0E0009,
        0x1C0C2412, 0x38086C24, 0x3090FC48, 0x21B1F890, 0x3F3F120,
    ]

    package static func customization(extendable: Bool) -> [Int] {
        Array((extendable ? "shamir_extendable" : "shamir").utf8).map(Int.init)
    }

    static func polymod(_ values: [Int]) -> UInt32 {
        var check: UInt32 = 1
        for value in values {
            let top = check >> 20
            check = (check & 0xFFFFF) << 10 ^ UInt32(value)
            for bit in 0..<10 where (top >> UInt32(bit)) & 1 == 1 { check ^= generator[bit] }
        }
        return check
    }

    /// The three checksum words of `data` (10-bit values).
    package static func checksum(_ data: [Int], extendable: Bool) -> [Int] {
        let value = polymod(customization(extendable: extendable) + data + [0, 0, 0]) ^ 1
        return (0..<checksumWords).reversed().map { Int((value >> UInt32(10 * $0)) & 1023) }
    }

    /// Whether `words` (data followed by its three checksum words) is valid.
    package static func isValid(_ words: [Int], extendable: Bool) -> Bool {
        polymod(customization(extendable: extendable) + words) == 1
    }

    /// Where a single mistyped word would explain a failed checksum: the
    /// one position (0-based) at which some other word makes the checksum
    /// valid, or nil when none or several do. SLIP-0039 allows naming the
    /// place of an error, never suggesting the word: the word found is not
    /// returned.
    package static func likelyErrorPosition(_ words: [Int], extendable: Bool) -> Int? {
        var found: Int?
        var candidate = words
        for position in words.indices {
            for replacement in 0..<1024 where replacement != words[position] {
                candidate[position] = replacement
                if isValid(candidate, extendable: extendable) {
                    if found != nil { return nil }
                    found = position
                    break
                }
            }
            candidate[position] = words[position]
        }
        return found
    }
}
