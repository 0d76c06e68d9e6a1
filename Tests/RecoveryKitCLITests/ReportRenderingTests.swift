import Testing
import RecoveryKitCLI
import RecoveryKitCore

/// rkit-verify's ✓/✗ and JSON lines, rendered in the CLI from report data.
@Suite struct ReportRenderingTests {
    static func report() -> VerificationReport {
        var report = VerificationReport(item: "kit.json", credentialId: "ID")
        report.pass("structure", "kit.json (rkit-kit/1)")
        report.fail("code.opens", "a bare credential carries no username", cause: RecoveryError.noUsername(.kitNamesNone))
        report.warn(RequestVerifier.noChallengeLint, "no recovery challenge: the new credentials' challenge and the allowed credential IDs were not checked")
        return report
    }

    @Test func humanLines() {
        let report = Self.report()
        #expect(report.humanLines(verbose: false)
                == ["✗ kit.json  ID  code.opens: a bare credential carries no username; give --username  (warning: lint.no-challenge)"])
        #expect(report.humanLines(verbose: true) == [
            "✗ kit.json  ID  code.opens: a bare credential carries no username; give --username",
            "    ✓ structure: kit.json (rkit-kit/1)",
            "    ✗ code.opens: a bare credential carries no username; give --username",
            "    ! lint.no-challenge: no --challenge: the new credentials' challenge and the allowed credential IDs were not checked",
        ])
        var passing = VerificationReport(item: "a")
        passing.pass("x", "y")
        #expect(passing.humanLines(verbose: false) == ["✓ a  -"])
    }

    @Test func jsonLine() throws {
        let line = try JSONParser.parse(Array(Self.report().jsonLine.utf8))
        #expect(line["ok"]?.boolValue == false)
        #expect(line["checks"]?.arrayValue?[1]["detail"]?.stringValue == "a bare credential carries no username; give --username")
        #expect(line["warnings"]?.arrayValue?[0]["detail"]?.stringValue?.hasPrefix("no --challenge: ") == true)
    }
}
