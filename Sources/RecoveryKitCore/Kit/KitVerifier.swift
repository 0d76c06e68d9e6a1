/// Checks one kit (kit.json, QR text, or a bare RecoveryKey credential)
/// and reports every check by name (man/rkit-verify.1, CHECKS). Without a
/// code it checks everything anyone can check; with the code it also opens
/// the envelope and compares the key inside with the kit's public key.
public struct KitVerifier: Sendable {
    /// Where the codes come from.
    public enum Codes: Sendable {
        case none
        /// One code for the one kit being checked.
        case single(RecoveryCode)
        /// Codes by credential ID; a kit without a line fails `code.opens`.
        case list(RecoveryCodeList)
    }

    /// PKCS#8 sizes of a P-256 key (docs/SCHEME.md §3): with the optional
    /// public key, as WebCrypto exports, and without.
    public static let pkcs8WithPublicKey = P256DER.pkcs8Size
    public static let pkcs8WithoutPublicKey = P256DER.pkcs8NoPublicPrefix.count + 32

    public let codes: Codes
    /// The username for bare credentials, which carry none.
    public let username: String?

    public init(codes: Codes = .none, username: String? = nil) {
        self.codes = codes
        self.username = username
    }

    /// Checks the kit document in `bytes`; `item` names it in the report
    /// (the path given on the command line). Never throws: every problem is
    /// a failed check.
    ///
    /// `registration` is the attestation saved beside a kit.json made
    /// without one (`rkit-sign attest --out DIR/attestation.json`, either
    /// body form): it is checked as the kit's attestation, and a kit whose
    /// registration is there is not reported as unregistered.
    public func verify(_ bytes: [UInt8], item: String, registration: (name: String, bytes: [UInt8])? = nil) -> VerificationReport {
        var report = VerificationReport(item: item)
        var document: KitDocument
        do { document = try KitDocument(bytes: bytes) } catch {
            report.fail("structure", "\(error)")
            return report
        }
        report.pass("structure", document.formName)
        if document.source == .kitFile, document.attestation == nil, let registration {
            // POST /auth/credentials' body is the credential plus its challengeIdentifier.
            if case var .object(object)? = try? JSONParser.parse(registration.bytes) {
                object["challengeIdentifier"] = nil
                document.attestation = .object(object)
                report.pass("registration", "\(registration.name) beside the kit (rkit-sign attest), checked as its attestation")
                report.notice(KitVerifier.registeredBeside, "registered: \(registration.name)")
            } else {
                report.fail("registration", "\(registration.name) beside the kit is not a JSON object: it cannot be this kit's registration")
            }
        }
        let computedId = CredentialID.of(envelopeText: document.envelopeText)
        report.credentialId = document.statedCredentialId ?? computedId

        let envelope = checkEnvelope(document, into: &report)
        checkCredentialId(document, computedId: computedId, into: &report)
        let publicKey = checkPublicKey(document, into: &report)
        let attested = checkAttestation(document, publicKey: publicKey, into: &report)
        lint(document, into: &report)
        checkCode(document, envelope: envelope, publicKey: publicKey ?? attested, computedId: computedId, into: &report)
        noteWhatWasNotChecked(document, into: &report)
        return report
    }

    /// Notice names (man/rkit-verify.1, NOTICES).
    public static let notRegistered = "not-registered"
    /// A kit.json made without an attestation, registered since: its
    /// attestation.json is beside it (checked with the kit's other checks).
    public static let registeredBeside = "registered"
    public static let uncheckedPublicKey = "unchecked.public-key"
    public static let uncheckedEnvelope = "unchecked.envelope"
    public static let unsignedMetadata = "unsigned.metadata"

    /// The account fields against their signature by the opened key
    /// (issue 20, finding 4). A kit without one (older rkit, the reference
    /// frontend) passes with a notice; a bare credential has no fields.
    func checkMetadataSignature(_ document: KitDocument, key: P256PublicKey, computedId: String, into report: inout VerificationReport) {
        guard document.source != .credential else { return }
        if let damaged = document.damagedSignature {
            report.fail("code.metadata-signature", "the signature \"\(damaged)\" is not 64 bytes of base64url")
            return
        }
        guard let signature = document.metadataSignature else {
            report.notice(KitVerifier.unsignedMetadata, "username, org, origin not signed: a kit made without a metadata signature")
            return
        }
        let metadata = KitMetadata(username: document.username ?? "", orgId: document.orgId ?? document.statedOrgId,
                                   origin: document.origin, appId: document.appId,
                                   credentialId: document.statedCredentialId ?? computedId)
        let ok = metadata.isSigned(signature, by: key)
        report.record("code.metadata-signature", ok, ok
            ? "username, org ID, origin, app ID and credential ID are signed by the kit's key"
            : "the kit's username, org ID, origin, app ID or credential ID is not what the kit's key signed: a field was changed after the kit was made")
    }

