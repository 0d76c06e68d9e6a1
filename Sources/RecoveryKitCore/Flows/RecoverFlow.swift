/// Recover (rkit-sign recover): sign the `POST /auth/recover/user` body.
///
///  1. `prepare`: every input read and checked, the recovery credential
///     chosen against the challenge, and the account rules applied
///     (`FlowRules`); a refusing finding stops the job here.
///  2. `review`: what a person must see before the code is asked, as data
///     (the tool renders it): the account, the origin, one entry per new
///     credential with the checks that bind it to this recovery.
///  3. `act`: open the envelope with the code, make what the plan asks
///     for, sign, and check the body as the server would
///     (`RecoveryRequestMaker`).
///
/// A new kind of first factor (e.g. a security key) is one more case of
/// `FirstFactor` and of `Entry.Source`, reviewed in `review` and made in
/// `act`; nothing else changes.
public enum RecoverFlow {
    /// Which recovery credential signs.
    public enum Credential: Sendable {
        /// A kit (kit.json, its QR text, or a bare credential with a username).
        case kit(RecoveryKit)
        /// Only the credential ID and username: the envelope comes from the challenge.
        case idOnly(credentialId: String, username: String)
    }

    /// Where the new first-factor credential comes from.
    public enum FirstFactor: Sendable, Equatable {
        /// rkit makes a new P-256 `Key` credential (`--new-key FILE`: where its private key goes).
        case newKey(keyFile: String)
        /// The `firstFactorCredential` of the given credentials (`--new-credentials`).
        case given
    }

    /// Credentials made elsewhere (`--new-credentials`): the object, the
    /// exact bytes read (their SHA-256 is what a confirmation names), and
    /// the name of the file.
    public struct Given: Sendable {
        public let object: JSONObject
        public let bytes: [UInt8]
        public let file: String
        public init(object: JSONObject, bytes: [UInt8], file: String) {
            self.object = object
            self.bytes = bytes
            self.file = file
        }
    }

    public struct Inputs: Sendable {
        public var challenge: RecoveryChallenge
        public var credential: Credential
        /// The origin client data will carry, and whether the person gave it (else the kit's).
        public var origin: String
        public var originGiven: Bool
        public var firstFactor: FirstFactor
        public var given: Given?
        /// A fresh kit as the new recovery credential (`--new-kit DIR`: the
        /// folder, and what the kit records).
        public var newKit: (directory: String, request: KitGenerator.Request)?

        public init(challenge: RecoveryChallenge, credential: Credential, origin: String, originGiven: Bool,
                    firstFactor: FirstFactor, given: Given? = nil, newKit: (directory: String, request: KitGenerator.Request)? = nil) {
            self.challenge = challenge
            self.credential = credential
            self.origin = origin
            self.originGiven = originGiven
            self.firstFactor = firstFactor
            self.given = given
            self.newKit = newKit
        }
    }

    /// The inputs, checked: the chosen credential and the findings.
    public struct Prepared: Sendable {
        public let inputs: Inputs
        public let selected: SelectedRecoveryCredential
        /// Every finding of the account rules, in order; `refusal` is the first that refuses.
        public let findings: [FlowFinding]
        public var refusal: FlowFinding? { findings.first { $0.verdict == .refuse } }
        public var warnings: [FlowFinding] { findings.filter { $0.verdict == .warn } }
    }

    /// Chooses the credential and applies the rules. Throws the core's
    /// typed errors for inputs that do not belong together (ID and
    /// envelope, a credential the challenge does not allow); returns the
    /// findings, whose refusal `prepareOrThrow` throws.
    public static func prepare(_ inputs: Inputs) throws -> Prepared {
        let selected: SelectedRecoveryCredential
        switch inputs.credential {
        case let .kit(kit): selected = try SelectedRecoveryCredential.fromKit(kit, challenge: inputs.challenge)
        case let .idOnly(id, username):
            selected = try SelectedRecoveryCredential.fromChallenge(credentialId: id, username: username, challenge: inputs.challenge)
        }
        let findings = [
            FlowRules.user(challengeUser: inputs.challenge.user?.name, credentialUser: selected.username),
            FlowRules.relyingParty(origin: inputs.origin, relyingPartyId: inputs.challenge.rp?.id),
            FlowRules.iv(selected.envelope),
        ].compactMap { $0 }
        return Prepared(inputs: inputs, selected: selected, findings: findings)
    }

