import CProcessShims
import Foundation

/// Runs `work` for items 0..<count on every core this process may use and
/// hands the results to `emit` in input order, on the calling thread, as
/// soon as each is ready. Workers run at most `window` items ahead of the
/// last one emitted, so memory stays flat in the number of items (at most
/// `window` results are held) and one slow item never idles the other
/// cores. Shared by every command that checks or makes many kits.
///
/// A small pool of threads, not `DispatchQueue.concurrentPerform`: on
/// Linux the latter ran everything on the calling thread here.
public enum ParallelBatch {
    public static let defaultWindow = 128

    /// CPUs in this process's affinity mask (so `taskset -c 0` means one).
    public static var workerCount: Int {
        let available = Int(rkit_available_cpus())
        return available > 0 ? available : max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    public static func run<Result: Sendable>(count: Int, window: Int = defaultWindow, workers: Int = workerCount,
                                             work: @escaping @Sendable (Int) -> Result,
                                             emit: (Int, Result) -> Void) {
        precondition(window > 0 && workers > 0)
        guard count > 0 else { return }
        let queue = OrderedResults<Result>(count: count, window: window)
        let threads = min(workers, count)
        let finished = DispatchSemaphore(value: 0)
        for _ in 0..<threads {
            Thread {
                while let index = queue.claim() { queue.put(index, work(index)) }
                finished.signal()
            }.start()
        }
        for index in 0..<count { emit(index, queue.take(index)) }
        for _ in 0..<threads { finished.wait() }
    }

    /// The hand-over between workers and the emitting thread.
    final class OrderedResults<Result>: @unchecked Sendable {
        private let condition = NSCondition()
        private let count: Int
        private let window: Int
        private var nextToClaim = 0
        private var nextToEmit = 0
        private var ready: [Int: Result] = [:]

        init(count: Int, window: Int) {
            self.count = count
            self.window = window
        }

        /// The next item to work on, waiting while the window is full; nil when all are claimed.
        func claim() -> Int? {
            condition.lock()
            defer { condition.unlock() }
            while nextToClaim < count && nextToClaim >= nextToEmit + window { condition.wait() }
            guard nextToClaim < count else { return nil }
            nextToClaim += 1
            return nextToClaim - 1
        }

        func put(_ index: Int, _ result: Result) {
            condition.lock()
            ready[index] = result
            condition.broadcast()
            condition.unlock()
        }

        /// Waits for item `index` (called in order), and frees its slot.
        func take(_ index: Int) -> Result {
            condition.lock()
            defer { condition.unlock() }
            while ready[index] == nil { condition.wait() }
            nextToEmit = index + 1
            condition.broadcast()
            return ready.removeValue(forKey: index)!
        }
    }
}
