import Foundation
import Testing
@testable import LoupeCore

/// `Parallel.map`, which corpus building runs on: results in index order, every
/// index once, and each worker's indices in increasing order (the merge of
/// analysed chunks depends on that: `ChunkMerger`).
@Suite struct ParallelTests {
    @Test(arguments: [1, 2, 3, 8])
    func everyIndexOnceInOrderAndEachWorkersIndicesIncrease(workers: Int) {
        let count = 500
        let lock = NSLock()
        var taken: [Int: [Int]] = [:]   // worker → indices in the order it took them
        let results = Parallel.map(count, workers: workers) { i, worker in
            // Uneven work, so the workers interleave.
            var x = UInt64(i)
            for _ in 0..<((i * 7919) % 2000) { x = x &* 6364136223846793005 &+ 1 }
            lock.lock(); taken[worker, default: []].append(i); lock.unlock()
            return (i, x)
        }
        #expect(results.map(\.0) == Array(0..<count))
        #expect(taken.values.flatMap { $0 }.sorted() == Array(0..<count))
        #expect(taken.keys.allSatisfy { $0 >= 0 && $0 < workers })
        for (_, indices) in taken { #expect(zip(indices, indices.dropFirst()).allSatisfy { $0 < $1 }) }
    }
}
