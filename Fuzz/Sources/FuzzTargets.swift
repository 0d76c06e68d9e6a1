// libFuzzer entry point for rkit's parsers. Built by Fuzz/build.sh together
// with the sources of RecoveryKitCore into one binary (one module, so no
// SwiftPM product is needed and `swift build` is unaffected); the target is
// chosen with RKIT_FUZZ_TARGET=<name>, one name per folder in Fuzz/corpus/.
//
// Every target feeds arbitrary bytes to one parser. A parser may throw
// (that is the expected outcome for garbage); it must never trap, hang or
// touch memory it does not own. Properties that must hold for inputs that
// do parse are checked with `fuzzCheck`, which crashes so libFuzzer keeps
// the input.

#if canImport(Glibc)
import Glibc
#endif

/// Adding a target: one case here and a seed folder Fuzz/corpus/<name>/.
enum FuzzTarget: String, CaseIterable {
    case kit                 // RecoveryKit.parse: kit.json, QR text, bare credential
    case envelope            // KeyEnvelope(text:), then open with a fixed key
    case pem                 // P256PublicKey(pem:)
    case spki                // P256PublicKey(spkiDER:)
    case pkcs8               // P256PrivateKey(pkcs8:)
    case code                // RecoveryCode(parsing:)
    case base64              // Base64 / Base64URL / Hex decode + re-encode round trip
    case json                // JSONParser.parse, and parse -> stringify -> parse is the identity
    case clientData          // ClientData(bytes:)
    case credential          // KeyCredential(json:) and AttestationData(bytes:)
    case request             // RecoveryRequest(json:) and verifyAssertion
    case challenge           // RecoveryChallenge(bytes:): the recover/user/init response
    case codeList            // RecoveryCodeList(parsing:): rkit-verify kit --codes
    case kitVerifier         // KitVerifier().verify: every no-secret check of rkit-verify kit
    case multipart           // MultipartText.parts/join (BBQr frames, RK1/RK2 parts), split -> join round trips, bounded inflate
    case registration        // RegistrationChallenge.parse (rkit-generate --challenge)
    case newCredentials      // NewCredentials.parseProvided (rkit-sign --new-credentials)
    case origin              // ApplicationOrigin.normalized and UsernamePolicy.check
    case requestVerifier     // RequestVerifier.verify: every check of rkit-verify request
    case cbor                // CBOR.decode: accepted input is the one encoding of its value
    case attestation         // AttestationObject(bytes:) and verify; AuthenticatorData(bytes:)
    case fido2               // Fido2Credential(json:) and summary (rkit-sign --new-credentials passkeys)
    case share               // Share(parsing:) and RecoveryCodeShares: typed shares and --share-file

