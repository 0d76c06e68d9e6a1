import Testing
import RKitTestSupport
@testable import RecoveryKitCore

/// Issue 20, finding 4: a kit's account fields are signed with the kit's
/// own key, so the online machine that scanned the paper cannot change the
/// origin or org ID without it showing once the envelope is opened.
@Suite struct KitMetadataTests {
    static func made(appId: String? = "ap-2ng9j-demo1-0001") throws -> (kit: RecoveryKit, key: P256PrivateKey) {
        let made = try KitGenerator.make(.init(username: "zoë@example.com", orgId: "or-30ldf-8d7s5-8kerbutv6g2dumq7",
                                               origin: "https://app.acme.example", appId: appId))
        return (made.kit, try made.kit.envelope.open(code: made.code, username: made.kit.username))
    }

    /// The signed bytes, spelled out (docs/SCHEME.md): a change to the
    /// layout is a change to every kit's signature.
    @Test func signedBytesAreTheDocumentedLayout() {
        let metadata = KitMetadata(username: "ab", orgId: nil, origin: "o", appId: nil, credentialId: "ID")
        let expected: [UInt8] = Array("rkit-kit-metadata/1".utf8) + [0,
            1, 0, 0, 0, 2, 0x61, 0x62,   // username "ab"
            0,                           // orgId absent
            1, 0, 0, 0, 1, 0x6F,         // origin "o"
            0,                           // appId absent
            1, 0, 0, 0, 2, 0x49, 0x44]   // credentialId "ID"
        #expect(metadata.signedBytes == expected)
        // Absent and empty differ; fields cannot slide into each other.
        #expect(KitMetadata(username: "a", orgId: "", origin: nil, appId: nil, credentialId: "x").signedBytes
                != KitMetadata(username: "a", orgId: nil, origin: nil, appId: nil, credentialId: "x").signedBytes)
        #expect(KitMetadata(username: "ab", orgId: "c", origin: nil, appId: nil, credentialId: "x").signedBytes
                != KitMetadata(username: "a", orgId: "bc", origin: nil, appId: nil, credentialId: "x").signedBytes)
    }

    @Test func aNewKitIsSignedInKitJSONAndQRText() throws {
        let (kit, key) = try Self.made()
        #expect(kit.metadataVerdict(publicKey: key.publicKey) == .signed)
        #expect(kit.metadataSignature?.count == 64)
        for text in [kit.kitFileText, kit.qrText] {
            let read = try RecoveryKit.parse(Array(text.utf8))
            #expect(read.appId == "ap-2ng9j-demo1-0001")
            #expect(read.metadataSignature == kit.metadataSignature)
            #expect(read.metadataVerdict(publicKey: key.publicKey) == .signed)
        }
        // The QR text stays ASCII and short: 64 bytes are 86 base64url characters.
        #expect(kit.qrText.utf8.allSatisfy { $0 < 0x80 })
        #expect(kit.qrText.contains(#""s":""#) && kit.qrText.contains(#""i":"ap-2ng9j-demo1-0001""#))
        // Without an app ID none is written.
        let plain = try Self.made(appId: nil).kit
        #expect(!plain.qrText.contains(#""i":"#) && plain.kitJSON.objectValue?["appId"] == nil)
    }

    /// The review's reproduction: origin and org changed in kit-qr.txt.
    @Test(arguments: [("a", "https://app.acrne.example"), ("o", "or-evil-0666"), ("u", "mallory@example.com"), ("i", "ap-evil-0001")])
    func anEditedQRFieldNoLongerVerifies(field: String, value: String) throws {
        let (kit, key) = try Self.made()
        var object = try JSONParser.parse(Array(kit.qrText.utf8)).objectValue!
        object[field] = .string(value)
        let edited = try RecoveryKit.parse(Array(JSONText.stringifyASCII(.object(object)).utf8))
        #expect(edited.metadataVerdict(publicKey: key.publicKey) == .invalid)
        // Stripped, it is an unsigned kit (the caller then asks a person).
        object["s"] = nil
        let stripped = try RecoveryKit.parse(Array(JSONText.stringifyASCII(.object(object)).utf8))
        #expect(stripped.metadataVerdict(publicKey: key.publicKey) == .unsigned)
    }

    @Test func anotherKitsSignatureDoesNotVerify() throws {
        let (kit, key) = try Self.made()
        let (other, _) = try Self.made()
        var swapped = kit
        swapped.metadataSignature = other.metadataSignature
        #expect(swapped.metadataVerdict(publicKey: key.publicKey) == .invalid)
    }

    @Test func aDamagedSignatureIsRefusedWhenRead() throws {
        let (kit, _) = try Self.made()
        var object = try JSONParser.parse(Array(kit.qrText.utf8)).objectValue!
        object["s"] = "AAAA"
        #expect(throws: KitError.self) { try RecoveryKit.parse(Array(JSONText.stringifyASCII(.object(object)).utf8)) }
        object["s"] = nil
        object["i"] = "ap \"x\""
        #expect(throws: KitError.self) { try RecoveryKit.parse(Array(JSONText.stringifyASCII(.object(object)).utf8)) }
    }
}

/// The same signature checked by an independent implementation built from
/// docs/SCHEME.md alone (Tests/Interop/verify_kit_metadata.py, Python's
/// `cryptography`), and refused by it once a field is changed.
@Suite struct KitMetadataInteropTests {
    @Test func pythonCryptographyVerifiesTheDocumentedSignature() throws {
        let directory = try TemporaryDirectory()
        let script = ToolRunner.repositoryRoot.appendingPathComponent("Tests/Interop/verify_kit_metadata.py").path
        for appId in ["ap-2ng9j-demo1-0001", nil] {
            let (kit, _) = try KitMetadataTests.made(appId: appId)
            let good = try directory.write("kit.json", kit.kitFileText)
            let verified = try ToolRunner.external("python3", [script, good])
            #expect(verified.status == 0 && verified.stdout == "signed\n", "\(verified.stdout)\(verified.stderr)")
            var object = kit.kitJSON.objectValue!
            object["origin"] = "https://app.acrne.example"
            let edited = try directory.write("edited.json", JSONText.stringify(.object(object)))
            let refused = try ToolRunner.external("python3", [script, edited])
            #expect(refused.status == 1 && refused.stdout == "signature does not verify\n", "\(refused.stdout)\(refused.stderr)")
        }
    }
}
