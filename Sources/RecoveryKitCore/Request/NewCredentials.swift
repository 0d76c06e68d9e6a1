/// The `newCredentials` object of a recovery body: the credentials that
/// replace every old one, and the ONE rule set for them (issue 14, issue
/// 13). Every new credential, given or made, of any kind, in any slot, goes
/// through `evaluate`: rkit-verify reports its checks (`new.SLOT.*`, via
/// `RequestVerifier`), rkit-sign runs the throwing form `check(_:…)` before
/// it signs or writes anything. The results are also data
/// (`NewCredentials.Credential`) for a review screen.
///
/// Rules (docs/SCHEME.md §6, §7.4; man/rkit-verify.1 CHECKS):
/// - shape closed per the SDK types (Schemas/credential.defs.schema.json);
/// - slot kinds per the SDK types: first factor Fido2, Key, Password,
///   PasswordProtectedKey; second factor Fido2, Key, Totp,
///   PasswordProtectedKey; recovery RecoveryKey only. Kinds rkit cannot
///   verify (Password, Totp, PasswordProtectedKey, unknown) are refused;
/// - Key/RecoveryKey: the attestation, the challenge (RecoveryKey: raw or
///   base64url; Key: raw), the origin (the assertion's / signing origin),
///   crossOrigin false, a RecoveryKey's credential ID;
/// - Fido2: clientData type `webauthn.create`, challenge base64url of the
///   challenge's UTF-8, origin, crossOrigin false, the attestation object
///   verified where rkit can (`none` and unverifiable formats reported),
///   the credential ID inside the authenticator data, the rpIdHash when
///   the challenge names `rp.id`.
public enum NewCredentials {
    public static let firstFactor = "firstFactorCredential"
    public static let secondFactor = "secondFactorCredential"
    public static let recovery = "recoveryCredential"
    /// The slots of `newCredentials`, in the documented order (the one list).
    public static let slots = [firstFactor, secondFactor, recovery]
    /// The client data type of a passkey's registration (WebAuthn).
    public static let fido2Create = ClientData.webAuthnCreate

    /// Every credential kind of the SDK (`CredentialKind`).
    public static let allKinds = ["Fido2", "Key", "Password", "Totp", "RecoveryKey", "PasswordProtectedKey"]
    /// The kinds rkit verifies; the others it refuses to sign.
    public static let verifiableKinds = ["Fido2", "Key", "RecoveryKey"]

    /// The kinds each slot's SDK type allows (TS `types.ts` 1758-1832).
    public static func allowedKinds(slot: String) -> [String] {
        if slot.isByteIdentical(to: firstFactor) { return ["Fido2", "Key", "Password", "PasswordProtectedKey"] }
        if slot.isByteIdentical(to: secondFactor) { return ["Fido2", "Key", "Totp", "PasswordProtectedKey"] }
        if slot.isByteIdentical(to: recovery) { return ["RecoveryKey"] }
        return []
    }

    /// Why new credentials cannot be placed in a body. The facts as values;
    /// `description` words them without command-line advice.
    public enum Problem: Sendable, Equatable {
        /// The given new credentials are not a JSON object.
        case notObject(found: String)
        case empty
        case unknownMember(String)
        /// Both the given credentials and a new key fill the first factor.
        case firstFactorGivenTwice
        /// Both the given credentials and a new kit fill the recovery slot.
        case recoveryGivenTwice
        case noFirstFactor
        /// A credential failed one of the rules: its check name and what was found.
        case refused(slot: String, check: String, why: String)

        public static func == (a: Problem, b: Problem) -> Bool { "\(a)" == "\(b)" }
    }

    /// What the rule set found about one new credential, as data for a
    /// review screen (the CLI renders and escapes it).
    public struct Credential: Sendable {
        public let slot: String
        /// `credentialKind` as given (untrusted text).
        public let kind: String?
        public let credId: String?
        /// The client data form seen, in words (a lint line of the report).
        public let clientDataForm: String?
        /// How the client data carries the recovery challenge, when it does.
        public let challengeForm: ClientData.ChallengeForm?
        /// The client data's origin, when it names one.
        public let origin: String?
        /// Lower-case hex SHA-256 of the credential public key's SPKI DER.
        public let publicKeyFingerprint: String?
        /// For a passkey whose attestation object was read and verified.
        public let passkey: PasskeySummary?
        /// This credential's checks (`new.SLOT.*`), in order.
        public let checks: [Check]
        /// This credential's lint findings.
        public let findings: [Finding]

