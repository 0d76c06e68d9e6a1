#if canImport(Glibc)
import Glibc
#endif

/// A `label done/total` line on stderr for long batches: only when stderr
/// is a terminal and the run has taken more than a second, so logs and
/// pipes stay clean. Redrawn in place at most ten times a second; when
/// stdout is the same terminal, `clear()` removes it before results print.
public final class ProgressLine {
    private let total: Int
    private let label: String
    private let enabled: Bool
    private let sharesTerminal: Bool
    private let started: Double
    private var lastDrawn = 0.0
    private var shown = false

    public init(total: Int, label: String) {
        self.total = total
        self.label = label
        enabled = isatty(2) == 1
        sharesTerminal = isatty(1) == 1
        started = ProgressLine.now()
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Call before writing a result; removes the line if it is in the way.
    public func beforeOutput() {
        if sharesTerminal { clear() }
    }

    /// Removes the line (at the end of the run).
    public func clear() {
        guard shown else { return }
        Output.errorRaw("\r\u{1B}[K")
        shown = false
    }

    public func update(done: Int) {
        guard enabled, done < total else { return }
        let now = ProgressLine.now()
        guard now - started > 1, !shown || now - lastDrawn >= 0.1 else { return }
        Output.errorRaw("\r\u{1B}[K\(label) \(done)/\(total)")
        lastDrawn = now
        shown = true
    }
}