    func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        switch self {
        case .kit:
            if let kit = try? RecoveryKit.parse(bytes, username: "fuzz@example.com") {
                // What was read must be writable again and read back the same.
                let again = try? RecoveryKit.parse(Array(kit.kitFileText.utf8))
                fuzzCheck(kit.source != .kitFile || again?.envelope == kit.envelope, "kit.json does not round-trip")
                _ = kit.qrText
            }
        case .envelope:
            guard let envelope = try? KeyEnvelope(text: text) else { return }
            fuzzCheck(envelope.sealed.count > AESGCM.tagSize && !envelope.iv.isEmpty, "accepted an impossible envelope")
            _ = envelope.credentialId
            if let key = try? envelope.open(wrappingKey: FuzzFixtures.wrappingKey) {
                _ = try? key.pkcs8()
            }
        case .pem:
            if let key = try? P256PublicKey(pem: text) {
                fuzzCheck((try? P256PublicKey(pem: key.pem)) == key, "PEM does not round-trip")
            }
        case .spki:
            if let key = try? P256PublicKey(spkiDER: bytes) {
                fuzzCheck(key.spkiDER == bytes, "accepted SPKI that is not the one canonical encoding")
                _ = key.isValidSignature(Array(bytes.prefix(72)), for: bytes)
            }
        case .pkcs8:
            if let key = try? P256PrivateKey(pkcs8: bytes), let exported = try? key.pkcs8() {
                let back = try? P256PrivateKey(pkcs8: exported)
                fuzzCheck(back?.publicKey == key.publicKey, "PKCS#8 does not round-trip")
            }
        case .code:
            if let code = try? RecoveryCode(parsing: text) {
                let canonical = code.revealCanonicalText()
                fuzzCheck(canonical.utf8.count == 40, "canonical code is not 40 characters")
                let again = try? RecoveryCode(parsing: canonical)
                fuzzCheck(again?.password.isEqual(to: code.password) == true, "code does not round-trip")
            }
        case .base64:
            if let decoded = try? Base64.decode(text) { fuzzCheck(Base64.encode(decoded) == text, "base64 is not canonical") }
            if let decoded = try? Base64URL.decode(text) { fuzzCheck(Base64URL.encode(decoded) == text, "base64url is not canonical") }
            if let decoded = try? Hex.decode(text) { fuzzCheck(Hex.encode(decoded) == text.lowercased(), "hex does not round-trip") }
        case .json:
            guard let value = try? JSONParser.parse(bytes) else { return }
            let written = JSONText.stringify(value)
            let again = try? JSONParser.parse(Array(written.utf8))
            fuzzCheck(again == value, "parse -> stringify -> parse changed the value")
            fuzzCheck(again.map(JSONText.stringify) == written, "stringify is not stable")
        case .clientData:
            if let clientData = try? ClientData(bytes: bytes) {
                // Written again by the one writer, it reads back to the same values.
                let written = ClientData.text(type: clientData.type, challenge: clientData.challenge,
                                              origin: clientData.origin, order: .frontend)
                let again = try? ClientData(bytes: Array(written.utf8))
                fuzzCheck(again.map { $0.type.isByteIdentical(to: clientData.type) && $0.challenge.isByteIdentical(to: clientData.challenge)
                                      && ($0.origin ?? "").isByteIdentical(to: clientData.origin ?? "") } == true,
                          "client data does not round-trip")
                _ = clientData.formDescription(challenge: nil)
            }
        case .credential:
            _ = try? AttestationData(bytes: bytes)
            guard let json = try? JSONParser.parse(bytes), let credential = try? KeyCredential(json: json) else { return }
            fuzzCheck((try? KeyCredential(json: credential.json)) == credential, "credential does not round-trip")
            _ = try? credential.verify()
        case .request:
            guard let json = try? JSONParser.parse(bytes), let request = try? RecoveryRequest(json: json) else { return }
            _ = request.text
            _ = try? request.verifyAssertion(publicKey: FuzzFixtures.publicKey)
        case .challenge:
            // The recovery challenge, and the passkey options a security key gets from it.
            if let challenge = try? RecoveryChallenge(bytes: bytes), let json = challenge.json {
                _ = try? PasskeyOptions(challengeJSON: json)
            }
        case .multipart:
            _ = MultipartText.looksLikeParts(text)
            _ = try? MultipartText.join(MultipartText.parts(in: text))
            _ = try? MultipartText.joinBytes(MultipartText.parts(in: text))
            if let parts = try? MultipartText.split(bytes: bytes, partBytes: 1 + Int(bytes.first ?? 0)) {
                fuzzCheck((try? MultipartText.joinBytes(parts.reversed())) == bytes, "split -> join is not the identity")
            }
            if let frames = try? BBQr.split(bytes: bytes, perFrame: 8 * (1 + Int(bytes.last ?? 0) % 64)) {
                fuzzCheck((try? BBQr.join(frames.reversed()).bytes) == bytes, "BBQr split -> join is not the identity")
            }
            if case let .success(inflated) = RawDeflate.inflate(bytes, limit: 1 << 16) {
                fuzzCheck(inflated.count <= 1 << 16, "inflate went past its limit")
            }
            if let decoded = Base32.decode(bytes) {
                fuzzCheck(Base32.decode(Array(Base32.encode(decoded).utf8)) == decoded, "Base32 does not round-trip")
            }
        case .registration:
            _ = try? RegistrationChallenge.parse(bytes)
        case .newCredentials:
            if let json = try? JSONParser.parse(bytes) { _ = try? NewCredentials.parseProvided(json) }
        case .origin:
            if let origin = try? ApplicationOrigin.normalized(text) {
                fuzzCheck((try? ApplicationOrigin.normalized(origin)) == origin, "origin normalization is not idempotent")
                _ = ApplicationOrigin.host(of: origin)
                _ = ApplicationOrigin.matches(origin, relyingPartyId: "example.com")
            }
            _ = try? UsernamePolicy.check(text)
        case .codeList:
            _ = try? RecoveryCodeList(parsing: bytes)
        case .kitVerifier:
            let report = KitVerifier().verify(bytes, item: "fuzz")
            _ = FuzzFixtures.serialise(report)
        case .requestVerifier:
            let report = RequestVerifier(publicKey: FuzzFixtures.publicKey).verify(bytes, item: "fuzz")
            _ = FuzzFixtures.serialise(report)
        case .cbor:
            guard let value = try? CBOR.decode(bytes) else { return }
            fuzzCheck(value.encoded == bytes, "accepted CBOR that is not the one encoding of its value")
        case .attestation:
            if let data = try? AuthenticatorData(bytes: bytes) { fuzzCheck(data.bytes == bytes, "authenticator data changed") }
            guard let object = try? AttestationObject(bytes: bytes) else { return }
            fuzzCheck(object.authenticatorData.attestedCredential != nil, "accepted an attestation without a credential")
            fuzzCheck(object.format != "none" || object.statement.count == 0, "accepted none with a statement")
            if let verdict = try? object.verify(clientDataJSON: FuzzFixtures.clientDataJSON) {
                _ = PasskeySummary(attestationObject: object, verdict: verdict, credentialIdMatches: false)
            }
        case .fido2:
            guard let json = try? JSONParser.parse(bytes), let credential = try? Fido2Credential(json: json) else { return }
            _ = credential.credentialIdMatches
            if let summary = try? credential.summary() { _ = summary.rpIdHashMatches("example.com") }
        case .share:
            // A share that reads must write back to the same share, and a
            // recovery code's share combines (or is refused) without a trap.
            guard let share = try? Share(parsing: text) else { return }
            fuzzCheck((try? Share(indices: share.indices)) == share, "a share does not round-trip through its words")
            fuzzCheck(share.words.count == share.indices.count && share.words.count <= Share.maximumWords, "impossible share length")
            if let rkit = try? RecoveryCodeShares.share(parsing: text) {
                fuzzCheck(rkit.value.count == RecoveryCodeShares.secretBytes, "a share of another length read as a code's")
                _ = RecoveryCodeShares.progress([rkit])
                _ = try? RecoveryCodeShares.combine([rkit, rkit])
                if rkit.memberThreshold == 1 && rkit.groupThreshold == 1 {
                    fuzzCheck((try? RecoveryCodeShares.combine([rkit])) != nil, "a complete 1-of-1 share does not combine")
                }
            }
        }
    }
}