        public var ok: Bool { !checks.isEmpty && checks.allSatisfy(\.ok) }
        public var firstFailure: Check? { checks.first { !$0.ok } }
    }

    /// The SHA-256 fingerprint of a public key shown in reviews: lower-case
    /// hex of SHA-256 over its SPKI DER (what `openssl pkey -pubin -outform
    /// DER | sha256sum` prints).
    public static func fingerprint(_ key: P256PublicKey) -> String { Hex.encode(SHA256Digest.hash(key.spkiDER)) }

    /// Reads given new credentials: a whole `newCredentials` object, or a
    /// single credential object (then it is the first factor).
    public static func parseProvided(_ json: JSONValue) throws -> JSONObject {
        guard let object = json.objectValue else { throw RecoveryError.newCredentials(.notObject(found: json.typeName)) }
        if object["credentialKind"] != nil { return [firstFactor: json] }
        guard !object.members.isEmpty else { throw RecoveryError.newCredentials(.empty) }
        for key in object.keys where !slots.containsBytes(of: key) {
            throw RecoveryError.newCredentials(.unknownMember(key))
        }
        return object
    }

    /// Puts the slots together in the documented order, refusing a slot
    /// given twice and a body without a first factor.
    public static func assemble(provided: JSONObject?, newKey: KeyCredential?, newRecovery: KeyCredential?) throws -> JSONObject {
        let given = provided ?? JSONObject()
        if newKey != nil, given[firstFactor] != nil { throw RecoveryError.newCredentials(.firstFactorGivenTwice) }
        if newRecovery != nil, given[recovery] != nil { throw RecoveryError.newCredentials(.recoveryGivenTwice) }
        var out = JSONObject()
        out[firstFactor] = newKey?.json ?? given[firstFactor]
        out[secondFactor] = given[secondFactor]
        out[recovery] = newRecovery?.json ?? given[recovery]
        guard out[firstFactor] != nil else { throw RecoveryError.newCredentials(.noFirstFactor) }
        return out
    }

    /// The throwing form, for the signer: every credential through
    /// `evaluate` with the recovery challenge and the signing origin; the
    /// first failed check is thrown as `.refused` (one line, exit 4 in the
    /// tools). Returns warnings that do not stop signing.
    public static func check(_ newCredentials: JSONObject, challenge: RecoveryChallenge, origin: String) throws -> [RecoveryWarning] {
        var warnings: [RecoveryWarning] = []
        var report = VerificationReport(item: "newCredentials")
        for (slot, value) in newCredentials.members {
            let credential = evaluate(slot: slot, value, challenge: challenge, origin: origin, into: &report)
            if let failure = credential.firstFailure {
                throw RecoveryError.newCredentials(.refused(slot: slot, check: failure.name, why: failure.cause?.description ?? failure.detail))
            }
            let supported = slot == firstFactor ? challenge.firstFactorKinds : slot == secondFactor ? challenge.secondFactorKinds : nil
            if let kind = credential.kind, let supported, !supported.containsBytes(of: kind) {
                warnings.append(.unsupportedKind(slot: slot, kind: kind, supported: supported))
            }
        }
        if newCredentials[recovery] == nil { warnings.append(.noNewRecoveryCredential) }
        return warnings
    }

    /// Every credential of `newCredentials` through the rule set, as data
    /// and as a report (for a review before signing).
    public static func review(_ newCredentials: JSONObject, challenge: RecoveryChallenge?, origin: String?) -> (report: VerificationReport, credentials: [Credential]) {
        var report = VerificationReport(item: "newCredentials")
        let credentials = newCredentials.members.map { evaluate(slot: $0.key, $0.value, challenge: challenge, origin: origin, into: &report) }
        return (report, credentials)
    }

    // MARK: The rule set, one credential at a time (`new.SLOT.*`)

    /// What `rules` learned about a credential while checking it.
    struct Found {
        var kind: String?
        var credId: String?
        var clientDataForm: String?
        var challengeForm: ClientData.ChallengeForm?
        var origin: String?
        var fingerprint: String?
        var passkey: PasskeySummary?
    }

