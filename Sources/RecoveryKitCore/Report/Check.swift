/// One named check on one item (a kit or a request). Names are stable
/// identifiers documented in man/rkit-verify.1, so a report line can be
/// looked up; `detail` says what was found, never a secret.
public struct Check: Sendable, Equatable {
    public let name: String
    public let ok: Bool
    public let detail: String
    /// For a failed check, the typed error the throwing form of the same
    /// check raises (`VerificationReport.requireOK()`); nil when the check
    /// has no throwing form. Not part of equality: it is the same fact.
    public let cause: (any RecoveryKitError)?

    public init(name: String, ok: Bool, detail: String, cause: (any RecoveryKitError)? = nil) {
        self.name = name
        self.ok = ok
        self.detail = detail
        self.cause = ok ? nil : cause
    }

    public static func == (a: Check, b: Check) -> Bool { a.name == b.name && a.ok == b.ok && a.detail == b.detail }
}

/// The first failed check of a report, thrown by `requireOK()`: the
/// throwing form of a verifier (rkit-sign's self-checks) runs the same
/// checks as the report rkit-verify prints.
public struct CheckFailed: RecoveryKitError {
    /// The failed check, with its name and detail.
    public let check: Check

    public var kind: FailureKind { check.cause?.kind ?? .verificationFailed }
    public var description: String { check.cause?.description ?? "\(check.name): \(check.detail)" }
}

/// A lint finding: legal, but worth a look (a 12-byte IV, a PEM in another
/// form, unsorted client data). Findings never make an item fail.
public struct Finding: Sendable, Equatable {
    public let name: String
    public let detail: String

    public init(name: String, detail: String) {
        self.name = name
        self.detail = detail
    }
}
