/// The one standard-input rule of every tool: at most one input may be
/// `-`, since a second reader would get nothing (or the first one's rest).
public enum StandardInput {
    /// How a tool words the refusal. Two wordings exist today (rkit-verify
    /// quotes the dash and points to --help, rkit-sign does not); they are
    /// kept byte for byte until a release may change the text.
    public enum Wording: Sendable {
        case quotedWithHelp
        case plain
    }

    /// Throws a usage error when more than one of `paths` is `-`.
    public static func requireAtMostOne(_ paths: [String?], wording: Wording) throws {
        guard paths.filter({ $0 == "-" }).count > 1 else { return }
        switch wording {
        case .quotedWithHelp: throw CLIFailure.usage("only one input can come from standard input ('-')", seeHelp: true)
        case .plain: throw CLIFailure.usage("only one input can come from standard input (-)")
        }
    }
}