    /// The one rule set for one new credential. `challenge` (the recovery
    /// challenge) and `origin` (the assertion's, or the signing origin) are
    /// compared when known; an origin that differs is a failure in every tool.
    public static func evaluate(slot: String, _ value: JSONValue, challenge: RecoveryChallenge?, origin: String?,
                                into report: inout VerificationReport) -> Credential {
        let checksBefore = report.checks.count, findingsBefore = report.warnings.count
        var found = Found()
        rules(slot: slot, value, challenge: challenge, origin: origin, found: &found, into: &report)
        return Credential(slot: slot, kind: found.kind, credId: found.credId, clientDataForm: found.clientDataForm,
                          challengeForm: found.challengeForm, origin: found.origin, publicKeyFingerprint: found.fingerprint,
                          passkey: found.passkey, checks: Array(report.checks[checksBefore...]),
                          findings: Array(report.warnings[findingsBefore...]))
    }

    static func rules(slot: String, _ value: JSONValue, challenge: RecoveryChallenge?, origin: String?, found: inout Found,
                      into report: inout VerificationReport) {
        let prefix = "new.\(slot)."
        let short = RecoveryError.short
        guard let object = value.objectValue else {
            report.fail(prefix + "structure", "the credential must be an object, found \(value.typeName)")
            return
        }
        guard let kind = object["credentialKind"]?.stringValue else {
            report.fail(prefix + "structure", "missing or non-string credentialKind")
            return
        }
        found.kind = kind
        // As stated, for the review, even when a later check refuses it.
        found.credId = object["credentialInfo"]?["credId"]?.stringValue
        let allowed = allowedKinds(slot: slot)
        guard allKinds.containsBytes(of: kind) else {
            report.fail(prefix + "kind", "\"\(asciiShown(short(kind)))\" is not a Dfns credential kind; rkit cannot verify it")
            return
        }
        guard allowed.containsBytes(of: kind) else {
            report.fail(prefix + "kind", "\(slot) cannot hold a \(kind) credential (the SDK's type allows \(allowed.joined(separator: ", ")))")
            return
        }
        guard verifiableKinds.containsBytes(of: kind) else {
            report.fail(prefix + "kind", "rkit cannot verify \(kind) credentials (only Fido2, Key and RecoveryKey), so it does not place them")
            return
        }
        report.pass(prefix + "kind", "\(kind), allowed in \(slot)")

        // The closed shape of the SDK's credential types.
        let members = ["credentialKind", "credentialInfo", "credentialName"] + (kind == KeyCredential.Kind.recoveryKey.rawValue ? ["encryptedPrivateKey"] : [])
        if let extra = object.keys.first(where: { !members.containsBytes(of: $0) }) {
            report.fail(prefix + "structure", "unexpected member \"\(short(extra))\": a \(kind) credential has only \(members.joined(separator: ", "))")
            return
        }
        guard let info = object["credentialInfo"]?.objectValue else {
            report.fail(prefix + "structure", "credentialInfo must be an object with credId, clientData and attestationData")
            return
        }
        if let extra = info.keys.first(where: { !["credId", "clientData", "attestationData"].containsBytes(of: $0) }) {
            report.fail(prefix + "structure", "unexpected member \"credentialInfo.\(short(extra))\": credentialInfo has only credId, clientData, attestationData")
            return
        }
        if let name = object["credentialName"], name.stringValue == nil {
            report.fail(prefix + "structure", "credentialName must be a string, found \(name.typeName)")
            return
        }
        if kind == Fido2Credential.kind {
            fido2Rules(prefix: prefix, value, challenge: challenge, origin: origin, found: &found, into: &report)
        } else {
            keyRules(prefix: prefix, value, kind: kind, challenge: challenge, origin: origin, found: &found, into: &report)
        }
    }