    /// Without the code, only an attestation ties the kit's public key to
    /// anything: a kit.json without one, whose key was swapped, passes
    /// every other check. And a kit.json without an attestation was made
    /// without a registration challenge: Dfns does not know it.
    func noteWhatWasNotChecked(_ document: KitDocument, into report: inout VerificationReport) {
        if document.source == .kitFile, document.attestation == nil {
            report.notice(KitVerifier.notRegistered, "not registered: no attestation")
        }
        guard case .none = codes else { return }
        switch document.source {
        case .kitFile where document.attestation == nil:
            report.notice(KitVerifier.uncheckedPublicKey, "public key not checked: no attestation and no code")
        case .qrText:
            report.notice(KitVerifier.uncheckedEnvelope, "envelope not opened: no code (the QR text has no public key)")
        default:
            break
        }
    }

    // MARK: Without a secret

    func checkEnvelope(_ document: KitDocument, into report: inout VerificationReport) -> KeyEnvelope? {
        let envelope: KeyEnvelope
        do { envelope = try KeyEnvelope(text: document.envelopeText) } catch {
            report.fail("envelope-format", "\(error)")
            return nil
        }
        let plaintext = envelope.sealed.count - AESGCM.tagSize
        let form: String
        switch plaintext {
        case KitVerifier.pkcs8WithPublicKey: form = "PKCS#8 with public key"
        case KitVerifier.pkcs8WithoutPublicKey: form = "PKCS#8 without public key"
        default:
            report.fail("envelope-format", "the sealed key is \(envelope.sealed.count) bytes; a sealed P-256 PKCS#8 key is \(KitVerifier.pkcs8WithPublicKey + AESGCM.tagSize) (with public key) or \(KitVerifier.pkcs8WithoutPublicKey + AESGCM.tagSize) (without)")
            return nil
        }
        report.pass("envelope-format", "\(envelope.iv.count)-byte IV, \(envelope.sealed.count)-byte sealed key (\(form), \(plaintext) bytes)")
        // The one IV rule (FlowRules.iv): any size opens, a size other than 16 warns.
        if case let .ivSize(bytes)? = FlowRules.iv(envelope)?.rule {
            if bytes == 12 {
                report.warn("lint.iv-12", "12-byte IV: legal AES-GCM, but the reference frontend uses 16; check the other side accepts it")
            } else {
                report.warn("lint.iv-size", "\(bytes)-byte IV: legal AES-GCM, but the reference frontend uses 16; check the other side accepts it")
            }
        }
        if !envelope.isReferenceForm {
            report.warn("lint.envelope-form", "the envelope's inner JSON is not the reference form {\"key\",\"iv\"}; its credential ID is the hash of the text as given")
        }
        return envelope
    }

    func checkCredentialId(_ document: KitDocument, computedId: String, into report: inout VerificationReport) {
        guard let stated = document.statedCredentialId else {
            report.pass("credential-id", "\(computedId) (computed: QR text carries no ID)")
            return
        }
        let bound = CredentialID.matches(envelopeText: document.envelopeText, id: stated)
        report.record("credential-id", bound, bound
            ? "base64url(SHA-256(envelope)) matches"
            : "the kit says \(stated.prefix(60)) but the envelope's hash is \(computedId)")
    }

    func checkPublicKey(_ document: KitDocument, into report: inout VerificationReport) -> P256PublicKey? {
        guard let pem = document.publicKeyPEM else { return nil }
        do {
            let key = try P256PublicKey(pem: pem)
            report.pass("public-key", "valid uncompressed P-256 point")
            if key.pem != pem && document.source == .kitFile {
                report.warn("lint.pem-form", "publicKey is not the reference one-line PEM form (64-column or other)")
            }
            return key
        } catch {
            report.fail("public-key", "\(error)")
            return nil
        }
    }

