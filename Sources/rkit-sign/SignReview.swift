import RecoveryKitCLI
import RecoveryKitCore

/// What rkit-sign is about to sign, shown on standard error before the
/// recovery code is asked: the account, the origin, and every new
/// credential with the checks that bind it to this recovery. Every text
/// that came from the online machine goes through `TerminalText.sanitize`.
///
/// The per-credential checks are the core's (`NewCredentials.review`):
/// what is shown is exactly what signing requires.
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

    /// The recover flow's review (`RecoverFlow.Review`, data) in rkit-sign's words.
    init(_ review: RecoverFlow.Review) {
        let shown = { (text: String) in TerminalText.sanitize(text, maxLength: 120) }
        let account = review.account
        let org = account.orgId.map { ", org \(shown($0))" } ?? ""
        self.account = [
            "kit:       user \(shown(account.username))\(org), credential \(shown(account.credentialId)) (kit tag \(shown(String(account.credentialId.prefix(8)))))",
            "challenge: user \(account.challengeUser.map(shown) ?? "(not named)"), relying party \(account.relyingPartyId.map(shown) ?? "(not named)")",
        ]
        origin = review.origin + (review.originGiven ? " (given with --origin)" : " (the kit's)")
        entries = review.entries.map { entry in
            switch entry.source {
            case let .given(file): return SignReview.given(entry.credential!, file: file)
            case let .newKey(keyFile): return Entry(slot: entry.slot, kind: entry.kind, from: "a new key rkit makes now (private key to \(keyFile))")
            case let .newKit(directory): return Entry(slot: entry.slot, kind: entry.kind, from: "a new recovery kit rkit makes now (in \(directory))")
            }
        }
    }

    /// One given credential (from --new-credentials) as the core's one
    /// rule set judged it (`NewCredentials.review`, the same checks
    /// rkit-verify reports and signing requires).
    static func given(_ credential: NewCredentials.Credential, file: String) -> Entry {
        var entry = Entry(slot: credential.slot, kind: credential.kind ?? "(no credentialKind)",
                          from: "from \(file), not made by rkit")
        entry.credentialId = credential.credId
        let prefix = "new.\(credential.slot)."
        entry.checks = credential.checks.map { check in
            let name = check.name.hasPrefix(prefix) ? String(check.name.dropFirst(prefix.count)) : check.name
            return Check(name: name, ok: check.ok, detail: shown(check.detail, 200))
        }
        entry.fingerprint = credential.publicKeyFingerprint.map { "SHA-256 " + $0 }
        if let passkey = credential.passkey {
            entry.authenticator = authenticator(passkey)
        } else if credential.kind.map({ $0.utf8.elementsEqual(KeyCredential.Kind.recoveryKey.rawValue.utf8) }) == true {
            entry.authenticator = ["a recovery kit (RecoveryKey): its holder can recover this account later"]
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
