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

    @Option(help: ArgumentHelp("A share of the recovery code (SLIP-0039) when the kit's code was split (rkit-generate --shares): one share per FILE, the option once per share; a share paper's .txt is a share file. Without it, share words typed at the code prompt are taken too.", valueName: "FILE"))
    public var shareFile: [String] = []

    public init() {}

    /// Where the code will come from.
    public enum Given: Sendable, Equatable {
        case terminal
        case file(String)
        /// SLIP-0039 shares, one per file, combined into the code.
        case shareFiles([String])
    }

    public var given: Given {
        if let codeFile { return .file(codeFile) }
        return shareFile.isEmpty ? .terminal : .shareFiles(shareFile)
    }

    /// Whether the code comes from elsewhere than the terminal.
    public var isGiven: Bool { given != .terminal }

    /// The inputs that may be `-` (for `StandardInput.requireAtMostOne`).
    public var paths: [String?] { [codeFile] + shareFile.map(Optional.some) }

    /// Option rules of the group (`validate()` of the commands using it).
    public func validate() throws {
        try CommandRunner.validating {
            if codeFile != nil, !shareFile.isEmpty {
                throw CLIFailure.usage("--code-file and --share-file both give the recovery code: give the code, or its shares")
            }
        }
    }

    /// The code and what `open` makes of it; on a terminal asked `tries`
    /// times (a typo or a wrong code is asked again), from a file once.
    public func read<T>(tries: Int = 1, prompt: String = "Recovery code: ", open: (RecoveryCode) throws -> T) throws -> T {
        switch given {
        case .terminal: return try SecretInput.readCode(codeFile: nil, tries: tries, prompt: prompt, open: open)
        case let .file(path): return try SecretInput.readCode(codeFile: path, tries: tries, prompt: prompt, open: open)
        case let .shareFiles(paths): return try ShareInput.open(ShareInput.code(shareFiles: paths), open)
        }
    }

    /// The code alone.
    public func read() throws -> RecoveryCode { try read(tries: 1) { $0 } }
}
