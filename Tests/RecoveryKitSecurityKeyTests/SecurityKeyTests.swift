import Foundation
import Testing
import RKitTestSupport
import RecoveryKitCore
@testable import RecoveryKitSecurityKey

/// RecoveryKitSecurityKey against a software key (soft-fido2) over the
/// `unix:` transport, judged by python-fido2's Fido2Server: the credential
/// registers, and the same key signs in with it.
@Suite(.serialized) struct SecurityKeyTests {
    static let origin = "https://app.example.com"
    static let rpId = "app.example.com"
    static let challenge = "Y2gtdGVzdC1yZWNvdmVyeS1jaGFsbGVuZ2U"

    static func clientData() -> [UInt8] {
        Array(#"{"type":"webauthn.create","challenge":"\#(Base64URL.encode(Array(challenge.utf8)))","origin":"\#(origin)","crossOrigin":false}"#.utf8)
    }

    static func request(resident: PasskeyRequest.Requirement = .required, exclude: [[UInt8]] = [], user: String = "us-1") -> PasskeyRequest {
        PasskeyRequest(rpId: rpId, rpName: "Example", userId: Array(user.utf8), userName: "jane@example.com",
                       userDisplayName: "Jane", clientDataHash: SHA256Digest.hash(clientData()),
                       residentKey: resident, userVerification: .required, excludeCredentials: exclude)
    }

    @Test func infoNamesTheKey() throws {
        let soft = try SoftSecurityKey()
        let device = try SecurityKey.choose(soft.device, listed: { [] })
        let key = try SecurityKey(device)
        let info = try key.info()
        #expect(info.aaguid.count == 16)
        #expect(info.aaguidText == "00000000-0000-0000-0000-000000000000")
        #expect(info.pinSet == true)
        #expect(info.versions.contains("FIDO_2_1"))
    }

    @Test func madeCredentialRegistersAndSignsIn() throws {
        let soft = try SoftSecurityKey()
        let key = try SecurityKey(try SecurityKey.choose(soft.device, listed: { [] }))
        let made = try key.makeCredential(Self.request(), pin: SecretBytes(utf8: SoftSecurityKey.pin))
        #expect(made.format == "packed")
        // The object reads back with rkit's own reader and verifies.
        let object = try AttestationObject(bytes: made.attestationObject)
        #expect(object.credential.credentialId == made.credentialId)
        if case .certificate = try object.verify(clientDataJSON: Self.clientData()) {} else { Issue.record("expected a packed certificate statement") }
        #expect(try AttestationObject(bytes: made.anonymizedAttestationObject).format == "none")

        let dir = soft.folder
        let challengeFile = try dir.write("challenge.json", #"{"challenge":"\#(Self.challenge)","rp":{"id":"\#(Self.rpId)","name":"Example"},"user":{"id":"us-1","name":"jane@example.com","displayName":"Jane"}}"#)
        let body = #"{"newCredentials":{"firstFactorCredential":{"credentialKind":"Fido2","credentialInfo":{"credId":"\#(Base64URL.encode(made.credentialId))","clientData":"\#(Base64URL.encode(Self.clientData()))","attestationData":"\#(Base64URL.encode(made.anonymizedAttestationObject))"}}}}"#
        let bodyFile = try dir.write("body.json", body)
        let registered = try SoftSecurityKey.judge(["register", "--body", bodyFile, "--challenge", challengeFile,
                                                   "--origin", Self.origin, "--out", dir.file("cred.json")])
        #expect(registered.status == 0, "\(registered.stderr)")
        let signedIn = try SoftSecurityKey.judge(["signin", "--socket", soft.socketPath, "--pin", SoftSecurityKey.pin,
                                                 "--credential", dir.file("cred.json"), "--origin", Self.origin])
        #expect(signedIn.status == 0, "\(signedIn.stderr)")
        #expect(signedIn.stdout.hasPrefix("ok: the security key signed in"))
    }

    @Test func wrongPinSaysHowManyTriesAreLeft() throws {
        let soft = try SoftSecurityKey()
        let key = try SecurityKey(try SecurityKey.choose(soft.device, listed: { [] }))
        #expect {
            _ = try key.makeCredential(Self.request(), pin: SecretBytes(utf8: "000000"))
        } throws: { error in
            guard case let .pinInvalid(retries) = error as? SecurityKeyError else { return false }
            return retries != nil
        }
    }

    @Test func noPinWhenVerificationIsRequiredIsRefusedBeforeTheKeyIsAsked() throws {
        let soft = try SoftSecurityKey()
        let key = try SecurityKey(try SecurityKey.choose(soft.device, listed: { [] }))
        #expect(throws: SecurityKeyError.pinRequired) { _ = try key.makeCredential(Self.request(), pin: nil) }
    }

    @Test func aSecondResidentLoginForTheSameUserIsExcluded() throws {
        let soft = try SoftSecurityKey()
        let first = try SecurityKey(try SecurityKey.choose(soft.device, listed: { [] }))
        let made = try first.makeCredential(Self.request(), pin: SecretBytes(utf8: SoftSecurityKey.pin))
        first.close()
        let second = try SecurityKey(try SecurityKey.choose(soft.device, listed: { [] }))
        #expect(throws: SecurityKeyError.credentialExcluded) {
            _ = try second.makeCredential(Self.request(exclude: [made.credentialId]), pin: SecretBytes(utf8: SoftSecurityKey.pin))
        }
    }

    @Test func choosingWithoutAPath() throws {
        #expect(throws: SecurityKeyError.noDevice) { _ = try SecurityKey.choose(nil, listed: { [] }) }
        let two = [SecurityKeyDevice(path: "/dev/hidraw0", product: "YubiKey 5", manufacturer: "Yubico"),
                   SecurityKeyDevice(path: "/dev/hidraw3", product: "Solo 2", manufacturer: "SoloKeys")]
        #expect(throws: SecurityKeyError.severalDevices(two)) { _ = try SecurityKey.choose(nil, listed: { two }) }
        #expect(try SecurityKey.choose(nil, listed: { [two[1]] }) == two[1])
        #expect(SecurityKeyError.severalDevices(two).description
            == "2 security keys are plugged in: /dev/hidraw0 (Yubico YubiKey 5); /dev/hidraw3 (SoloKeys Solo 2)")
    }

    @Test func aSocketNobodyServesCannotBeOpened() throws {
        let dir = try TemporaryDirectory()
        #expect {
            _ = try SecurityKey(SecurityKeyDevice(path: "unix:\(dir.file("none.sock"))", product: "", manufacturer: ""))
        } throws: { error in
            if case .cannotOpen = error as? SecurityKeyError { return true }
            return false
        }
    }
}
