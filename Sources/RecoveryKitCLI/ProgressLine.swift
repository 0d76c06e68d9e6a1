#if canImport(Glibc)
import Glibc
#endif

/// A `done/total` line on stderr for long batches: only when stderr is a
/// terminal and the run has taken more than a second, so logs and pipes
/// stay clean. Redrawn in place; cleared before results are printed.
public final class ProgressLine {
    private let total: Int
    private let label: String
    private let enabled: Bool
    private let started: timespec
    private var shown = false

    public init(total: Int, label: String) {
        self.total = total
        self.label = label
        enabled = isatty(2) == 1
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        started = now
    }

    private var elapsed: Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec - started.tv_sec) + Double(now.tv_nsec - started.tv_nsec) / 1e9
    }

    /// Removes the line (call before writing results to the terminal).
    public func clear() {
        guard shown else { return }
        Output.errorRaw("\r\u{1B}[K")
        shown = false
    }

    public func update(done: Int) {
        guard enabled, done < total, elapsed > 1 else { return }
        Output.errorRaw("\r\u{1B}[K\(label) \(done)/\(total)")
        shown = true
    }
}
