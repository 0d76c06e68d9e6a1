import ArgumentParser
import RecoveryKitCLI
import RecoveryKitCore
#if canImport(Glibc)
import Glibc
#endif
import RecoveryKitPrint

/// rkit-sign: one subcommand per step of a recovery. `recover` (the
/// default, so `rkit-sign --kit … --challenge …` keeps working) makes the
/// complete `POST /auth/recover/user` body on an offline machine; the
/// others print the online steps' bodies and complete commands, carry
/// files across the air gap, and sign a kit's registration. Option parsing
/// and file handling only; the recovery logic is in RecoveryKitCore.
struct RKitSign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rkit-sign",
        abstract: "Sign an account-recovery request with a recovery kit, offline.",
        discussion: """
            The steps of a recovery, in order (rkit never opens a network connection;
            --curl prints the complete command to run on the online machine; an app ID
            header only when one is known: --app-id, $DFNS_APP_ID or the kit's):
              online:  rkit-sign code-request --kit kit-qr.txt --curl | sh
                       rkit-sign init-request --kit kit-qr.txt --verification-code CODE \\
                         --curl | sh > response.json
              offline: rkit-sign recover --kit kit-qr.txt --challenge response.json \\
                         --new-key ~/rkit-new-key.pem --new-kit ~/rkit-new-kit --out body.json
              online:  rkit-sign curl --body body.json --challenge response.json | sh

            Across the air gap: qr-split shows any file as terminal QR parts; qr-join and
            --challenge read them back. A kit made without a challenge is registered with
            'rkit-sign attest'. A bare 'rkit-sign --kit … --challenge …' is 'recover'.
            Before the code is asked, recover shows what it is about to sign; credentials
            it did not make (--new-credentials) need the person's confirmation.
            See rkit-sign(1) and 'rkit-sign help SUBCOMMAND'.

            Exit status:
            \(ExitStatus.table)
            """,
        version: RKitVersion.text,
        subcommands: [Recover.self, CodeRequest.self, InitRequest.self, Curl.self, Attest.self, QRSplit.self, QRJoin.self],
        defaultSubcommand: Recover.self
    )
}

/// Runs rkit-sign: the entry of its own executable and of the release's
/// multi-call binary (Sources/Executables/rkit). Without arguments it shows
/// its usage (exit 2: there is nothing to do); old mode flags are mapped to
/// their subcommands (`LegacyArguments`).
public func runRKitSign() -> Never {
    let given = Array(CommandLine.arguments.dropFirst())
    // (Without arguments, CommandRunner.main shows the usage on stderr, exit 2.)
    let arguments: [String]
    do { arguments = SecurityKeyArgument.rewrite(try LegacyArguments.rewrite(given)) } catch let failure as CLIFailure {
        CommandRunner.fail("rkit-sign", failure)
    } catch {
        CommandRunner.fail("rkit-sign", CLIFailure(.internalError, "unexpected error; please report it"))
    }
    CommandRunner.main(RKitSign.self, name: "rkit-sign", arguments: arguments)
}
