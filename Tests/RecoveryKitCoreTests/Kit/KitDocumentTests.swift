import Testing
@testable import RecoveryKitCore

/// The one kit reader, directly: the three document forms, the scanner's
/// wrapping, and the difference between its lenient and strict modes.
@Suite struct KitDocumentTests {
    static let made = try! KitGenerator.make(.init(username: "doc@example.com", orgId: "or-doc", origin: "https://app.example.com"))

    @Test func readsKitJSONQRTextAndScannedQRText() throws {
        let kit = Self.made.kit
        let json = try KitDocument(bytes: Array(kit.kitFileText.utf8), mode: .strict)
        #expect(json.source == .kitFile)
        #expect(json.statedCredentialId == kit.credentialId)
        #expect(json.envelope == kit.envelope)
        let qr = try KitDocument(bytes: Array(kit.qrText.utf8), mode: .strict)
        #expect(qr.source == .qrText)
        #expect(qr.statedCredentialId == nil)
        #expect(qr.username == "doc@example.com" && qr.orgId == "or-doc" && qr.origin == "https://app.example.com")
        let scanned = try KitDocument(bytes: Array(("EAN-13:123\nQR-Code:" + kit.qrText + "\n").utf8))
        #expect(scanned.envelopeText == kit.envelope.text)
    }

    @Test func lenientModeKeepsADamagedEnvelopeForItsOwnCheck() throws {
        let damaged = #"{"rk":1,"u":"doc@example.com","e":"not base64!"}"#
        let lenient = try KitDocument(bytes: Array(damaged.utf8))
        #expect(lenient.envelopeText == "not base64!")
        #expect(lenient.envelope == nil)
        #expect(throws: KitError.self) { _ = try KitDocument(bytes: Array(damaged.utf8), mode: .strict) }
    }

    @Test(arguments: ["[]", "null", #"{"rk":2,"u":"a","e":"b"}"#, #"{"format":"rkit-kit/9"}"#, "QR-Code:{"])
    func refusesWhatIsNotAKit(_ text: String) {
        #expect(throws: KitError.self) { _ = try KitDocument(bytes: Array(text.utf8), mode: .strict) }
    }
}
