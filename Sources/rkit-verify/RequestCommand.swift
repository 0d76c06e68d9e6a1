import ArgumentParser
import RecoveryKitCLI
import RecoveryKitCore

/// `rkit-verify request BODY`: validates a POST /auth/recover/user body.
struct RequestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request",
        abstract: "Validate a recovery request body (POST /auth/recover/user) before it is sent.",
        discussion: """
            Checks the assertion against the kit's public key (--kit or --public-key), that it signs exactly the
            new credentials in the body, and every new credential's attestation; with --challenge, also that the
            credential ID is allowed and every new credential carries the recovery challenge.
            Check names are explained in rkit-verify(1).
            """
    )

    @Argument(help: "The request body (JSON; '-' for standard input).")
    var body: String

    @Option(help: ArgumentHelp("The kit that signed the request (kit.json or RecoveryKey credential).", valueName: "FILE"))
    var kit: String?

    @Option(help: ArgumentHelp("The kit's public key as PEM, when the kit itself is not at hand.", valueName: "PEM-FILE"))
    var publicKey: String?

    @Option(help: ArgumentHelp("The recovery challenge response (from /auth/recover/user/init or /delegated).", valueName: "FILE"))
    var challenge: String?

    @Flag(name: .shortAndLong, help: "Print every check and warning.")
    var verbose = false

    @Flag(help: "One JSON object on stdout (format in rkit-verify(1)); the closing line goes to stderr.")
    var json = false

    /// Usage mistakes, before anything is read (exit 2).
    func checkUsage() throws {
        guard (kit == nil) != (publicKey == nil) else { throw CLIFailure.usage("give exactly one of --kit FILE or --public-key PEM-FILE", seeHelp: true) }
        try StandardInput.requireAtMostOne([body, kit, publicKey, challenge], wording: .quotedWithHelp)
    }

    func run() throws {
        try checkUsage()
        let verifier = try makeVerifier()
        let bytes = try InputFile.read(body, what: "request body")
        let report = verifier.verify(bytes, item: body)
        Output.out(json ? report.jsonLine + "\n" : report.humanLines(verbose: verbose).joined(separator: "\n") + "\n")
        let summary = report.ok ? "1 passed, 0 failed\n" : "0 passed, 1 failed\n"
        if json { Output.errorRaw(summary) } else { Output.out(summary) }
        if !report.ok { throw ExitCode(ExitStatus.checkFailed.rawValue) }
    }

    func makeVerifier() throws -> RequestVerifier {
        var recoveryChallenge: RecoveryChallenge?
        if let challenge {
            do { recoveryChallenge = try RecoveryChallenge(bytes: try InputFile.read(challenge, what: "challenge file")) } catch {
                throw CLIFailure.from(error, context: "challenge file \(challenge)")
            }
        }
        if let publicKey {
            let text = try InputFile.readText(publicKey, what: "public key file")
            do { return RequestVerifier(publicKey: try P256PublicKey(pem: text), challenge: recoveryChallenge) } catch {
                throw CLIFailure.from(error, context: "public key file \(publicKey)")
            }
        }
        let path = kit!
        let parsed: RecoveryKit
        do { parsed = try RecoveryKit.parse(try InputFile.read(path, what: "kit file")) } catch {
            throw CLIFailure.from(error, context: "kit \(path)")
        }
        guard let pem = parsed.publicKeyPEM else {
            throw CLIFailure(.malformedInput, "kit \(path) carries no public key (QR text); give kit.json or --public-key")
        }
        do {
            return RequestVerifier(publicKey: try P256PublicKey(pem: pem), credentialId: parsed.credentialId,
                                   envelopeText: parsed.envelope.text, challenge: recoveryChallenge)
        } catch {
            throw CLIFailure.from(error, context: "kit \(path)")
        }
    }
}
