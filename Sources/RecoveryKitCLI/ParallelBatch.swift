import CProcessShims
#if canImport(Glibc)
import Glibc
#endif

/// Runs `work` for items 0..<count on every core this process may use and
/// hands the results to `emit` in input order, on the calling thread, as
/// soon as each is ready. Workers run at most `window` items ahead of the
/// last one emitted, so memory stays flat in the number of items (at most
/// `window` results are held) and one slow item never idles the other
/// cores. Shared by every command that checks or makes many kits.
///
/// A small pool of POSIX threads, not `DispatchQueue.concurrentPerform`
/// (on Linux it ran everything on the calling thread here), and no
/// Foundation: the tools start without loading ICU.
public enum ParallelBatch {
    /// Four items per worker keep every core busy (one kit is ~10 ms of
    /// PBKDF2) while holding few results: memory stays flat.
    public static var defaultWindow: Int { max(8, 4 * workerCount) }

    /// CPUs in this process's affinity mask (so `taskset -c 0` means one).
    public static var workerCount: Int {
        let available = Int(rkit_available_cpus())
        return available > 0 ? available : max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }

    /// Runs `work` for items 0..<count on `workers` threads, at most
    /// `window` items ahead of the output, and calls `emit` on the calling
    /// thread in item order, so output order never depends on timing.
    public static func run<Result: Sendable>(count: Int, window: Int = defaultWindow, workers: Int = workerCount,
                                             work: @escaping @Sendable (Int) -> Result,
                                             emit: (Int, Result) -> Void) {
        precondition(window > 0 && workers > 0)
        guard count > 0 else { return }
        let queue = OrderedResults<Result>(count: count, window: window)
        let threads = (0..<min(workers, count)).map { _ in
            WorkerThread.start { while let index = queue.claim() { queue.put(index, work(index)) } }
        }
        for index in 0..<count { emit(index, queue.take(index)) }
        for thread in threads { pthread_join(thread, nil) }
    }

    /// Starts a POSIX thread running `body`.
    enum WorkerThread {
        final class Body {
            let run: @Sendable () -> Void
            init(_ run: @escaping @Sendable () -> Void) { self.run = run }
        }

        static func start(_ body: @escaping @Sendable () -> Void) -> pthread_t {
            var thread = pthread_t()
            let context = Unmanaged.passRetained(Body(body)).toOpaque()
            let status = pthread_create(&thread, nil, { raw in
                Unmanaged<Body>.fromOpaque(raw!).takeRetainedValue().run()
                return nil
            }, context)
            precondition(status == 0, "cannot start a worker thread (pthread_create \(status))")
            return thread
        }
    }

    /// A mutex with one condition variable (what NSCondition gave, without Foundation).
    final class Condition: @unchecked Sendable {
        private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        private let variable = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

        init() {
            pthread_mutex_init(mutex, nil)
            pthread_cond_init(variable, nil)
        }

        deinit {
            pthread_cond_destroy(variable)
            pthread_mutex_destroy(mutex)
            mutex.deallocate()
            variable.deallocate()
        }

        func lock() { pthread_mutex_lock(mutex) }
        func unlock() { pthread_mutex_unlock(mutex) }
        func wait() { pthread_cond_wait(variable, mutex) }
        func broadcast() { pthread_cond_broadcast(variable) }
    }

    /// The hand-over between workers and the emitting thread.
    final class OrderedResults<Result>: @unchecked Sendable {
        private let condition = Condition()
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
