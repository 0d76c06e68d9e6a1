/// What registering a recovery kit sends to Dfns (docs/SCHEME.md §7.5,
/// §7.6), made from the kit's attestation and the challenge it answers:
///
/// - a registration challenge (`/auth/registration/init`, `…/delegated`):
///   the `recoveryCredential` object of `RegisterBody`
///   `{credentialKind, credentialInfo, encryptedPrivateKey, credentialName?}`;
/// - a `/auth/credentials/init` response (it carries `challengeIdentifier`):
///   the whole `CreateCredentialBody` of `POST /auth/credentials`
///   `{credentialKind, credentialInfo, encryptedPrivateKey, credentialName, challengeIdentifier}`,
///   where `credentialName` is required.
///
/// Shared by rkit-generate `--challenge` and `rkit-sign attest`, so a kit
/// registered at once and one registered later write the same bodies.
public struct RegistrationBody: Sendable, Equatable {
    public enum Form: String, Sendable {
        /// `recoveryCredential` of `POST /auth/registration` (and `/enduser`).
        case recoveryCredential
        /// `CreateCredentialBody` of `POST /auth/credentials`.
        case createCredential
    }

    public let form: Form
    /// The credential inside (a RecoveryKey with its envelope and name).
    public let credential: KeyCredential
    /// Set for `.createCredential`.
    public let challengeIdentifier: String?

    /// `credential` must be a RecoveryKey attested against `challenge`
    /// (its client data challenge, in either form rkit accepts) and carry
    /// its envelope. For a credentials/init challenge it must also carry a
    /// `credentialName` (the body requires one).
    public init(credential: KeyCredential, challenge: RegistrationChallenge) throws {
        guard credential.kind == .recoveryKey, credential.encryptedPrivateKey != nil else {
            throw CredentialError.invalidValue(field: "credentialKind", why: "a registration body holds a RecoveryKey credential with its envelope")
        }
        let clientData = try ClientData(bytes: credential.clientData)
        guard ClientData.challengeForm(clientData.challenge, challenge: challenge.challenge) != nil else {
            throw CredentialError.invalidValue(field: "clientData.challenge", why: "the attestation was made against another challenge")
        }
        if let name = credential.credentialName { try CredentialName.validate(name) }
        if let identifier = challenge.challengeIdentifier {
            guard credential.credentialName != nil else { throw CredentialError.missingField("credentialName") }
            form = .createCredential
            challengeIdentifier = identifier
        } else {
            form = .recoveryCredential
            challengeIdentifier = nil
        }
        self.credential = credential
    }

    /// The body, members in the SDK type's order.
    public var json: JSONValue {
        guard case var .object(object) = credential.json else { preconditionFailure("a credential is an object") }
        if let challengeIdentifier { object["challengeIdentifier"] = .string(challengeIdentifier) }
        return .object(object)
    }

    /// The file text (attestation.json): the JavaScript serialisation and a newline.
    public var fileText: String { JSONText.stringify(json) + "\n" }

    /// Where the body goes, for summaries and man pages.
    public var destination: String {
        switch form {
        case .recoveryCredential: return "recoveryCredential of POST /auth/registration"
        case .createCredential: return "the whole body of POST /auth/credentials"
        }
    }
}
