import ArgumentParser
import RecoveryKitCLI
import RecoveryKitCore
#if canImport(Glibc)
import Glibc
#endif

/// Which recovery credential a step is about: a kit, or a credential ID
/// with the username (the same options for recover, init-request,
/// code-request and attest).
struct CredentialOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The recovery kit: kit.json, or a file holding the text of the kit's QR code (zbarimg's 'QR-Code:' prefix is accepted).", valueName: "FILE"))
    var kit: String?

    /// `.unconditional`: a base64url ID may begin with "-" (one in 64).
    @Option(parsing: .unconditional, help: ArgumentHelp("The recovery credential's ID, when you kept only the code and the ID (the envelope then comes from the challenge).", valueName: "ID"))
    var credentialId: String?

    @Option(name: .long, help: ArgumentHelp("The account's username (e-mail address); required with --credential-id.", valueName: "EMAIL"))
    var username: String?

    func resolve() throws -> CredentialSource {
        try CredentialSource.resolve(kitPath: kit, credentialId: credentialId, username: username)
    }
}

/// Where the online commands go: the API's base URL and, when one is
/// known, the application ID (`X-DFNS-APPID`). Dfns's current SDKs send no
/// app ID (applications are deprecated), so none is required; a deployment
/// that still uses one records it in the kit (`rkit-generate --app-id`) or
/// gives it here (issue 19 finding 1).
struct APIOptions: ParsableArguments {
    static let defaultURL = "https://api.dfns.io"

    @Option(help: ArgumentHelp("The Dfns application ID to send as X-DFNS-APPID, for deployments that still use one (default: $DFNS_APP_ID, else the kit's; none: no header).", valueName: "ID"))
    var appId: String?

    @Option(help: ArgumentHelp("The Dfns API's base URL (default: $DFNS_API_URL, else https://api.dfns.io).", valueName: "URL"))
    var apiUrl: String?

    /// The app ID to send: --app-id, else $DFNS_APP_ID, else the kit's
    /// (`kitAppId`); nil when none is known (then no header is sent).
    func appID(kitAppId: String? = nil) throws -> String? {
        let environment = ProcessEnvironment.value("DFNS_APP_ID").flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0 }
        let (given, from) = appId.map { ($0, "--app-id") } ?? environment.map { ($0, "DFNS_APP_ID") } ?? (nil, "")
        guard let given else { return kitAppId }
        let id = given.trimmingWhitespace()
        guard AppID.isValid(id) else {
            throw CLIFailure.usage("\(from) \"\(TerminalText.sanitize(id, maxLength: 60))\" is not an app ID: one word of ASCII letters, digits and dashes (e.g. ap-2ng9j-…), at most \(AppID.maxLength) characters")
        }
        return id
    }

    func baseURL() throws -> String {
        let text = apiUrl ?? ProcessEnvironment.value("DFNS_API_URL").flatMap { $0.isEmpty ? nil : $0 } ?? APIOptions.defaultURL
        do { return try ApplicationOrigin.normalized(text) } catch {
            throw CLIFailure.usage("the API URL \(TerminalText.sanitize(text, maxLength: 80)): \(error)")
        }
    }

    /// The complete command for `method path`, with the body inline or
    /// from a file; `kitAppId` is the kit's app ID, if it records one.
    func command(_ method: String, _ path: String, token: String? = nil, body: CurlCommand.Body, kitAppId: String? = nil) throws -> String {
        if let token { try CurlCommand.refuseUnshowable(token: token) }
        return CurlCommand.text(method: method, url: try baseURL() + path, appId: try appID(kitAppId: kitAppId), token: token, body: body)
    }
}

/// The process environment (one place, so tests can see what is read).
enum ProcessEnvironment {
    static func value(_ name: String) -> String? {
        guard let pointer = getenv(name) else { return nil }
        return String(cString: pointer)
    }
}

/// The recovery challenge (`--challenge` of recover and curl): one file,
/// or QR parts spread over several, read by the one `DocumentReader`.
enum ChallengeInput {
    static func recovery(_ paths: [String]) throws -> RecoveryChallenge {
        guard !paths.isEmpty else {
            throw CLIFailure.usage("--challenge FILE is required: the response of POST /auth/recover/user/init")
        }
        let document = try DocumentReader.read(paths, what: "challenge", option: "--challenge")
        do { return try RecoveryChallenge(bytes: document.bytes) } catch {
            throw CLIFailure.from(error, context: "challenge \(document.name)")
        }
    }
}
