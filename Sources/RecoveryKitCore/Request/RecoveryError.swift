/// Why a recovery could not be prepared: the challenge file, the choice of
/// recovery credential, or the new credentials. Messages name the field or
/// the credential ID, never a secret.
public enum RecoveryError: RecoveryKitError, Equatable {
    /// Why there is no username.
    public enum MissingUsername: Sendable, Equatable {
        /// The kit (a bare credential) names none and none was given.
        case kitNamesNone
        /// The username given is empty.
        case empty
    }

    /// What is wrong with a recovery challenge.
    public enum ChallengeProblem: Sendable, Equatable, CustomStringConvertible {
        case json(JSONError)
        case notObject(found: String)
        case missingField(String)
        case wrongType(field: String, expected: String, found: String)
        case emptyField(String)
        /// Dfns's error answer saved in place of the challenge (`DfnsErrorBody`).
        case serverError(String)
        case noAllowedCredentials
        /// A text longer than `RecoveryChallenge.Limits` allows (bytes).
        case tooLong(field: String, limit: Int)
        /// A list longer than `RecoveryChallenge.Limits` allows.
        case tooMany(field: String, limit: Int)
        /// The server's copy of the chosen credential's envelope is unreadable.
        case invalidServerEnvelope(credentialId: String, EnvelopeError)

        public var description: String {
            switch self {
            case let .json(error): return "\(error)"
            case let .notObject(found): return "expected a JSON object, found \(found)"
            case let .missingField(field): return "missing field \"\(field)\""
            case let .wrongType(field, expected, found): return "field \"\(field)\" must be \(expected), found \(found)"
            case let .emptyField(field): return "field \"\(field)\" is empty"
            case let .serverError(message): return DfnsErrorBody.describe(message)
            case .noAllowedCredentials: return "allowedRecoveryCredentials is empty: the account has no recovery credential"
            case let .tooLong(field, limit): return "\(field) is longer than \(limit) bytes, more than any init response holds"
            case let .tooMany(field, limit): return "\(field) has more than \(limit) entries, more than any init response holds"
            case let .invalidServerEnvelope(credentialId, error):
                return "the encryptedRecoveryKey of credential \"\(RecoveryError.short(credentialId))\" is invalid (\(error))"
            }
        }
    }

    /// The challenge text is not the JSON of a recovery init response.
    case challenge(ChallengeProblem)
    /// The credential is not in the challenge's `allowedRecoveryCredentials`.
    case credentialNotAllowed(id: String, allowed: [String])
    /// The kit's envelope and the server's copy differ.
    case envelopeMismatch(id: String)
    /// The server's envelope for the credential does not hash to its ID.
    case serverEnvelopeNotID(id: String)
    /// The kit's credential ID is not the hash of its own envelope.
    case kitIDMismatch(kitId: String, envelopeId: String)
    /// No username to salt the envelope with.
    case noUsername(MissingUsername)
    /// The new credentials cannot be placed in the body.
    case newCredentials(NewCredentials.Problem)
    /// The opened key is not the kit's public key.
    case publicKeyMismatch(id: String)
    /// rkit's own output did not verify; nothing is written.
    case selfCheckFailed(String)
    /// The kit's metadata signature does not verify under the opened key:
    /// a field was changed after the kit was made (issue 20, finding 4).
    case kitFieldsChanged(id: String)

    public var kind: FailureKind {
        switch self {
        case .credentialNotAllowed, .envelopeMismatch, .kitIDMismatch, .publicKeyMismatch, .serverEnvelopeNotID, .kitFieldsChanged:
            return .verificationFailed
        case .selfCheckFailed: return .system
        case .challenge, .noUsername, .newCredentials: return .malformedInput
        }
    }

    public var description: String {
        switch self {
        case let .challenge(why):
            // Dfns's own error and a curly quote already say what to do.
            switch why {
            case .serverError, .json(.curlyQuote): return "the recovery challenge is not usable: \(why)"
            default: return "the recovery challenge is not usable: \(why); give the JSON response of POST /auth/recover/user/init"
            }
        case let .credentialNotAllowed(id, allowed):
            let list = allowed.isEmpty ? "none" : allowed.map { "\"\(Self.short($0))\"" }.joined(separator: ", ")
            return "credential \"\(Self.short(id))\" is not listed in the challenge's allowedRecoveryCredentials (listed: \(list)); use the kit named there, or start the recovery again with this kit's credential ID"
        case let .envelopeMismatch(id):
            return "the kit's encrypted private key differs from the server's copy for credential \"\(Self.short(id))\"; this kit is not the one registered, or one of the two was altered"
        case let .serverEnvelopeNotID(id):
            return "the challenge's encryptedRecoveryKey for credential \"\(Self.short(id))\" does not hash to that credential ID; the response was altered or is for another credential"
        case let .kitIDMismatch(kitId, envelopeId):
            return "the kit's credential ID \"\(Self.short(kitId))\" is not the hash of its encrypted private key (that is \"\(Self.short(envelopeId))\"); the kit is damaged"
        case .noUsername(.kitNamesNone): return "the kit does not name its username"
        case .noUsername(.empty): return "the username is empty"
        case let .newCredentials(why):
            return "new credentials: \(why)"
        case let .publicKeyMismatch(id):
            return "the envelope of credential \"\(Self.short(id))\" opened, but its key is not the public key written in the kit; the kit is damaged"
        case let .selfCheckFailed(why):
            return "internal self-check failed, nothing was written: \(why)"
        case let .kitFieldsChanged(id):
            return "the kit \"\(Self.short(id))\" opened, but its username, org ID, origin or app ID is not what its own key signed when it was made: the kit text was changed afterwards (by the machine that scanned it?); scan the paper kit's QR again; nothing was signed"
        }
    }

    /// IDs come from files: bound their length in messages.
    public static func short(_ text: String) -> String {
        text.count > 64 ? String(text.prefix(61)) + "..." : text
    }
}
