import RecoveryKitCore
import Testing

/// Typing the code (issue 11, "Typing the code"): the check letters the
/// text kit prints may be typed joined, after a space or in its brackets;
/// "DI-"/"dl-" stand for "D1-"; every earlier form still reads; the parser
/// works on bytes (`parsingUTF8`) and names what was typed with check letters.
@Suite struct RecoveryCodeTypingTests {
    static let canonical = "D1-9W32PF-6QFU8-8E72U-3QK8T-9QR8N-G5FG66"
    static let code = try! RecoveryCode(parsing: canonical)
    static var groups: [String] { code.revealGroups() }
    static var checks: [String] { code.checkCharacters.map(String.init) }

    func parsed(_ text: String) throws -> String { try RecoveryCode(parsing: text).revealCanonicalText() }

    @Test func checkLettersInTheFormsTheKitPrints() throws {
        let g = Self.groups, c = Self.checks
        // As KitText prints them: "9W32PF [X]   6QFU8 [Y]   …"
        let bracketed = zip(g, c).map { "\($0) [\($1)]" }.joined(separator: "   ")
        let spaced = zip(g, c).map { "\($0) \($1)" }.joined(separator: " ")
        let dashedSpaced = zip(g, c).map { "\($0) \($1)" }.joined(separator: "-")
        let joined = zip(g, c).map { $0 + $1 }.joined(separator: "-")
        for typed in [bracketed, "D1-" + bracketed, spaced, "d1 " + spaced.lowercased(), dashedSpaced, joined, "D1 " + joined,
                      zip(g, c).map { $0 + $1 }.joined()] {
            let code = try RecoveryCode(parsing: typed)
            #expect(code.revealCanonicalText() == Self.canonical, Comment(rawValue: typed))
            #expect(code.checkLettersTyped == 6, Comment(rawValue: typed))
        }
        // Some groups with, some without.
        let mixed = "\(g[0]) [\(c[0])] \(g[1]) \(g[2]) \(c[2]) \(g[3]) \(g[4]) \(g[5])"
        #expect(try RecoveryCode(parsing: mixed).checkLettersTyped == 2)
        #expect(try RecoveryCode(parsing: Self.canonical).checkLettersTyped == 0)
    }

    @Test func aWrongCheckLetterInBracketsNamesTheGroup() throws {
        let g = Self.groups, c = Self.checks
        var wrong = c
        wrong[3] = c[3] == "A" ? "B" : "A"
        let typed = zip(g, wrong).map { "\($0) [\($1)]" }.joined(separator: " ")
        #expect(throws: CodeError.checkMismatch(group: 4)) { try RecoveryCode(parsing: typed) }
        // A one-symbol typo in group 2 with its check letter typed.
        var typo = g
        typo[1] = String(typo[1].dropLast()) + (typo[1].last == "A" ? "B" : "A")
        #expect(throws: CodeError.checkMismatch(group: 2)) {
            try RecoveryCode(parsing: zip(typo, c).map { "\($0) [\($1)]" }.joined(separator: " "))
        }
    }

    @Test func prefixLookAlikes() throws {
        let rest = "9W32PF-6QFU8-8E72U-3QK8T-9QR8N-G5FG66"
        for prefix in ["DI-", "dI-", "Di-", "di-", "dl-", "Dl-", "DL-", "dL-", "DI ", "dl ", "DI", "di", "D1", "d1-"] {
            #expect(try parsed(prefix + rest) == Self.canonical, Comment(rawValue: prefix))
        }
        // "DL"/"dl" with no separator could begin group 1: not guessed.
        #expect(throws: CodeError.self) { try RecoveryCode(parsing: "DL9W32PF6QFU88E72U3QK8T9QR8NG5FG66") }
        #expect(throws: CodeError.self) { try RecoveryCode(parsing: "dl9W32PF-6QFU8-8E72U-3QK8T-9QR8N-G5FG66") }
    }

    @Test func earlierFormsAndErrorsUnchanged() throws {
        #expect(try parsed("d1 9w32pf 6qfu8 8e72u 3qk8t 9qr8n g5fg66") == Self.canonical)
        #expect(try parsed("9W32PF6QFU88E72U3QK8T9QR8NG5FG66") == Self.canonical)
        #expect(try parsed("  D1-9W32PF-6QFU8-8E72U-3QK8T-9QR8N-G5FG66\n") == Self.canonical)
        #expect(throws: CodeError.forbiddenCharacter("O", position: 5)) { try RecoveryCode(parsing: "D1-9O32PF-6QFU8-8E72U-3QK8T-9QR8N-G5FG66") }
        #expect(throws: CodeError.forbiddenCharacter("É", position: 5)) { try RecoveryCode(parsing: "D1-9É32PF-6QFU8-8E72U-3QK8T-9QR8N-G5FG66") }
        #expect(throws: CodeError.empty) { try RecoveryCode(parsing: "  \t") }
        #expect(throws: CodeError.wrongGroupCount(5)) { try RecoveryCode(parsing: "D1-9W32PF-6QFU8-8E72U-3QK8T-9QR8N") }
        #expect(throws: CodeError.wrongGroupLength(group: 3, length: 0)) { try RecoveryCode(parsing: "D1-9W32PF-6QFU8--8E72U-3QK8T-9QR8N") }
        #expect(throws: CodeError.wrongGroupLength(group: 2, length: 4)) { try RecoveryCode(parsing: "D1-9W32PF-6QFU-8E72U-3QK8T-9QR8N-G5FG66") }
        #expect(throws: CodeError.wrongLength(symbols: 31)) { try RecoveryCode(parsing: "9W32PF6QFU88E72U3QK8T9QR8NG5FG6") }
    }

    /// The byte parser over the same input gives the same code.
    @Test func bytesAndStringAgree() throws {
        var bytes = Array("d1 9w32pf 6qfu8 8e72u 3qk8t 9qr8n g5fg66".utf8)
        let code = try bytes.withUnsafeBytes { try RecoveryCode(parsingUTF8: $0) }
        #expect(code.revealCanonicalText() == Self.canonical)
        #expect(code.password.count == RecoveryCode.canonicalCount)
        cleanse(&bytes)
    }
}
