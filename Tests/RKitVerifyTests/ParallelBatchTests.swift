import Foundation
import Testing
import RecoveryKitCLI

@Suite struct ParallelBatchTests {
    /// Results come back in input order whatever order workers finish in,
    /// across several chunks and a short last chunk.
    @Test func resultsAreEmittedInInputOrder() {
        var seen: [Int] = []
        ParallelBatch.run(count: 1_000, chunkSize: 64, work: { index in
            usleep(useconds_t((index * 7919) % 200))
            return index * 2
        }, emit: { index, value in
            #expect(value == index * 2)
            seen.append(index)
        })
        #expect(seen == Array(0..<1_000))
    }

    @Test func anEmptyBatchEmitsNothing() {
        var count = 0
        ParallelBatch.run(count: 0, work: { $0 }, emit: { _, _ in count += 1 })
        #expect(count == 0)
    }
}
