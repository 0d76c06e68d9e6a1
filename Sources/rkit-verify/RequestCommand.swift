import ArgumentParser
import RecoveryKitCLI
import RecoveryKitCore

/// `rkit-verify request BODY`: validates a POST /auth/recover/user body.
struct RequestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request",
        abstract: "Validate a recovery request body (POST /auth/recover/user) before it is sent.",
        discussion: """
            Checks the assertion against the kit's public key (--kit or --public-key; for the kit's QR text, the key
            inside its envelope, opened with the code from --code-file or typed on the terminal), that it signs exactly the
            new credentials in the body, and every new credential's attestation; with --challenge, also that the
            credential ID is allowed and every new credential carries the recovery challenge.
            Check names are explained in rkit-verify(1).
            """
    )

    @Argument(help: "The request body (JSON; '-' for standard input).")
    var body: String

    @Option(help: ArgumentHelp("The kit that signed the request: kit.json, a RecoveryKey credential, or the text of the kit's QR code (then the code is needed).", valueName: "FILE"))
    var kit: String?

    /// With QR text as --kit: the code opens it (typed, or --code-file).
    @OptionGroup var code: CodeSource

    @Option(help: ArgumentHelp("The kit's public key as PEM, when the kit itself is not at hand.", valueName: "PEM-FILE"))
    var publicKey: String?

    @Option(help: ArgumentHelp("The recovery challenge response (from /auth/recover/user/init or /delegated).", valueName: "FILE"))
    var challenge: String?

    @Flag(name: .shortAndLong, help: "Print every check and warning.")
    var verbose = false

    @Flag(help: "One JSON object on stdout (format in rkit-verify(1)); the closing line goes to stderr.")
    var json = false

    /// Usage mistakes, before anything is read (exit 2).
    func validate() throws {
        try CommandRunner.validating { try checkUsage() }
    }

    func checkUsage() throws {
        let codeFile = code.codeFile
        guard (kit == nil) != (publicKey == nil) else { throw CLIFailure.usage("give exactly one of --kit FILE or --public-key PEM-FILE", seeHelp: true) }
        if codeFile != nil && kit == nil { throw CLIFailure.usage("--code-file opens the kit's QR text: give it with --kit FILE", seeHelp: true) }
        try StandardInput.requireAtMostOne([body, kit, publicKey, challenge, codeFile], wording: .quotedWithHelp)
    }

    func run() throws {
        let verifier = try makeVerifier()
        let bytes = try DocumentReader.read(body, what: "request body").bytes
        let report = verifier.verify(bytes, item: body)
        Output.out(json ? report.jsonLine + "\n" : report.humanLines(verbose: verbose).joined(separator: "\n") + "\n")
        let summary = report.ok ? "1 passed, 0 failed\n" : "0 passed, 1 failed\n"
        if json { Output.errorRaw(summary) } else { Output.out(summary) }
        if !report.ok { throw ExitCode(ExitStatus.checkFailed.rawValue) }
    }

    func makeVerifier() throws -> RequestVerifier {
        var recoveryChallenge: RecoveryChallenge?
        if let challenge {
            do { recoveryChallenge = try RecoveryChallenge(bytes: try DocumentReader.read(challenge, what: "challenge file").bytes) } catch {
                throw CLIFailure.from(error, context: "challenge file \(challenge)")
            }
        }
        if let publicKey {
            let document = try DocumentReader.read(publicKey, what: "public key file")
            guard let text = String(validating: document.bytes, as: UTF8.self)?.trimmingWhitespace() else {
                throw CLIFailure(.malformedInput, "public key file \(publicKey == "-" ? "on standard input" : publicKey) is not UTF-8 text")
            }
            do { return RequestVerifier(publicKey: try P256PublicKey(pem: text), challenge: recoveryChallenge) } catch {
                throw CLIFailure.from(error, context: "public key file \(publicKey)")
            }
        }
        let path = kit!
        let parsed: RecoveryKit
        do { parsed = try RecoveryKit.parse(try DocumentReader.read(path, what: "kit file").bytes) } catch {
            throw CLIFailure.from(error, context: "kit \(path)")
        }
        let key: P256PublicKey
        if let pem = parsed.publicKeyPEM {
            do { key = try P256PublicKey(pem: pem) } catch { throw CLIFailure.from(error, context: "kit \(path)") }
        } else {
            key = try publicKeyFromEnvelope(parsed, path: path)
        }
        return RequestVerifier(publicKey: key, credentialId: parsed.credentialId,
                               envelopeText: parsed.envelope.text, challenge: recoveryChallenge,
                               username: parsed.username.isEmpty ? nil : parsed.username)
    }

    /// The QR text leaves the public key out: a person with only the paper
    /// opens the envelope with the code to get it, as rkit-sign does.
    func publicKeyFromEnvelope(_ kit: RecoveryKit, path: String) throws -> P256PublicKey {
        if !code.isGiven, !TerminalSize.hasControllingTerminal {
            throw CLIFailure.usage("\(path) is the kit's QR text, which has no public key: the recovery code is needed to open it; give --code-file FILE (or run on a terminal to type it), or give kit.json")
        }
        let code = try self.code.read()
        do { return try kit.envelope.open(code: code, username: kit.username).publicKey } catch {
            throw CLIFailure.from(error, context: "kit \(path)")
        }
    }
}