    /// A `Key` or `RecoveryKey` credential: attestation (`AttestationChecks`),
    /// challenge, origin and, for a RecoveryKey, its credential ID.
    static func keyRules(prefix: String, _ value: JSONValue, kind: String, challenge: RecoveryChallenge?, origin: String?,
                         found: inout Found, into report: inout VerificationReport) {
        let credential: KeyCredential
        do { credential = try KeyCredential(json: value) } catch {
            report.fail(prefix + "structure", "\(error)")
            return
        }
        found.credId = credential.credId
        report.pass(prefix + "structure", "\(kind) credential \(credential.credId.prefix(60))")
        let expected = challenge?.challenge
        let outcome = AttestationChecks.run(credential, prefix: prefix, expectedChallenge: expected, into: &report)
        if let key = outcome.publicKey { found.fingerprint = fingerprint(key) }
        if let clientData = outcome.clientData {
            found.clientDataForm = clientData.formDescription(challenge: expected)
            found.origin = clientData.origin
            if let expected {
                let form = ClientData.challengeForm(clientData.challenge, challenge: expected)
                // A Key carries the challenge as is (SDK, Python SDK, Dfns's
                // known answer); a RecoveryKey either way (the frontend's base64url).
                let ok = credential.kind == .key ? form == .raw : form != nil
                if ok { found.challengeForm = form }
                report.record(prefix + "challenge", ok, ok ? "carries the recovery challenge (\(form!.rawValue))"
                    : form == .base64url ? "a Key credential carries the challenge as is, not base64url"
                    : "carries challenge \(clientData.challenge.prefix(60)), not the recovery challenge: made against another challenge")
            }
            checkOrigin(prefix: prefix, clientData.origin, expected: origin, into: &report)
        }
        guard credential.kind == .recoveryKey else { return }
        guard let envelope = credential.encryptedPrivateKey else {
            report.warn("lint.no-envelope", "\(prefix.dropLast()) has no encryptedPrivateKey: the server will hold no envelope, so recovering with it needs the kit file's copy")
            return
        }
        let computed = CredentialID.of(envelopeText: envelope)
        let readable = (try? KeyEnvelope(text: envelope)) != nil
        let ok = readable && computed.isByteIdentical(to: credential.credId)
        report.record(prefix + "credential-id", ok, ok ? "base64url(SHA-256(envelope)) matches"
            : readable ? "credId is not the envelope's hash (\(computed))" : "the encryptedPrivateKey is not a readable envelope")
    }

    /// A passkey: its client data as the browser made it, and its
    /// attestation object (`Fido2Credential`, Attestation/WebAuthn/).
    static func fido2Rules(prefix: String, _ value: JSONValue, challenge: RecoveryChallenge?, origin: String?,
                           found: inout Found, into report: inout VerificationReport) {
        let passkey: Fido2Credential
        do { passkey = try Fido2Credential(json: value) } catch {
            report.fail(prefix + "structure", "\(error)")
            return
        }
        found.credId = passkey.credId
        report.pass(prefix + "structure", "Fido2 credential \(passkey.credId.prefix(60))")
        do {
            let clientData = try ClientData(bytes: passkey.clientDataJSON)
            if clientData.origin == nil || clientData.crossOrigin == true {
                report.fail(prefix + "client-data", clientData.origin == nil ? "the passkey's client data names no origin" : "crossOrigin is true: made inside another site's frame")
            } else {
                report.pass(prefix + "client-data", "origin \(clientData.origin!); members \(clientData.keys.joined(separator: ", "))")
            }
            found.origin = clientData.origin
            let typeOK = clientData.type.isByteIdentical(to: fido2Create)
            report.record(prefix + "type", typeOK, typeOK ? fido2Create : "expected \"webauthn.create\", found \"\(clientData.type.prefix(40))\"")
            let form = "members \(clientData.keys.joined(separator: ", ")) as the browser wrote them"
            found.clientDataForm = form
            if clientData.keys != ["type", "challenge", "origin", "crossOrigin"] {
                report.warn("lint.client-data-form", "\(prefix)clientData has \(form) (accepted: the hash is over the bytes as given)")
            }
            if let expected = challenge?.challenge {
                // WebAuthn carries base64url of the challenge bytes; the SDK
                // gives the browser the UTF-8 of Dfns's challenge string.
                let ok = ClientData.challengeForm(clientData.challenge, challenge: expected) == .base64url
                if ok { found.challengeForm = .base64url }
                report.record(prefix + "challenge", ok, ok ? "carries the recovery challenge (base64url)"
                    : "carries challenge \(clientData.challenge.prefix(60)), not base64url of the recovery challenge: made against another challenge")
            }
            checkOrigin(prefix: prefix, clientData.origin, expected: origin, into: &report)
        } catch {
            report.fail(prefix + "client-data", "\(error)")
        }

        let summary: PasskeySummary
        do { summary = try passkey.summary() } catch {
            report.fail(prefix + "attestation", "\(error)")
            return
        }
        found.passkey = summary
        found.fingerprint = fingerprint(summary.publicKey)
        switch summary.verdict {
        case .none:
            report.pass(prefix + "attestation", "format none: the authenticator states nothing about itself")
            report.warn("lint.fido2-attestation", "\(prefix.dropLast()) has attestation format none: nothing says what made this passkey")
        case .selfAttestation:
            report.pass(prefix + "attestation", "packed self attestation verifies (proves the key, not the authenticator)")
        case let .certificate(subject, _, chainLength):
            report.pass(prefix + "attestation", "packed attestation verifies under certificate \"\(subject.prefix(80))\" (\(chainLength) certificate(s); chain not validated)")
        case let .notVerified(format, reason):
            report.pass(prefix + "attestation", "format \(format.prefix(40)) read, not verified (\(reason))")
            report.warn("lint.fido2-attestation", "\(prefix.dropLast()) has attestation format \(format.prefix(40)), which rkit does not verify")
        }
        report.record(prefix + "credential-id", summary.credentialIdMatches, summary.credentialIdMatches
            ? "credId is the credential ID inside the authenticator data"
            : "credId is not the credential ID inside the authenticator data (\(summary.credentialId.prefix(60)))")
        if let rpId = challenge?.rp?.id, !rpId.isEmpty {
            let ok = summary.rpIdHashMatches(rpId)
            report.record(prefix + "rp-id", ok, ok ? "rpIdHash is SHA-256(\"\(rpId.prefix(60))\")"
                : "rpIdHash is not SHA-256 of the challenge's rp.id \"\(rpId.prefix(60))\": made for another relying party")
        }
    }

