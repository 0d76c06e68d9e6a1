/// The `newCredentials` object of a recovery body: the credentials that
/// replace every old one, and the one rule set for them. rkit-verify
/// reports these checks (`new.SLOT.*`, via `RequestVerifier`); rkit-sign
/// runs the same checks before it signs (`check(_:challenge:origin:)`),
/// adding the placement rules only a signer can apply. Credentials made
/// elsewhere (a passkey from a browser) are placed as given.
public enum NewCredentials {
    public static let firstFactor = "firstFactorCredential"
    public static let secondFactor = "secondFactorCredential"
    public static let recovery = "recoveryCredential"
    /// The slots of `newCredentials`, in the documented order (the one list).
    public static let slots = [firstFactor, secondFactor, recovery]
    /// The client data type of a passkey's registration (WebAuthn).
    public static let fido2Create = "webauthn.create"

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
        case slotNotObject(slot: String, found: String)
        case noKind(slot: String)
        case noInfo(slot: String)
        /// `recoveryCredential` holds another kind than RecoveryKey.
        case recoverySlotKind(found: String)
        /// A RecoveryKey in a factor slot.
        case recoveryKeyInFactorSlot(slot: String)
        /// The credential's own checks failed (structure or attestation).
        case invalid(slot: String, any RecoveryKitError)
        case otherChallenge(slot: String)
        /// Made for `found`, while the body is signed for `expected`.
        case otherOrigin(slot: String, found: String, expected: String)
        case credIdNotEnvelopeHash(slot: String)

