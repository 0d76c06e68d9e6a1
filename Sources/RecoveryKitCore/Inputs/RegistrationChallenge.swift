/// The challenge a new recovery credential is attested against
/// (docs/SCHEME.md §6a): read from the JSON response of
/// `/auth/registration/init`, `/auth/registration/delegated`,
/// `/auth/credentials/init` (or a recovery challenge), or given as the bare
/// challenge string.
///
/// Rule: input whose trimmed text starts with `{`, `[` or `"` is JSON (an
/// object with a string field `challenge`, or one JSON string); anything
/// else is a bare challenge, which must be one token of visible ASCII (a
/// pasted HTML error page or a line with spaces is refused, not signed).
public struct RegistrationChallenge: Sendable, Equatable {
    /// Whether the challenge came in a JSON response or bare.
    public enum Source: String, Sendable { case response = "JSON response", bare = "bare challenge" }

    public static let maxBareLength = 4096

    public let challenge: String
    public let source: Source
    /// `rp.id` of a registration response, when present: the origin's host
    /// should be this domain or below it.
    public let relyingPartyId: String?
    /// `challengeIdentifier` of a `/auth/credentials/init` response: the
    /// credential is then added to a signed-in account, and the body is a
    /// whole `CreateCredentialBody` that echoes it (docs/SCHEME.md §7.6).
    public let challengeIdentifier: String?

    /// The credential kind a `/auth/credentials/init` response is for; rkit
    /// registers only this one.
    public static let recoveryKeyKind = "RecoveryKey"

    public init(challenge: String, source: Source = .bare, relyingPartyId: String? = nil, challengeIdentifier: String? = nil) {
        self.challenge = challenge
        self.source = source
        self.relyingPartyId = relyingPartyId
        self.challengeIdentifier = challengeIdentifier
    }

    public static func parse(_ bytes: [UInt8]) throws -> RegistrationChallenge {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw ChallengeError.notUTF8 }
        let trimmed = Username.trimmed(text)
        guard !trimmed.isEmpty else { throw ChallengeError.empty }
        if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") || trimmed.hasPrefix("\"") {
            let json: JSONValue
            do { json = try JSONParser.parse(Array(trimmed.utf8)) } catch let error as JSONError {
                throw ChallengeError.json(error)
            }
            switch json {
            case let .string(challenge):
                return RegistrationChallenge(challenge: try checkedBare(challenge), source: .bare)
            case let .object(object):
                guard let value = object["challenge"] else {
                    if let message = DfnsErrorBody.message(in: object) { throw ChallengeError.serverError(message) }
                    throw ChallengeError.noChallengeField(keys: object.keys)
                }
                guard let challenge = value.stringValue else { throw ChallengeError.challengeNotString(value.typeName) }
                guard !challenge.isEmpty else { throw ChallengeError.empty }
                guard !challenge.unicodeScalars.contains(where: isControl) else { throw ChallengeError.controlCharacter(field: "challenge") }
                let rpId = object["rp"]?.objectValue?["id"]?.stringValue
                return RegistrationChallenge(challenge: challenge, source: .response, relyingPartyId: rpId,
                                             challengeIdentifier: try credentialsInit(object))
            default:
                throw ChallengeError.notObject(json.typeName)
            }
        }
        return RegistrationChallenge(challenge: try checkedBare(trimmed), source: .bare)
    }

    /// A `/auth/credentials/init` response (it carries `challengeIdentifier`
    /// and `kind`): returns the identifier after checking the response is
    /// for a RecoveryKey. A registration response has neither member.
    static func credentialsInit(_ object: JSONObject) throws -> String? {
        let kindValue = object["kind"]
        guard let identifierValue = object["challengeIdentifier"] else {
            // A kind without an identifier: still refuse another kind's challenge.
            if let kind = kindValue?.stringValue, !kind.isByteIdentical(to: recoveryKeyKind) {
                throw ChallengeError.otherCredentialKind(kind)
            }
            return nil
        }
        guard let identifier = identifierValue.stringValue else {
            throw ChallengeError.fieldNotString(field: "challengeIdentifier", found: identifierValue.typeName)
        }
        guard !identifier.isEmpty else { throw ChallengeError.emptyField("challengeIdentifier") }
        guard !identifier.unicodeScalars.contains(where: isControl) else { throw ChallengeError.controlCharacter(field: "challengeIdentifier") }
        guard let kindValue else { throw ChallengeError.noKind }
        guard let kind = kindValue.stringValue else { throw ChallengeError.fieldNotString(field: "kind", found: kindValue.typeName) }
        guard kind.isByteIdentical(to: recoveryKeyKind) else { throw ChallengeError.otherCredentialKind(kind) }
        return identifier
    }

    static func checkedBare(_ text: String) throws -> String {
        guard !text.isEmpty else { throw ChallengeError.empty }
        guard text.utf8.count <= maxBareLength else { throw ChallengeError.tooLong(limit: maxBareLength) }
        for (offset, scalar) in text.unicodeScalars.enumerated() where !(0x21...0x7E).contains(scalar.value) {
            throw ChallengeError.bareCharacter(position: offset + 1)
        }
        return text
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