    /// Non-ASCII as `\u{…}`, so a look-alike ("\u{212A}ey" for "Key") is
    /// visibly not the kind it imitates.
    static func asciiShown(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.isASCII ? String($0) : "\\u{\(String($0.value, radix: 16, uppercase: true))}" }.joined())
    }

    /// The credential's origin must be the assertion's (or signing) origin,
    /// byte for byte. Only the SDK's Key form names none (a lint).
    static func checkOrigin(prefix: String, _ found: String?, expected: String?, into report: inout VerificationReport) {
        guard let expected else { return }
        guard let found else {
            report.warn("lint.no-origin", "\(prefix.dropLast()) names no origin in its client data (SDK BrowserKeySigner form): nothing to compare")
            return
        }
        let ok = found.isByteIdentical(to: expected)
        report.record(prefix + "origin", ok, ok ? "made for \(expected)" : "made for origin \(found.prefix(80)), not \(expected)")
    }
}

extension NewCredentials.Problem: CustomStringConvertible {
    public var description: String {
        let short = RecoveryError.short
        switch self {
        case let .notObject(found): return "expected a JSON object, found \(found)"
        case .empty: return "the object is empty"
        case let .unknownMember(key):
            return "unknown member \"\(short(key))\"; expected \(NewCredentials.slots.joined(separator: ", ")) or a single credential object with credentialKind"
        case .firstFactorGivenTwice: return "the given new credentials already have a firstFactorCredential, and a new key was asked for"
        case .recoveryGivenTwice: return "the given new credentials already have a recoveryCredential, and a new kit was asked for"
        case .noFirstFactor: return "there is no new first-factor credential"
        case let .refused(slot, check, why): return "\(slot) refused (\(check)): \(why)"
        }
    }
}

/// Something worth a warning that does not stop a recovery.
public enum RecoveryWarning: Sendable, Equatable, CustomStringConvertible {
    /// The challenge does not list `kind` as supported for the slot.
    case unsupportedKind(slot: String, kind: String, supported: [String])
    /// No new recovery credential: the old kit stops working.
    case noNewRecoveryCredential

    public var description: String {
        let short = RecoveryError.short
        switch self {
        case let .unsupportedKind(slot, kind, supported):
            return "the challenge lists \(supported.isEmpty ? "no kinds" : supported.joined(separator: ", ")) as supported for \(slot == NewCredentials.firstFactor ? "the first factor" : "the second factor"), not \(short(kind)); the server may refuse it"
        case .noNewRecoveryCredential:
            return "no new recovery credential is included: after this recovery every old credential, this kit included, stops working"
        }
    }
}
