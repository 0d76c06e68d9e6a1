import Testing
@testable import RecoveryKitCore

/// `rkit-verify kit --codes FILE`: one `<credentialId> <code>` per line.
@Suite struct RecoveryCodeListTests {
    static let code = "D1-HQSTLE-ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ23"

    @Test func readsLinesInOrderSkippingBlanksAndComments() throws {
        let text = "# codes\n\ncr-a \(Self.code)\r\ncr-b\t\(Self.code.replacingOccurrences(of: "-", with: " "))\n"
        let list = try RecoveryCodeList(parsing: Array(text.utf8))
        #expect(list.order == ["cr-a", "cr-b"])
        #expect(list.lineNumbers == ["cr-a": 3, "cr-b": 4])
        #expect(list["cr-a"] != nil && list["cr-b"] != nil && list["cr-c"] == nil)
    }

    @Test(arguments: [
        ("cr-a\n", CodeListError.noCode(line: 1)),
        ("cr-a \(code)\ncr-a \(code)\n", CodeListError.duplicate(line: 2, credentialId: "cr-a")),
    ])
    func namesTheLine(_ text: String, _ expected: CodeListError) {
        #expect(throws: expected) { _ = try RecoveryCodeList(parsing: Array(text.utf8)) }
    }

    @Test func aBadCodeNamesItsLineNeverTheCode() {
        do {
            _ = try RecoveryCodeList(parsing: Array("# x\ncr-a D1-NOTACODE\n".utf8))
            Issue.record("a bad code was accepted")
        } catch let error as CodeListError {
            guard case .badCode(line: 2, _) = error else { Issue.record("\(error)"); return }
            #expect(!error.description.contains("NOTACODE"))
        } catch { Issue.record("\(error)") }
        #expect(throws: CodeListError.notText(line: 1)) { _ = try RecoveryCodeList(parsing: [0xFF, 0x20, 0x41]) }
    }
}