    /// `prepare`, throwing its first refusing finding (`FlowError`).
    public static func prepareOrThrow(_ inputs: Inputs) throws -> Prepared {
        let prepared = try prepare(inputs)
        if let refusal = prepared.refusal { throw refusal.error }
        return prepared
    }

    // MARK: Review

    /// The account lines: whose kit, and whose challenge.
    public struct Account: Sendable {
        public let username: String
        public let orgId: String?
        public let credentialId: String
        public let challengeUser: String?
        public let relyingPartyId: String?
    }

    /// One new credential as the person must see it.
    public struct Entry: Sendable {
        public enum Source: Sendable, Equatable {
            /// From the given file, not made by rkit (needs confirming).
            case given(file: String)
            /// A new key rkit makes now; its private key goes to `keyFile`.
            case newKey(keyFile: String)
            /// A new kit rkit makes now, in `directory`.
            case newKit(directory: String)
        }
        public let slot: String
        public let kind: String
        public let source: Source
        /// For a given credential: the core's rule set on it (`NewCredentials.review`).
        public let credential: NewCredentials.Credential?
    }

    public struct Review: Sendable {
        public let account: Account
        public let origin: String
        public let originGiven: Bool
        public let entries: [Entry]
        /// Findings that warn (a refusing one stopped `prepare`).
        public let warnings: [FlowFinding]
        /// Whether credentials made elsewhere must be confirmed before signing.
        public var needsConfirmation: Bool { entries.contains { if case .given = $0.source { return true } else { return false } } }
        /// The first failed check of a given credential: refuses signing.
        public var failure: (slot: String, check: Check)? {
            for entry in entries { if let failed = entry.credential?.firstFailure { return (entry.slot, failed) } }
            return nil
        }
    }

    public static func review(_ prepared: Prepared) -> Review {
        let inputs = prepared.inputs
        var orgId: String? = nil
        if case let .kit(kit) = inputs.credential { orgId = kit.orgId }
        let account = Account(username: prepared.selected.username, orgId: orgId, credentialId: prepared.selected.credentialId,
                              challengeUser: inputs.challenge.user?.name.flatMap { $0.isEmpty ? nil : $0 },
                              relyingPartyId: inputs.challenge.rp?.id.flatMap { $0.isEmpty ? nil : $0 })
        var entries: [Entry] = []
        if let given = inputs.given {
            for credential in NewCredentials.review(given.object, challenge: inputs.challenge, origin: inputs.origin).credentials {
                entries.append(Entry(slot: credential.slot, kind: credential.kind ?? "(no credentialKind)",
                                     source: .given(file: given.file), credential: credential))
            }
        }
        switch inputs.firstFactor {
        case let .newKey(keyFile):
            entries.append(Entry(slot: NewCredentials.firstFactor, kind: KeyCredential.Kind.key.rawValue, source: .newKey(keyFile: keyFile), credential: nil))
        case .given:
            break
        }
        if let newKit = inputs.newKit {
            entries.append(Entry(slot: NewCredentials.recovery, kind: KeyCredential.Kind.recoveryKey.rawValue,
                                 source: .newKit(directory: newKit.directory), credential: nil))
        }
        return Review(account: account, origin: inputs.origin, originGiven: inputs.originGiven, entries: entries,
                      warnings: prepared.warnings)
    }

    /// The throwing form of the review's checks on given credentials, as
    /// signing requires them (the first failed check refuses).
    public static func checkGiven(_ prepared: Prepared) throws {
        guard let given = prepared.inputs.given else { return }
        _ = try NewCredentials.check(given.object, challenge: prepared.inputs.challenge, origin: prepared.inputs.origin)
    }

    // MARK: Act

    /// Opens the credential with `code`, makes the new credentials, signs
    /// and self-checks the body. A wrong code throws before anything is made.
    public static func act(_ prepared: Prepared, code: RecoveryCode,
                           random: some RandomSource = SystemRandom()) throws -> RecoveryRequestMaker.Result {
        let inputs = prepared.inputs
        var plan = RecoveryRequestMaker.Plan(provided: inputs.given?.object)
        switch inputs.firstFactor {
        case .newKey: plan.makeKey = true
        case .given: break
        }
        plan.newKit = inputs.newKit?.request
        return try RecoveryRequestMaker.make(challenge: inputs.challenge, credential: prepared.selected, code: code,
                                             origin: inputs.origin, plan: plan, random: random)
    }
}
