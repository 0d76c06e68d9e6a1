import Testing
import RecoveryKitCLI
@testable import RecoveryKitCore

/// The CLI's wording of core facts: the flag hints live here, and the core
/// text under them names no flag.
@Suite struct CoreMessagesTests {
    static let hinted: [(error: RecoveryError, core: String, cli: String)] = [
        (.noUsername(.kitNamesNone), "the kit does not name its username",
         "the kit does not name its username; give --username with the account's e-mail address"),
        (.noUsername(.empty), "the username is empty", "the username is empty; give --username with the account's e-mail address"),
        (.newCredentials(.firstFactorGivenTwice),
         "new credentials: the given new credentials already have a firstFactorCredential, and a new key was asked for",
         "new credentials: the --new-credentials file already has a firstFactorCredential; give either it or --new-key"),
        (.newCredentials(.recoveryGivenTwice),
         "new credentials: the given new credentials already have a recoveryCredential, and a new kit was asked for",
         "new credentials: the --new-credentials file already has a recoveryCredential; give either it or --new-kit"),
        (.newCredentials(.noFirstFactor), "new credentials: there is no new first-factor credential",
         "new credentials: there is no new first-factor credential; give --new-credentials FILE (e.g. a passkey) or --new-key FILE"),
        (.newCredentials(.refused(slot: "firstFactorCredential", check: "new.firstFactorCredential.origin",
                                  why: "made for origin https://a.example, not https://b.example")),
         "new credentials: firstFactorCredential refused (new.firstFactorCredential.origin): made for origin https://a.example, not https://b.example",
         "new credentials: firstFactorCredential refused (new.firstFactorCredential.origin): made for origin https://a.example, not https://b.example (--origin)"),
    ]

    @Test func coreNamesNoFlagAndTheCLIAddsIt() {
        for (error, core, cli) in Self.hinted {
            #expect(error.description == core)
            #expect(!error.description.contains("--"))
            #expect(CoreMessages.message(error) == cli)
            #expect(CLIFailure.from(error).message == cli)
            #expect(CLIFailure.from(error).status == .malformedInput)
        }
    }

    @Test func unhintedErrorsReadAsTheCoreWordsThem() {
        let error = RecoveryError.credentialNotAllowed(id: "abc", allowed: [])
        #expect(CoreMessages.message(error) == error.description)
        #expect(CLIFailure.from(error).status == .checkFailed)
        #expect(CLIFailure.from(error, context: "challenge").message == "challenge: " + error.description)
    }

    /// A failed check thrown by `requireOK()` reads as its cause, hint included.
    @Test func checkFailedReadsAsItsCause() {
        var report = VerificationReport(item: "x")
        report.pass("a", "fine")
        report.fail("b", "detail", cause: RecoveryError.newCredentials(.noFirstFactor))
        report.fail("c", "later")
        #expect(throws: CheckFailed.self) { try report.requireOK() }
        do { try report.requireOK() } catch let failed as CheckFailed {
            #expect(failed.check.name == "b")
            #expect(CoreMessages.message(failed) == CoreMessages.message(RecoveryError.newCredentials(.noFirstFactor)))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func warningsGetTheirHint() {
        #expect(CoreMessages.warning(.noNewRecoveryCredential)
                == "no new recovery credential is included: after this recovery every old credential, this kit included, stops working; add --new-kit DIR to get a fresh kit")
        let other = RecoveryWarning.unsupportedKind(slot: "firstFactorCredential", kind: "Fido2", supported: ["Key"])
        #expect(CoreMessages.warning(other) == other.description)
    }
}
