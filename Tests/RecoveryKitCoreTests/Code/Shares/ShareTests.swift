import Foundation
import Testing
import RKitTestSupport
@testable import RecoveryKitCore

/// SLIP-0039 in the core: the word list as the spec publishes it, the 45
/// official vectors (combined at the core level where their secret is
/// valid, refused with their reason where not, and all refused as
/// recovery codes), and the code ↔ 20 bytes mapping.
@Suite struct ShareTests {
    static let fixture = ToolRunner.repositoryRoot.appendingPathComponent("Tests/Fixtures/SLIP39/vectors.json")

    struct Official: CustomStringConvertible {
        let number: Int, title: String, mnemonics: [String], secretHex: String
        var description: String { title }
    }

    static let official: [Official] = {
        let data = try! Data(contentsOf: fixture)
        let list = try! JSONSerialization.jsonObject(with: data) as! [[Any]]
        return list.enumerated().map { Official(number: $0.offset + 1, title: $0.element[0] as! String,
                                                mnemonics: $0.element[1] as! [String], secretHex: $0.element[2] as! String) }
    }()

    @Test func wordlistIsTheSpecs() {
        let file = ShareWordlist.words.joined(separator: "\n") + "\n"
        #expect(Hex.encode(SHA256Digest.hash(utf8: file)) == ShareWordlist.fileSHA256)
        #expect(ShareWordlist.words.count == 1024)
        #expect(Set(ShareWordlist.words.map { $0.prefix(4) }).count == 1024)
        #expect(ShareWordlist.words == ShareWordlist.words.sorted())
        #expect(ShareWordlist.index(of: "acad") == 0)
        #expect(ShareWordlist.index(of: "academ") == 0)
        #expect(ShareWordlist.index(of: "academix") == nil)
        #expect(ShareWordlist.index(of: "aca") == nil)
        #expect(ShareWordlist.index(of: "zero") == 1023)
    }

    @Test func fixtureIsTheOfficialFile() throws {
        let bytes = Array(try Data(contentsOf: Self.fixture))
        #expect(Hex.encode(SHA256Digest.hash(bytes)) == "13ebecebdd869dd2bc2cdf69e7ce3a158cf106cac76c39d17682b1c6cdabbdc4")
        #expect(Self.official.count == 45)
    }

    /// The reason each invalid official vector must be refused with, by its title.
    static func expectedReason(_ title: String) -> String? {
        let table: [(String, String)] = [
            ("invalid checksum", "checksum"), ("invalid padding", "padding"), ("Basic sharing 2-of-3", "tooFewShares"),
            ("different identifiers", "differentSets.identifier"),
            ("different iteration exponents", "differentSets.iterationExponent"),
            ("mismatching group thresholds", "differentSets.groupThreshold"),
            ("mismatching group counts", "differentSets.groupCount"),
            ("greater group threshold than group counts", "groupThresholdAboveCount"),
            ("duplicate member indices", "sameIndex"), ("mismatching member thresholds", "differentSets.memberThreshold"),
            ("invalid digest", "digestMismatch"), ("Insufficient number of groups", "tooFewGroups"),
            ("insufficient number of members in one group", "tooFewShares"),
            ("insufficient length", "wrongWordCount"), ("invalid master secret length", "wrongWordCount"),
        ]
        return table.first { title.contains($0.0) }?.1
    }

    static func reason(_ error: ShareError) -> String {
        switch error {
        case .checksum: return "checksum"
        case .padding: return "padding"
        case .tooFewShares: return "tooFewShares"
        case let .differentSets(_, field): return "differentSets.\(field)"
        case .groupThresholdAboveCount: return "groupThresholdAboveCount"
        case .sameIndex: return "sameIndex"
        case .digestMismatch: return "digestMismatch"
        case .tooFewGroups: return "tooFewGroups"
        case .wrongWordCount: return "wrongWordCount"
        case .notARecoveryCode: return "notARecoveryCode"
        default: return "\(error)"
        }
    }

