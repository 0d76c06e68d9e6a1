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

/// `rkit-sign qr-split FILE`: any file as BBQr frames.
struct QRSplit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qr-split",
        abstract: "Show a file (e.g. response.json) as BBQr QR frames, to carry it across the air gap.",
        discussion: """
            Any file crosses byte for byte as BBQr frames (B$..., compressed when that helps), \
            each the largest QR code that fits the terminal with its caption (frame number and the \
            file's SHA-256). On a terminal the frames animate (space pause, n/→ next, p/← previous, \
            q quit); otherwise each is written once. Read them back with 'rkit-sign qr-join' (or any \
            BBQr reader), or give them to --challenge directly.
            """
    )

    @Argument(help: ArgumentHelp("The file to show (- for standard input).", valueName: "FILE"))
    var file: String

    @Option(help: ArgumentHelp("The QR version of every frame, 1 to 40 (default: the largest that fits the terminal).", valueName: "N"))
    var qrVersion: Int?

    @Option(help: ArgumentHelp("Older form: the smallest QR version whose frames carry N data bytes each, 16 to 2000.", valueName: "N"))
    var qrPartBytes: Int?

    func validate() throws {
        try CommandRunner.validating {
            if let version = qrVersion, !QRTransport.versions.contains(version) { throw CLIFailure.usage("--qr-version must be between 1 and 40") }
            if let bytes = qrPartBytes, !(16...2000).contains(bytes) { throw CLIFailure.usage("--qr-part-bytes must be between 16 and 2000") }
            if qrVersion != nil, qrPartBytes != nil { throw CLIFailure.usage("give --qr-version or --qr-part-bytes, not both") }
        }
    }

    func run() throws {
        try QRParts.show(bytes: try InputFile.read(file, what: "file to split"), partBytes: qrPartBytes, version: qrVersion)
    }
}

/// `rkit-sign qr-join [FILE…]`: the file back from scanned frames.
struct QRJoin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qr-join",
        abstract: "Reassemble scanned QR frames (from the files, or standard input) and write the file's exact bytes.",
        discussion: """
            Frames are BBQr (B$..., from rkit or any BBQr writer) or rkit's older RK2 parts, one per \
            line, in any order, repeats allowed, bare or as zbarimg/zbarcam print them. From a webcam:
              zbarcam --raw | rkit-sign qr-join > response.json
            (qr-join stops by itself once every frame is read; a missing frame is named.) The joined \
            file's SHA-256 goes to standard error: compare it with the caption of the frames. With \
            --sha256 the file is written only if its SHA-256 starts with HEX (exit 1 otherwise).
            """
    )

    @Argument(help: ArgumentHelp("Files holding scanned frames, one per line, in any order (default: standard input).", valueName: "FILE"))
    var partFiles: [String] = []

    @Option(help: ArgumentHelp("The file's SHA-256 as the frames' caption shows it (12 or more hex digits): write nothing unless it matches.", valueName: "HEX"))
    var sha256: String?

    /// --sha256 as given, lower case.
    var expectedDigest: String? { sha256?.trimmingWhitespace().lowercased() }

    func validate() throws {
        try CommandRunner.validating {
            try StandardInput.requireAtMostOne(partFiles, wording: .plain)
            if let expected = expectedDigest, expected.count < 12 || expected.count > 64 || !expected.allSatisfy({ $0.isHexDigit }) {
                throw CLIFailure.usage("--sha256 takes 12 to 64 hex digits (the frames' caption shows 12)")
            }
        }
    }

    func run() throws {
        let expected = expectedDigest
        var texts: [String] = []
        for path in partFiles.isEmpty ? ["-"] : partFiles {
            texts.append(path == "-" ? String(decoding: try QRTransport.readStandardInput(what: "QR frames", tool: "rkit-sign"), as: UTF8.self)
                                     : try InputFile.readText(path, what: "QR frames"))
        }
        let bytes = try QRTransport.join(texts: texts)
        let digest = Hex.encode(SHA256Digest.hash(bytes))
        if let expected, !digest.hasPrefix(expected) {
            throw CLIFailure(.checkFailed, "the joined file's SHA-256 is \(digest.prefix(expected.count)), not \(expected): "
                + "the frames are of another file or one was misread; nothing was written")
        }
        Output.error("rkit-sign: joined \(bytes.count) bytes, SHA-256 \(digest)" + (expected == nil ? " (compare the first 12 digits with the frames' caption)" : " (matches --sha256)"))
        try QRTransport.writeOut(bytes)
    }
}
