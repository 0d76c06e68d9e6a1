import ArgumentParser
import RecoveryKitCLI

/// rkit-verify: proves the crypto core right on this machine and checks
/// kits and recovery requests for security teams.
struct RKitVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rkit-verify",
        abstract: "Check rkit's crypto on this machine, and validate recovery kits and recovery requests.",
        discussion: """
            Modes:
              vectors   run the known-answer vectors (Vectors/) through the crypto core
              kit       validate kits (kit.json, QR text, or RecoveryKey credentials)
              request   validate a POST /auth/recover/user body

            Exit status:
            \(ExitStatus.table)
            """,
        version: RKitVersion.text,
        subcommands: [VectorsCommand.self, KitCommand.self, RequestCommand.self]
    )
}

/// Runs rkit-verify: the entry of its own executable and of the release's
/// multi-call binary (Sources/Executables/rkit).
public func runRKitVerify() -> Never { CommandRunner.main(RKitVerify.self, name: "rkit-verify") }