    static func parse(_ mnemonics: [String]) throws -> [Share] {
        try mnemonics.enumerated().map { try Share(parsing: $0.element, share: $0.offset + 1) }
    }

    /// The core as SLIP-0039 (any secret length, passphrase "TREZOR"):
    /// valid vectors give their master secret, invalid ones their reason.
    @Test(arguments: official)
    func coreCombinesOrRefusesWithReason(vector: Official) throws {
        if vector.secretHex.isEmpty {
            let expected = try #require(Self.expectedReason(vector.title), "no reason known for \(vector.title)")
            do {
                _ = try ShareCombiner.combine(try Self.parse(vector.mnemonics), passphrase: Array("TREZOR".utf8))
                Issue.record("\(vector.title): accepted")
            } catch let error as ShareError {
                #expect(Self.reason(error) == expected, "\(vector.title): \(error)")
            }
        } else {
            let shares = try Self.parse(vector.mnemonics)
            let secret = try ShareCombiner.combine(shares, passphrase: Array("TREZOR".utf8))
            #expect(Hex.encode(secret) == vector.secretHex)
            // And every share re-encodes to the words it was read from.
            for (share, mnemonic) in zip(shares, vector.mnemonics) { #expect(share.words.joined(separator: " ") == mnemonic) }
        }
    }

    /// rkit's recovery-code layer refuses all 45: the valid ones as not a
    /// recovery code (128 or 256 bits), the others with their own reason.
    @Test(arguments: official)
    func rkitRefusesEveryOfficialVector(vector: Official) throws {
        do {
            _ = try RecoveryCodeShares.combine(try Self.parse(vector.mnemonics))
            Issue.record("\(vector.title): accepted as a recovery code")
        } catch let error as ShareError {
            let reason = Self.reason(error)
            if vector.secretHex.isEmpty, let expected = Self.expectedReason(vector.title), reason != "notARecoveryCode" {
                #expect(reason == expected, "\(vector.title): \(error)")
            } else {
                #expect(error == .notARecoveryCode(bits: vector.mnemonics[0].split(separator: " ").count == 33 ? 256 : 128),
                        "\(vector.title): \(error)")
            }
            #expect(!error.description.isEmpty && !error.description.contains("\n"))
        }
    }

    @Test func codeMapsToTwentyBytes() throws {
        let zero = try RecoveryCode(parsing: "D1-AAAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAAA")
        #expect(RecoveryCodeShares.secret(of: zero).copyBytes() == [UInt8](repeating: 0, count: 20))
        let ones = try RecoveryCode(parsing: "D1-999999-99999-99999-99999-99999-999999")
        #expect(RecoveryCodeShares.secret(of: ones).copyBytes() == [UInt8](repeating: 0xFF, count: 20))
        // B = 1, C = 2: symbols 1,2,… most significant bit first.
        let code = try RecoveryCode(parsing: "D1-BCDEFG-HJKLM-NPQRS-TUVWX-YZ234-567899")
        let bytes = RecoveryCodeShares.secret(of: code).copyBytes()
        #expect(try RecoveryCodeShares.code(of: bytes).revealCanonicalText() == code.revealCanonicalText())
        for _ in 0..<50 {
            let random = try RecoveryCode.generate()
            let back = try RecoveryCodeShares.code(of: RecoveryCodeShares.secret(of: random).copyBytes())
            #expect(back.revealCanonicalText() == random.revealCanonicalText())
        }
        #expect(throws: ShareError.notARecoveryCode(bits: 128)) { try RecoveryCodeShares.code(of: [UInt8](repeating: 1, count: 16)) }
    }

