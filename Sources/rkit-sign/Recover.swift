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
                --security-key --new-kit ~/rkit-new-kit --out body.json

            The new login is a passkey rkit makes on your FIDO2 security key
            (--security-key), here on the offline machine: the online machine never
            chooses, sees or holds it. Order on the terminal: the review (the account,
            then the key as libfido2 names it: product, manufacturer, AAGUID), the key's
            PIN (no echo; tries left shown), "touch the key", what the key made
            (attestation certificate subject, checks), and only then the recovery code.
            A first or second factor whose kind the challenge's supportedCredentialKinds
            does not list is refused before anything is asked (exit 4).

            Before the code is asked, the review on standard error shows the account (the
            kit's user and org, the challenge's user and relying party), the origin, and every
            new credential: slot, kind, credential ID, challenge and origin checks, public-key
            fingerprint, and for a passkey its authenticator as its attestation states it.
            A user that is not the kit's stops the run (exit 5, as a wrong code: the salt
            is the username); a relying party the origin is not on stops it with exit 1.
            Credentials rkit did not make (--new-credentials) must be confirmed: on a terminal
            by typing the kit tag (printed on the paper kit), otherwise with
            --accept-new-credentials SHA256 (the file's SHA-256). Without a confirmation
            nothing is signed (exit 2). Those no authenticator vendor vouches for (any but a
            passkey whose attestation chains to a root rkit ships) also need
            --allow-unverified-authenticator.
            A kit without a signature over its fields (older kits, the reference frontend's)
            has its origin and org ID confirmed on a terminal, or given as --origin and --org-id.
            Secret outputs are refused on removable media unless --allow-removable-output.
            The recovery code is read from the terminal without echo, or from --code-file; a code
            split into shares (rkit-generate --shares) is typed share by share at the code prompt,
            or given with --share-file FILE once per share. With --new-kit, a code given as shares
            splits the new kit's code the same way (new share papers in the new kit's folder)
            unless --new-shares says otherwise; the review says which.
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

    @Flag(help: "Also sign --new-credentials that no authenticator vendor vouches for (attestation none, self, a chain to no shipped root, a Key or RecoveryKey): only what you made yourself on the online machine just now.")
    var allowUnverifiedAuthenticator = false

    @Option(help: ArgumentHelp("Make the new first factor a passkey on your FIDO2 security key, plugged into this machine: DEVICE is its path (/dev/hidrawN, or unix:PATH for a test key); without it, the one key plugged in.", valueName: "DEVICE"))
    var securityKey: String?

    @Option(help: ArgumentHelp("The security key's PIN from the first line of FILE (- for standard input) instead of the terminal.", valueName: "FILE|-"))
    var securityKeyPinFile: String?

    @Option(help: ArgumentHelp("Make a new P-256 Key credential as the first factor (for challenges that list Key); write its private key here, encrypted under a passphrase (PKCS#8 PEM, mode 0600).", valueName: "FILE"))
    var newKey: String?

    @Option(help: ArgumentHelp("The --new-key file's passphrase from the first line of FILE (- for standard input) instead of the terminal.", valueName: "FILE|-"))
    var newKeyPassphraseFile: String?

    @Flag(help: "Write the --new-key file unencrypted (whoever copies it owns the account).")
    var plainNewKey = false

    @Flag(help: ArgumentHelp("The --new-key file is encrypted under a passphrase asked on the terminal (the default; kept for scripts).", visibility: .hidden))
    var encryptNewKey = false

    @Option(help: ArgumentHelp("Make a fresh recovery kit in DIR (as rkit-generate does) and include it as the recoveryCredential.", valueName: "DIR"))
    var newKit: String?

    @Option(help: ArgumentHelp("The Dfns org ID written into the new kit (default: the kit's; required with --new-kit when the kit names none).", valueName: "ID"))
    var orgId: OrgIDArgument?

    @Option(help: ArgumentHelp("Split the new kit's code into share papers K-of-N (or groups K-of-N,K-of-N, all needed), or 'none' to print it whole. Default: when the code is given as --share-file, the split those share papers record.", valueName: "SPLIT|none"))
    var newShares: String?

    @Option(name: .long, help: ArgumentHelp("New kit renderings besides kit.json: pdf,txt,svg (default pdf,txt).", valueName: "LIST"))
    var formats: String?

    /// --paper, --split, --code-out: the new kit's paper, as in rkit-generate.
    @OptionGroup var newKitPaper: KitPaperOptions

    // MARK: Output
    @Option(name: .long, help: ArgumentHelp("Write the request body to FILE (default: standard output).", valueName: "FILE"))
    var out: String?

    @Flag(name: .long, help: "Replace existing output files (standard error then names what was replaced).")
    var force = false

    @Flag(help: "Write secret outputs (the new kit's paper, a --code-out file, an unencrypted --new-key) even on removable media, which is refused otherwise.")
    var allowRemovableOutput = false

    @Flag(name: .long, help: "Print a JSON summary on standard output (then --out is required).")
    var json = false

    @Flag(name: .long, help: "Also print the command that sends --out, as 'rkit-sign curl' does.")
    var curl = false

    @OptionGroup var api: APIOptions

    @Flag(name: .long, help: "Show the body as BBQr QR frames sized to the terminal, animated on one (as qr-split does).")
    var qr = false

    @Option(help: ArgumentHelp("The QR version of every --qr frame, 1 to 40 (default: the largest that fits the terminal).", valueName: "N"))
    var qrVersion: Int?

    @Option(help: ArgumentHelp("Older form: the smallest QR version whose --qr frames carry N data bytes each, 16 to 2000.", valueName: "N"))
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
