import Foundation
import RKitTestSupport
import Testing
@testable import RecoveryKitCore

/// WebAuthn attestation objects against the committed fixtures made by
/// Tests/Fixtures/make-webauthn-fixtures.py (Python `cryptography` and its
/// own CBOR encoder). Every fixture has one exact expected outcome here; a
/// missing fixture folder or file fails the test.
@Suite struct WebAuthnAttestationTests {
    static let folder = ToolRunner.repositoryRoot.appendingPathComponent("Tests/Fixtures/WebAuthn")

    static let expectedFixtures: Set<String> = [
        "none", "packed-self", "packed-self-bad-signature", "packed-self-alg-rs256", "packed-x5c",
        "packed-x5c-bad-signature", "packed-x5c-hostile-subject", "packed-x5c-rs256", "fido-u2f", "unknown-format",
        "none-with-statement", "wrong-rpid", "credid-mismatch", "cose-rsa", "cose-ed25519", "truncated-authdata",
        "truncated-cose-key", "trailing-bytes-attestation", "trailing-bytes-authdata", "duplicate-key", "indefinite-length",
    ]

    static func json(_ name: String) throws -> JSONValue {
        let url = folder.appendingPathComponent(name + ".json")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw FixtureMissing(path: url.path)
        }
        return try JSONParser.parse(Array(data))
    }

    static func credential(_ name: String) throws -> Fido2Credential { try Fido2Credential(json: json(name)) }

    /// The attestation object bytes of a fixture (for those that do not parse).
    static func attestationBytes(_ name: String) throws -> [UInt8] {
        try Base64URL.decode(try #require(json(name)["credentialInfo"]?["attestationData"]?.stringValue))
    }

    /// The fixtures' credential key: the P-256 scalar 0x1111.
    static let credentialKey: P256PublicKey = {
        let scalar = [UInt8](repeating: 0, count: 30) + [0x11, 0x11]
        return try! P256PrivateKey(pkcs8: P256DER.pkcs8NoPublicPrefix + scalar).publicKey
    }()
    static let credentialId = Base64URL.encode(Array(SHA256Digest.hash(utf8: "rkit fixture credential").prefix(16)))
    static let leafSubject = #"C=SE, O=rkit Test Authenticators, OU=Authenticator Attestation, CN=rkit Test Key\, Series 5"#
    static let caSubject = "C=SE, O=rkit Test CA, CN=rkit Test Root"

    @Test func fixtureFolderHoldsExactlyTheExpectedFixtures() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
        #expect(Set(names) == Self.expectedFixtures)
    }

    @Test func none() throws {
        let credential = try Self.credential("none")
        let summary = try credential.summary()
        #expect(summary.format == "none")
        #expect(summary.verdict == .none)
        #expect(summary.aaguid == "00000000-0000-0000-0000-000000000000")
        #expect(summary.certificateSubject == nil)
        #expect(summary.credentialId == Self.credentialId)
        #expect(credential.credId == Self.credentialId)
        #expect(summary.credentialIdMatches)
        #expect(summary.rpIdHashMatches("example.com"))
        #expect(!summary.rpIdHashMatches("app.example.com"))
        #expect(!summary.rpIdHashMatches("EXAMPLE.com"))
        #expect(summary.userPresent && summary.userVerified)
        #expect(summary.publicKey == Self.credentialKey)
        let clientData = try ClientData(bytes: credential.clientDataJSON)
        #expect(clientData.type == "webauthn.create")
        #expect(clientData.origin == "https://app.example.com")
        #expect(clientData.challenge == Base64URL.encode(utf8: "ch-rkit-fixture-0001"))
        let data = credential.attestationObject.authenticatorData
        #expect(data.flags == [.userPresent, .userVerified, .attestedCredentialData])
        #expect(data.signCount == 0)
        #expect(data.extensions == nil)
        #expect(data.bytes.count == 148)
        #expect(credential.attestationObject.credential.publicKeyBytes.count == 77)
    }

    @Test func packedSelfAttestation() throws {
        let summary = try Self.credential("packed-self").summary()
        #expect(summary.format == "packed")
        #expect(summary.verdict == .selfAttestation)
        #expect(summary.aaguid == "5ca1ab1e-0000-4000-8000-00000000000a")
        #expect(summary.certificateSubject == nil)
        #expect(summary.publicKey == Self.credentialKey)
        #expect(summary.credentialIdMatches)
    }

    @Test func packedSelfAttestationBadSignature() throws {
        let credential = try Self.credential("packed-self-bad-signature")
        #expect(throws: WebAuthnError.signatureInvalid(format: "packed")) { try credential.summary() }
        #expect(WebAuthnError.signatureInvalid(format: "packed").kind == .verificationFailed)
    }

    @Test func packedSelfAttestationWithOtherAlgorithm() throws {
        let credential = try Self.credential("packed-self-alg-rs256")
        #expect(throws: WebAuthnError.algorithmMismatch(statement: -257, credentialKey: -7)) { try credential.summary() }
    }

    @Test func packedWithCertificate() throws {
        let summary = try Self.credential("packed-x5c").summary()
        #expect(summary.verdict == .certificate(subject: Self.leafSubject, issuer: Self.caSubject, chainLength: 2))
        #expect(summary.certificateSubject == Self.leafSubject)
        #expect(summary.aaguid == "5ca1ab1e-0000-4000-8000-00000000000a")
        #expect(summary.publicKey == Self.credentialKey)
    }

    @Test func packedWithCertificateSignedByAnotherKey() throws {
        let credential = try Self.credential("packed-x5c-bad-signature")
        #expect(throws: WebAuthnError.signatureInvalid(format: "packed")) { try credential.summary() }
    }

    /// The core keeps the subject's characters as they are; the terminal
    /// sanitizer (RecoveryKitCLI) escapes them when shown.
    @Test func packedWithHostileSubject() throws {
        let summary = try Self.credential("packed-x5c-hostile-subject").summary()
        #expect(summary.verdict == .certificate(subject: "CN=Key\u{1B}[2K\r\u{202E}evil", issuer: Self.caSubject, chainLength: 1))
    }

    @Test func packedWithRSACertificateIsNotVerified() throws {
        let summary = try Self.credential("packed-x5c-rs256").summary()
        #expect(summary.verdict == .notVerified(format: "packed", reason: .algorithm(-257)))
        #expect(summary.certificateSubject == nil)
    }

    @Test func otherFormatsAreReportedNotVerified() throws {
        let u2f = try Self.credential("fido-u2f").summary()
        #expect(u2f.verdict == .notVerified(format: "fido-u2f", reason: .formatNotSupported))
        #expect(u2f.format == "fido-u2f")
        #expect(u2f.userPresent && !u2f.userVerified)
        let unknown = try Self.credential("unknown-format").summary()
        #expect(unknown.verdict == .notVerified(format: "made-up-format", reason: .unknownFormat))
    }

    @Test func noneWithAStatementIsRefused() {
        #expect(throws: WebAuthnError.statementNotEmpty(format: "none")) { try Self.credential("none-with-statement") }
    }

    @Test func wrongRelyingParty() throws {
        let summary = try Self.credential("wrong-rpid").summary()
        #expect(summary.verdict == .none)
        #expect(!summary.rpIdHashMatches("example.com"))
        #expect(summary.rpIdHashMatches("evil.example"))
    }

    @Test func outerCredentialIdDiffers() throws {
        let credential = try Self.credential("credid-mismatch")
        #expect(!credential.credentialIdMatches)
        let summary = try credential.summary()
        #expect(!summary.credentialIdMatches)
        #expect(summary.credentialId == Self.credentialId)
        #expect(credential.credId != Self.credentialId)
    }

    @Test func otherKeyTypesAreRefusedByName() {
        #expect(throws: WebAuthnError.unsupportedKey(keyType: 3, algorithm: -257, curve: nil)) { try Self.credential("cose-rsa") }
        #expect(throws: WebAuthnError.unsupportedKey(keyType: 1, algorithm: -8, curve: 6)) { try Self.credential("cose-ed25519") }
        #expect(WebAuthnError.unsupportedKey(keyType: 1, algorithm: -8, curve: 6).description
            == "the credential key is OKP (1), EdDSA (-8), Ed25519 (6); rkit accepts only EC2 P-256 keys for ES256 (-7)")
    }

    @Test func truncatedAuthenticatorData() {
        #expect(throws: WebAuthnError.truncated(field: "authenticatorData", offset: 55, needed: 16, available: 10)) {
            try Self.credential("truncated-authdata")
        }
        #expect(throws: WebAuthnError.malformedCBOR(field: "authenticatorData.credentialPublicKey", .truncated(offset: 116, needed: 5))) {
            try Self.credential("truncated-cose-key")
        }
    }

    @Test func trailingBytes() throws {
        let count = try Self.attestationBytes("trailing-bytes-attestation").count
        #expect(throws: WebAuthnError.malformedCBOR(field: "attestationObject", .trailingBytes(offset: count - 1, count: 1))) {
            try Self.credential("trailing-bytes-attestation")
        }
        #expect(throws: WebAuthnError.trailingBytes(field: "authenticatorData", offset: 148, count: 2)) {
            try Self.credential("trailing-bytes-authdata")
        }
    }

    @Test func duplicateKeyAndIndefiniteLength() {
        #expect(throws: WebAuthnError.malformedCBOR(field: "attestationObject", .duplicateKey(offset: 10))) {
            try Self.credential("duplicate-key")
        }
        #expect(throws: WebAuthnError.malformedCBOR(field: "attestationObject", .indefiniteLength(offset: 0, majorType: 5))) {
            try Self.credential("indefinite-length")
        }
    }

    // MARK: the credential object around the attestation

    static func object(kind: String = "Fido2", info: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject([("credentialKind", .string(kind)), ("credentialInfo", .object(JSONObject(info)))]))
    }

    static func noneInfo() throws -> [(String, JSONValue)] {
        try #require(json("none")["credentialInfo"]?.objectValue).members
    }

    @Test func credentialObjectShape() throws {
        let info = try Self.noneInfo()
        #expect(throws: CredentialError.invalidValue(field: "credentialKind", why: "\"Key\" is not Fido2")) {
            try Fido2Credential(json: Self.object(kind: "Key", info: info))
        }
        #expect(throws: CredentialError.invalidValue(field: "credentialKind", why: "\"fido2\" is not Fido2")) {
            try Fido2Credential(json: Self.object(kind: "fido2", info: info))
        }
        #expect(throws: CredentialError.invalidValue(field: "credentialInfo", why: "unexpected member \"publicKey\"")) {
            try Fido2Credential(json: Self.object(info: info + [("publicKey", "x")]))
        }
        #expect(throws: CredentialError.missingField("credentialInfo.attestationData")) {
            try Fido2Credential(json: Self.object(info: info.filter { $0.0 != "attestationData" }))
        }
        let padded = info.map { $0.0 == "clientData" ? ($0.0, JSONValue.string(($0.1.stringValue ?? "") + "=")) : $0 }
        #expect(throws: (any Error).self) { try Fido2Credential(json: Self.object(info: padded)) }
        let badId = info.map { $0.0 == "credId" ? ($0.0, JSONValue.string("not base64url!")) : $0 }
        #expect(throws: (any Error).self) { try Fido2Credential(json: Self.object(info: badId)) }
        // A CreateCredentialBody's other members are the caller's business.
        var body = try #require(try Self.json("none").objectValue)
        body["credentialName"] = "My passkey"
        #expect(try Fido2Credential(json: .object(body)).credId == Self.credentialId)
    }

    // MARK: pieces built inline

    static func authData(flags: UInt8, tail: [UInt8]) -> [UInt8] {
        SHA256Digest.hash(utf8: "example.com") + [flags, 0, 0, 0, 7] + tail
    }

    static var coseKey: [UInt8] {
        let point = credentialKey.uncompressedPoint
        return CBORValue.map(CBORMap([(.int(1), .int(2)), (.int(3), .int(-7)), (.int(-1), .int(1)),
                                      (.int(-2), .bytes(Array(point[1..<33]))), (.int(-3), .bytes(Array(point[33...])))])).encoded
    }

    @Test func authenticatorDataWithoutCredentialOrWithExtensions() throws {
        let plain = try AuthenticatorData(bytes: Self.authData(flags: 0x01, tail: []))
        #expect(plain.attestedCredential == nil && plain.signCount == 7 && plain.flags == .userPresent)
        #expect(plain.hasRelyingPartyIdHash(of: "example.com"))
        #expect(throws: WebAuthnError.trailingBytes(field: "authenticatorData", offset: 37, count: 1)) {
            try AuthenticatorData(bytes: Self.authData(flags: 0x01, tail: [0]))
        }
        #expect(throws: WebAuthnError.truncated(field: "authenticatorData", offset: 0, needed: 37, available: 36)) {
            try AuthenticatorData(bytes: Array(Self.authData(flags: 0x01, tail: []).dropLast()))
        }
        let extensions = CBORValue.map(CBORMap([(.text("credProtect"), .unsigned(2))])).encoded
        let withExtensions = try AuthenticatorData(bytes: Self.authData(flags: 0xc5, tail: [UInt8](repeating: 0, count: 16) + [0, 1, 0xaa] + Self.coseKey + extensions))
        #expect(withExtensions.extensions?["credProtect"] == .unsigned(2))
        #expect(withExtensions.attestedCredential?.credentialId == [0xaa])
        #expect(throws: WebAuthnError.truncated(field: "authenticatorData", offset: 37, needed: 1, available: 0)) {
            try AuthenticatorData(bytes: Self.authData(flags: 0x81, tail: []))
        }
        #expect(throws: WebAuthnError.wrongType(field: "authenticatorData.extensions", expected: "a map", found: "an integer")) {
            try AuthenticatorData(bytes: Self.authData(flags: 0x81, tail: [0x01]))
        }
        #expect(throws: WebAuthnError.credentialIdTooLong(length: 1024)) {
            try AuthenticatorData(bytes: Self.authData(flags: 0x41, tail: [UInt8](repeating: 0, count: 16) + [4, 0] + [UInt8](repeating: 0, count: 1024) + Self.coseKey))
        }
    }

    @Test func attestationObjectShape() throws {
        func object(_ entries: [(CBORValue, CBORValue)]) -> [UInt8] { CBORValue.map(CBORMap(entries)).encoded }
        let withKey = Self.authData(flags: 0x41, tail: [UInt8](repeating: 0, count: 16) + [0, 1, 0xaa] + Self.coseKey)
        #expect(try AttestationObject(bytes: object([(.text("fmt"), .text("none")), (.text("attStmt"), .map(CBORMap([]))), (.text("authData"), .bytes(withKey))])).format == "none")
        #expect(throws: WebAuthnError.missingAttestedCredential) {
            try AttestationObject(bytes: object([(.text("fmt"), .text("none")), (.text("attStmt"), .map(CBORMap([]))), (.text("authData"), .bytes(Self.authData(flags: 0x01, tail: [])))]))
        }
        #expect(throws: WebAuthnError.unexpectedField("attestationObject.epAtt")) {
            try AttestationObject(bytes: object([(.text("fmt"), .text("none")), (.text("attStmt"), .map(CBORMap([]))), (.text("authData"), .bytes(withKey)), (.text("epAtt"), .bool(true))]))
        }
        #expect(throws: WebAuthnError.missingField("attestationObject.authData")) {
            try AttestationObject(bytes: object([(.text("fmt"), .text("none")), (.text("attStmt"), .map(CBORMap([])))]))
        }
        #expect(throws: WebAuthnError.wrongType(field: "attestationObject.fmt", expected: "a text string", found: "a byte string")) {
            try AttestationObject(bytes: object([(.text("fmt"), .bytes([1])), (.text("attStmt"), .map(CBORMap([]))), (.text("authData"), .bytes(withKey))]))
        }
        #expect(throws: WebAuthnError.wrongType(field: "attestationObject", expected: "a map", found: "an array")) {
            try AttestationObject(bytes: [0x80])
        }
    }

    @Test func coseKeyRefusals() throws {
        let point = Self.credentialKey.uncompressedPoint
        func key(_ entries: [(Int64, CBORValue)]) -> CBORValue { .map(CBORMap(entries.map { (.int($0.0), $0.1) })) }
        let x = CBORValue.bytes(Array(point[1..<33])), y = CBORValue.bytes(Array(point[33...]))
        #expect(try COSEKey(cbor: key([(1, .int(2)), (3, .int(-7)), (-1, .int(1)), (-2, x), (-3, y)])).publicKey == Self.credentialKey)
        #expect(throws: WebAuthnError.unsupportedKey(keyType: 2, algorithm: -35, curve: 2)) {
            try COSEKey(cbor: key([(1, .int(2)), (3, .int(-35)), (-1, .int(2)), (-2, x), (-3, y)]))
        }
        #expect(throws: WebAuthnError.unsupportedKey(keyType: 2, algorithm: -47, curve: 8)) {
            try COSEKey(cbor: key([(1, .int(2)), (3, .int(-47)), (-1, .int(8)), (-2, x), (-3, y)]))
        }
        #expect(throws: WebAuthnError.unsupportedKey(keyType: 2, algorithm: nil, curve: 1)) {
            try COSEKey(cbor: key([(1, .int(2)), (-1, .int(1)), (-2, x), (-3, y)]))
        }
        #expect(throws: WebAuthnError.invalidKey(field: "x", why: "31 bytes, not 32")) {
            try COSEKey(cbor: key([(1, .int(2)), (3, .int(-7)), (-1, .int(1)), (-2, .bytes(Array(point[2..<33]))), (-3, y)]))
        }
        #expect(throws: WebAuthnError.wrongType(field: "credentialPublicKey.y (-3)", expected: "a 32-byte string", found: "a boolean")) {
            try COSEKey(cbor: key([(1, .int(2)), (3, .int(-7)), (-1, .int(1)), (-2, x), (-3, .bool(true))]))
        }
        var offCurve = Array(point[33...]); offCurve[31] ^= 1
        #expect(throws: WebAuthnError.invalidKey(field: "point", why: "not a point on the P-256 curve")) {
            try COSEKey(cbor: key([(1, .int(2)), (3, .int(-7)), (-1, .int(1)), (-2, x), (-3, .bytes(offCurve))]))
        }
        #expect(throws: WebAuthnError.wrongType(field: "credentialPublicKey.kty (1)", expected: "an integer", found: "a text string")) {
            try COSEKey(cbor: key([(1, .text("EC2"))]))
        }
    }

    @Test func unreadableCertificate() throws {
        // The packed-x5c fixture with its leaf certificate cut short.
        let bytes = try Self.attestationBytes("packed-x5c")
        var outer = try #require(try CBOR.decode(bytes).mapValue).entries
        let index = try #require(outer.firstIndex { $0.key == .text("attStmt") })
        var statement = try #require(outer[index].value.mapValue).entries
        let x5cIndex = try #require(statement.firstIndex { $0.key == .text("x5c") })
        var chain = try #require(statement[x5cIndex].value.arrayValue)
        chain[0] = .bytes(Array(try #require(chain[0].bytesValue).dropLast()))
        statement[x5cIndex].value = .array(chain)
        outer[index].value = .map(CBORMap(statement))
        let object = try AttestationObject(bytes: CBORValue.map(CBORMap(outer)).encoded)
        #expect(throws: WebAuthnError.certificateUnreadable(index: 0)) { try object.verify(clientDataJSON: []) }
    }
}

struct FixtureMissing: Error, CustomStringConvertible {
    let path: String
    var description: String { "fixture \(path) is missing: run python3 Tests/Fixtures/make-webauthn-fixtures.py" }
}
