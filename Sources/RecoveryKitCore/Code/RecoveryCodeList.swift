/// The codes of many kits, for `rkit-verify kit --codes FILE`: one
/// `<credentialId> <code>` per line; blank lines and `#` comments are
/// ignored; the code may be written with spaces, as typed from paper.
/// Errors name a line, never a code.
public struct RecoveryCodeList: Sendable {
    public private(set) var codes: [String: RecoveryCode] = [:]
    /// Credential IDs in file order (to report codes that matched no kit).
    public private(set) var order: [String] = []
    /// The line of the file each credential ID is on (1-based).
    public private(set) var lineNumbers: [String: Int] = [:]
    /// With `skippingBadLines`: each line that was not used and why, in
    /// file order (a repeated ID keeps its first line).
    public private(set) var problems: [CodeListError] = []

    public init() {}

    /// Reads the file; a bad line throws, or with `skippingBadLines` is
    /// noted in `problems` and skipped, as `sha256sum -c` reports a line
    /// and goes on (issue 19 finding 8).
    public init(parsing bytes: [UInt8], skippingBadLines: Bool = false) throws {
        var lineNumber = 0
        for rawLine in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            do {
                try read(rawLine, lineNumber: lineNumber)
            } catch let problem as CodeListError where skippingBadLines {
                problems.append(problem)
            }
        }
    }

    private mutating func read(_ rawLine: ArraySlice<UInt8>, lineNumber: Int) throws {
        guard let text = String(validating: rawLine, as: UTF8.self) else { throw CodeListError.notText(line: lineNumber) }
        let line = text.trimming { $0 == " " || $0 == "\t" || $0 == "\r" }
        if line.isEmpty || line.hasPrefix("#") { return }
        guard let space = line.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
            throw CodeListError.noCode(line: lineNumber)
        }
        let id = String(line[..<space])
        let code: RecoveryCode
        do { code = try RecoveryCode(parsing: String(line[space...])) } catch let error as CodeError {
            throw CodeListError.badCode(line: lineNumber, error)
        }
        guard codes[id] == nil else { throw CodeListError.duplicate(line: lineNumber, credentialId: id) }
        codes[id] = code
        order.append(id)
        lineNumbers[id] = lineNumber
    }

    public subscript(credentialId: String) -> RecoveryCode? { codes[credentialId] }
}

/// Why a codes file (`--codes`) could not be read; cases name the line.
public enum CodeListError: RecoveryKitError, Equatable {
    case notText(line: Int)
    case noCode(line: Int)
    case badCode(line: Int, CodeError)
    case duplicate(line: Int, credentialId: String)

    public var kind: FailureKind { .malformedInput }

    /// The 1-based line it names.
    public var line: Int {
        switch self {
        case let .notText(line), let .noCode(line), let .badCode(line, _), let .duplicate(line, _): return line
        }
    }

    public var description: String {
        switch self {
        case let .notText(line): return "line \(line) of the codes file is not UTF-8 text"
        case let .noCode(line): return "line \(line) of the codes file has no code; write '<credentialId> <code>'"
        case let .badCode(line, error): return "line \(line) of the codes file: \(error)"
        case let .duplicate(line, id): return "line \(line) of the codes file repeats credential ID \(id.prefix(60)); keep one line per kit"
        }
    }
}

