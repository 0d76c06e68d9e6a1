import RecoveryKitCLI
/// The submission, as a command the person runs on the online machine.
/// rkit itself never opens a connection.
enum CurlCommand {
    /// Refuses a token or path that a terminal would not show as it is
    /// (a control, bidi or invisible character): the token comes from the
    /// online machine, and a command that prints differently from what it
    /// sends must not be offered for copying (issue 13, finding 2). The
    /// message quotes the token raw: `Output.error` shows it escaped.
    static func text(bodyPath: String, token: String) throws -> String {
        if token.isEmpty || token.unicodeScalars.contains(where: { TerminalText.needsEscape($0) }) {
            throw CLIFailure(.malformedInput, "the challenge's temporaryAuthenticationToken \"\(token.prefix(48))\" holds control or invisible characters, which a token never does; nothing was written: carry the challenge over again")
        }
        if bodyPath.unicodeScalars.contains(where: { TerminalText.needsEscape($0) }) {
            throw CLIFailure.usage("--out \"\(bodyPath)\" holds control or invisible characters; choose a plain file name for --curl")
        }
        return """
        curl --fail-with-body --request POST --url "${DFNS_API_URL:-https://api.dfns.io}/auth/recover/user" \\
          --header 'Content-Type: application/json' \\
          --header "X-DFNS-APPID: $DFNS_APP_ID" \\
          --header \(shellQuoted("Authorization: Bearer " + token)) \\
          --data-binary @\(shellQuoted(bodyPath))
        """
    }

    /// POSIX single quoting: safe for any text from the challenge file.
    static func shellQuoted(_ text: String) -> String {
        "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}
