import Testing
@testable import LoupeCore

/// `Parallel.map`, which corpus building and the n-gram passes run on: results
/// in index order, every index once, each thread's indices increasing (the
/// merge of analysed chunks depends on that: `ChunkMerger`), and a state used
/// by one thread alone.
@Suite struct ParallelTests {
    /// Uneven work, so the threads interleave.
    static func busy(_ i: Int) -> UInt64 {
        var x = UInt64(i)
        for _ in 0..<((i * 7919) % 2000) { x = x &* 6364136223846793005 &+ 1 }
        return x
    }

    /// A thread's state: the indices it took, in the order it took them.
    struct Taken: Sendable {
        var indices: [Int] = []
    }

    @Test(arguments: [1, 2, 3, 8])
    func carriedStatesSeeEachIndexOnceInIncreasingOrder(workers: Int) {
        let count = 500
        var states = [Taken](repeating: Taken(), count: workers)
        let results = Parallel.map(count, states: &states) { i, taken in
            taken.indices.append(i)
            return (i, Self.busy(i))
        }
        #expect(results.map(\.0) == Array(0..<count))
        #expect(results.map(\.1) == (0..<count).map(Self.busy))
        #expect(states.count == workers)
        #expect(states.flatMap(\.indices).sorted() == Array(0..<count))
        for taken in states { #expect(zip(taken.indices, taken.indices.dropFirst()).allSatisfy { $0 < $1 }) }
    }

    @Test func statesCarryOverFromOneCallToTheNext() {
        var states = [Taken](repeating: Taken(), count: 3)
        _ = Parallel.map(10, states: &states) { i, taken in taken.indices.append(i) }
        _ = Parallel.map(10, states: &states) { i, taken in taken.indices.append(100 + i) }
        #expect(states.flatMap(\.indices).sorted() == Array(0..<10) + Array(100..<110))
    }

    /// Each result names the index its thread's state saw before: followed from
    /// the nil ones, these chains must cover every index once, each chain
    /// increasing, and there can be no more chains than threads.
    @Test(arguments: [1, 2, 3, 8])
    func freshStatesAreEachThreadsOwn(workers: Int) {
        let count = 500
        let results = Parallel.map(count, workers: workers, state: { [Int]() }) { i, seen -> (previous: Int?, value: UInt64) in
            let previous = seen.last
            seen.append(i)
            return (previous, Self.busy(i))
        }
        #expect(results.map(\.value) == (0..<count).map(Self.busy))
        let previous = results.map(\.previous)
        #expect(previous.filter { $0 == nil }.count <= workers)
        #expect(previous.enumerated().allSatisfy { i, p in p.map { $0 < i } ?? true })
        let named = previous.compactMap { $0 }
        #expect(Set(named).count == named.count)   // no index is followed twice
    }

    @Test(arguments: [1, 2, 8])
    func inputsAreTakenInOrder(workers: Int) {
        let inputs = (0..<100).map { [Int](repeating: $0, count: $0 % 7) }
        let sums = Parallel.map(taking: inputs, workers: workers) { input in input.reduce(0, +) }
        #expect(sums == inputs.map { $0.reduce(0, +) })
    }

    @Test func nothingToDo() {
        #expect(Parallel.map(0) { $0 }.isEmpty)
        var states = [Taken](repeating: Taken(), count: 4)
        #expect(Parallel.map(0, states: &states) { i, _ in i }.isEmpty)
        #expect(states.count == 4)
    }
}
