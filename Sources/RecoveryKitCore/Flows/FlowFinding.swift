/// What a rule found about a flow's inputs, with its verdict. Whether a
/// finding refuses the job or only warns is decided here, once, for every
/// tool (issue 17): a tool words a finding, it never re-decides it.
public struct FlowFinding: Sendable, Equatable {
    public enum Verdict: Sendable, Equatable {
        /// The job stops before any secret is asked; nothing is written.
        case refuse
        /// The job goes on; the tools show the finding as a warning.
        case warn
    }

    public enum Rule: Sendable, Equatable {
        /// The challenge names another user than the recovery credential's
        /// (compared as the salt compares them: `Username.same`).
        case otherUser(challengeUser: String, credentialUser: String)
        /// The origin is not the relying party's ID or under it (WebAuthn).
        case originOffRelyingParty(origin: String, relyingPartyId: String)
        /// The envelope's IV is not the reference frontend's 16 bytes.
        case ivSize(bytes: Int)
        /// A new credential of a body carries another challenge than the
        /// recovery challenge: the body was signed for another challenge.
        case otherChallenge(slot: String, detail: String)
        /// A new credential's kind is not among the kinds the challenge's
        /// `supportedCredentialKinds` lists for its slot: the server refuses it.
        case unsupportedKind(slot: String, kind: String, listed: [String])
    }

    public let rule: Rule

    public init(_ rule: Rule) { self.rule = rule }

    /// The one place a verdict is decided.
    public var verdict: Verdict {
        switch rule {
        case .otherUser, .originOffRelyingParty, .otherChallenge, .unsupportedKind: return .refuse
        case .ivSize: return .warn
        }
    }

    /// The typed error of a refusing finding (its throwing form).
    public var error: FlowError { FlowError(finding: self) }
}

/// A refusing finding, thrown (`FlowFinding.error`).
public struct FlowError: RecoveryKitError, Equatable {
    public let finding: FlowFinding

    public var kind: FailureKind {
        switch finding.rule {
        // The same exit status rkit-sign has given a foreign challenge user.
        case .otherUser: return .wrongSecret
        case .originOffRelyingParty, .otherChallenge, .ivSize: return .verificationFailed
        // The body would be malformed for this server: exit 4, as a wrong credential kind always was.
        case .unsupportedKind: return .malformedInput
        }
    }

    public var description: String {
        let short = RecoveryError.short
        switch finding.rule {
        case let .otherUser(challengeUser, credentialUser):
            return "the challenge is for user \"\(short(challengeUser))\", the recovery credential is for \"\(short(credentialUser))\""
                + (Username.lookAlikeNote(challengeUser, credentialUser).map { ": " + $0 } ?? "")
        case let .originOffRelyingParty(origin, rpId):
            return "the origin \(origin) is not on the challenge's relying party \"\(short(rpId))\""
        case let .ivSize(bytes):
            return "the envelope's IV is \(bytes) bytes; the reference frontend uses \(KeyEnvelope.ivSize)"
        case let .otherChallenge(slot, detail):
            return "\(slot) \(detail)"
        case let .unsupportedKind(slot, kind, listed):
            return "the challenge accepts \(listed.isEmpty ? "no kind" : listed.joined(separator: ", ")) as \(slot == NewCredentials.firstFactor ? "the first factor" : "the second factor"), not \(short(kind))"
        }
    }
}
