import ArgumentParser
import RecoveryKitCLI
import RecoveryKitCore
import RecoveryKitPrint

/// `rkit-sign recover` (the default subcommand): signs the recovery body
/// on the offline machine. Options only; the run is `SignRun`.
struct Recover: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover",
        abstract: "Sign the POST /auth/recover/user body (the offline step; the default subcommand).",
        discussion: """
              rkit-sign recover --kit kit-qr.txt --challenge response.json \\
                --new-key ~/rkit-new-key.pem --new-kit ~/rkit-new-kit --out body.json

            Before the code is asked, the review on standard error shows the account (the
            kit's user and org, the challenge's user and relying party), the origin, and every
            new credential: slot, kind, credential ID, challenge and origin checks, public-key
            fingerprint, and for a passkey its authenticator as its attestation states it.
            A user that is not the kit's stops the run (exit 5, as a wrong code: the salt
            is the username); a relying party the origin is not on stops it with exit 1.
            Credentials rkit did not make (--new-credentials) must be confirmed: on a terminal
            by typing the kit tag (printed on the paper kit), otherwise with
            --accept-new-credentials SHA256 (the file's SHA-256). Without a confirmation
            nothing is signed (exit 2).
            The recovery code is read from the terminal without echo, or from --code-file.
            Send the body with the command 'rkit-sign curl' prints.
            """
    )

    @OptionGroup var credential: CredentialOptions

    /// The recovery code: typed, or --code-file (`CodeSource`).
    @OptionGroup var code: CodeSource

    // MARK: Signing
    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("The response of POST /auth/recover/user/init (or /delegated), or its QR parts; repeat for parts in several files.", valueName: "FILE|-"))
    var challenge: [String] = []

    @OptionGroup var origin: OriginOptions

    @Option(help: ArgumentHelp("New credential(s) made elsewhere: a whole newCredentials object or one first-factor credential object. Needs confirmation.", valueName: "FILE|-"))
    var newCredentials: String?

    @Option(help: ArgumentHelp("Confirm --new-credentials without a terminal: the hex SHA-256 of that file's bytes (it must match).", valueName: "SHA256"))
    var acceptNewCredentials: String?

    @Option(help: ArgumentHelp("Make a new P-256 Key credential as the first factor; write its private key here (PKCS#8 PEM, mode 0600).", valueName: "FILE"))
    var newKey: String?

    @Option(help: ArgumentHelp("Encrypt the --new-key file under the passphrase in FILE (- for standard input).", valueName: "FILE|-"))
    var newKeyPassphraseFile: String?

    @Flag(help: "Encrypt the --new-key file under a passphrase asked on the terminal (twice).")
    var encryptNewKey = false

    @Option(help: ArgumentHelp("Make a fresh recovery kit in DIR (as rkit-generate does) and include it as the recoveryCredential.", valueName: "DIR"))
    var newKit: String?

    @Option(help: ArgumentHelp("The Dfns org ID written into the new kit (default: the kit's; required with --new-kit when the kit names none).", valueName: "ID"))
    var orgId: OrgIDArgument?

    @Option(name: .long, help: ArgumentHelp("New kit renderings besides kit.json: pdf,txt,svg (default pdf,txt).", valueName: "LIST"))
    var formats: String?

    /// --paper, --split, --code-out: the new kit's paper, as in rkit-generate.
    @OptionGroup var newKitPaper: KitPaperOptions

    // MARK: Output
    @Option(name: .long, help: ArgumentHelp("Write the request body to FILE (default: standard output).", valueName: "FILE"))
    var out: String?

    @Flag(name: .long, help: "Replace existing output files (standard error then names what was replaced).")
    var force = false

    @Flag(name: .long, help: "Print a JSON summary on standard output (then --out is required).")
    var json = false

    @Flag(name: .long, help: "Also print the command that sends --out, as 'rkit-sign curl' does.")
    var curl = false

    @OptionGroup var api: APIOptions

    @Flag(name: .long, help: "Show the body as a sequence of terminal QR codes (parts RK2/index/count/checksum/..., sized to the terminal).")
    var qr = false

    @Option(help: ArgumentHelp("File bytes per QR part, 16 to 2000 (default: the most that fit the terminal).", valueName: "N"))
    var qrPartBytes: Int?

    /// The option rules, before any file is read (exit 2).
    func validate() throws {
        try CommandRunner.validating {
            _ = try orgId?.validated()
            try SignRun(options: self).checkCombinations()
            _ = try SignRun(options: self).newKitFolder()
        }
    }

    func run() throws {
        try SignRun(options: self).run()
    }
}
