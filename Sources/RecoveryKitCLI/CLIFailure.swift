import RecoveryKitCore

/// An error a tool reports as one line on stderr with an exit status.
/// The message names what was wrong and what to do; never a secret.
public struct CLIFailure: Error, CustomStringConvertible, Sendable {
    public let status: ExitStatus
    public let message: String
    /// Whether the line ends with "(see 'TOOL --help')", as ArgumentParser's
    /// own usage errors do (`CommandRunner` adds it, knowing the tool).
    public let pointsToHelp: Bool

    public init(_ status: ExitStatus, _ message: String, pointsToHelp: Bool = false) {
        self.status = status
        self.message = message
        self.pointsToHelp = pointsToHelp
    }

    /// The one way a tool raises a usage error (exit 2): the message names
    /// the option and what to give instead.
    public static func usage(_ message: String, seeHelp: Bool = false) -> CLIFailure {
        CLIFailure(.usage, message, pointsToHelp: seeHelp)
    }

    public var description: String { message }

    /// Maps a core error to its status by kind; `context` says which input
    /// it came from ("kit.json: …").
    public static func from(_ error: Error, context: String? = nil) -> CLIFailure {
        if let failure = error as? CLIFailure { return failure }
        let prefix = context.map { "\($0): " } ?? ""
        guard let typed = error as? RecoveryKitError else {
            return CLIFailure(.internalError, prefix + "unexpected error: \(type(of: error))")
        }
        let status: ExitStatus
        switch typed.kind {
        case .malformedInput: status = .malformedInput
        case .wrongSecret: status = .wrongSecret
        case .verificationFailed: status = .checkFailed
        case .system: status = .internalError
        }
        return CLIFailure(status, prefix + CoreMessages.message(typed))
    }
}
