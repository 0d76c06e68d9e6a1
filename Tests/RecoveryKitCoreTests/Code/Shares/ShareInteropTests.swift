import Foundation
import Testing
import RKitTestSupport
@testable import RecoveryKitCore

/// rkit's shares against Trezor's shamir-mnemonic 0.3.0 (Tests/Interop/shamir_reference.py),
/// with fresh random bytes each run: both ways, single groups and groups.
@Suite struct ShareInteropTests {
    static let script = ToolRunner.repositoryRoot.appendingPathComponent("Tests/Interop/shamir_reference.py").path
    static let plans = [("2-of-3", nil), ("3-of-5", nil), ("2-of-3,2-of-2", nil), ("2-of-3,1-of-1,3-of-5", 2)] as [(String, Int?)]

    @Test(arguments: plans.map(\.0))
    func rkitSharesCombineInTheReference(plan text: String) throws {
        let groupThreshold = Self.plans.first { $0.0 == text }!.1
        let plan = try SharePlan(parsing: text, groupThreshold: groupThreshold)
        let code = try RecoveryCode.generate()
        let groups = try RecoveryCodeShares.split(code, plan: plan)
        // The threshold of each needed group, the last shares of each.
        var chosen: [String] = []
        for (group, spec) in zip(groups, plan.groups).suffix(plan.groupThreshold) {
            chosen += group.suffix(spec.threshold).map { $0.words.joined(separator: " ") }
        }
        let result = try ToolRunner.external("python3", [Self.script, "combine"], stdin: Array(chosen.joined(separator: "\n").utf8))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == code.revealCanonicalText())
    }

    @Test(arguments: plans.map(\.0))
    func referenceSharesCombineInRkit(plan text: String) throws {
        let groupThreshold = Self.plans.first { $0.0 == text }!.1
        let plan = try SharePlan(parsing: text, groupThreshold: groupThreshold)
        let code = try RecoveryCode.generate()
        let result = try ToolRunner.external("python3", [Self.script, "split", String(plan.groupThreshold), text],
                                             stdin: Array(code.revealCanonicalText().utf8))
        #expect(result.status == 0, "\(result.stderr)")
        let shares = try result.stdout.split(separator: "\n").map { try RecoveryCodeShares.share(parsing: String($0)) }
        #expect(shares.count == plan.shareCount)
        var chosen: [Share] = []
        var offset = 0
        for (i, spec) in plan.groups.enumerated() {
            if i < plan.groupThreshold { chosen += shares[offset..<(offset + spec.threshold)] }
            offset += spec.count
        }
        #expect(try RecoveryCodeShares.combine(chosen.reversed()).revealCanonicalText() == code.revealCanonicalText())
    }
}
