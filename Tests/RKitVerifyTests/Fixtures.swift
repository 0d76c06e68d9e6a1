import Foundation
import RKitTestSupport
@testable import RecoveryKitCore

/// Kits and damage for the verifier tests, all made by the core's own
/// `KitGenerator`; each file is written where the command line can read it.
enum Fixtures {
    static let origin = "https://app.example.com"
    static let registrationChallenge = "Y2gtcmVnaXN0cmF0aW9u"

    static func kit(_ username: String = "alice@example.com", attested: Bool = true) throws -> (kit: RecoveryKit, code: RecoveryCode) {
        try KitGenerator.make(.init(username: username, origin: origin, challenge: attested ? registrationChallenge : nil))
    }

    /// The same envelope with one ciphertext byte flipped.
    static func flipped(_ envelope: KeyEnvelope) throws -> KeyEnvelope {
        var sealed = envelope.sealed
        sealed[10] ^= 0x01
        return try KeyEnvelope(text: KeyEnvelope.encode(sealed: sealed, iv: envelope.iv))
    }

    /// The attestation with one signature byte changed.
    static func badSignature(_ credential: KeyCredential) throws -> KeyCredential {
        let data = try AttestationData(bytes: credential.attestationData)
        var signature = data.signature
        signature[signature.count - 1] ^= 0x01
        let broken = AttestationData(publicKeyPEM: data.publicKeyPEM, signature: signature, algorithm: data.algorithm)
        return KeyCredential(kind: credential.kind, credId: credential.credId, clientData: credential.clientData,
                             attestationData: Array(broken.text.utf8), encryptedPrivateKey: credential.encryptedPrivateKey)
    }

    /// 64-column PEM with a trailing newline (Dfns documentation style).
    static func wrappedPEM(_ key: P256PublicKey) -> String {
        let body = Base64.encode(key.spkiDER)
        var lines: [String] = []
        var index = body.startIndex
        while index < body.endIndex {
            let end = body.index(index, offsetBy: 64, limitedBy: body.endIndex) ?? body.endIndex
            lines.append(String(body[index..<end]))
            index = end
        }
        return "-----BEGIN PUBLIC KEY-----\n" + lines.joined(separator: "\n") + "\n-----END PUBLIC KEY-----\n"
    }

    /// Parses `--json` output: one object per line.
    /// The report lines of --json output (the closing summary object left out).
    static func jsonLines(_ text: String) throws -> [JSONObject] {
        try jsonObjects(text).filter { $0["summary"] == nil }
    }

    /// Every line of --json output, the summary object included.
    static func jsonObjects(_ text: String) throws -> [JSONObject] {
        try text.split(separator: "\n").map { try JSONParser.parse(String($0)).requireObject("report line") }
    }

    static func failing(_ line: JSONObject) -> [String] {
        (line["checks"]?.arrayValue ?? []).filter { $0["ok"]?.boolValue == false }.compactMap { $0["name"]?.stringValue }
    }

    static func warnings(_ line: JSONObject) -> [String] {
        (line["warnings"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
    }

    /// The lint findings other than `lint.client-data-form` (which every
    /// credential and assertion gets: it names the form seen).
    static func findings(_ line: JSONObject) -> [String] { warnings(line).filter { $0 != "lint.client-data-form" } }

    /// The detail of the named check.
    static func detail(_ line: JSONObject, _ check: String) -> String? {
        (line["checks"]?.arrayValue ?? []).first { $0["name"]?.stringValue == check }?["detail"]?.stringValue
    }

    /// The details of the `lint.client-data-form` lines.
    static func formLines(_ line: JSONObject) -> [String] {
        (line["warnings"]?.arrayValue ?? []).filter { $0["name"]?.stringValue == "lint.client-data-form" }
            .compactMap { $0["detail"]?.stringValue }
    }

    static func checkNames(_ line: JSONObject) -> [String] {
        (line["checks"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
    }

    static func verify(_ arguments: [String], stdin: String? = nil) throws -> ToolResult {
        try ToolRunner.rkit("rkit-verify", arguments, stdin: stdin)
    }

    static func writeSecret(_ directory: TemporaryDirectory, _ name: String, _ text: String) throws -> String {
        let path = try directory.write(name, text)
        chmod(path, 0o600)
        return path
    }
}

/// Every check and warning name a report uses must be in the man page, so a
/// report line can be looked up.
enum ManPage {
    static let text: String = {
        let path = ToolRunner.repositoryRoot.appendingPathComponent("man/rkit-verify.1").path
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }()

    static func undocumented(_ lines: [JSONObject]) -> Set<String> {
        var missing = Set<String>()
        for line in lines {
            let notices = line["notices"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            for name in Fixtures.checkNames(line) + Fixtures.warnings(line) + notices {
                let parts = name.split(separator: ".").map(String.init)
                let documented = parts.first == "new" && parts.count == 3
                    ? text.contains("SLOT .\(parts[2])\n") || text.contains("SLOT .\(parts[2])\\fR")
                    : text.contains(".B \(name)\n")
                if !documented { missing.insert(name) }
            }
        }
        return missing
    }
}