    /// Returns the attestation's public key (the kit's key for a bare credential).
    func checkAttestation(_ document: KitDocument, publicKey: P256PublicKey?, into report: inout VerificationReport) -> P256PublicKey? {
        guard let json = document.attestation else { return nil }
        let credential: KeyCredential
        do { credential = try KeyCredential(json: json) } catch {
            report.fail("attestation.structure", "\(error)")
            return nil
        }
        guard credential.kind == .recoveryKey else {
            report.fail("attestation.structure", "the attestation is a \(credential.kind.rawValue) credential, not RecoveryKey")
            return nil
        }
        report.pass("attestation.structure", "RecoveryKey credential")
        let outcome = AttestationChecks.run(credential, prefix: "attestation.", into: &report)
        if let origin = document.origin, let attested = outcome.clientData?.origin, attested != origin {
            report.warn("lint.origin", "the kit's origin \(origin) differs from the attestation's \(attested)")
        }
        guard document.source == .kitFile else { return outcome.publicKey }
        // kit.json: the attestation must be this kit's, not another one's.
        var problems: [String] = []
        if credential.credId != document.statedCredentialId { problems.append("its credId is \(credential.credId.prefix(60))") }
        if credential.encryptedPrivateKey != document.envelopeText { problems.append("its encryptedPrivateKey differs") }
        if let attestedKey = outcome.publicKey, let publicKey, attestedKey != publicKey { problems.append("its public key differs") }
        if outcome.publicKey == nil || publicKey == nil { problems.append("the keys cannot be compared") }
        report.record("attestation.binding", problems.isEmpty, problems.isEmpty
            ? "credId, envelope and public key are the kit's"
            : "the attestation is not this kit's: " + problems.joined(separator: "; "))
        return outcome.publicKey
    }

    func lint(_ document: KitDocument, into report: inout VerificationReport) {
        if let name = document.username, Username.normalized(name) != name {
            report.warn("lint.username-case", "the username has upper case; legal, but the salt uses \"\(Username.normalized(name).prefix(80))\"")
        }
        if let scheme = document.scheme, scheme != KeyEnvelope.scheme {
            report.warn("lint.scheme", "envelope scheme \"\(scheme.prefix(40))\" is not one rkit knows (\(KeyEnvelope.scheme)); checked as \(KeyEnvelope.scheme)")
        }
    }

    // MARK: With the code

    func checkCode(_ document: KitDocument, envelope: KeyEnvelope?, publicKey: P256PublicKey?, computedId: String,
                   into report: inout VerificationReport) {
        let code: RecoveryCode
        switch codes {
        case .none: return
        case let .single(single): code = single
        case let .list(list):
            // The envelope's own ID first: a damaged stated ID must not pick another kit's code.
            guard let key = [computedId, document.statedCredentialId].compactMap({ $0 }).first(where: { list[$0] != nil }) else {
                report.fail("code.opens", "the codes file has no line for this credential ID")
                return
            }
            report.codeListId = key
            code = list[key]!
        }
        guard let envelope else {
            report.fail("code.opens", "the envelope could not be read (see envelope-format)")
            return
        }
        guard let name = document.username ?? username else {
            report.fail("code.opens", "a bare credential carries no username", cause: RecoveryError.noUsername(.kitNamesNone))
            return
        }
        let privateKey: P256PrivateKey
        do { privateKey = try envelope.open(code: code, username: name) } catch {
            let wrong = (error as? RecoveryKitError)?.kind == .wrongSecret
            report.fail("code.opens", "\(error)" + (wrong ? RecoveryCode.wrongCodeHint(checkLettersTyped: code.checkLettersTyped) : ""))
            return
        }
        report.pass("code.opens", "the envelope opens with the code and username \(name.prefix(80))")
        checkMetadataSignature(document, key: privateKey.publicKey, computedId: computedId, into: &report)
        guard let publicKey else {
            if document.publicKeyPEM != nil { report.fail("code.key-matches", "the kit's public key could not be read (see public-key)") }
            return
        }
        report.record("code.key-matches", privateKey.publicKey == publicKey, privateKey.publicKey == publicKey
            ? "the private key inside belongs to the kit's public key"
            : "the private key inside does NOT belong to the kit's public key")
    }
}
