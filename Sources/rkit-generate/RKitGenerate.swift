import ArgumentParser
import RecoveryKitCLI
import RecoveryKitCore
import RecoveryKitPrint

/// rkit-generate: makes a new recovery kit (key pair, recovery code,
/// encrypted key, optional attestation) and writes it as a folder of files
/// and a paper kit. The work is in KitGenerator (core) and KitFolder (CLI
/// support); this file reads options and reports.
struct RKitGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rkit-generate",
        abstract: "Make a new account-recovery kit: kit.json, a printable kit, and optionally the attestation.",
        discussion: """
            Writes into --out DIR (created if absent): kit.json (0644, no secret), \
            attestation.json with --challenge (0644), and the printable kit as asked by \
            --formats: kit.pdf, kit.txt, kit.svg (0600: they show the recovery code). \
            Nothing is written unless every file can be; an existing kit is only replaced with --force.

            With --shares K-of-N the code is split (SLIP-0039) into N share papers, share-1.pdf and \
            share-1.txt … (0600), any K of which give it back; the kit papers then say how many \
            shares they need and the code is written nowhere whole.

            The recovery code is shown only on the printable kit, in --code-out FILE (0600), \
            and on the terminal with --show-code. See man rkit-generate.

            Exit status:
            \(ExitStatus.table)
            """,
        version: RKitVersion.text
    )

    @Option(help: ArgumentHelp("The account's e-mail address (the Dfns username).", valueName: "EMAIL"))
    var username: String

    @Option(help: ArgumentHelp("The kit's folder; created if absent.", valueName: "DIR"))
    var out: String

    @Option(help: ArgumentHelp("The Dfns org ID, printed on the kit and used for the recovery request.", valueName: "ID"))
    var orgId: OrgIDArgument?

    @Option(help: ArgumentHelp("The Dfns application ID, for deployments that still send one (X-DFNS-APPID): recorded in the kit and its QR, so the printed steps send it. Without it none is sent.", valueName: "ID"))
    var appId: String?

    @Option(help: ArgumentHelp("The application origin for client data, e.g. https://app.example.com (required with --challenge).", valueName: "URL"))
    var origin: OriginArgument?

    @Option(help: ArgumentHelp("Registration challenge: the JSON response of /auth/registration/init, /auth/registration/delegated or /auth/credentials/init, or the bare challenge string; '-' reads stdin. Also writes attestation.json.", valueName: "FILE|-"))
    var challenge: String?

    @Option(help: ArgumentHelp("The credentialName of attestation.json (default: \"rkit recovery kit\" and the kit tag). Needs --challenge.", valueName: "NAME"))
    var credentialName: String?

    @Option(help: ArgumentHelp("Comma list of pdf, txt, svg, terminal (kit.json is always written).", valueName: "LIST"))
    var formats: String = "pdf,txt"

    @OptionGroup var paperOptions: KitPaperOptions

    @Option(help: ArgumentHelp("Split the recovery code into SLIP-0039 share papers: K-of-N (any K of N shares), or groups K-of-N,K-of-N,… (every group needed unless --group-threshold). Writes share-1.pdf/.txt … (0600); the kit papers then carry no code.", valueName: "SPLIT"))
    var shares: String?

    @Option(help: ArgumentHelp("With --shares groups: how many of the groups are needed (default: all).", valueName: "G"))
    var groupThreshold: Int?

    @Flag(help: "Show the recovery code on the controlling terminal (/dev/tty), never on stdout or stderr.")
    var showCode = false

    @Flag(help: "Print a JSON summary on stdout (no secret); the terminal QR, if asked, goes to stderr.")
    var json = false

    @Flag(help: "Replace an existing kit in --out (and an existing --code-out file); the old files are kept beside the new ones as NAME.replaced-DATE (0600).")
    var force = false

    /// The option rules, before anything is read or made (exit 2).
    func validate() throws {
        try CommandRunner.validating { _ = try checkedOptions() }
    }

    /// The options, checked: formats, origin, org ID, username warnings.
    func checkedOptions() throws -> (formats: Set<KitFormat>, origin: String?, orgId: String?, warnings: [UsernamePolicy.Warning], folder: KitFolder) {
        let formatSet = try KitFormat.parseList(formats)
        let origin = try self.origin?.normalized()
        if challenge != nil && origin == nil {
            throw CLIFailure.usage("--challenge needs --origin URL: the attestation's client data names the application origin")
        }
        if let credentialName {
            guard challenge != nil else {
                throw CLIFailure.usage("--credential-name names the attestation: it needs --challenge FILE")
            }
            do { try CredentialName.validate(credentialName) } catch { throw CLIFailure.usage("--credential-name: \(error)") }
        }
        let warnings: [UsernamePolicy.Warning]
        do { warnings = try UsernamePolicy.check(username) } catch let error as UsernameError {
            throw CLIFailure.usage("--username: \(error)")
        }
        if let letter = PaperText.firstRightToLeft(in: username) {
            throw CLIFailure.usage("--username has a right-to-left letter (U+\(String(letter.value, radix: 16, uppercase: true))): the paper cannot print right-to-left text in the order it is typed, so no kit is made for this name; use the account's left-to-right username if it has one")
        }
        let orgId = try self.orgId?.validated()
        if let appId, !AppID.isValid(appId) {
            throw CLIFailure.usage("--app-id \"\(TerminalText.sanitize(appId, maxLength: 60))\" is not an app ID: one word of ASCII letters, digits and dashes (e.g. ap-2ng9j-…), at most \(AppID.maxLength) characters")
        }
        var folder = paperOptions.folder(directory: out, formats: formatSet)
        if let shares {
            do { folder.sharePlan = try SharePlan(parsing: shares, groupThreshold: groupThreshold) } catch { throw CLIFailure.from(error) }
            if showCode { throw CLIFailure.usage("--show-code would show the code whole; with --shares it is written nowhere, only as share papers") }
            if paperOptions.codeOut != nil { throw CLIFailure.usage("--code-out would write the code whole; with --shares it is written nowhere, only as share papers") }
            if !folder.holdsCode { throw CLIFailure.usage("--shares writes share papers as pdf or txt: add pdf or txt to --formats") }
        } else if groupThreshold != nil {
            throw CLIFailure.usage("--group-threshold says how many groups of --shares are needed: it needs --shares")
        }
        if !folder.holdsCode && !showCode {
            throw CLIFailure.usage("the recovery code would be written nowhere (the terminal QR holds no code): add pdf, txt or svg to --formats, or give --code-out FILE or --show-code")
        }
        return (formatSet, origin, orgId, warnings, folder)
    }

    func run() throws {
        let (formatSet, origin, orgId, warnings, folder) = try checkedOptions()
        // Before anything is made: the terminal the code will be shown on.
        let codeTerminal = try showCode ? CodeTerminal.open() : nil

        // Prepare: the registration challenge, and the origin on its
        // relying party (the one rule attest applies too: refused).
        var registration: RegistrationChallenge? = nil
        if let challenge {
            let document = try DocumentReader.read(challenge, what: "challenge", limit: 1 << 20)
            do { registration = try RegistrationChallenge.parse(document.bytes) } catch {
                throw CLIFailure.from(error, context: "challenge \(challenge == "-" ? "on standard input" : challenge)")
            }
        }
        for warning in warnings { Output.error("rkit-generate: warning: \(warning)") }
        let prepared: RegisterFlow.Prepared
        do { prepared = try RegisterFlow.prepareNewKit(registration: registration, origin: origin) } catch let error as FlowError {
            guard case let .originOffRelyingParty(origin, rpId) = error.finding.rule else { throw CLIFailure.from(error) }
            throw CLIFailure(.checkFailed, "the origin \(origin) is not on the challenge's relying party \"\(TerminalText.sanitize(rpId, maxLength: 120))\" (its host must be that domain or under it); nothing was written")
        }

        // Act: the kit, its attestation and registration body, all files at once.
        let made: (kit: RecoveryKit, code: RecoveryCode, body: RegistrationBody?)
        do { made = try RegisterFlow.makeKit(prepared, username: username, orgId: orgId, appId: appId, credentialName: credentialName) } catch {
            throw CLIFailure.from(error)
        }
        let body = made.body

        let files = OutputFiles(force: force)
        let staged = try folder.stage(made.kit, code: made.code, registration: body, into: files)
        try files.commit()
        let kept = files.kept + staged.removeStale()
        // The paper's commands carry what the kit records; anything it does
        // not, the person must fill in years later (finding 11). Said once
        // the kit is made, so a refusal stays one line.
        if folder.holdsPaper {
            if orgId == nil {
                Output.error("rkit-generate: warning: no --org-id: the paper's recovery steps will print <org ID> for the person to fill in; give --org-id ID (the Dfns org ID, or-…) to print it")
            }
            if origin == nil {
                Output.error("rkit-generate: warning: no --origin: the paper's recovery step will print <app origin, …> for the person to fill in; give --origin URL (the app's address) to print it")
            }
        }

        if formatSet.contains(.terminal) {
            // Level L: a screen is not smudged like paper, and the smaller
            // symbol fits more terminals.
            let qr = try TerminalQR.render(text: made.kit.qrText, level: .L)
            let fd: Int32 = json ? 2 : 1
            let modules = try QRMatrix(text: made.kit.qrText, level: .L).size
            let (width, height) = (TerminalQR.columns(size: modules), TerminalQR.lines(size: modules))
            if let terminal = TerminalSize.of(fd), terminal.columns < width || terminal.rows < height {
                Output.error("rkit-generate: warning: the QR below is \(width) columns × \(height) lines but the terminal is \(terminal.columns)×\(terminal.rows); enlarge the window or it will not scan")
            }
            if json { Output.errorRaw(qr + "\n") } else { Output.out(qr + "\n") }
        }
        codeTerminal?.show(made.code)
        if json {
            Output.out(GenerateSummary.json(kit: made.kit, registration: body, folder: folder, files: staged.files, kept: kept) + "\n")
        } else {
            Output.out(GenerateSummary.text(kit: made.kit, registration: body, folder: folder, files: staged.files,
                                            kept: kept, codeShown: showCode))
        }
    }
}

/// Runs rkit-generate: the entry of its own executable and of the release's
/// multi-call binary (Sources/Executables/rkit).
public func runRKitGenerate() -> Never { CommandRunner.main(RKitGenerate.self, name: "rkit-generate") }
