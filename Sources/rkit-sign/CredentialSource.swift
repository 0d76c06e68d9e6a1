import RecoveryKitCLI
import RecoveryKitCore

/// Where the recovery credential comes from: a kit file, or a credential
/// ID plus username (the envelope then comes from the challenge).
enum CredentialSource {
    case kit(RecoveryKit, path: String)
    case idOnly(credentialId: String, username: String)

    static func resolve(kitPath: String?, credentialId: String?, username: String?) throws -> CredentialSource {
        switch (kitPath, credentialId) {
        case (nil, nil):
            throw CLIFailure.usage("say which recovery credential signs: --kit FILE, or --credential-id ID with --username EMAIL")
        case (.some, .some):
            throw CLIFailure.usage("give either --kit or --credential-id, not both")
        case let (nil, .some(id)):
            guard let username, !username.isEmpty else {
                throw CLIFailure.usage("--credential-id needs --username with the account's e-mail address (it salts the encrypted key)")
            }
            return .idOnly(credentialId: id, username: username)
        case let (.some(path), nil):
            let bytes = try InputFile.read(path, what: "kit")
            let kit: RecoveryKit
            do { kit = try RecoveryKit.parse(bytes, username: username) } catch {
                throw CLIFailure.from(error, context: "kit \(path)")
            }
            if let username, !kit.username.isEmpty, Username.normalized(username) != Username.normalized(kit.username) {
                throw CLIFailure.usage("--username \"\(username)\" is not the kit's username \"\(kit.username)\"; leave --username out to use the kit's")
            }
            return .kit(kit, path: path)
        }
    }

    var username: String {
        switch self {
        case let .kit(kit, _): return kit.username
        case let .idOnly(_, username): return username
        }
    }

    var orgId: String? {
        if case let .kit(kit, _) = self { return kit.orgId }
        return nil
    }

    /// The credential ID without the challenge (for --init-request): a
    /// kit's ID must be the hash of its envelope.
    func credentialId() throws -> String {
        switch self {
        case let .idOnly(id, _): return id
        case let .kit(kit, path):
            guard kit.credentialId == kit.envelope.credentialId else {
                throw CLIFailure.from(RecoveryError.kitIDMismatch(kitId: kit.credentialId, envelopeId: kit.envelope.credentialId),
                                      context: "kit \(path)")
            }
            return kit.credentialId
        }
    }

    func select(challenge: RecoveryChallenge) throws -> SelectedRecoveryCredential {
        switch self {
        case let .kit(kit, _): return try SelectedRecoveryCredential.fromKit(kit, challenge: challenge)
        case let .idOnly(id, username): return try SelectedRecoveryCredential.fromChallenge(credentialId: id, username: username, challenge: challenge)
        }
    }
}
