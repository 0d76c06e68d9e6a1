/// The submission, as a command the person runs on the online machine.
/// rkit itself never opens a connection.
enum CurlCommand {
    static func text(bodyPath: String, token: String) -> String {
        """
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
