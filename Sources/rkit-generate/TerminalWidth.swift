#if canImport(Glibc)
import Glibc
#endif

/// The width of the terminal a stream goes to, if it is one: a QR whose
/// lines wrap cannot be scanned, so the person is told before it prints.
enum TerminalWidth {
    static func columns(_ fd: Int32) -> Int? {
        guard isatty(fd) == 1 else { return nil }
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