        public static func == (a: Problem, b: Problem) -> Bool { "\(a)" == "\(b)" }
    }

    /// Reads given new credentials: a whole `newCredentials` object, or a
    /// single credential object (then it is the first factor).
    public static func parseProvided(_ json: JSONValue) throws -> JSONObject {
        guard let object = json.objectValue else { throw RecoveryError.newCredentials(.notObject(found: json.typeName)) }
        if object["credentialKind"] != nil { return [firstFactor: json] }
        guard !object.members.isEmpty else { throw RecoveryError.newCredentials(.empty) }
        for key in object.keys where !slots.contains(key) {
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

    /// The throwing form, for the signer: every credential's shape and
    /// placement, then for `Key`/`RecoveryKey` the checks rkit-verify
    /// reports (attestation, challenge, credential ID) with the signing
    /// origin required. Returns warnings that do not stop signing.
    public static func check(_ newCredentials: JSONObject, challenge: RecoveryChallenge, origin: String) throws -> [RecoveryWarning] {
        var warnings: [RecoveryWarning] = []
        for (slot, value) in newCredentials.members {
            guard let object = value.objectValue else {
                throw RecoveryError.newCredentials(.slotNotObject(slot: slot, found: value.typeName))
            }
            guard let kind = object["credentialKind"]?.stringValue else { throw RecoveryError.newCredentials(.noKind(slot: slot)) }
            guard object["credentialInfo"]?.objectValue != nil else { throw RecoveryError.newCredentials(.noInfo(slot: slot)) }
            if slot == recovery, kind != KeyCredential.Kind.recoveryKey.rawValue {
                throw RecoveryError.newCredentials(.recoverySlotKind(found: kind))
            }
            if slot != recovery, kind == KeyCredential.Kind.recoveryKey.rawValue {
                throw RecoveryError.newCredentials(.recoveryKeyInFactorSlot(slot: slot))
            }
            if KeyCredential.Kind(rawValue: kind) != nil {
                var report = VerificationReport(item: slot)
                checkKeyCredential(slot: slot, value, kind: kind, challenges: [challenge.challenge], origin: origin,
                                   originRequired: true, into: &report)
                // Checks without a cause are rkit-verify's alone (an
                // unreadable envelope whose hash is the credId).
                for failure in report.checks where !failure.ok {
                    guard let cause = failure.cause else { continue }
                    throw (cause as? RecoveryError) ?? RecoveryError.newCredentials(.invalid(slot: slot, cause))
                }
            }
            let supported = slot == firstFactor ? challenge.firstFactorKinds : slot == secondFactor ? challenge.secondFactorKinds : nil
            if let supported, !supported.contains(kind) {
                warnings.append(.unsupportedKind(slot: slot, kind: kind, supported: supported))
            }
        }
        if newCredentials[recovery] == nil { warnings.append(.noNewRecoveryCredential) }
        return warnings
    }

    // MARK: The checks, one credential at a time (`new.SLOT.*`)

    /// Reports one new credential. `challenge` and `origin` are what the
    /// body must carry when known (the recovery challenge; the assertion's
    /// origin, or the signing origin).
    static func check(slot: String, _ value: JSONValue, challenge: RecoveryChallenge?, origin: String?,
                      into report: inout VerificationReport) {
        let prefix = "new.\(slot)."
        guard let kind = value["credentialKind"]?.stringValue else {
            report.fail(prefix + "structure", "missing or non-string credentialKind")
            return
        }
        if kind == "Fido2" {
            checkFido2(prefix: prefix, value, challenge: challenge, into: &report)
            return
        }
        guard KeyCredential.Kind(rawValue: kind) != nil else {
            report.warn("lint.unchecked-kind", "\(slot) is a \(kind.prefix(40)) credential; rkit checks only Key, RecoveryKey and Fido2")
            return
        }
        checkKeyCredential(slot: slot, value, kind: kind, challenges: challenge.map { [$0.challenge] }, origin: origin,
                           originRequired: false, into: &report)
    }

    /// A `Key` or `RecoveryKey` credential: structure, attestation
    /// (`AttestationChecks`), challenge, origin (a lint for rkit-verify, a
    /// check for the signer) and, for a RecoveryKey, its credential ID.
    static func checkKeyCredential(slot: String, _ value: JSONValue, kind: String, challenges: [String]?, origin: String?,
                                   originRequired: Bool, into report: inout VerificationReport) {
        let prefix = "new.\(slot)."
        let credential: KeyCredential
        do { credential = try KeyCredential(json: value) } catch {
            report.fail(prefix + "structure", "\(error)", cause: error as? any RecoveryKitError)
            return
        }
        report.pass(prefix + "structure", "\(kind) credential \(credential.credId.prefix(60))")
        let outcome = AttestationChecks.run(credential, prefix: prefix, into: &report)
        if let clientData = outcome.clientData {
            checkChallenge(prefix: prefix, clientData.challenge, accepted: challenges,
                           cause: RecoveryError.newCredentials(.otherChallenge(slot: slot)), into: &report)
            if let origin, clientData.origin != origin {
                if originRequired {
                    report.fail(prefix + "origin", "made for origin \(clientData.origin), not \(origin)",
                                cause: RecoveryError.newCredentials(.otherOrigin(slot: slot, found: clientData.origin, expected: origin)))
                } else {
                    report.warn("lint.origin", "\(slot) was made for origin \(clientData.origin), the assertion for \(origin)")
                }
            }
        }
        if let envelope = credential.encryptedPrivateKey {
            let computed = CredentialID.of(envelopeText: envelope)
            let readable = (try? KeyEnvelope(text: envelope)) != nil
            let ok = readable && computed == credential.credId
            report.record(prefix + "credential-id", ok, ok ? "base64url(SHA-256(envelope)) matches"
                : readable ? "credId is not the envelope's hash (\(computed))" : "the encryptedPrivateKey is not a readable envelope",
                cause: computed == credential.credId ? nil : RecoveryError.newCredentials(.credIdNotEnvelopeHash(slot: slot)))
        }
    }

    /// A passkey made in a browser: its client data can be checked, its
    /// CBOR attestation object is not (rkit has no CBOR reader).
    static func checkFido2(prefix: String, _ value: JSONValue, challenge: RecoveryChallenge?, into report: inout VerificationReport) {
        guard let info = value["credentialInfo"]?.objectValue,
              let credId = info["credId"]?.stringValue,
              let clientDataText = info["clientData"]?.stringValue,
              info["attestationData"]?.stringValue != nil,
              let clientDataBytes = try? Base64URL.decode(clientDataText)
        else {
            report.fail(prefix + "structure", "a Fido2 credential needs credentialInfo with string credId, base64url clientData and attestationData")
            return
        }
        report.pass(prefix + "structure", "Fido2 credential \(credId.prefix(60))")
        report.warn("lint.fido2-attestation", "\(prefix.dropLast()) is a passkey: its client data is checked, its CBOR attestation object is not verified")
        let clientData: ClientData
        do { clientData = try ClientData(bytes: clientDataBytes) } catch {
            report.fail(prefix + "client-data", "\(error)")
            return
        }
        report.pass(prefix + "client-data", "origin \(clientData.origin)")
        report.record(prefix + "type", clientData.type == fido2Create, clientData.type == fido2Create
            ? fido2Create : "expected \"webauthn.create\", found \"\(clientData.type.prefix(40))\"")
        // WebAuthn carries base64url of the challenge bytes; Dfns's
        // challenge is a string, whose UTF-8 browsers are given.
        checkChallenge(prefix: prefix, clientData.challenge,
                       accepted: challenge.map { [$0.challenge, Base64URL.encode(utf8: $0.challenge)] }, cause: nil, into: &report)
    }

    static func checkChallenge(prefix: String, _ found: String, accepted: [String]?, cause: (any RecoveryKitError)?,
                               into report: inout VerificationReport) {
        guard let accepted else { return }
        let ok = accepted.contains(found)
        report.record(prefix + "challenge", ok, ok ? "carries the recovery challenge"
            : "carries challenge \(found.prefix(60)), not the recovery challenge", cause: cause)
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
        case let .slotNotObject(slot, found): return "\(slot) must be an object, found \(found)"
        case let .noKind(slot): return "\(slot) has no credentialKind string"
        case let .noInfo(slot): return "\(slot) has no credentialInfo object"
        case let .recoverySlotKind(found): return "recoveryCredential must be a RecoveryKey credential, found \(short(found))"
        case let .recoveryKeyInFactorSlot(slot):
            return "\(slot) is a RecoveryKey credential; a recovery kit can only be the recoveryCredential"
        case let .invalid(slot, error): return "\(slot): \(error)"
        case let .otherChallenge(slot):
            return "\(slot) was made against another challenge; make it again against this recovery's challenge"
        case let .otherOrigin(slot, found, expected):
            return "\(slot) was made for origin \"\(short(found))\", not the signing origin \"\(short(expected))\""
        case let .credIdNotEnvelopeHash(slot): return "\(slot): the credId is not the hash of its encrypted private key"
        }
    }
}

/// Something worth a warning that does not stop a recovery.
public enum RecoveryWarning: Sendable, Equatable, CustomStringConvertible {
    /// The challenge names another user than the recovery credential.
    case otherUser(challengeUser: String, credentialUser: String)
    /// The challenge does not list `kind` as supported for the slot.
    case unsupportedKind(slot: String, kind: String, supported: [String])
    /// No new recovery credential: the old kit stops working.
    case noNewRecoveryCredential

    public var description: String {
        let short = RecoveryError.short
        switch self {
        case let .otherUser(challengeUser, credentialUser):
            return "the challenge is for user \"\(short(challengeUser))\" but the recovery credential is for \"\(short(credentialUser))\"; if the envelope does not open, check which challenge file you carried over"
        case let .unsupportedKind(slot, kind, supported):
            return "the challenge lists \(supported.isEmpty ? "no kinds" : supported.joined(separator: ", ")) as supported for \(slot == NewCredentials.firstFactor ? "the first factor" : "the second factor"), not \(short(kind)); the server may refuse it"
        case .noNewRecoveryCredential:
            return "no new recovery credential is included: after this recovery every old credential, this kit included, stops working"
        }
    }
}
