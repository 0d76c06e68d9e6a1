import ArgumentParser
import RecoveryKitCLI
import RecoveryKitCore

/// A request as a complete command the person runs on the online machine:
/// method, URL, content type, the app ID when one is known, and the token
/// when the step needs one. rkit itself never opens a connection. Every value is single-quoted
/// for the shell, so text from a challenge file cannot run anything.
enum CurlCommand {
    enum Body {
        case inline(String)
        case file(String)
    }

    static func text(method: String, url: String, appId: String?, token: String?, body: Body) -> String {
        var lines = [
            "curl --fail-with-body --silent --show-error --request \(method) --url \(shellQuoted(url))",
            "--header 'Content-Type: application/json'",
        ]
        if let appId { lines.append("--header \(shellQuoted("X-DFNS-APPID: " + appId))") }
        if let token { lines.append("--header \(shellQuoted("Authorization: Bearer " + token))") }
        switch body {
        case let .inline(text): lines.append("--data-raw \(shellQuoted(text))")
        case let .file(path): lines.append("--data-binary \(shellQuoted("@" + path))")
        }
        return lines.joined(separator: " \\\n  ")
    }

    /// Refuses a token that a terminal would not show as it is (a control,
    /// bidi or invisible character): it comes from the online machine, and
    /// a command that prints differently from what it sends must not be
    /// offered for copying (issue 13, finding 2). Quoted raw: `Output.error`
    /// shows it escaped.
    static func refuseUnshowable(token: String) throws {
        if token.isEmpty || token.unicodeScalars.contains(where: { TerminalText.needsEscape($0) }) {
            throw CLIFailure(.malformedInput, "the challenge's temporaryAuthenticationToken \"\(token.prefix(48))\" holds control or invisible characters, which a token never does; nothing was written: carry the challenge over again")
        }
    }

    /// POSIX single quoting: safe for any text from the challenge file.
    static func shellQuoted(_ text: String) -> String {
        "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}

/// `rkit-sign curl`: the command that submits a body already made, signing
/// nothing (so asking for it again never makes a second key or kit).
struct Curl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curl",
        abstract: "Print the command that sends an existing body to POST /auth/recover/user (signs nothing).",
        discussion: """
            The body is checked first: it must be a recovery body whose credential is one the
            challenge allows, and its new credentials must carry this challenge (a body signed
            for another challenge is refused, nothing printed). The command carries the challenge's
            temporaryAuthenticationToken as the Bearer token and, when one is known (--app-id,
            $DFNS_APP_ID, or the --kit's), the app ID as X-DFNS-APPID.
              rkit-sign curl --body body.json --challenge response.json | sh
            """
    )

    @Option(help: ArgumentHelp("The signed body (rkit-sign recover --out).", valueName: "FILE"))
    var body: String

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("The recovery challenge the body was signed for (its token authorizes the request), or its QR parts.", valueName: "FILE"))
    var challenge: [String] = []

    @Option(help: ArgumentHelp("The recovery kit, for its app ID when it records one (kit.json or its QR text).", valueName: "FILE"))
    var kit: String?

    @OptionGroup var api: APIOptions

    /// A usage problem is named before any file is read.
    func validate() throws {
        try CommandRunner.validating { _ = try api.appID() }
    }

    func run() throws {
        let challenge = try ChallengeInput.recovery(self.challenge)
        let kitAppId = try kit.map { try CredentialSource.resolve(kitPath: $0, credentialId: nil, username: nil).appId } ?? nil
        let document = try DocumentReader.read(body, what: "body")
        // The send flow: the body is checked against the challenge before
        // anything is printed (CurlFlow; nothing on stdout when refused).
        do { _ = try CurlFlow.prepare(body: document.bytes, challenge: challenge) } catch let problem as CurlFlow.Problem {
            switch problem {
            case let .credentialNotAllowed(id):
                throw CLIFailure(.checkFailed, "\(body) is signed by credential \(TerminalText.sanitize(id, maxLength: 60)), which this challenge does not allow: was it signed for another challenge?")
            case let .refused(finding):
                throw CLIFailure(.checkFailed, "\(body) was signed for another challenge (\(TerminalText.sanitize(finding.error.description, maxLength: 200))): sign again with this challenge, or give the challenge it was signed for; nothing was printed")
            }
        } catch {
            throw CLIFailure.from(error, context: "body \(body)")
        }
        Output.out(try api.command("POST", "/auth/recover/user", token: challenge.temporaryAuthenticationToken, body: try sentBody(document),
                                   kitAppId: kitAppId) + "\n")
    }

    /// `@FILE` for a body file as it is; the body itself, inline, when it
    /// came from QR frames or standard input (curl would otherwise send the
    /// frames' text, or read the shell's input). Inline only if every
    /// character shows as it is, so the command prints what it sends.
    func sentBody(_ document: DocumentReader.Document) throws -> CurlCommand.Body {
        guard document.fromParts || body == "-" else { return .file(body) }
        var text = String(decoding: document.bytes, as: UTF8.self)
        while text.last?.isNewline == true { text.removeLast() }
        guard String(validating: document.bytes, as: UTF8.self) != nil,
              !text.unicodeScalars.contains(where: { TerminalText.needsEscape($0) && $0 != "\n" }) else {
            throw CLIFailure(.malformedInput, "the body from \(body == "-" ? "standard input" : body) holds characters a terminal would not show as they are; "
                + "write it to a file first (rkit-sign qr-join FRAMES > body.json) and give --body body.json")
        }
        return .inline(text)
    }
}
