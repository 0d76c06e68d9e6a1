import RecoveryKitCLI
import RecoveryKitCore

/// What rkit-sign is about to sign, shown on standard error before the
/// recovery code is asked: the account, the origin, and every new
/// credential with the checks that bind it to this recovery. Every text
/// that came from the online machine goes through `TerminalText.sanitize`.
///
/// The per-credential checks here are the signer's view of the core's
/// rules (`KeyCredential.verify`, `Fido2Credential.summary`); the core's
/// `NewCredentials.check` still runs before anything is signed.
struct SignReview {
    struct Check {
        let name: String
        let ok: Bool
        let detail: String
    }

    struct Entry {
        let slot: String
        /// `credentialKind` as given (sanitized when shown).
        let kind: String
        /// Where it comes from: the --new-credentials file, or rkit.
        let from: String
        var credentialId: String?
        var checks: [Check] = []
        var fingerprint: String?
        var authenticator: [String] = []
    }

    var account: [String] = []
    var origin: String
    var entries: [Entry] = []

    var failures: [(slot: String, check: Check)] {
        entries.flatMap { entry in entry.checks.filter { !$0.ok }.map { (entry.slot, $0) } }
    }

    static func shown(_ text: String, _ max: Int = 120) -> String { TerminalText.sanitize(text, maxLength: max) }

    /// SHA-256 of the key's SubjectPublicKeyInfo DER, in hex: the same
    /// value `openssl pkey -pubin -outform DER | sha256sum` prints.
    static func fingerprint(_ key: P256PublicKey) -> String {
        "SHA-256 " + Hex.encode(SHA256Digest.hash(key.spkiDER))
    }

    /// One given credential (from --new-credentials), checked.
    static func given(slot: String, _ value: JSONValue, challenge: RecoveryChallenge, origin: String, file: String) -> Entry {
        let kind = value["credentialKind"]?.stringValue ?? "(no credentialKind)"
        var entry = Entry(slot: slot, kind: kind, from: "from \(file), not made by rkit")
        entry.credentialId = value["credentialInfo"]?["credId"]?.stringValue
        let accepted = [challenge.challenge, Base64URL.encode(utf8: challenge.challenge)]
        func challengeCheck(_ found: String) -> Check {
            let ok = accepted.contains { $0.utf8.elementsEqual(found.utf8) }
            return Check(name: "challenge", ok: ok, detail: ok ? "this recovery's challenge" : "another challenge: \(shown(found, 60))")
        }
        func originCheck(_ found: String?) -> Check {
            // Only a Key in the SDK's BrowserKeySigner form names no origin.
            guard let found else { return Check(name: "origin", ok: true, detail: "none named (SDK BrowserKeySigner form)") }
            let ok = found.utf8.elementsEqual(origin.utf8)
            return Check(name: "origin", ok: ok, detail: ok ? shown(found) : "\(shown(found)), not the signing origin \(origin)")
        }
        if let keyKind = KeyCredential.Kind(rawValue: kind) {
            do {
                let credential = try KeyCredential(json: value)
                let verified = try credential.verify()
                entry.checks.append(Check(name: "attestation", ok: true, detail: "signed by the key it registers"))
                entry.checks.append(challengeCheck(verified.clientData.challenge))
                entry.checks.append(originCheck(verified.clientData.origin))
                if keyKind == .recoveryKey, let envelope = credential.encryptedPrivateKey {
                    let ok = CredentialID.of(envelopeText: envelope).utf8.elementsEqual(credential.credId.utf8)
                    entry.checks.append(Check(name: "credential ID", ok: ok, detail: ok ? "the hash of its encrypted key" : "not the hash of its encrypted key"))
                    entry.authenticator = ["a recovery kit (RecoveryKey): its holder can recover this account later"]
                }
                entry.fingerprint = fingerprint(verified.publicKey)
            } catch {
                entry.checks.append(Check(name: "attestation", ok: false, detail: shown("\(error)", 200)))
            }
        } else if kind.utf8.elementsEqual(Fido2Credential.kind.utf8) {
            do {
                let passkey = try Fido2Credential(json: value)
                let summary = try passkey.summary()
                let clientData = try ClientData(bytes: passkey.clientDataJSON)
                let typeOK = clientData.type.utf8.elementsEqual(NewCredentials.fido2Create.utf8)
                entry.checks.append(Check(name: "type", ok: typeOK, detail: typeOK ? NewCredentials.fido2Create : "\(shown(clientData.type, 40)), not \(NewCredentials.fido2Create)"))
                entry.checks.append(challengeCheck(clientData.challenge))
                entry.checks.append(originCheck(clientData.origin))
                entry.checks.append(Check(name: "cross-origin", ok: clientData.crossOrigin != true, detail: clientData.crossOrigin == true ? "made in a cross-origin frame" : "no"))
                if let rpId = challenge.rp?.id, !rpId.isEmpty {
                    let ok = summary.rpIdHashMatches(rpId)
                    entry.checks.append(Check(name: "relying party", ok: ok, detail: ok ? "made for \(shown(rpId))" : "made for another relying party than \(shown(rpId))"))
                }
                entry.checks.append(Check(name: "credential ID", ok: summary.credentialIdMatches,
                                          detail: summary.credentialIdMatches ? "the authenticator's" : "not the one in the authenticator data"))
                entry.fingerprint = fingerprint(summary.publicKey)
                entry.authenticator = authenticator(summary)
            } catch {
                entry.checks.append(Check(name: "attestation", ok: false, detail: shown("\(error)", 200)))
            }
        } else {
            entry.checks.append(Check(name: "kind", ok: false, detail: "rkit cannot check a \(shown(kind, 40)) credential"))
        }
        return entry
    }

    /// The authenticator as its attestation states it.
    static func authenticator(_ summary: PasskeySummary) -> [String] {
        var lines = ["attestation format \(shown(summary.format, 40)), AAGUID \(shown(summary.aaguid, 40))"]
        switch summary.verdict {
        case .none:
            lines.append("format none: the authenticator states nothing about itself (any software can make this)")
        case .selfAttestation:
            lines.append("self attestation: proves the key, not what made it")
        case let .certificate(subject, issuer, chainLength):
            lines.append("certificate subject \(shown(subject)) (issuer \(shown(issuer)), \(chainLength) in chain; not checked against any root)")
        case let .notVerified(format, reason):
            lines.append("statement \(shown(format, 40)) not verified by rkit (\(reason))")
        }
        if summary.aaguid.allSatisfy({ $0 == "0" || $0 == "-" }) { lines[0] += " (withheld)" }
        return lines
    }

    func render() -> String {
        var lines = ["rkit-sign: review what is about to be signed:"]
        lines += account.map { "  " + $0 }
        lines.append("  origin: \(origin)")
        lines.append("  new credentials:")
        for entry in entries {
            lines.append("    \(entry.slot): \(Self.shown(entry.kind, 40)), \(entry.from)")
            if let id = entry.credentialId { lines.append("      credential ID  \(Self.shown(id))") }
            for check in entry.checks {
                lines.append("      \(check.ok ? "✓" : "✗") \(check.name): \(check.detail)")
            }
            if let fingerprint = entry.fingerprint { lines.append("      public key     \(fingerprint)") }
            for line in entry.authenticator { lines.append("      authenticator  \(line)") }
        }
        return lines.joined(separator: "\n")
    }
}
