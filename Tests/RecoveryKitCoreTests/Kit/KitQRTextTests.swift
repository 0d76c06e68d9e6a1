import Testing
@testable import RecoveryKitCore

/// The kit's QR text is ASCII whatever the username (stock decoders guess
/// the charset of other bytes), and the kit reader takes it bare or as
/// zbarimg prints it.
@Suite struct KitQRTextTests {
    @Test(arguments: ["zoë@example.com", "αλέξης@example.gr", "山田@例え.jp", "محمد@مثال.مصر", "🙂\u{0301}@x.io", "plain@example.com"])
    func asciiJSONReadsBackToTheSameValue(username: String) throws {
        let value: JSONValue = ["u": .string(username), "n": .number(1), "list": [.string("\u{7F}\u{80}\u{FFFF}\u{10000}")]]
        let text = JSONText.stringifyASCII(value)
        #expect(text.utf8.allSatisfy { $0 < 0x80 })
        #expect(try JSONParser.parse(Array(text.utf8)) == value)
        // ASCII text is written exactly as JavaScript's JSON.stringify would.
        let ascii: JSONValue = ["u": .string(username)]
        if username.utf8.allSatisfy({ $0 < 0x80 }) { #expect(JSONText.stringifyASCII(ascii) == JSONText.stringify(ascii)) }
    }

    @Test func surrogatePairsAreLowerCaseHex() {
        #expect(JSONText.stringifyASCII(.string("ë🙂")) == "\"\\u00eb\\ud83d\\ude42\"")
    }

    @Test func readerTakesZbarimgOutput() throws {
        let made = try KitGenerator.make(.init(username: "zoë@example.com", orgId: "or-1", origin: nil, challenge: nil))
        let qr = made.kit.qrText
        for form in ["QR-Code:" + qr + "\n", "\u{FEFF}QR-Code:" + qr + "\r\n", "  " + qr + "\n", "EAN-13:12345\nQR-Code:" + qr + "\n"] {
            let parsed = try RecoveryKit.parse(Array(form.utf8))
            #expect(parsed.username == "zoë@example.com")
            #expect(parsed.credentialId == made.kit.credentialId)
        }
        // Two QR codes in one file: not guessed between.
        #expect(throws: KitError.self) { try RecoveryKit.parse(Array("QR-Code:\(qr)\nQR-Code:\(qr)\n".utf8)) }
    }
}
