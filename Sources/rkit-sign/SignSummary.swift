import RecoveryKitCore

/// The `--json` summary (documented in rkit-sign(1)): what was signed and
/// which files were written. Never a secret.
enum SignSummary {
    static func json(made: RecoveryRequestMaker.Result, credential: SelectedRecoveryCredential, origin: String,
                     challenge: RecoveryChallenge, files: [(path: String, content: String, secret: Bool)],
                     warnings: [String], curl: String?) -> JSONValue {
        let signedText = JSONText.stringify(.object(made.request.newCredentials))
        var object: JSONObject = [
            "format": "rkit-sign-summary/1",
            "recoveryCredential": [
                "credentialId": .string(credential.credentialId),
                "username": .string(credential.username),
                "envelopeFrom": .string(credential.source.rawValue),
                "publicKey": .string(made.signerPublicKey.pem),
            ],
            "origin": .string(origin),
            "challenge": .string(challenge.challenge),
            "newCredentialsSha256": .string(Hex.encode(SHA256Digest.hash(utf8: signedText))),
            "bodySha256": .string(Hex.encode(SHA256Digest.hash(utf8: made.body))),
            "newCredentials": .array(made.request.newCredentials.members.map { member in
                var entry: JSONObject = ["slot": .string(member.key)]
                entry["credentialKind"] = member.value["credentialKind"]
                entry["credId"] = member.value["credentialInfo"]?["credId"]
                return .object(entry)
            }),
            "files": .array(files.map { file in
                ["path": .string(file.path), "content": .string(file.content), "mode": .string(file.secret ? "0600" : "0644")]
            }),
            "warnings": .array(warnings.map { .string($0) }),
        ]
        if let curl { object["curl"] = .string(curl) }
        return .object(object)
    }
}
