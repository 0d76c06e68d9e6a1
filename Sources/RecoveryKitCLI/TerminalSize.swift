#if canImport(Glibc)
import Glibc
#endif

/// The size of the terminal a QR code is shown on: a code taller than the
/// window scrolls its top away, and one wider than it wraps; neither scans.
/// From the terminal itself (TIOCGWINSZ) when the stream is one, else from
/// `$COLUMNS` and `$LINES` (set by shells, and by a person who pipes the
/// output to a terminal elsewhere), else unknown.
public struct TerminalSize: Sendable, Equatable {
    public var columns: Int
    public var rows: Int
    /// Whether the size was read from the terminal itself.
    public var measured: Bool

    public init(columns: Int, rows: Int, measured: Bool = false) {
        self.columns = columns
        self.rows = rows
        self.measured = measured
    }

    /// The size assumed when nothing says otherwise: the classic 80×24.
    public static let fallback = TerminalSize(columns: 80, rows: 24)

    /// The size of the terminal on `fd`, or of `$COLUMNS`×`$LINES`.
    public static func of(_ fd: Int32, environment: (String) -> String? = { getenv($0).map { String(cString: $0) } }) -> TerminalSize? {
        if isatty(fd) == 1 {
            var size = winsize()
            if ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 {
                return TerminalSize(columns: Int(size.ws_col), rows: Int(size.ws_row), measured: true)
            }
        }
        guard let columns = environment("COLUMNS").flatMap({ Int($0) }), columns > 0,
              let rows = environment("LINES").flatMap({ Int($0) }), rows > 0 else { return nil }
        return TerminalSize(columns: columns, rows: rows)
    }

    /// Whether a terminal can be asked (for a code): /dev/tty opens.
    public static var hasControllingTerminal: Bool {
        let fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { return false }
        close(fd)
        return true
    }

    public var description: String { "\(columns)×\(rows)" }
}
