import ArgumentParser
import RecoveryKitCLI
import RecoveryKitCore
#if canImport(Glibc)
import Glibc
#endif

/// `rkit-sign attest`: registers a kit made earlier (without a challenge)
/// by signing its attestation now. Opens the kit with its code, proves the
/// opened key is the kit's, and writes the same body rkit-generate
/// `--challenge` writes (`RegistrationBody`): the `recoveryCredential` of
/// a registration, or the whole `CreateCredentialBody` of
/// `POST /auth/credentials` for a `/auth/credentials/init` response.
struct Attest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attest",
        abstract: "Write an existing kit's attestation for a registration or /auth/credentials/init challenge.",
        discussion: """
              rkit-sign attest --kit kit.json --challenge credentials-init.json --out attestation.json
            The code is read from the terminal without echo, or from --code-file. --origin
            defaults to the kit's (another needs --allow-other-origin) and must be on the
            challenge's relying party. The output is what rkit-generate --challenge writes:
            for /auth/credentials/init the whole POST /auth/credentials body (with
            challengeIdentifier and credentialName), otherwise the recoveryCredential object.
            """
    )

    @Option(help: ArgumentHelp("The recovery kit (kit.json, or the text of its QR code).", valueName: "FILE"))
    var kit: String

    @Option(help: ArgumentHelp("The registration challenge: the response of /auth/credentials/init, /auth/registration/init or …/delegated, or the bare challenge.", valueName: "FILE|-"))
    var challenge: String

    @OptionGroup var originOptions: OriginOptions

    @OptionGroup var code: CodeSource

    @Option(help: ArgumentHelp("The credentialName (default: \"rkit recovery kit\" and the kit tag).", valueName: "NAME"))
    var credentialName: String?

    @Option(help: ArgumentHelp("Write the attestation body to FILE.", valueName: "FILE"))
    var out: String

    @Flag(help: "Replace an existing --out file.")
    var force = false

    func validate() throws {
        try CommandRunner.validating {
            try StandardInput.requireAtMostOne([challenge] + code.paths + [kit], wording: .plain)
            try originOptions.check()
            if let credentialName {
                do { try CredentialName.validate(credentialName) } catch { throw CLIFailure.usage("--credential-name: \(error)") }
            }
        }
    }

    func run() throws {
        // Prepare: the kit, the challenge, the origin on its relying party.
        let document = try DocumentReader.read(kit, what: "kit")
        let parsed: RecoveryKit
        do { parsed = try RecoveryKit.parse(document.bytes) } catch { throw CLIFailure.from(error, context: "kit \(kit)") }
        do { try FlowRules.binding(credentialId: parsed.credentialId, envelope: parsed.envelope) } catch {
            throw CLIFailure.from(error, context: "kit \(kit)")
        }
        guard !parsed.username.isEmpty else { throw CLIFailure.usage("kit \(kit) names no username; attest needs a kit.json or the kit's QR text") }
        let origin = try originOptions.resolve(kit: parsed, path: kit)
        let registration: RegistrationChallenge
        let challengeDocument = try DocumentReader.read(challenge, what: "challenge")
        do { registration = try RegistrationChallenge.parse(challengeDocument.bytes) } catch {
            throw CLIFailure.from(error, context: "challenge \(challenge)")
        }
        let prepared: RegisterFlow.Prepared
        do { prepared = try RegisterFlow.prepareExistingKit(parsed, registration: registration, origin: origin) } catch let error as FlowError {
            throw Attest.refusal(error.finding)
        } catch { throw CLIFailure.from(error, context: "kit \(kit)") }
        var info = stat()
        try OutputFiles.checkWritable(files: [out])
        if !force, lstat(out, &info) == 0 {
            throw CLIFailure(.outputExists, "\(out) already exists; use --force to replace it, or choose another path")
        }

        // Act: on a terminal a typo or a wrong code is asked again, as in recover.
        let key = try code.read(tries: 3) { code in
            try parsed.envelope.open(code: code, username: parsed.username)
        }
        let body: RegistrationBody
        do { body = try RegisterFlow.attest(prepared, key: key, credentialName: credentialName) } catch { throw CLIFailure.from(error) }
        let files = OutputFiles(force: force)
        files.add(out, text: body.fileText)
        do { try files.commit() } catch { files.rollback(); throw error }
        Output.error("rkit-sign: wrote \(out): the attestation of kit \(parsed.credentialId) for \(body.destination)")
    }

    /// rkit-sign's words for a refusing finding of the register flow.
    static func refusal(_ finding: FlowFinding) -> CLIFailure {
        if case let .originOffRelyingParty(origin, rpId) = finding.rule {
            return CLIFailure(.checkFailed, "the origin \(origin) is not on the challenge's relying party \"\(TerminalText.sanitize(rpId, maxLength: 120))\"; nothing was written")
        }
        return CLIFailure.from(finding.error)
    }
}
