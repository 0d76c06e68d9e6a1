import Foundation
import RKitTestSupport
import Testing
import RecoveryKitCLI
import RecoveryKitCore

/// TerminalText, the one sanitizer for untrusted text on a terminal: what
/// must pass unchanged, what must be escaped, and that no escapable
/// character of all of Unicode survives.
@Suite struct TerminalTextTests {
    @Test(arguments: ["alice@example.com", "Zoë Ünïcödé", "日本語のユーザー", "🔑 key", "https://app.example.com:8443/x?y=1",
                      "C=SE, O=Yubico AB, CN=Yubico U2F EE", "", " leading and trailing "])
    func ordinaryTextIsUnchanged(_ text: String) {
        #expect(TerminalText.sanitize(text) == text)
    }

    @Test func everyControlIsEscaped() {
        for value in Array(0x00...0x1f) + Array(0x7f...0x9f) {
            let scalar = Unicode.Scalar(UInt32(value))!
            let expected = "\\u{" + (value < 0x10 ? "0" : "") + String(value, radix: 16, uppercase: true) + "}"
            #expect(TerminalText.sanitize("a" + String(Character(scalar)) + "b") == "a\(expected)b")
        }
        #expect(TerminalText.sanitize("\u{1B}[2K\r\u{1B}[1A✓ everything fine") == "\\u{1B}[2K\\u{0D}\\u{1B}[1A✓ everything fine")
        #expect(TerminalText.sanitize("\u{9B}31m") == "\\u{9B}31m")
        #expect(TerminalText.sanitize("line\nnext\ttab") == "line\\u{0A}next\\u{09}tab")
    }

    @Test func bidiAndInvisibleCharactersAreEscaped() {
        let bidi: [UInt32] = [0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]
        let invisible: [UInt32] = [0x00ad, 0x034f, 0x115f, 0x180e, 0x200b, 0x200c, 0x200d, 0x2060, 0x2061, 0x2064, 0x206a,
                                   0x3164, 0xfe0f, 0xfeff, 0xffa0, 0xfff9, 0x1d173, 0xe0001, 0xe0041, 0xe007f]
        let spaces: [UInt32] = [0x00a0, 0x2000, 0x2007, 0x202f, 0x205f, 0x3000, 0x2028, 0x2029]
        let unassignedOrPrivate: [UInt32] = [0x0378, 0xe000, 0xf8ff, 0xfffe, 0xf0000, 0x10fffd]
        for value in bidi + invisible + spaces + unassignedOrPrivate {
            let text = String(Character(Unicode.Scalar(value)!))
            #expect(TerminalText.sanitize("x" + text) == "x\\u{\(String(value, radix: 16, uppercase: true))}", "U+\(String(value, radix: 16))")
        }
        #expect(TerminalText.sanitize("admin\u{202E}gnp.exe") == "admin\\u{202E}gnp.exe")
    }

    /// A backslash is doubled, so a sender cannot type a fake escape.
    @Test func backslashIsDoubled() {
        #expect(TerminalText.sanitize(#"a\u{1B}b"#) == #"a\\u{1B}b"#)
        #expect(TerminalText.sanitize("a\\b") == "a\\\\b")
    }

    @Test func lengthCap() {
        #expect(TerminalText.sanitize("abcdef", maxLength: 3) == "abc…")
        #expect(TerminalText.sanitize("abc", maxLength: 3) == "abc")
        #expect(TerminalText.sanitize("ab\u{1B}cd", maxLength: 4) == "ab…")
        #expect(TerminalText.sanitize("ab\u{1B}cd", maxLength: 8) == "ab\\u{1B}…")
        #expect(TerminalText.sanitize("ab\u{1B}", maxLength: 8) == "ab\\u{1B}")
        #expect(TerminalText.sanitize("x", maxLength: 0) == "…")
        let long = String(repeating: "\u{1B}", count: 10_000)
        #expect(TerminalText.sanitize(long, maxLength: 64).unicodeScalars.count <= 65)
    }

    /// Every Unicode scalar through the sanitizer, one at a time: what it
    /// calls escapable comes out as a printable ASCII escape, anything else
    /// unchanged, and C0, DEL and C1 are always escapable.
    @Test func everyScalarIsShownSafely() {
        var failures: [UInt32] = []
        for value in UInt32(0)...0x10ffff {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let escapable = TerminalText.needsEscape(scalar)
            if value < 0x20 || (0x7f...0x9f).contains(value) { if !escapable { failures.append(value) }; continue }
            guard escapable || scalar == "\\" else { continue }
            let shown = TerminalText.sanitize(String(Character(scalar)))
            if !shown.utf8.allSatisfy({ (0x20..<0x7f).contains($0) }) { failures.append(value) }
        }
        #expect(failures.isEmpty, "not shown safely: \(failures.prefix(10).map { String($0, radix: 16) })")
    }

    /// The hostile certificate subject of the WebAuthn fixtures: the core
    /// keeps it raw, the sanitizer shows it escaped.
    @Test func hostileAttestationSubject() throws {
        let url = ToolRunner.repositoryRoot.appendingPathComponent("Tests/Fixtures/WebAuthn/packed-x5c-hostile-subject.json")
        let data = try #require(FileManager.default.contents(atPath: url.path), "missing fixture \(url.path)")
        let summary = try Fido2Credential(json: JSONParser.parse(Array(data))).summary()
        let subject = try #require(summary.certificateSubject)
        #expect(TerminalText.sanitize(subject) == "CN=Key\\u{1B}[2K\\u{0D}\\u{202E}evil")
    }
}
