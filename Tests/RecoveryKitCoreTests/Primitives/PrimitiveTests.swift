import Testing
@testable import RecoveryKitCore

@Suite struct PrimitiveTests {
    @Test func dfnsClientDataHash() {
        let text = #"{"challenge":"Y2gtNzloaHQtbXJlb2stOGFwOHFtMmVpZWZ0amxhZw","crossOrigin":false,"origin":"https://app.dfns.ninja","type":"key.create"}"#
        #expect(ClientData.hashHex(Array(text.utf8)) == "db3828fcdf1782726a7c0c3977679be5fa5a69efa87b295a31b3579a0149edf3")
        #expect(ClientData.text(form: .sortedRaw, challenge: "Y2gtNzloaHQtbXJlb2stOGFwOHFtMmVpZWZ0amxhZw", origin: "https://app.dfns.ninja") == text)
        // The reference frontend's RecoveryKey form of the same challenge (Vectors/dfns.json).
        #expect(ClientData.text(form: .referenceFrontend, challenge: "Y2gtNzloaHQtbXJlb2stOGFwOHFtMmVpZWZ0amxhZw", origin: "https://app.dfns.ninja")
                == #"{"type":"key.create","challenge":"WTJndE56bG9hSFF0YlhKbGIyc3RPR0Z3T0hGdE1tVnBaV1owYW14aFp3","origin":"https://app.dfns.ninja","crossOrigin":false}"#)
        #expect(ClientData.assertionText(signedText: "{}", origin: "https://a.example")
                == #"{"type":"key.get","challenge":"e30","origin":"https://a.example","crossOrigin":false}"#)
    }

    @Test func pbkdf2RFC7914() throws {
        let key = try PBKDF2.deriveKey(password: SecretBytes(utf8: "passwd"), salt: Array("salt".utf8), iterations: 1, length: 64)
        #expect(Hex.encode(key.copyBytes()).hasPrefix("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"))
    }

    @Test func envelopeRoundTrip() throws {
        let key = try P256PrivateKey.generate()
        let code = try RecoveryCode.generate()
        let envelope = try KeyEnvelope.seal(key, code: code, username: "Demo@Example.com ")
        let opened = try envelope.open(code: code, username: "demo@example.com")
        #expect(opened.publicKey == key.publicKey)
        #expect(try opened.pkcs8().copyBytes() == key.pkcs8().copyBytes())
        #expect(throws: EnvelopeError.wrongCodeOrUsername) { try envelope.open(code: code, username: "other@example.com") }
        #expect(envelope.isReferenceForm)
        #expect(envelope.iv.count == 16)
    }

    @Test func pkcs8IsWebCryptoForm() throws {
        let key = try P256PrivateKey.generate()
        let der = try key.pkcs8().copyBytes()
        #expect(der.count == 138)
        let reparsed = try P256PrivateKey(pkcs8: der)
        #expect(reparsed.publicKey == key.publicKey)
        #expect(try P256PublicKey(pem: key.publicKey.pem) == key.publicKey)
        #expect(!key.publicKey.pem.hasSuffix("\n"))
    }

    @Test func signAndVerify() throws {
        let key = try P256PrivateKey.generate()
        let message = Array("hello".utf8)
        let der = try key.signature(for: message)
        #expect(key.publicKey.signatureFormat(der, for: message) == .der)
        let raw = try #require(ECDSASignature.rawFromDER(der))
        #expect(key.publicKey.signatureFormat(raw, for: message) == .raw)
        #expect(!key.publicKey.isValidSignature(der, for: Array("hellp".utf8)))
    }

    @Test func javaScriptNumbers() {
        let cases: [(Double, String)] = [(0, "0"), (-0.0, "0"), (-7, "-7"), (1.5, "1.5"), (100, "100"), (1e21, "1e+21"),
                                         (1e20, "100000000000000000000"), (0.000001, "0.000001"), (1e-7, "1e-7"),
                                         (123.456, "123.456"), (Double.leastNonzeroMagnitude, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308")]
        for (value, text) in cases { #expect(JSONText.javaScriptNumber(value) == text) }
    }

    @Test func stringifyEscapes() throws {
        let value = try JSONParser.parse(#"{"a/b":"x\"\\\b\f\n\r\t\u0000\u001f\u007f é 😀 \u2028","n":[1,true,null]}"#)
        #expect(JSONText.stringify(value) == "{\"a/b\":\"x\\\"\\\\\\b\\f\\n\\r\\t\\u0000\\u001f\u{7f} é 😀 \u{2028}\",\"n\":[1,true,null]}")
    }

    @Test func codeParsing() throws {
        let code = try RecoveryCode(parsing: "d1 9w32pf 6qfu8 8e72u 3qk8t 9qr8n g5fg66")
        #expect(code.revealCanonicalText() == "D1-9W32PF-6QFU8-8E72U-3QK8T-9QR8N-G5FG66")
        #expect(throws: CodeError.forbiddenCharacter("O", position: 5)) { try RecoveryCode(parsing: "D1-9O32PF-6QFU8-8E72U-3QK8T-9QR8N-G5FG66") }
        let checks = code.checkCharacters
        let typed = "D1-" + zip(code.revealGroups(), checks).map { $0 + String($1) }.joined(separator: "-")
        #expect(try RecoveryCode(parsing: typed).revealCanonicalText() == code.revealCanonicalText())
        #expect("\(code)" == "RecoveryCode(<redacted>)")
    }

    @Test func kitGenerationSelfChecks() throws {
        let made = try KitGenerator.make(.init(username: "démo@example.com", orgId: "or-1", origin: "https://app.example.com", challenge: "abc"))
        let reparsed = try RecoveryKit.parse(Array(made.kit.kitFileText.utf8))
        #expect(reparsed.credentialId == made.kit.credentialId)
        let fromQR = try RecoveryKit.parse(Array(made.kit.qrText.utf8))
        #expect(fromQR.envelope == made.kit.envelope)
        #expect(try reparsed.attestation?.verify().publicKey == made.kit.envelope.open(code: made.code, username: "DÉMO@example.com").publicKey)
    }

    @Test func usernameJavaScriptSemantics() {
        #expect(Username.normalized("  ΟΔΟΣ@EXAMPLE.COM\u{3000}") == "οδος@example.com".replacingOccurrences(of: "σ@", with: "ς@"))
        #expect(Username.normalized("\u{FEFF}İ") == "i\u{307}")
    }
}

private extension String {
    func replacingOccurrences(of a: String, with b: String) -> String { split(separator: a, omittingEmptySubsequences: false).joined(separator: b) }
}
