import RecoveryKitCLI
import Testing

/// rkit-verify against hostile input: every row must fail cleanly with its
/// documented status (HostileCase.run checks status, stderr, secrets and
/// files left behind).
@Suite struct RKitVerifyHostileTests {
    static let vectorsCases: [HostileCase] = [
        HostileCase("rkit-verify", ["vectors", "rt:missing"], .unreadableInput),
        HostileCase("rkit-verify", ["vectors", "in:kits/kit.json"], .unreadableInput),
        HostileCase("rkit-verify", ["vectors", "rt:vectors-empty"], .malformedInput),
        HostileCase("rkit-verify", ["vectors", "rt:vectors-subdir"], .unreadableInput),
        HostileCase("rkit-verify", ["vectors", "rt:vectors-huge-int"], .checkFailed),
        HostileCase("rkit-verify", ["vectors", "rt:vectors-zero-int"], .checkFailed),
        HostileCase("rkit-verify", ["vectors", "rt:vectors-negative-int"], .checkFailed),
        HostileCase("rkit-verify", ["vectors", "rt:vectors-garbage"], .checkFailed),
        HostileCase("rkit-verify", ["vectors", "rt:vectors-wrong-shape"], .checkFailed),
        HostileCase("rkit-verify", ["vectors", "rt:vectors-non-utf8"], .checkFailed),
        HostileCase("rkit-verify", ["vectors", "rt:vectors-big"], .unreadableInput),
        HostileCase("rkit-verify", ["vectors", "rt:vectors-deep"], .checkFailed),
        HostileCase("rkit-verify", ["vectors", "--no-such-option"], .usage),
        HostileCase("rkit-verify", ["no-such-mode"], .usage),
    ]

    @Test(arguments: vectorsCases) func vectors(_ hostile: HostileCase) throws { try hostile.run() }
}
