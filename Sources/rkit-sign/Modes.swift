import ArgumentParser
import RecoveryKitCLI
import RecoveryKitCore

/// `rkit-sign code-request`: the body of `POST /auth/recover/user/code`
/// (Dfns then e-mails a verification code), or with --curl the complete
/// command that sends it.
struct CodeRequest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "code-request",
        abstract: "Print the body of POST /auth/recover/user/code (Dfns e-mails a verification code).",
        discussion: """
            Online step 1. With --curl, the complete command that sends it:
              rkit-sign code-request --kit kit-qr.txt --curl | sh
            The app ID header is sent only when one is known: --app-id, $DFNS_APP_ID, or the kit's.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The recovery kit (kit.json or its QR text): gives the username and org ID.", valueName: "FILE"))
    var kit: String?

    @Option(name: .long, help: ArgumentHelp("The account's username (without --kit).", valueName: "EMAIL"))
    var username: String?

    @OptionGroup var request: OnlineRequestOptions

    func validate() throws {
        try CommandRunner.validating {
            _ = try request.orgID()
            if kit == nil, username?.isEmpty ?? true { throw CLIFailure.usage("code-request needs --kit FILE or --username EMAIL") }
        }
    }

    func run() throws {
        let name: String
        var org = try request.orgID()
        var kitAppId: String? = nil
        if let kit {
            let source = try CredentialSource.resolve(kitPath: kit, credentialId: nil, username: username)
            name = source.username
            org = org ?? source.orgId
            kitAppId = source.appId
        } else {
            guard let username, !username.isEmpty else { throw CLIFailure.usage("code-request needs --kit FILE or --username EMAIL") }
            name = username
        }
        guard let org else { throw CLIFailure.usage("code-request needs --org-id (the kit does not name one)") }
        let body = RecoveryInitRequest.codeRequestBody(username: name, orgId: org)
        try request.print(body, path: "/auth/recover/user/code", kitAppId: kitAppId)
    }
}

/// `rkit-sign init-request`: the body of `POST /auth/recover/user/init`,
/// whose response is the recovery challenge; with --curl the command.
struct InitRequest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init-request",
        abstract: "Print the body of POST /auth/recover/user/init (its response is the recovery challenge).",
        discussion: """
            Online step 2, with the code Dfns e-mailed. With --curl, the complete command that
            sends it; save what it prints as response.json:
              rkit-sign init-request --kit kit-qr.txt --verification-code 482913 --curl | sh > response.json
            """
    )

    @OptionGroup var credential: CredentialOptions

    @Option(help: ArgumentHelp("The code Dfns e-mailed you.", valueName: "CODE"))
    var verificationCode: String?

    @OptionGroup var request: OnlineRequestOptions

    func validate() throws {
        try CommandRunner.validating {
            _ = try request.orgID()
            guard let verificationCode, !verificationCode.trimmingWhitespace().isEmpty else {
                throw CLIFailure.usage("init-request needs --verification-code CODE (the code Dfns e-mailed you)")
            }
        }
    }

    func run() throws {
        let org = try request.orgID()
        let verificationCode = self.verificationCode!
        let source = try credential.resolve()
        guard let org = org ?? source.orgId else {
            throw CLIFailure.usage("init-request needs --org-id (the kit does not name one)")
        }
        let body = RecoveryInitRequest.body(username: source.username, verificationCode: verificationCode.trimmingWhitespace(),
                                            orgId: org, credentialId: try source.credentialId())
        try request.print(body, path: "/auth/recover/user/init", kitAppId: source.appId)
    }
}

/// What the two online requests before the challenge share: the org ID,
/// and printing the body or (`--curl`) the complete command that sends it.
struct OnlineRequestOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The Dfns org ID (default: the kit's).", valueName: "ID"))
    var orgId: OrgIDArgument?

    @Flag(help: "Print the complete curl command that sends the body (with the app ID header when one is known).")
    var curl = false

    @OptionGroup var api: APIOptions

    func orgID() throws -> String? { try orgId?.validated() }

    func print(_ body: String, path: String, kitAppId: String? = nil) throws {
        Output.out((curl ? try api.command("POST", path, body: .inline(body), kitAppId: kitAppId) : body) + "\n")
    }
}

/// `rkit-sign qr-split FILE`: any file as terminal QR parts.
struct QRSplit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qr-split",
        abstract: "Show a file (e.g. response.json) as terminal QR parts, to carry it across the air gap.",
        discussion: "Any file crosses byte for byte (parts RK2/index/count/checksum/data, sized to the terminal). Read the parts back with 'rkit-sign qr-join', or give them to --challenge directly."
    )

    @Argument(help: ArgumentHelp("The file to show (- for standard input).", valueName: "FILE"))
    var file: String

    @Option(help: ArgumentHelp("File bytes per QR part, 16 to 2000 (default: the most that fit the terminal).", valueName: "N"))
    var qrPartBytes: Int?

    func validate() throws {
        try CommandRunner.validating {
            if let bytes = qrPartBytes, !(16...2000).contains(bytes) { throw CLIFailure.usage("--qr-part-bytes must be between 16 and 2000") }
        }
    }

    func run() throws {
        try QRParts.show(bytes: try InputFile.read(file, what: "file to split"), partBytes: qrPartBytes)
    }
}

/// `rkit-sign qr-join [FILE…]`: the text back from scanned parts.
struct QRJoin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qr-join",
        abstract: "Reassemble scanned QR parts (from the files, or standard input) and write the file's exact bytes."
    )

    @Argument(help: ArgumentHelp("Files holding scanned parts, one per line, in any order (default: standard input).", valueName: "FILE"))
    var partFiles: [String] = []

    func validate() throws {
        try CommandRunner.validating { try StandardInput.requireAtMostOne(partFiles, wording: .plain) }
    }

    func run() throws {
        var texts: [String] = []
        for path in partFiles.isEmpty ? ["-"] : partFiles { texts.append(try InputFile.readText(path, what: "QR parts")) }
        try QRTransport.writeOut(try QRTransport.join(texts: texts))
    }
}
