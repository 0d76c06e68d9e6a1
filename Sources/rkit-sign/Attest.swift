import ArgumentParser
import RecoveryKitCLI
import RecoveryKitCore

/// `rkit-sign attest`: placeholder until the registration output lands.
struct Attest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attest",
        abstract: "Write an existing kit's attestation for a registration or /auth/credentials/init challenge."
    )

    func run() throws {
        throw CLIFailure.usage("attest is not built yet")
    }
}
