/// The recovery code as a SLIP-0039 master secret (docs/SCHEME.md): its
/// 32 symbols, 5 bits each (the symbol's place in the alphabet), most
/// significant bit first, make 20 bytes; those are split with an empty
/// passphrase, iteration exponent 1 and the extendable flag set (as
/// SLIP-0039's GenerateShares and shamir-mnemonic's default do), and
/// combining gives the 20 bytes, so the code, back in its `D1-` form.
package enum RecoveryCodeShares {
    package static let secretBytes = 20
    package static let iterationExponent = 1
    package static let extendable = true

    /// The 20 bytes of a code.
    package static func secret(of code: RecoveryCode) -> SecretBytes {
        let out = SecretBytes(zeroedCount: secretBytes)
        code.password.withUnsafeBytes { text in
            out.withUnsafeMutableBytes { bytes in
                var accumulator = 0, bits = 0, o = 0
                for byte in text.dropFirst(RecoveryCode.prefix.utf8.count) where byte != UInt8(ascii: "-") {
                    accumulator = (accumulator << 5 | RecoveryCode.symbolValues[Int(byte)]!) & 0x1FFF
                    bits += 5
                    if bits >= 8 { bits -= 8; bytes[o] = UInt8((accumulator >> bits) & 0xFF); o += 1 }
                }
                accumulator = 0
            }
        }
        return out
    }

    /// The code of 20 bytes, in its canonical `D1-` form.
    package static func code(of secret: [UInt8]) throws -> RecoveryCode {
        guard secret.count == secretBytes else { throw ShareError.notARecoveryCode(bits: secret.count * 8) }
        var text = Array(RecoveryCode.prefix.utf8)
        var accumulator = 0, bits = 0, symbols = 0
        var groupEnds = Set<Int>()
        var end = 0
        for length in RecoveryCode.groupLengths.dropLast() { end += length; groupEnds.insert(end) }
        for byte in secret {
            accumulator = (accumulator << 8 | Int(byte)) & 0xFFF
            bits += 8
            while bits >= 5 {
                bits -= 5
                text.append(RecoveryCode.alphabet[(accumulator >> bits) & 31].asciiValue!)
                symbols += 1
                if groupEnds.contains(symbols) { text.append(UInt8(ascii: "-")) }
            }
        }
        accumulator = 0
        defer { cleanse(&text) }
        return try text.withUnsafeBytes { try RecoveryCode(parsingUTF8: $0) }
    }

    /// A share of a recovery code as typed or written: SLIP-0039's reading,
    /// then its length. A share of another secret length is not a recovery
    /// code's; a share with a word missing or added is named as such rather
    /// than by its checksum.
    package static func share(parsing text: String, share number: Int? = nil) throws -> Share {
        try share(indices: try Share.indices(parsing: text, share: number), share: number)
    }

    /// The same from UTF-8 bytes read where they lie (a typed line, a share
    /// file), `#` lines being comments.
    package static func share(parsingUTF8 bytes: UnsafeRawBufferPointer, share number: Int? = nil) throws -> Share {
        try share(indices: try Share.indices(parsingUTF8: bytes, share: number), share: number)
    }

    static func share(indices: [Int], share number: Int?) throws -> Share {
        let expected = Share.wordCount(secretBytes: secretBytes)
        let share: Share
        do { share = try Share(indices: indices, share: number) } catch ShareError.checksum(_, _) where indices.count != expected {
            throw ShareError.wrongWordCount(share: number, words: indices.count)
        }
        guard share.value.count == secretBytes else { throw ShareError.notARecoveryCode(bits: share.value.count * 8) }
        return share
    }

    /// The shares of `code` split by `plan`.
    package static func split(_ code: RecoveryCode, plan: SharePlan, random: some RandomSource = SystemRandom()) throws -> [[Share]] {
        var secret = secret(of: code).copyBytes()
        defer { cleanse(&secret) }
        return try ShareSplitter.split(secret: secret, plan: plan, extendable: extendable,
                                       iterationExponent: iterationExponent, random: random)
    }

    /// The state of the shares given so far, for asking for the next one:
    /// the first reason to refuse them (another set, a duplicate, not a
    /// recovery code), what is still missing, or nil when they suffice.
    package static func progress(_ shares: [Share]) -> ShareError? {
        do { try ShareCombiner.checkOneSet(shares) } catch let error as ShareError { return error } catch { return .noShares }
        if let first = shares.first, first.value.count != secretBytes { return .notARecoveryCode(bits: first.value.count * 8) }
        return ShareCombiner.missing(shares)
    }

    /// The code the `shares` hold. A set of another secret length is
    /// refused as not a recovery code once the shares agree among
    /// themselves, before anything is combined.
    package static func combine(_ shares: [Share]) throws -> RecoveryCode {
        try ShareCombiner.checkOneSet(shares)
        guard shares[0].value.count == secretBytes else { throw ShareError.notARecoveryCode(bits: shares[0].value.count * 8) }
        var secret = try ShareCombiner.combine(shares)
        defer { cleanse(&secret) }
        return try code(of: secret)
    }
}
