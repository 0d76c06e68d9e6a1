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

    @Option(help: ArgumentHelp("Read the recovery code from FILE (- for standard input) instead of the terminal.", valueName: "FILE|-"))
    var codeFile: String?

    @Option(help: ArgumentHelp("The credentialName (default: \"rkit recovery kit\" and the kit tag).", valueName: "NAME"))
    var credentialName: String?

    @Option(help: ArgumentHelp("Write the attestation body to FILE.", valueName: "FILE"))
    var out: String

    @Flag(help: "Replace an existing --out file.")
    var force = false

    func run() throws {
        try StandardInput.requireAtMostOne([challenge, codeFile, kit], wording: .plain)
        try originOptions.check()
        if let credentialName {
            do { try CredentialName.validate(credentialName) } catch { throw CLIFailure.usage("--credential-name: \(error)") }
        }
        let bytes = try InputFile.read(kit, what: "kit")
        let parsed: RecoveryKit
        do { parsed = try RecoveryKit.parse(bytes) } catch { throw CLIFailure.from(error, context: "kit \(kit)") }
        guard parsed.credentialId.isByteIdentical(to: parsed.envelope.credentialId) else {
            throw CLIFailure.from(RecoveryError.kitIDMismatch(kitId: parsed.credentialId, envelopeId: parsed.envelope.credentialId), context: "kit \(kit)")
        }
        guard !parsed.username.isEmpty else { throw CLIFailure.usage("kit \(kit) names no username; attest needs a kit.json or the kit's QR text") }
        let origin = try originOptions.resolve(kit: parsed, path: kit)
        let registration: RegistrationChallenge
        do { registration = try RegistrationChallenge.parse(try InputFile.read(challenge, what: "challenge")) } catch let failure as CLIFailure {
            throw failure
        } catch { throw CLIFailure.from(error, context: "challenge \(challenge)") }
        if let rpId = registration.relyingPartyId, !rpId.isEmpty, !ApplicationOrigin.matches(origin, relyingPartyId: rpId) {
            throw CLIFailure(.checkFailed, "the origin \(origin) is not on the challenge's relying party \"\(TerminalText.sanitize(rpId, maxLength: 120))\"; nothing was written")
        }
        var info = stat()
        if !force, lstat(out, &info) == 0 {
            throw CLIFailure(.outputExists, "\(out) already exists; use --force to replace it, or choose another path")
        }

        // On a terminal a typo or a wrong code is asked again, as in recover.
        let key = try SecretInput.readCode(codeFile: codeFile, tries: 3) { code in
            try parsed.envelope.open(code: code, username: parsed.username)
        }
        if let pem = parsed.publicKeyPEM {
            guard let expected = try? P256PublicKey(pem: pem), expected == key.publicKey else {
                throw CLIFailure.from(RecoveryError.publicKeyMismatch(id: parsed.credentialId))
            }
        }
        let body: RegistrationBody
        do {
            // The same maker rkit-generate --challenge uses.
            let credential = try KitGenerator.attestation(privateKey: key, envelope: parsed.envelope, challenge: registration.challenge,
                                                          origin: origin, credentialName: credentialName)
            let verified = try credential.verify()
            guard verified.publicKey == key.publicKey else { throw RecoveryError.selfCheckFailed("the attestation's key is not the kit's") }
            body = try RegistrationBody(credential: credential, challenge: registration)
        } catch { throw CLIFailure.from(error) }
        let files = OutputFiles(force: force)
        files.add(out, text: body.fileText)
        do { try files.commit() } catch { files.rollback(); throw error }
        Output.error("rkit-sign: wrote \(out): the attestation of kit \(parsed.credentialId) for \(body.destination)")
    }
}
