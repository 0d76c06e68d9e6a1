/// The `newCredentials` object of a recovery body: the credentials that
/// replace every old one. Credentials made elsewhere (a passkey from a
/// browser) are placed as given; `Key` and `RecoveryKey` credentials are
/// verified and must be made against this recovery's challenge.
public enum NewCredentials {
    public static let firstFactor = "firstFactorCredential"
    public static let secondFactor = "secondFactorCredential"
    public static let recovery = "recoveryCredential"
    /// The slots of `newCredentials`, in the documented order (the one list).
    public static let slots = [firstFactor, secondFactor, recovery]

    /// Reads `--new-credentials`: a whole `newCredentials` object, or a
    /// single credential object (then it is the first factor).
    public static func parseProvided(_ json: JSONValue) throws -> JSONObject {
        guard let object = json.objectValue else {
            throw RecoveryError.newCredentials("expected a JSON object, found \(json.typeName)")
        }
        if object["credentialKind"] != nil { return [firstFactor: json] }
        guard !object.members.isEmpty else { throw RecoveryError.newCredentials("the object is empty") }
        for key in object.keys where !NewCredentials.slots.contains(key) {
            throw RecoveryError.newCredentials("unknown member \"\(RecoveryError.short(key))\"; expected \(NewCredentials.slots.joined(separator: ", ")) or a single credential object with credentialKind")
        }
        return object
    }

    /// Puts the slots together in the documented order, refusing a slot
    /// given twice and a body without a first factor.
    public static func assemble(provided: JSONObject?, newKey: KeyCredential?, newRecovery: KeyCredential?) throws -> JSONObject {
        let given = provided ?? JSONObject()
        if newKey != nil, given[firstFactor] != nil {
            throw RecoveryError.newCredentials("the --new-credentials file already has a firstFactorCredential; give either it or --new-key")
        }
        if newRecovery != nil, given[recovery] != nil {
            throw RecoveryError.newCredentials("the --new-credentials file already has a recoveryCredential; give either it or --new-kit")
        }
        var out = JSONObject()
        out[firstFactor] = newKey?.json ?? given[firstFactor]
        out[secondFactor] = given[secondFactor]
        out[recovery] = newRecovery?.json ?? given[recovery]
        guard out[firstFactor] != nil else {
            throw RecoveryError.newCredentials("there is no new first-factor credential; give --new-credentials FILE (e.g. a passkey) or --new-key FILE")
        }
        return out
    }

    /// Checks every credential in `newCredentials`: shape for all,
    /// attestation, challenge and origin for `Key`/`RecoveryKey`, and the
    /// kind each slot may hold. Returns warnings that do not stop signing.
    public static func check(_ newCredentials: JSONObject, challenge: RecoveryChallenge, origin: String) throws -> [String] {
        var warnings: [String] = []
        for (slot, value) in newCredentials.members {
            guard let object = value.objectValue else {
                throw RecoveryError.newCredentials("\(slot) must be an object, found \(value.typeName)")
            }
            guard let kind = object["credentialKind"]?.stringValue else {
                throw RecoveryError.newCredentials("\(slot) has no credentialKind string")
            }
            guard object["credentialInfo"]?.objectValue != nil else {
                throw RecoveryError.newCredentials("\(slot) has no credentialInfo object")
            }
            if slot == recovery, kind != KeyCredential.Kind.recoveryKey.rawValue {
                throw RecoveryError.newCredentials("recoveryCredential must be a RecoveryKey credential, found \(RecoveryError.short(kind))")
            }
            if slot != recovery, kind == KeyCredential.Kind.recoveryKey.rawValue {
                throw RecoveryError.newCredentials("\(slot) is a RecoveryKey credential; a recovery kit can only be the recoveryCredential")
            }
            if KeyCredential.Kind(rawValue: kind) != nil {
                let credential: KeyCredential
                let clientData: ClientData
                do {
                    credential = try KeyCredential(json: value)
                    clientData = try credential.verify().clientData
                } catch let error as RecoveryKitError {
                    throw RecoveryError.newCredentials("\(slot): \(error)")
                }
                guard clientData.challenge == challenge.challenge else {
                    throw RecoveryError.newCredentials("\(slot) was made against another challenge; make it again against this recovery's challenge")
                }
                guard clientData.origin == origin else {
                    throw RecoveryError.newCredentials("\(slot) was made for origin \"\(RecoveryError.short(clientData.origin))\", not --origin \"\(RecoveryError.short(origin))\"")
                }
                if credential.kind == .recoveryKey, credential.credId != CredentialID.of(envelopeText: credential.encryptedPrivateKey ?? "") {
                    throw RecoveryError.newCredentials("\(slot): the credId is not the hash of its encrypted private key")
                }
            }
            let supported = slot == firstFactor ? challenge.firstFactorKinds : slot == secondFactor ? challenge.secondFactorKinds : nil
            if let supported, !supported.contains(kind) {
                warnings.append("the challenge lists \(supported.isEmpty ? "no kinds" : supported.joined(separator: ", ")) as supported for \(slot == firstFactor ? "the first factor" : "the second factor"), not \(RecoveryError.short(kind)); the server may refuse it")
            }
        }
        if newCredentials[recovery] == nil {
            warnings.append("no new recovery credential is included: after this recovery every old credential, this kit included, stops working; add --new-kit DIR to get a fresh kit")
        }
        return warnings
    }
}
