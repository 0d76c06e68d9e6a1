import Foundation
import RKitTestSupport
@testable import RecoveryKitCore

/// A kit, its code, and a synthetic recovery challenge for it, in a fresh
/// folder; plus helpers to run rkit-sign and the independent verifiers.
final class SignFixture {
    static let origin = "https://app.example.com"
    static let recoveryChallenge = "Y2gtcmVjb3Zlcnktc2Vzc2lvbi0x"
    static let token = "eyJhbGciOiJFUzI1NiJ9.test-token.sig"

    let dir: TemporaryDirectory
    let kit: RecoveryKit
    let code: RecoveryCode
    let username: String

    init(username: String = "demo@example.com", orgId: String? = "or-test-1") throws {
        dir = try TemporaryDirectory()
        self.username = username
        let made = try KitGenerator.make(.init(username: username, orgId: orgId, origin: SignFixture.origin,
                                               challenge: "Y2gtcmVnaXN0cmF0aW9u"))
        kit = made.kit
        code = made.code
        try dir.write("kit.json", kit.kitFileText)
        try dir.write("kit-qr.txt", kit.qrText + "\n")
        try dir.write("code.txt", code.revealCanonicalText() + "\n")
        try dir.write("recovery.pem", kit.publicKeyPEM!)
        try dir.write("challenge.json", SignFixture.challengeJSON(allowed: [("cr-other-kit", "ZW52ZWxvcGU="), (kit.credentialId, kit.envelope.text)]))
    }

    /// A response of POST /auth/recover/user/init, pretty-printed as an
    /// API client would save it.
    static func challengeJSON(allowed: [(id: String, envelope: String)], username: String = "demo@example.com",
                              firstFactor: [String] = ["Fido2", "Key"], rpId: String = "app.example.com") -> String {
        let entries = allowed.map { "    {\"id\": \(JSONText.quoted($0.id)), \"encryptedRecoveryKey\": \(JSONText.quoted($0.envelope))}" }
        return """
            {
              "user": {"id": "us-3v1ag-1b2c3-abcdefghij", "displayName": "Demo", "name": \(JSONText.quoted(username))},
              "temporaryAuthenticationToken": "\(token)",
              "challenge": "\(recoveryChallenge)",
              "supportedCredentialKinds": {"firstFactor": \(JSONText.stringify(.array(firstFactor.map { .string($0) }))), "secondFactor": ["Fido2", "Key"]},
              "authenticatorSelection": {"residentKey": "required", "userVerification": "required"},
              "attestation": "none",
              "pubKeyCredParams": [{"type": "public-key", "alg": -7}],
              "excludeCredentials": [],
              "otpUrl": "",
              "allowedRecoveryCredentials": [
            \(entries.joined(separator: ",\n"))
              ],
              "rp": {"id": \(JSONText.quoted(rpId)), "name": "Example"}
            }

            """
    }

    /// Hex SHA-256 of a file in the folder: what --accept-new-credentials names.
    func sha256(_ name: String) throws -> String {
        Hex.encode(SHA256Digest.hash(Array(try Data(contentsOf: dir.url.appendingPathComponent(name)))))
    }

    func sign(_ arguments: [String], stdin: String? = nil, environment: [String: String?] = [:]) throws -> ToolResult {
        try ToolRunner.rkit("rkit-sign", arguments, stdin: stdin, currentDirectory: dir.url, environment: environment)
    }

    /// The core's verdict on a body: assertion under `publicKey` and every
    /// Key/RecoveryKey credential against the recovery challenge, in the
    /// form rkit writes it (a RecoveryKey in the reference frontend's
    /// base64url form, a Key raw).
    static func coreVerify(body: String, publicKey: P256PublicKey) throws -> RecoveryRequest {
        let request = try RecoveryRequest(json: try JSONParser.parse(body))
        let verified = try request.verifyAssertion(publicKey: publicKey)
        guard verified.byteIdentical, verified.clientData.origin == origin else { throw Mismatch(what: "assertion") }
        for (_, value) in request.credentials {
            guard let kind = value["credentialKind"]?.stringValue, KeyCredential.Kind(rawValue: kind) != nil else { continue }
            let credential = try KeyCredential(json: value)
            let checked = try credential.verify()
            let form = ClientData.challengeForm(checked.clientData.challenge, challenge: recoveryChallenge)
            guard form == (credential.kind == .recoveryKey ? .base64url : .raw), checked.clientData.origin == origin else {
                throw Mismatch(what: "credential challenge")
            }
        }
        return request
    }

    /// Tests/Interop/verify_request.py over the body.
    func pythonVerify(body: String = "body.json", publicKeyPEM: String = "recovery.pem", extra: [String] = []) throws -> ToolResult {
        let script = ToolRunner.repositoryRoot.appendingPathComponent("Tests/Interop/verify_request.py").path
        return try ToolRunner.external("python3", [script, dir.file(body), dir.file(publicKeyPEM), SignFixture.recoveryChallenge,
                                                   SignFixture.origin] + extra)
    }

    /// The Node WebCrypto reference frontend's verify-request.
    static func nodeVerify(body: String, publicKeyPEM: String) throws -> ToolResult {
        try ReferenceFrontend.run(["verify-request"], stdin: JSONText.stringify([
            "body": .string(body), "publicKey": .string(publicKeyPEM), "challenge": .string(recoveryChallenge),
        ]))
    }

    struct Mismatch: Error { let what: String }
}
