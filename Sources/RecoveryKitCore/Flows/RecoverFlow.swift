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
        /// A passkey made on a FIDO2 security key on this machine
        /// (`--security-key [DEVICE]`): `nil` until the key made it (the
        /// tool drives the key between `review` and `act`), then the made
        /// credential. rkit's own, like `newKey`: no confirmation.
        case securityKey(SecurityKeyPasskey?)
    }

    /// A passkey a security key made for this recovery, and what names the key.
    public struct SecurityKeyPasskey: Sendable, Equatable {
        /// `{credentialKind:"Fido2", credentialInfo:{credId, clientData, attestationData}}`.
        public let credential: JSONValue
        /// How the key names itself, for the review (untrusted texts).
        public let device: String
        public let product: String
        public let manufacturer: String
        public let aaguid: String
        /// What the key attested (its own statement, even when the body carries `none`).
        public let attested: PasskeySummary?
        public init(credential: JSONValue, device: String, product: String, manufacturer: String, aaguid: String, attested: PasskeySummary?) {
            self.credential = credential
            self.device = device
            self.product = product
            self.manufacturer = manufacturer
            self.aaguid = aaguid
            self.attested = attested
        }
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
        /// Whether the new kit's org ID was given as an option (else the kit's).
        public var orgIdGiven: Bool = false

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
        public var inputs: Inputs
        public let selected: SelectedRecoveryCredential
        /// For a security key: what the challenge asks of the passkey (read in `prepare`).
        public let passkeyOptions: PasskeyOptions?
        /// Every finding of the account rules, in order; `refusal` is the first that refuses.
        public let findings: [FlowFinding]
        /// Kit fields this recovery uses that no signature binds to the kit
        /// (a kit without `metadataSignature`): the person confirms them or
        /// gives them as options before the code is asked (issue 20, finding 4).
        public var unsignedKitFields: [UnsignedKitField] = []
        public var refusal: FlowFinding? { findings.first { $0.verdict == .refuse } }
        public var warnings: [FlowFinding] { findings.filter { $0.verdict == .warn } }
    }

    /// Chooses the credential and applies the rules. Throws the core's
    /// typed errors for inputs that do not belong together (ID and
    /// envelope, a credential the challenge does not allow); returns the
    /// findings, whose refusal `prepareOrThrow` throws.
    public static func prepare(_ inputs: Inputs) throws -> Prepared {
        // A slot given and made both: found now, not after the code.
        try NewCredentials.checkSlots(provided: inputs.given?.object, makeKey: inputs.firstFactor != .given, makeKit: inputs.newKit != nil)
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
        ].compactMap { $0 } + FlowRules.supportedKinds(newKinds(inputs), challenge: inputs.challenge)
        var options: PasskeyOptions? = nil
        if case .securityKey = inputs.firstFactor {
            guard let json = inputs.challenge.json else { throw PasskeyOptions.Problem.missing("rp") }
            options = try PasskeyOptions(challengeJSON: json)
        }
        var prepared = Prepared(inputs: inputs, selected: selected, passkeyOptions: options, findings: findings)
        prepared.unsignedKitFields = unsignedFields(inputs)
        return prepared
    }

    /// The kit fields used without a signature: the origin unless given,
    /// the new kit's org ID unless given, the app ID the new kit copies.
    /// A kit whose signature is present is checked after it opens (`act`);
    /// the username needs none (it salts the envelope's key).
    static func unsignedFields(_ inputs: Inputs) -> [UnsignedKitField] {
        guard case let .kit(kit) = inputs.credential, kit.metadataSignature == nil else { return [] }
        var fields: [UnsignedKitField] = []
        if !inputs.originGiven, let origin = kit.origin, origin.isByteIdentical(to: inputs.origin) {
            fields.append(UnsignedKitField(name: "origin", value: origin, option: "--origin"))
        }
        if let newKit = inputs.newKit {
            if !inputs.orgIdGiven, let org = newKit.request.orgId, kit.orgId == org {
                fields.append(UnsignedKitField(name: "orgId", value: org, option: "--org-id"))
            }
            if let appId = newKit.request.appId, kit.appId == appId {
                fields.append(UnsignedKitField(name: "appId", value: appId, option: nil))
            }
        }
        return fields
    }

    /// The kind each new credential will have, by slot (first and second
    /// factor; the recovery slot is not listed by supportedCredentialKinds).
    static func newKinds(_ inputs: Inputs) -> [(slot: String, kind: String)] {
        var kinds: [(slot: String, kind: String)] = []
        switch inputs.firstFactor {
        case .newKey: kinds.append((NewCredentials.firstFactor, KeyCredential.Kind.key.rawValue))
        case .securityKey: kinds.append((NewCredentials.firstFactor, Fido2Credential.kind))
        case .given:
            if let kind = givenKind(inputs, NewCredentials.firstFactor) { kinds.append((NewCredentials.firstFactor, kind)) }
        }
        if let kind = givenKind(inputs, NewCredentials.secondFactor) { kinds.append((NewCredentials.secondFactor, kind)) }
        return kinds
    }

    /// A given credential's kind, when the rule set could place it (a kind
    /// it refuses anyway is left to its own, more precise, refusal).
    static func givenKind(_ inputs: Inputs, _ slot: String) -> String? {
        guard let kind = inputs.given?.object[slot]?["credentialKind"]?.stringValue,
              NewCredentials.allowedKinds(slot: slot).containsBytes(of: kind),
              NewCredentials.verifiableKinds.containsBytes(of: kind) else { return nil }
        return kind
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
            /// A passkey on a security key, made on this machine (nil: not made yet).
            case securityKey(SecurityKeyPasskey?)
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
        case let .securityKey(made):
            // Once made, the same rule set as every credential (NewCredentials).
            let evaluated = made.map { made in
                NewCredentials.review(JSONObject([(NewCredentials.firstFactor, made.credential)]), challenge: inputs.challenge,
                                      origin: inputs.origin).credentials.first
            } ?? nil
            entries.append(Entry(slot: NewCredentials.firstFactor, kind: Fido2Credential.kind,
                                 source: .securityKey(made), credential: evaluated))
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

    /// The same rule set on the passkey a security key made (throwing form),
    /// before the code is asked.
    public static func checkMade(_ prepared: Prepared) throws {
        guard case let .securityKey(made?) = prepared.inputs.firstFactor else { return }
        _ = try NewCredentials.check(JSONObject([(NewCredentials.firstFactor, made.credential)]),
                                     challenge: prepared.inputs.challenge, origin: prepared.inputs.origin)
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
        case .securityKey(nil): throw RecoveryError.newCredentials(.noFirstFactor)
        case let .securityKey(made?):
            var provided = inputs.given?.object ?? JSONObject()
            guard provided[NewCredentials.firstFactor] == nil else { throw RecoveryError.newCredentials(.firstFactorGivenTwice) }
            provided[NewCredentials.firstFactor] = made.credential
            plan.provided = provided
        }
        plan.newKit = inputs.newKit?.request
        if case let .kit(kit) = inputs.credential, let signature = kit.metadataSignature {
            plan.kitMetadata = (kit.metadata, signature)
        }
        return try RecoveryRequestMaker.make(challenge: inputs.challenge, credential: prepared.selected, code: code,
                                             origin: inputs.origin, plan: plan, random: random)
    }
}
