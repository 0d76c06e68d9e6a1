import Foundation
import Testing
import RecoveryKitCLI

@Suite struct ParallelBatchTests {
    /// Results come back in input order whatever order workers finish in,
    /// across several chunks and a short last chunk.
    @Test func resultsAreEmittedInInputOrder() {
        var seen: [Int] = []
        ParallelBatch.run(count: 1_000, window: 64, work: { index in
            usleep(useconds_t((index * 7919) % 200))
            return index * 2
        }, emit: { index, value in
            #expect(value == index * 2)
            seen.append(index)
        })
        #expect(seen == Array(0..<1_000))
    }

    /// Workers never run more than `window` items ahead of what was emitted.
    @Test func workersStayWithinTheWindow() {
        final class Counter: @unchecked Sendable {
            let lock = NSLock()
            var started = 0
        }
        let counter = Counter()
        ParallelBatch.run(count: 300, window: 8, workers: 4, work: { index in
            counter.lock.lock(); counter.started += 1; counter.lock.unlock()
            return index
        }, emit: { index, _ in
            counter.lock.lock(); let started = counter.started; counter.lock.unlock()
            #expect(started <= index + 1 + 8)
        })
    }

    @Test func anEmptyBatchEmitsNothing() {
        var count = 0
        ParallelBatch.run(count: 0, work: { $0 }, emit: { _, _ in count += 1 })
        #expect(count == 0)
    }
}
