/// Everything found about one item: every check that applied, in a fixed
/// order, and the lint findings. Verifiers do not stop at the first failure
/// where later checks still mean something, so a report shows all damage.
public struct VerificationReport: Sendable {
    /// The file the item came from, as named on the command line.
    public var item: String
    /// The credential ID the item claims (or, for QR text, its envelope's).
    public var credentialId: String?
    /// The credential ID of the codes-list line used for this item, when
    /// one was (it may be the envelope's ID rather than the stated one).
    public var codeListId: String?
    public private(set) var checks: [Check] = []
    public private(set) var warnings: [Finding] = []
    /// What a person must see on the item's own line, though nothing
    /// failed: what could not be checked (`unchecked.*`), and a kit Dfns
    /// cannot use yet (`not-registered`). A passed item with notices passed
    /// every check that could run, not every check.
    public private(set) var notices: [Finding] = []

    public init(item: String, credentialId: String? = nil) {
        self.item = item
        self.credentialId = credentialId
    }

    /// Passed when at least one check ran and none failed.
    public var ok: Bool { !checks.isEmpty && checks.allSatisfy(\.ok) }

    public var firstFailure: Check? { checks.first { !$0.ok } }

    public func check(_ name: String) -> Check? { checks.first { $0.name == name } }

    public mutating func pass(_ name: String, _ detail: String) { checks.append(Check(name: name, ok: true, detail: detail)) }
    /// Records a failed check; `cause` is the typed error its throwing form raises.
    public mutating func fail(_ name: String, _ detail: String, cause: (any RecoveryKitError)? = nil) {
        checks.append(Check(name: name, ok: false, detail: detail, cause: cause))
    }
    public mutating func record(_ name: String, _ ok: Bool, _ detail: String, cause: (any RecoveryKitError)? = nil) {
        checks.append(Check(name: name, ok: ok, detail: detail, cause: cause))
    }

    /// The throwing form: throws `CheckFailed` for the first failed check
    /// (its `cause` decides the message and the failure kind).
    public func requireOK() throws {
        if let failure = firstFailure { throw CheckFailed(check: failure) }
    }
    public mutating func warn(_ name: String, _ detail: String) { warnings.append(Finding(name: name, detail: detail)) }
    public mutating func notice(_ name: String, _ detail: String) { notices.append(Finding(name: name, detail: detail)) }
    /// Whether a check that matters was left out for want of a secret.
    public var hasUnchecked: Bool { notices.contains { $0.name.hasPrefix("unchecked.") } }

    /// The check an item gets when its file could not be read at all.
    public static let readCheck = "read"

    /// The report of an item whose file could not be read (`reason` says why).
    public static func unreadable(item: String, reason: String) -> VerificationReport {
        var report = VerificationReport(item: item)
        report.fail(readCheck, reason)
        return report
    }

    /// True when the item failed only because its file could not be read.
    public var isUnreadable: Bool { checks.count == 1 && checks[0].name == VerificationReport.readCheck && !checks[0].ok }
}
