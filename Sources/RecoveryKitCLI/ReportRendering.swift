import RecoveryKitCore

/// How rkit-verify prints a `VerificationReport` (man/rkit-verify.1):
/// the ✓/✗ lines for people and one JSON object per line for programs.
extension VerificationReport {
    /// One JSON object on one line (documented in man/rkit-verify.1):
    /// `{"file","credentialId","ok","checks":[{"name","ok","detail"}],"warnings":[{"name","detail"}],"notices":[{"name","detail"}]}`.
    public var jsonLine: String {
        let json: JSONValue = [
            "file": .string(item),
            "credentialId": credentialId.map { .string($0) } ?? .null,
            "ok": .bool(ok),
            "checks": .array(checks.map {
                ["name": .string($0.name), "ok": .bool($0.ok), "detail": .string(CoreMessages.detail($0))]
            }),
            "warnings": .array(warnings.map { ["name": .string($0.name), "detail": .string(CoreMessages.detail($0))] }),
            "notices": .array(notices.map { ["name": .string($0.name), "detail": .string(CoreMessages.detail($0))] }),
        ]
        return ArgumentRedaction.redact(JSONText.stringify(json))
    }

    /// For people: `✓ FILE ID`, or `✗ FILE ID  check: detail` naming the
    /// first failing check; notices (what was not checked, a kit not
    /// registered) in brackets on the same line, so a ✓ never hides them;
    /// with `verbose`, every check and finding below. Each line passes
    /// `TerminalText.backstop`: file names, IDs and details quote the
    /// inputs (an origin, a username), which must not fake a ✓ or erase a ✗.
    public func humanLines(verbose: Bool) -> [String] {
        rawHumanLines(verbose: verbose).map { TerminalText.backstop(ArgumentRedaction.redact($0)) }
    }

    func rawHumanLines(verbose: Bool) -> [String] {
        var head = "\(ok ? "✓" : "✗") \(item)  \(credentialId ?? "-")"
        if let failure = firstFailure { head += "  \(failure.name): \(CoreMessages.detail(failure))" }
        for notice in notices { head += "  [\(CoreMessages.detail(notice))]" }
        if !verbose && !warnings.isEmpty {
            head += "  (warning\(warnings.count == 1 ? "" : "s"): \(warnings.map(\.name).joined(separator: ", ")))"
        }
        var lines = [head]
        if verbose {
            lines += checks.map { "    \($0.ok ? "✓" : "✗") \($0.name): \(CoreMessages.detail($0))" }
            lines += warnings.map { "    ! \($0.name): \(CoreMessages.detail($0))" }
            lines += notices.map { "    ~ \($0.name): \(CoreMessages.detail($0))" }
        }
        return lines
    }
}
