#if canImport(Glibc)
import Glibc
#endif

/// BBQr frames animated on the terminal: one frame at a time on the
/// alternate screen, about 4 a second, looping, so a phone or a webcam
/// collects them in any order. Keys (read from the terminal, raw): space
/// pauses and resumes, `n` or → shows the next frame, `p` or ← the
/// previous one, `q` stops. The terminal's settings, cursor and
/// screen are restored on every way out: a key, Ctrl-C typed or any
/// SIGINT, SIGTERM, SIGHUP or SIGQUIT.
struct QRAnimation {
    /// 250 ms a frame (4 fps): BBQr's own suggestion for its scanners.
    static let frameMilliseconds: Int32 = 250
    static let enter = "\u{1B}[?1049h\u{1B}[?25l\u{1B}[2J"
    static let leave = "\u{1B}[?25h\u{1B}[?1049l"

    let tool: String
    let fd: Int32
    let original: termios

    nonisolated(unsafe) static let saved = UnsafeMutablePointer<termios>.allocate(capacity: 1)
    nonisolated(unsafe) static var savedFD: Int32 = -1

    /// Nil when there is no terminal to read keys from.
    init?(tool: String) {
        let fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { return nil }
        var settings = termios()
        guard tcgetattr(fd, &settings) == 0 else { close(fd); return nil }
        self.tool = tool
        self.fd = fd
        self.original = settings
    }

    enum Key { case pause, next, previous, quit, interrupt }

    /// Shows `pictures` (each under its caption) until `q`; Ctrl-C stops
    /// with the interrupted status.
    func run(captions: [String], pictures: [String]) throws {
        defer { close(fd) }
        Self.saved.pointee = original
        Self.savedFD = fd
        let restoreAndExit: @convention(c) (Int32) -> Void = { _ in
            _ = tcsetattr(QRAnimation.savedFD, TCSAFLUSH, QRAnimation.saved)
            _ = QRAnimation.leave.withCString { Glibc.write(1, $0, strlen($0)) }
            _exit(ExitStatus.interrupted.rawValue)
        }
        let previous = [SIGINT, SIGTERM, SIGHUP, SIGQUIT].map { ($0, signal($0, restoreAndExit)) }
        var raw = original
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
        }
        _ = tcsetattr(fd, TCSAFLUSH, &raw)
        Output.out(Self.enter)
        defer {
            Output.out(Self.leave)
            var settings = original
            _ = tcsetattr(fd, TCSAFLUSH, &settings)
            for (number, handler) in previous { signal(number, handler) }
        }
        var index = 0, paused = false
        var interrupted = false
        var size = TerminalSize.of(1)
        draw: while true {
            let caption = captions[index] + (paused ? "  paused" : "")
            // Caption, then the code; no newline after its last line, so a
            // code as tall as the window never scrolls. A window resized
            // meanwhile is cleared first (the frames stay as they are: a
            // scanner may already hold some of them).
            let now = TerminalSize.of(1)
            let clear = now != size ? "\u{1B}[2J" : ""
            size = now
            let picture = pictures[index].hasSuffix("\n") ? String(pictures[index].dropLast()) : pictures[index]
            Output.out(clear + "\u{1B}[H" + caption + "\u{1B}[K\n" + picture)
            var waited: Int32 = 0
            while paused || waited < Self.frameMilliseconds {
                let started = Self.milliseconds()
                let key = readKey(timeout: paused ? -1 : Self.frameMilliseconds - waited)
                waited += Int32(Self.milliseconds() - started)
                switch key {
                case nil: continue
                case .pause?: paused.toggle(); continue draw
                case .next?: index = (index + 1) % pictures.count; continue draw
                case .previous?: index = (index + pictures.count - 1) % pictures.count; continue draw
                case .quit?: break draw
                case .interrupt?: interrupted = true; break draw
                }
            }
            index = (index + 1) % pictures.count
        }
        if interrupted { throw CLIFailure(.interrupted, "stopped showing the QR frames (Ctrl-C)") }
    }

    static func milliseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return now.tv_sec * 1000 + now.tv_nsec / 1_000_000
    }

    /// The next key within `timeout` ms (-1: wait); nil for none or one
    /// that means nothing here.
    func readKey(timeout: Int32) -> Key? {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, timeout)
        guard ready > 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: 8)
        let n = read(fd, &bytes, bytes.count)
        guard n > 0 else { return n == 0 ? .quit : nil }  // the terminal went away
        switch bytes[0] {
        case UInt8(ascii: " "): return .pause
        case UInt8(ascii: "n"), UInt8(ascii: "N"): return .next
        case UInt8(ascii: "p"), UInt8(ascii: "P"): return .previous
        case UInt8(ascii: "q"), UInt8(ascii: "Q"): return .quit
        case 0x03: return .interrupt
        case 0x1B where n >= 3 && bytes[1] == UInt8(ascii: "["):
            switch bytes[2] {
            case UInt8(ascii: "C"): return .next
            case UInt8(ascii: "D"): return .previous
            default: return nil
            }
        default: return nil
        }
    }
}
