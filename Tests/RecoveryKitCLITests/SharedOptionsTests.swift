import Testing
import RecoveryKitCLI
import RecoveryKitCore

/// The option types and rules all three tools share.
@Suite struct SharedOptionsTests {
    static func usageMessage(_ body: () throws -> Void) -> String? {
        do { try body() } catch let failure as CLIFailure {
            #expect(failure.status == .usage)
            return failure.message + (failure.pointsToHelp ? " (help)" : "")
        } catch { Issue.record("unexpected \(error)") }
        return nil
    }

    @Test func origin() throws {
        #expect(try OriginArgument(argument: "https://App.Example.com:443/")!.normalized() == "https://app.example.com")
        let message = Self.usageMessage { _ = try OriginArgument(argument: "ftp://example.com")!.normalized() }
        #expect(message?.hasPrefix("--origin ftp://example.com: ") == true)
        // The relying-party rule is the core's (FlowRules.relyingParty), refusing in every tool.
        #expect(FlowRules.relyingParty(origin: "https://app.example.com", relyingPartyId: "example.com") == nil)
        #expect(FlowRules.relyingParty(origin: "https://app.example.com", relyingPartyId: nil) == nil)
        #expect(FlowRules.relyingParty(origin: "https://app.example.com", relyingPartyId: "example.org")?.verdict == .refuse)
    }

    @Test func orgID() throws {
        #expect(try OrgIDArgument(argument: "or-30ldf-8d7s5")!.validated() == "or-30ldf-8d7s5")
        for bad in ["", "or bad", "or-\u{7}", "ör", "or-x\")><script>", String(repeating: "a", count: 65)] {
            #expect(Self.usageMessage { _ = try OrgIDArgument(argument: bad)!.validated() } == CoreMessages.orgIDRequirement)
        }
    }

    @Test func oneStandardInput() {
        #expect(Self.usageMessage { try StandardInput.requireAtMostOne(["-", nil, "a"], wording: .plain) } == nil)
        #expect(Self.usageMessage { try StandardInput.requireAtMostOne(["-", nil, "-"], wording: .plain) }
                == "only one input can come from standard input (-)")
        #expect(Self.usageMessage { try StandardInput.requireAtMostOne(["-", "-"], wording: .quotedWithHelp) }
                == "only one input can come from standard input ('-') (help)")
    }

    @Test func trimmingWhitespace() {
        #expect(" \t\u{00A0}a b\u{2028}\n".trimmingWhitespace() == "a b")
        #expect("a b"[...].trimmingWhitespace() == "a b")
        #expect("   ".trimmingWhitespace() == "")
    }
}
