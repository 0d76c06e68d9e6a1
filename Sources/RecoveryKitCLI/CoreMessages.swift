import RecoveryKitCore

/// The command-line wording of what the core reports: the core's typed
/// errors, warnings and report details carry facts; here they get the
/// flag that fixes them (the split age makes between its library errors
/// and its CLI hints). Anything without a hint reads as the core words it.
public enum CoreMessages {
    /// The one-line message for a core error.
    public static func message(_ error: any RecoveryKitError) -> String {
        if let failed = error as? CheckFailed, let cause = failed.check.cause { return message(cause) }
        if let share = error as? ShareError { return shares(share) }
        if let plan = error as? SharePlanError { return "--shares: " + plan.description }
        guard let recovery = error as? RecoveryError else { return error.description }
        switch recovery {
        case .noUsername(.kitNamesNone): return "the kit does not name its username; give --username with the account's e-mail address"
        case .noUsername(.empty): return "the username is empty; give --username with the account's e-mail address"
        case let .newCredentials(problem): return "new credentials: " + newCredentials(problem)
        default: return recovery.description
        }
    }

    static func newCredentials(_ problem: NewCredentials.Problem) -> String {
        switch problem {
        case .firstFactorGivenTwice: return "the --new-credentials file already has a firstFactorCredential; give either it or --new-key"
        case .recoveryGivenTwice: return "the --new-credentials file already has a recoveryCredential; give either it or --new-kit"
        case .noFirstFactor: return "there is no new first-factor credential; give --new-credentials FILE (e.g. a passkey) or --new-key FILE"
        case let .refused(slot, check, why):
            // `why` quotes text from the file: escaped before it reaches a terminal.
            let line = "\(slot) refused (\(check)): \(TerminalText.sanitize(why, maxLength: 300))"
            return check.hasSuffix(".origin") ? line + " (--origin)" : line
        default: return problem.description
        }
    }

    /// A share problem with the next step: the core says what is wrong,
    /// here it gets the flag or the action that fixes it.
    static func shares(_ error: ShareError) -> String {
        switch error {
        case .noShares: return "no share was given; give --share-file FILE once per share, or type the shares on a terminal"
        case .tooFewShares, .tooFewGroups:
            return error.description + "; give one more --share-file (one per share paper)"
        case .tooManyShares, .tooManyGroups: return error.description + " (leave the extra --share-file out)"
        case .differentSets: return error.description + "; all shares must begin with the same two words"
        case .notARecoveryCode: return error.description
        case .unknownWord, .checksum, .wrongWordCount, .empty:
            return error.description + "; compare it with the share paper"
        default: return error.description
        }
    }

    /// A warning line's text (after `rkit-x: warning: `).
    public static func warning(_ warning: RecoveryWarning) -> String {
        warning == .noNewRecoveryCredential ? warning.description + "; add --new-kit DIR to get a fresh kit" : warning.description
    }

    /// A warning line's text for a finding of a flow (verdict `.warn`).
    public static func finding(_ finding: FlowFinding) -> String { finding.error.description }

    /// A check's detail as the tools print it.
    public static func detail(_ check: Check) -> String {
        if case .noUsername(.kitNamesNone)? = check.cause as? RecoveryError { return check.detail + "; give --username" }
        return check.detail
    }

    /// A finding's detail as the tools print it.
    public static func detail(_ finding: Finding) -> String {
        switch finding.name {
        case KitVerifier.uncheckedPublicKey: return "public key NOT checked (no attestation): give the code (--code-file, or --codes for many kits)"
        case KitVerifier.uncheckedEnvelope: return "envelope NOT opened (QR text has no public key): give the code (--code-file, or --codes for many kits)"
        default: break
        }
        if finding.name == RequestVerifier.noChallengeLint {
            return "no --challenge: the new credentials' challenge and the allowed credential IDs were not checked"
        }
        return finding.detail
    }

    /// What `--org-id` must be.
    public static let orgIDRequirement = "--org-id must be one word of ASCII letters, digits and dashes, as Dfns shows it (e.g. or-30ldf-8d7s5-8kerbutv6g2dumq7)"
}
