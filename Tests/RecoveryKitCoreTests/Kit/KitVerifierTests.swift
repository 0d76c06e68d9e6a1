import Testing
@testable import RecoveryKitCore

/// KitVerifier directly: every check by name, with and without the code.
@Suite struct KitVerifierTests {
    static let made = try! KitGenerator.make(.init(username: "verify@example.com", orgId: "or-v", origin: "https://app.example.com"))

    @Test func aGoodKitPassesAndTheCodeOpensIt() {
        let report = KitVerifier(codes: .single(Self.made.code)).verify(Array(Self.made.kit.kitFileText.utf8), item: "kit.json")
        #expect(report.ok)
        for name in ["structure", "envelope-format", "credential-id", "public-key", "code.opens", "code.key-matches"] {
            #expect(report.check(name)?.ok == true, "\(name)")
        }
        #expect(report.credentialId == Self.made.kit.credentialId)
    }

    @Test func withoutTheCodeQRTextIsMarkedUnchecked() {
        let report = KitVerifier().verify(Array(Self.made.kit.qrText.utf8), item: "qr.txt")
        #expect(report.ok)
        #expect(report.notices.map(\.name) == [KitVerifier.uncheckedEnvelope])
    }

    @Test func aWrongCodeFailsCodeOpens() throws {
        let other = try RecoveryCode.generate()
        let report = KitVerifier(codes: .single(other)).verify(Array(Self.made.kit.kitFileText.utf8), item: "kit.json")
        #expect(report.check("code.opens")?.ok == false)
    }

    @Test func aStatedIDThatIsNotTheEnvelopesFails() {
        var kit = Self.made.kit
        kit.credentialId = "not-the-hash"
        let report = KitVerifier().verify(Array(kit.kitFileText.utf8), item: "kit.json")
        #expect(report.check("credential-id")?.ok == false)
    }

    @Test func aCodesListPicksTheLineByTheEnvelopesID() throws {
        let text = "\(Self.made.kit.credentialId) \(Self.made.code.revealCanonicalText())\n"
        let list = try RecoveryCodeList(parsing: Array(text.utf8))
        let report = KitVerifier(codes: .list(list)).verify(Array(Self.made.kit.qrText.utf8), item: "qr.txt")
        #expect(report.check("code.opens")?.ok == true)
        #expect(report.codeListId == Self.made.kit.credentialId)
        let missing = KitVerifier(codes: .list(RecoveryCodeList())).verify(Array(Self.made.kit.qrText.utf8), item: "qr.txt")
        #expect(missing.check("code.opens")?.ok == false)
    }

    @Test func garbageFailsStructureOnly() {
        let report = KitVerifier().verify(Array("garbage".utf8), item: "x")
        #expect(report.checks.map(\.name) == ["structure"])
        #expect(!report.ok)
    }
}
