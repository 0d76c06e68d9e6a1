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
            let document = try DocumentReader.read(path, what: "kit")
            let kit: RecoveryKit
            do { kit = try RecoveryKit.parse(document.bytes, username: username) } catch {
                throw CLIFailure.from(error, context: "kit \(path)")
            }
            if let username, !kit.username.isEmpty, !Username.same(username, kit.username) {
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

    /// The kit's app ID (a new kit carries it on).
    var appId: String? {
        if case let .kit(kit, _) = self { return kit.appId }
        return nil
    }

    /// The credential ID without the challenge (for --init-request): a
    /// kit's ID must be the hash of its envelope.
    func credentialId() throws -> String {
        switch self {
        case let .idOnly(id, _): return id
        case let .kit(kit, path):
            do { try FlowRules.binding(credentialId: kit.credentialId, envelope: kit.envelope) } catch {
                throw CLIFailure.from(error, context: "kit \(path)")
            }
            return kit.credentialId
        }
    }

    /// The recover flow's credential.
    var flowCredential: RecoverFlow.Credential {
        switch self {
        case let .kit(kit, _): return .kit(kit)
        case let .idOnly(id, username): return .idOnly(credentialId: id, username: username)
        }
    }
}