/// Fixed inputs, made once per process (PBKDF2 is deliberately slow).
/// The seed kits are sealed under this code and username, so the
/// envelope target reaches the decryption and PKCS#8 paths.
enum FuzzFixtures {
    /// Every name and detail of a report as JSON text (the tools' rendering
    /// lives in RecoveryKitCLI; this keeps the report's strings exercised).
    static func serialise(_ report: VerificationReport) -> String {
        JSONText.stringify(.array(report.checks.map { .string("\($0.name) \($0.ok) \($0.detail)") }
            + report.warnings.map { .string("\($0.name) \($0.detail)") }))
    }

    static let code = try! RecoveryCode(parsing: "D1-9W32PF-6QFU8-8E72U-3QK8T-9QR8N-G5FG66")
    static let username = "fuzz@example.com"
    static let wrappingKey = try! KeyEnvelope.wrappingKey(code: code, username: username)
    /// A fixed private key (scalar 0x11…11), so seed requests verify.
    static let privateKey = try! P256PrivateKey(pkcs8: P256DER.pkcs8NoPublicPrefix + [UInt8](repeating: 0x11, count: 32))
    static let publicKey = privateKey.publicKey
    /// The client data of the WebAuthn seeds (Tests/Fixtures/make-webauthn-fixtures.py),
    /// so the seeds' packed signatures verify.
    static let clientDataJSON = Array(#"{"type":"webauthn.create","challenge":"Y2gtcmtpdC1maXh0dXJlLTAwMDE","origin":"https://app.example.com","crossOrigin":false}"#.utf8)
}

func fuzzCheck(_ condition: Bool, _ message: StaticString) {
    if !condition { fatalError("fuzz property violated: \(message)") }
}
