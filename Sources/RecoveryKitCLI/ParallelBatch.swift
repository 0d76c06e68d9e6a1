import Dispatch

/// Runs `work` for items 0..<count on all cores and hands the results to
/// `emit` in input order, on the calling thread. Items go in bounded
/// chunks, so memory stays flat in the number of items (only one chunk's
/// results are held) and output streams while the batch runs.
/// Shared by every command that checks or makes many kits.
public enum ParallelBatch {
    public static let defaultChunkSize = 128

    public static func run<Result: Sendable>(count: Int, chunkSize: Int = defaultChunkSize,
                                             work: @Sendable (Int) -> Result,
                                             emit: (Int, Result) -> Void) {
        precondition(chunkSize > 0)
        var start = 0
        while start < count {
            let end = min(start + chunkSize, count)
            let slots = Slots<Result>(count: end - start)
            let base = start
            DispatchQueue.concurrentPerform(iterations: end - start) { offset in
                slots.set(offset, work(base + offset))
            }
            for offset in 0..<(end - start) { emit(base + offset, slots.take(offset)) }
            start = end
        }
    }

    /// One result slot per item of a chunk; each worker writes only its own.
    final class Slots<Result>: @unchecked Sendable {
        private let storage: UnsafeMutablePointer<Result?>
        private let count: Int

        init(count: Int) {
            self.count = count
            storage = .allocate(capacity: count)
            storage.initialize(repeating: nil, count: count)
        }

        func set(_ index: Int, _ value: Result) { storage[index] = value }

        func take(_ index: Int) -> Result {
            defer { storage[index] = nil }
            return storage[index]!
        }

        deinit {
            storage.deinitialize(count: count)
            storage.deallocate()
        }
    }
}
