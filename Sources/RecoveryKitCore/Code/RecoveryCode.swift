/// The recovery code printed on a kit (docs/SCHEME.md §1): `D1-` then 32
/// symbols of a 32-letter alphabet grouped 6-5-5-5-5-6. Its canonical
/// UTF-8 text is the PBKDF2 password.
///
/// The value is a secret: its text lives in `SecretBytes` and
/// `description` is redacted, so it cannot reach a log by accident.
public struct RecoveryCode: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public static let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
    public static let groupLengths = [6, 5, 5, 5, 5, 6]
    public static let prefix = "D1-"
    public static let symbolCount = 32

    /// UTF-8 of the canonical form, e.g. `D1-9W32PF-6QFU8-8E72U-3QK8T-9QR8N-G5FG66`.
    public let password: SecretBytes

    public var description: String { "RecoveryCode(<redacted>)" }
    public var debugDescription: String { description }

    static func symbolValue(_ c: Character) -> Int? { alphabet.firstIndex(of: c) }

    /// 32 symbols, each from 5 uniformly random bits (160 bits in all).
    public static func generate(using random: some RandomSource = SystemRandom()) throws -> RecoveryCode {
        let draws = SecretBytes(zeroedCount: symbolCount)
        try draws.withUnsafeMutableBytes { try random.fill($0) }
        var text = Array(prefix.utf8)
        text.reserveCapacity(40)
        draws.withUnsafeBytes { bytes in
            var offset = 0
            for (g, length) in groupLengths.enumerated() {
                if g > 0 { text.append(UInt8(ascii: "-")) }
                for i in 0..<length { text.append(alphabet[Int(bytes[offset + i] & 31)].asciiValue!) }
                offset += length
            }
        }
        return RecoveryCode(password: SecretBytes(consuming: &text))
    }

    private init(password: SecretBytes, checkLettersTyped: Int = 0) {
        self.password = password
        self.checkLettersTyped = checkLettersTyped
    }

    /// What follows "the recovery code or the username is wrong", wherever
    /// the code came from (a terminal, --code-file, a codes file): the one
    /// wording (issue 19 finding 7). Without check letters, how they would
    /// have named a mistyped group; with them all verified, the code is as
    /// printed, so the mistake is elsewhere.
    public static func wrongCodeHint(checkLettersTyped: Int, groups: Int = 6) -> String {
        if checkLettersTyped == 0 {
            return " (a single mistyped symbol is enough: type the check letters too, in brackets after each group as the kit prints them, and rkit names the group)"
        }
        if checkLettersTyped == groups {
            return " (every group matches its check letter, so the code is as printed: check the username and that this is the kit the paper belongs to)"
        }
        return " (the groups typed with their check letters match them: check the others, or type every check letter)"
    }

    /// How many groups were typed with their check letter (each verified).
    /// Zero after a wrong code: the person may be told to type them.
    public let checkLettersTyped: Int

    /// The canonical length: `D1-` and six groups joined by `-`.
    public static let canonicalCount = prefix.utf8.count + symbolCount + groupLengths.count - 1

    /// Reads what a person typed: case-insensitive, `D1` prefix optional
    /// (`DI` taken for it, I is never a symbol; `DL` before a separator, for
    /// a lower-case l), groups separated by `-` or spaces or not at all, and
    /// each group may carry its printed check letter (then it is verified):
    /// joined to it, after a space, or in the brackets the kit prints. The
    /// rules are Vectors/README.md's (code.json).
    public init(parsing input: String) throws {
        var bytes = Array(input.utf8)
        defer { cleanse(&bytes) }
        self = try bytes.withUnsafeBytes { try RecoveryCode(parsingUTF8: $0) }
    }

    /// The same from UTF-8 bytes, parsed where they lie: no Swift `String`
    /// or array copy of the code is made; the canonical text is written
    /// straight into the code's `SecretBytes` (issue 13: copies in memory).
    public init(parsingUTF8 input: UnsafeRawBufferPointer) throws {
        // Tokens are ranges into `input`: positions, never the symbols.
        struct Token { var start: Int; var count: Int }
        // Whitespace is U+0009–U+000D and U+0020 (Vectors/README.md, code.json).
        func isBlank(_ b: UInt8) -> Bool { b == 0x20 || (0x09...0x0D).contains(b) }
        func isSeparator(_ b: UInt8) -> Bool { b == UInt8(ascii: "-") || b == UInt8(ascii: "[") || b == UInt8(ascii: "]") || isBlank(b) }
        func upper(_ b: UInt8) -> UInt8 { (0x61...0x7A).contains(b) ? b - 0x20 : b }
        func value(_ b: UInt8) -> Int? { RecoveryCode.symbolValues[Int(upper(b))] }

        var start = 0, end = input.count
        while start < end, isBlank(input[start]) { start += 1 }
        while end > start, isBlank(input[end - 1]) { end -= 1 }
        guard start < end else { throw CodeError.empty }
        // Scalar positions (1-based) for messages: count lead bytes.
        func position(of index: Int) -> Int {
            var n = 0
            for k in 0...index where input[k] & 0xC0 != 0x80 { n += 1 }
            return n
        }
        // The prefix: D1, or DI (I is never a symbol), or DL before a
        // separator ("dl-": a lower-case l typed for the 1).
        if end - start >= 2, upper(input[start]) == UInt8(ascii: "D") {
            let second = upper(input[start + 1])
            let followedBySeparator = end - start == 2 || isSeparator(input[start + 2])
            if second == UInt8(ascii: "1") || second == UInt8(ascii: "I") || (second == UInt8(ascii: "L") && followedBySeparator) {
                start += 2
                var dashes = 0
                while start < end, isBlank(input[start]) || (input[start] == UInt8(ascii: "-") && dashes == 0) {
                    if input[start] == UInt8(ascii: "-") { dashes += 1 }
                    start += 1
                }
            }
        }
        // Every other character must be a symbol or a separator.
        var index = start
        while index < end {
            let b = input[index]
            if !isSeparator(b), value(b) == nil {
                throw CodeError.forbiddenCharacter(RecoveryCode.character(in: input, at: index, upper: upper), position: position(of: index))
            }
            index += 1
        }
        // Runs of symbols. Brackets are separators like spaces; "--", or a
        // dash before the first or after the last run, leaves an empty group.
        var tokens: [Token] = []
        var dashes = 0
        index = start
        while index < end {
            if isSeparator(input[index]) {
                if input[index] == UInt8(ascii: "-") { dashes += 1 }
                index += 1
                continue
            }
            if tokens.isEmpty ? dashes > 0 : dashes > 1 { tokens.append(Token(start: index, count: 0)) }
            let tokenStart = index
            while index < end, !isSeparator(input[index]) { index += 1 }
            tokens.append(Token(start: tokenStart, count: index - tokenStart))
            dashes = 0
        }
        if dashes > 0 || tokens.isEmpty { tokens.append(Token(start: end, count: 0)) }
        // A one-symbol run after a group is that group's check letter (no
        // group has one symbol): "9W32PF X", "9W32PF [X]".
        var groups: [(group: Token, check: Int?)] = []
        for token in tokens {
            if token.count == 1, let last = groups.last, last.check == nil, last.group.count > 1 {
                groups[groups.count - 1].check = token.start
            } else {
                groups.append((token, nil))
            }
        }
        let lengths = RecoveryCode.groupLengths
        // Canonical groups as (start, count) into `input`, and the checks.
        var spans: [(start: Int, count: Int, check: Int?)] = []
        if groups.count == 1, groups[0].check == nil {
            let run = groups[0].group
            let withChecks = run.count == RecoveryCode.symbolCount + lengths.count
            guard run.count == RecoveryCode.symbolCount || withChecks else { throw CodeError.wrongLength(symbols: run.count) }
            var offset = run.start
            for length in lengths {
                spans.append((offset, length, withChecks ? offset + length : nil))
                offset += length + (withChecks ? 1 : 0)
            }
        } else {
            if let empty = groups.firstIndex(where: { $0.group.count == 0 }) {
                guard groups.count == lengths.count else { throw CodeError.wrongGroupCount(groups.count) }
                throw CodeError.wrongGroupLength(group: empty + 1, length: 0)
            }
            guard groups.count == lengths.count else { throw CodeError.wrongGroupCount(groups.count) }
            for (g, item) in groups.enumerated() {
                let length = lengths[g]
                switch (item.group.count, item.check) {
                case (length, let check): spans.append((item.group.start, length, check))
                case (length + 1, nil): spans.append((item.group.start, length, item.group.start + length))
                default:
                    throw CodeError.wrongGroupLength(group: g + 1, length: item.group.count + (item.check == nil ? 0 : 1))
                }
            }
        }
        for (g, span) in spans.enumerated() {
            guard let check = span.check else { continue }
            let expected = CheckCharacter.value(group: g + 1, count: span.count) { value(input[span.start + $0])! }
            if value(input[check]) != expected { throw CodeError.checkMismatch(group: g + 1) }
        }
        let text = SecretBytes(zeroedCount: RecoveryCode.canonicalCount)
        text.withUnsafeMutableBytes { out in
            var o = 0
            for b in RecoveryCode.prefix.utf8 { out[o] = b; o += 1 }
            for (g, span) in spans.enumerated() {
                if g > 0 { out[o] = UInt8(ascii: "-"); o += 1 }
                for k in 0..<span.count { out[o] = upper(input[span.start + k]); o += 1 }
            }
        }
        self.init(password: text, checkLettersTyped: spans.filter { $0.check != nil }.count)
    }

    /// Alphabet value by ASCII byte (upper case), nil for non-symbols.
    static let symbolValues: [Int?] = (0..<256).map { byte in
        alphabet.firstIndex(of: Character(Unicode.Scalar(UInt8(byte))))
    }

    /// The (refused, so not secret) character at `index`, for the message.
    static func character(in input: UnsafeRawBufferPointer, at index: Int, upper: (UInt8) -> UInt8) -> Character {
        let lead = input[index]
        if lead < 0x80 { return Character(Unicode.Scalar(upper(lead))) }
        var length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        length = min(length, input.count - index)
        let bytes = UnsafeRawBufferPointer(rebasing: input[index..<(index + length)])
        if let text = String(validating: bytes, as: UTF8.self), let first = text.first { return first }
        return Character(Unicode.Scalar(0xFFFD)!)
    }

    /// The canonical text. Only for putting the code where the person
    /// asked for it (the printed kit, `--code-out`, `--show-code`).
    public func revealCanonicalText() -> String {
        password.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// The six groups without the `D1-` prefix (for printing).
    public func revealGroups() -> [String] {
        revealCanonicalText().dropFirst(RecoveryCode.prefix.count).split(separator: "-").map(String.init)
    }

    /// The check letter of each group, printed beside it.
    public var checkCharacters: [Character] {
        revealGroups().enumerated().map { CheckCharacter.character(group: $0.offset + 1, text: $0.element[...]) }
    }
}
