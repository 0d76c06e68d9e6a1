/// The exit statuses of every rkit tool: one table, documented in the
/// README and each man page (EXIT STATUS). Scripts may rely on them.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Everything asked for was done (rkit-verify: every item passed).
    case success = 0
    /// A check failed: an item did not verify, the kit and the server's
    /// copy disagree, or the credential is not allowed.
    case checkFailed = 1
    /// The command line is wrong (unknown option, missing argument).
    case usage = 2
    /// An input file is missing, unreadable, a directory, or too large.
    case unreadableInput = 3
    /// An input could be read but is not what it should be (bad JSON,
    /// damaged kit, key on another curve, code with a bad character).
    case malformedInput = 4
    /// The recovery code or the username is wrong (the envelope did not open).
    case wrongSecret = 5
    /// An output already exists and `--force` was not given.
    case outputExists = 6
    /// An output could not be written (permissions, disk full).
    case writeFailed = 7
    /// Interrupted (Ctrl-C) or no terminal to ask for a secret.
    case interrupted = 8
    /// An internal error: OpenSSL or the system refused something that
    /// should not fail. Please report it.
    case internalError = 70

    /// One line per status, for --help epilogues and man pages.
    public static let table = """
        0   success (rkit-verify: every item passed)
        1   a check failed (an item did not verify; kit and server disagree)
        2   usage error (unknown option, missing or conflicting arguments)
        3   an input file is missing, unreadable, a directory, or too large
        4   an input is malformed (bad JSON, damaged kit, wrong key, bad code)
        5   the recovery code or the username is wrong
        6   an output already exists (use --force to replace it)
        7   an output could not be written
        8   interrupted, or no terminal to ask for a secret
        70  internal error (please report)
        """
}
