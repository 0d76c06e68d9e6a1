/// The recovery code printed on a kit (REFERENCE §1): `D1-` then 32
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

    private init(password: SecretBytes) { self.password = password }

    /// Reads what a person typed: case-insensitive, `D1` prefix optional,
    /// groups separated by `-` or spaces or not at all, and each group may
    /// carry its printed check letter (then it is verified).
    public init(parsing input: String) throws {
        // Symbols with their 1-based position in the input, for messages.
        var symbols: [(char: Character, position: Int)] = []
        for (offset, scalar) in input.unicodeScalars.enumerated() {
            let upper = scalar.isASCII ? Character(scalar).uppercased().first! : Character(scalar)
            symbols.append((upper, offset + 1))
        }
        // Separators: ASCII spaces/tabs, and at most one dash between two
        // groups. Anything else (a no-break space, a doubled or trailing
        // dash) is an error rather than a guess.
        func isBlank(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\r" || c == "\n" }
        func isSeparator(_ c: Character) -> Bool { c == "-" || isBlank(c) }
        while let first = symbols.first, isBlank(first.char) { symbols.removeFirst() }
        while let last = symbols.last, isBlank(last.char) { symbols.removeLast() }
        guard !symbols.isEmpty else { throw CodeError.empty }
        if symbols.count >= 2, symbols[0].char == "D", symbols[1].char == "1" {
            symbols.removeFirst(2)
            var dashes = 0
            while let first = symbols.first, isSeparator(first.char), dashes + (first.char == "-" ? 1 : 0) <= 1 {
                if first.char == "-" { dashes += 1 }
                symbols.removeFirst()
            }
        }
        for symbol in symbols where !isSeparator(symbol.char) && RecoveryCode.symbolValue(symbol.char) == nil {
            throw CodeError.forbiddenCharacter(symbol.char, position: symbol.position)
        }
        var tokens: [String] = [""]
        var index = 0
        while index < symbols.count {
            guard isSeparator(symbols[index].char) else {
                tokens[tokens.count - 1].append(symbols[index].char)
                index += 1
                continue
            }
            var dashes = 0
            while index < symbols.count, isSeparator(symbols[index].char) {
                if symbols[index].char == "-" { dashes += 1 }
                index += 1
            }
            if dashes > 1 { tokens.append("") }  // "--" leaves an empty group
            tokens.append("")
        }
        if let empty = tokens.firstIndex(where: \.isEmpty) {
            guard tokens.count == RecoveryCode.groupLengths.count else { throw CodeError.wrongGroupCount(tokens.count) }
            throw CodeError.wrongGroupLength(group: empty + 1, length: 0)
        }
        var groups: [(text: Substring, check: Character?)] = []
        if tokens.count == 1 {
            let run = tokens[0]
            let withChecks = run.count == RecoveryCode.symbolCount + RecoveryCode.groupLengths.count
            guard run.count == RecoveryCode.symbolCount || withChecks else { throw CodeError.wrongLength(symbols: run.count) }
            var index = run.startIndex
            for length in RecoveryCode.groupLengths {
                let end = run.index(index, offsetBy: length)
                groups.append((run[index..<end], withChecks ? run[end] : nil))
                index = withChecks ? run.index(after: end) : end
            }
        } else {
            guard tokens.count == RecoveryCode.groupLengths.count else { throw CodeError.wrongGroupCount(tokens.count) }
            for (g, token) in tokens.enumerated() {
                let length = RecoveryCode.groupLengths[g]
                switch token.count {
                case length: groups.append((token[...], nil))
                case length + 1: groups.append((token.dropLast(), token.last))
                default: throw CodeError.wrongGroupLength(group: g + 1, length: token.count)
                }
            }
        }
        for (g, group) in groups.enumerated() {
            if let check = group.check, CheckCharacter.character(group: g + 1, text: group.text) != check {
                throw CodeError.checkMismatch(group: g + 1)
            }
        }
        var text = Array((RecoveryCode.prefix + groups.map { String($0.text) }.joined(separator: "-")).utf8)
        password = SecretBytes(consuming: &text)
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
