import ArgumentParser
import RecoveryKitCore

/// The one source of the recovery code, as an option group every command
/// that needs the code uses: typed on the terminal without echo (asked
/// again after a typo or a wrong code, `SecretInput`), or `--code-file
/// FILE|-`. Another source (e.g. `--share-file FILE`, repeatable, for code
/// shares) is one more option here, one more case in `Given`, and its
/// combining in `read`; commands do not change.
public struct CodeSource: ParsableArguments, Sendable {
    @Option(help: ArgumentHelp("Read the recovery code from FILE (- for standard input) instead of the terminal.", valueName: "FILE|-"))
    public var codeFile: String?

    public init() {}

    /// Where the code will come from.
    public enum Given: Sendable, Equatable {
        case terminal
        case file(String)
    }

    public var given: Given { codeFile.map(Given.file) ?? .terminal }

    /// Whether the code comes from elsewhere than the terminal.
    public var isGiven: Bool { given != .terminal }

    /// The inputs that may be `-` (for `StandardInput.requireAtMostOne`).
    public var paths: [String?] { [codeFile] }

    /// Option rules of the group (`validate()` of the commands using it).
    public func validate() throws {}

    /// The code and what `open` makes of it; on a terminal asked `tries`
    /// times (a typo or a wrong code is asked again), from a file once.
    public func read<T>(tries: Int = 1, prompt: String = "Recovery code: ", open: (RecoveryCode) throws -> T) throws -> T {
        switch given {
        case .terminal: return try SecretInput.readCode(codeFile: nil, tries: tries, prompt: prompt, open: open)
        case let .file(path): return try SecretInput.readCode(codeFile: path, tries: tries, prompt: prompt, open: open)
        }
    }

    /// The code alone.
    public func read() throws -> RecoveryCode { try read(tries: 1) { $0 } }
}
