import ArgumentParser
import RecoveryKitCLI
import RecoveryKitCore
import RecoveryKitPrint

/// rkit-sign: makes the complete `POST /auth/recover/user` body on an
/// offline machine, from the paper kit, the recovery challenge carried over
/// from the online machine, and the recovery code. Option parsing and
/// file handling only; the recovery logic is `RecoveryRequestMaker`.
struct RKitSign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rkit-sign",
        abstract: "Sign an account-recovery request with a recovery kit, offline.",
        discussion: """
            Sign (the offline step):
              rkit-sign --kit kit.json --challenge response.json \\
                --origin https://app.example.com \\
                --new-key new-key.pem --new-kit new-kit --out body.json

            Before it (online): --code-request, then --init-request print the bodies of
            PUT /auth/recover/user/code and POST /auth/recover/user/init.
            Across the air gap: --qr shows the body as QR parts; --qr-split FILE shows any
            file as parts; --challenge and --qr-join accept parts in any order.

            The recovery code is read from the terminal without echo, or from --code-file.
            rkit never opens a network connection. See rkit-sign(1).

            Exit status:
            \(ExitStatus.table)
            """,
        version: RKitVersion.text
    )

    // MARK: The recovery credential
    @Option(name: .long, help: ArgumentHelp("The recovery kit: kit.json, or a file holding the text of the kit's QR code.", valueName: "FILE"))
    var kit: String?

    /// `.unconditional`: a base64url ID may begin with "-" (one in 64).
    @Option(parsing: .unconditional, help: ArgumentHelp("The recovery credential's ID, when you kept only the code and the ID (the envelope then comes from the challenge).", valueName: "ID"))
    var credentialId: String?

    @Option(name: .long, help: ArgumentHelp("The account's username (e-mail address); required with --credential-id.", valueName: "EMAIL"))
    var username: String?

    @Option(help: ArgumentHelp("Read the recovery code from FILE (- for standard input) instead of the terminal.", valueName: "FILE|-"))
    var codeFile: String?

    // MARK: Signing
    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("The response of POST /auth/recover/user/init (or /delegated), or its QR parts; repeat for parts in several files.", valueName: "FILE|-"))
    var challenge: [String] = []

    @Option(name: .long, help: ArgumentHelp("The application's origin, e.g. https://app.example.com (placed in every client data).", valueName: "URL"))
    var origin: OriginArgument?

    @Option(help: ArgumentHelp("New credential(s) made elsewhere: a whole newCredentials object or one first-factor credential object.", valueName: "FILE|-"))
    var newCredentials: String?

    @Option(help: ArgumentHelp("Make a new P-256 Key credential as the first factor; write its private key here (PKCS#8 PEM, mode 0600).", valueName: "FILE"))
    var newKey: String?

    @Option(help: ArgumentHelp("Encrypt the --new-key file under the passphrase in FILE (- for standard input).", valueName: "FILE|-"))
    var newKeyPassphraseFile: String?

    @Flag(help: "Encrypt the --new-key file under a passphrase asked on the terminal (twice).")
    var encryptNewKey = false

    @Option(help: ArgumentHelp("Make a fresh recovery kit in DIR (as rkit-generate does) and include it as the recoveryCredential.", valueName: "DIR"))
    var newKit: String?

    @Option(help: ArgumentHelp("The Dfns org ID (default: the kit's). Written into the new kit; required for --init-request and --code-request.", valueName: "ID"))
    var orgId: OrgIDArgument?

    @Option(name: .long, help: ArgumentHelp("New kit renderings besides kit.json: pdf,txt,svg (default pdf,txt).", valueName: "LIST"))
    var formats: String?

    /// --paper, --split, --code-out: the new kit's paper, as in rkit-generate.
    @OptionGroup var newKitPaper: KitPaperOptions

    // MARK: Output
    @Option(name: .long, help: ArgumentHelp("Write the request body to FILE (default: standard output).", valueName: "FILE"))
    var out: String?

    @Flag(name: .long, help: "Replace existing output files.")
    var force = false

    @Flag(name: .long, help: "Print a JSON summary on standard output (then --out is required).")
    var json = false

    @Flag(name: .long, help: "Print a curl command that submits --out (the token from the challenge, $DFNS_APP_ID for the app ID).")
    var curl = false

    @Flag(name: .long, help: "Show the body as a sequence of terminal QR codes (parts RK2/index/count/checksum/data).")
    var qr = false

    @Option(help: ArgumentHelp("File bytes per QR part (default: the most that fit the terminal).", valueName: "N"))
    var qrPartBytes: Int?

    // MARK: Other modes
    @Flag(help: "Print the body of POST /auth/recover/user/init (with --verification-code).")
    var initRequest = false

    @Option(help: ArgumentHelp("The code Dfns e-mailed you (for --init-request).", valueName: "CODE"))
    var verificationCode: String?

    @Flag(help: "Print the body of PUT /auth/recover/user/code (asks Dfns to e-mail the verification code).")
    var codeRequest = false

    @Option(help: ArgumentHelp("Show FILE (e.g. the challenge) as terminal QR parts, to carry it across the air gap.", valueName: "FILE|-"))
    var qrSplit: String?

    @Flag(help: "Reassemble QR parts (from the FILE arguments or standard input) and print the text.")
    var qrJoin = false

    @Argument(help: ArgumentHelp("QR part files for --qr-join.", valueName: "FILE"))
    var partFiles: [String] = []

    func run() throws {
        let modes = [initRequest, codeRequest, qrSplit != nil, qrJoin].filter { $0 }.count
        guard modes <= 1 else {
            throw CLIFailure.usage("--init-request, --code-request, --qr-split and --qr-join are separate modes; give one")
        }
        _ = try orgId?.validated()
        if !qrJoin, !partFiles.isEmpty {
            throw CLIFailure.usage("unexpected argument \(partFiles[0]); file arguments are only for --qr-join")
        }
        if initRequest { return try runInitRequest() }
        if codeRequest { return try runCodeRequest() }
        if let qrSplit { return try runQRSplit(qrSplit) }
        if qrJoin { return try runQRJoin() }
        try SignRun(options: self).run()
    }
}

/// Runs rkit-sign: the entry of its own executable and of the release's
/// multi-call binary (Sources/Executables/rkit).
public func runRKitSign() -> Never { CommandRunner.main(RKitSign.self, name: "rkit-sign") }
