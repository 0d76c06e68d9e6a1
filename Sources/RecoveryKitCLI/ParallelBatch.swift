import CProcessShims
import Foundation

/// Runs `work` for items 0..<count on every core this process may use and
/// hands the results to `emit` in input order, on the calling thread.
/// Items go in bounded chunks, so memory stays flat in the number of items
/// (only one chunk's results are held) and output streams while the batch
/// runs. Shared by every command that checks or makes many kits.
///
/// A small pool of threads, not `DispatchQueue.concurrentPerform`: on
/// Linux the latter ran everything on the calling thread here.
public enum ParallelBatch {
    public static let defaultChunkSize = 128

    /// CPUs in this process's affinity mask (so `taskset -c 0` means one).
    public static var workerCount: Int {
        let available = Int(rkit_available_cpus())
        return available > 0 ? available : max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    public static func run<Result: Sendable>(count: Int, chunkSize: Int = defaultChunkSize, workers: Int = workerCount,
                                             work: @escaping @Sendable (Int) -> Result,
                                             emit: (Int, Result) -> Void) {
        precondition(chunkSize > 0 && workers > 0)
        var start = 0
        while start < count {
            let end = min(start + chunkSize, count)
            let chunk = Chunk<Result>(base: start, count: end - start)
            let threads = min(workers, end - start)
            if threads == 1 {
                chunk.drain(work)
            } else {
                let done = DispatchSemaphore(value: 0)
                for _ in 0..<threads {
                    Thread { chunk.drain(work); done.signal() }.start()
                }
                for _ in 0..<threads { done.wait() }
            }
            for offset in 0..<(end - start) { emit(start + offset, chunk.take(offset)) }
            start = end
        }
    }

    /// One chunk: workers claim the next index under a lock and write only
    /// their own result slot.
    final class Chunk<Result>: @unchecked Sendable {
        private let base: Int
        private let count: Int
        private var next = 0
        private let lock = NSLock()
        private let storage: UnsafeMutablePointer<Result?>

        init(base: Int, count: Int) {
            self.base = base
            self.count = count
            storage = .allocate(capacity: count)
            storage.initialize(repeating: nil, count: count)
        }

        func drain(_ work: (Int) -> Result) {
            while true {
                lock.lock()
                let offset = next
                next += 1
                lock.unlock()
                guard offset < count else { return }
                storage[offset] = work(base + offset)
            }
        }

        func take(_ offset: Int) -> Result {
            defer { storage[offset] = nil }
            return storage[offset]!
        }

        deinit {
            storage.deinitialize(count: count)
            storage.deallocate()
        }
    }
}