    @Test(arguments: ["2-of-3", "3-of-5", "2-of-2", "2-of-3,2-of-2", "1-of-1,2-of-3"])
    func splitAndCombineEverySufficientSubset(plan text: String) throws {
        let plan = try SharePlan(parsing: text)
        let code = try RecoveryCode.generate()
        let groups = try RecoveryCodeShares.split(code, plan: plan)
        for group in groups { for share in group { #expect(share.words.count == 23) } }
        // Every group needed; in each, every subset of exactly the threshold.
        func subsets(_ shares: [Share], _ k: Int) -> [[Share]] {
            if k == 0 { return [[]] }
            guard let first = shares.first else { return [] }
            return subsets(Array(shares.dropFirst()), k - 1).map { [first] + $0 } + subsets(Array(shares.dropFirst()), k)
        }
        var choices: [[Share]] = [[]]
        for (group, spec) in zip(groups, plan.groups) {
            choices = choices.flatMap { chosen in subsets(group, spec.threshold).map { chosen + $0 } }
        }
        for chosen in choices {
            let words = chosen.map { $0.words.joined(separator: " ") }
            let back = try RecoveryCodeShares.combine(try Self.parse(words.reversed()))
            #expect(back.revealCanonicalText() == code.revealCanonicalText())
            #expect(RecoveryCodeShares.progress(chosen) == nil)
            if chosen.count > 1 { #expect(RecoveryCodeShares.progress(Array(chosen.dropLast())) != nil) }
        }
    }

    @Test func plansRefusedWithTheirReason() {
        #expect(throws: SharePlanError.syntax) { try SharePlan(parsing: "2of3") }
        #expect(throws: SharePlanError.thresholdAboveCount(group: 1)) { try SharePlan(parsing: "4-of-3") }
        #expect(throws: SharePlanError.oneOfMany(group: 1)) { try SharePlan(parsing: "1-of-3") }
        #expect(throws: SharePlanError.singleShareOpens(group: 1)) { try SharePlan(parsing: "1-of-1") }
        #expect(throws: SharePlanError.singleShareOpens(group: 2)) { try SharePlan(parsing: "2-of-3,1-of-1", groupThreshold: 1) }
        #expect(throws: SharePlanError.groupSize(group: 1)) { try SharePlan(parsing: "2-of-17") }
        #expect(throws: SharePlanError.groupThreshold(3, groups: 2)) { try SharePlan(parsing: "2-of-3,2-of-3", groupThreshold: 3) }
    }

    @Test func typedSharesNameTheWrongWord() throws {
        let code = try RecoveryCode.generate()
        let share = try RecoveryCodeShares.split(code, plan: try SharePlan(parsing: "2-of-3"))[0][0]
        var words = share.words
        // Four letters, any case, paper numbering: all accepted.
        let typed = words.enumerated().map { "\($0.offset + 1). \($0.element.prefix(4).uppercased())" }.joined(separator: "  ")
        #expect(try Share(parsing: typed) == share)
        // A word not in the list: named by position.
        words[6] = "qqqq"
        #expect(throws: ShareError.unknownWord(share: 2, position: 7)) { try Share(parsing: words.joined(separator: " "), share: 2) }
        // Another list word in its place: the checksum fails and names it.
        var indices = share.indices
        indices[10] = (indices[10] + 1) % 1024
        #expect(throws: ShareError.checksum(share: nil, likelyWord: 11)) { try Share(indices: indices) }
        // Two words swapped: still refused.
        indices = share.indices
        indices.swapAt(4, 5)
        if indices != share.indices { #expect(throws: ShareError.self) { try Share(indices: indices) } }
        // A word left out: SLIP-0039 reads 22 words as a share of 144 bits whose checksum fails; rkit says a word is missing.
        let short = share.words.dropLast().joined(separator: " ")
        do { _ = try Share(parsing: short); Issue.record("22 words accepted") } catch let error as ShareError {
            guard case .checksum = error else { Issue.record("\(error)"); return }
        }
        #expect(throws: ShareError.wrongWordCount(share: 3, words: 22)) { try RecoveryCodeShares.share(parsing: short, share: 3) }
        #expect(try RecoveryCodeShares.share(parsing: typed) == share)
        // A share of a 128-bit secret (official vector 1): not a recovery code.
        #expect(throws: ShareError.notARecoveryCode(bits: 128)) { try RecoveryCodeShares.share(parsing: Self.official[0].mnemonics[0]) }
    }

    /// A hostile share file of thousands of words is refused by its length,
    /// before the checksum search (whose cost grows with the square of it).
    @Test func longInputIsRefusedByLengthFirst() throws {
        let words = Array(repeating: "academic", count: 6007).joined(separator: " ")
        #expect(throws: ShareError.wrongWordCount(share: nil, words: 6007)) { try Share(parsing: words) }
        #expect(throws: ShareError.wrongWordCount(share: 1, words: 6007)) { try RecoveryCodeShares.share(parsing: words, share: 1) }
        // 59 words (a 512-bit secret) is the longest read: it fails its checksum, not its length.
        do { _ = try Share(parsing: Array(repeating: "academic", count: 59).joined(separator: " ")) } catch let error as ShareError {
            guard case .checksum = error else { Issue.record("\(error)"); return }
        }
    }

    /// The byte reader (typed lines, share files: no String of the words)
    /// and the String reader agree, and the byte reader skips # lines.
    @Test func byteAndTextReadersAgree() throws {
        let share = try RecoveryCodeShares.split(try RecoveryCode.generate(), plan: try SharePlan(parsing: "2-of-3"))[0][2]
        let plain = share.words.joined(separator: " ")
        var forms: [String] = [plain, "", "   \n ", "zz", "ÄCID acid", String(repeating: "a", count: 40)]
        forms.append(share.words.enumerated().map { "\($0.offset + 1). \($0.element.prefix(4).uppercased())" }.joined(separator: "\n"))
        forms.append(share.words.map { $0.capitalized }.joined(separator: "\t  "))
        forms.append(share.words.map { String($0.prefix(5)) }.joined(separator: " "))
        forms.append("xylophone " + plain)
        forms.append("acid, " + plain)
        forms.append("aca " + plain)
        for form in forms {
            let text = Result { try Share.indices(parsing: form, share: 2) }
            let bytes = Result { try Array(form.utf8).withUnsafeBytes { try Share.indices(parsingUTF8: $0, share: 2) } }
            switch (text, bytes) {
            case let (.success(a), .success(b)): #expect(a == b, "\(form)")
            case let (.failure(a), .failure(b)): #expect(a as? ShareError == b as? ShareError, "\(form): \(a) vs \(b)")
            default: Issue.record("\(form): \(text) vs \(bytes)")
            }
        }
        let paper = "# RECOVERY CODE SHARE 1 OF 3\n  # indented comment\n" + share.words.joined(separator: " ") + "\n# rkit-split: 2-of-3\n"
        #expect(try Array(paper.utf8).withUnsafeBytes { try RecoveryCodeShares.share(parsingUTF8: $0) } == share)
    }

    @Test func duplicatesAndMixedSetsAreRefused() throws {
        let plan = try SharePlan(parsing: "2-of-3")
        let a = try RecoveryCodeShares.split(try RecoveryCode.generate(), plan: plan)[0]
        let b = try RecoveryCodeShares.split(try RecoveryCode.generate(), plan: plan)[0]
        #expect(throws: ShareError.duplicate(share: 2, of: 1)) { try RecoveryCodeShares.combine([a[0], a[0]]) }
        #expect(RecoveryCodeShares.progress([a[0], a[0]]) == .duplicate(share: 2, of: 1))
        #expect(RecoveryCodeShares.progress([a[0]]) == .tooFewShares(group: nil, have: 1, need: 2))
        if a[0].identifier != b[1].identifier {
            #expect(throws: ShareError.differentSets(share: 2, field: .identifier)) { try RecoveryCodeShares.combine([a[0], b[1]]) }
        }
        #expect(throws: ShareError.tooManyShares(group: nil, have: 3, need: 2)) { try RecoveryCodeShares.combine(a) }
    }
}
