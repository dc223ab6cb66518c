import Foundation

/// Runs independent pieces of work on all cores and returns their results in
/// index order, so what is computed never depends on how many threads ran it.
///
/// Each thread takes the next unclaimed index when it finishes one, so items
/// of uneven size keep every core busy, and the indices a thread takes
/// increase. The work is `@Sendable`: what it reads is shared by the threads,
/// and the compiler checks that it may be. What a thread changes is its own:
/// a state it is handed (`state:`, `states:`), an input moved to it
/// (`taking:`), or slots of an output no other thread writes (`DisjointSlots`).
enum Parallel {
    static var workerCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// `work(i)` for every i in 0..<count on up to `workers` threads.
    static func map<T: Sendable>(_ count: Int, workers: Int = workerCount,
                                 _ work: @Sendable (_ index: Int) -> T) -> [T] {
        map(count, workers: workers, state: {}) { i, _ in work(i) }
    }

    /// `work(i, &state)` for every i in 0..<count, where `state` is the
    /// thread's own, made by `state()` on that thread before its first item
    /// and dropped after its last: for what must not be shared (scratch
    /// buffers, a stemmer, a compiled expression).
    static func map<State, T: Sendable>(_ count: Int, workers: Int = workerCount, state makeState: @Sendable () -> State,
                                        _ work: @Sendable (_ index: Int, _ state: inout State) -> T) -> [T] {
        let threads = min(workers, count)
        if threads <= 1 {
            var state = makeState()
            return (0..<count).map { work($0, &state) }
        }
        let job = Job<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            var state = makeState()
            while let i = job.claim() { job.put(work(i, &state), at: i) }
        }
        return job.results()
    }

    /// `work(i, &state)` for every i in 0..<count, with states that outlive
    /// the call: one thread per state, thread k working with `states[k]`,
    /// which come back changed. (`CorpusBuilder`'s analyzers keep their tables
    /// from one wave to the next.) With no state there is no thread, and no result.
    static func map<State: Sendable, T: Sendable>(_ count: Int, states: inout [State],
                                                 _ work: @Sendable (_ index: Int, _ state: inout State) -> T) -> [T] {
        let threads = min(states.count, count)
        if threads <= 1 {
            guard !states.isEmpty else { return [] }
            return (0..<count).map { work($0, &states[0]) }
        }
        let job = Job<T>(count: count)
        let held = Handoff(moving: &states)
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            held.with(thread) { state in
                while let i = job.claim() { job.put(work(i, &state), at: i) }
            }
        }
        states = held.giveBack()
        return job.results()
    }

    /// `work(input)` for each of `inputs`, each moved to the thread that takes
    /// it rather than copied, so what the work frees of it is freed then.
    static func map<Input: Sendable, T: Sendable>(taking inputs: consuming [Input], workers: Int = workerCount,
                                                  _ work: @Sendable (_ input: consuming Input) -> T) -> [T] {
        let held = Handoff(moving: &inputs)
        return map(held.count, workers: workers) { i -> T? in
            guard let input = held.take(i) else { return nil }
            return work(input)
        }.compactMap { $0 }
    }

    /// The shared part of one call: the next unclaimed index and a slot per
    /// result, under one lock (taken twice an item, which is little next to
    /// an item's work).
    private final class Job<T: Sendable>: Sendable {
        private let count: Int
        private let state: Locked<(next: Int, results: [T?])>

        init(count: Int) {
            self.count = count
            state = Locked((0, [T?](repeating: nil, count: count)))
        }

        func claim() -> Int? {
            state.withValue { state in
                guard state.next < count else { return nil }
                state.next += 1
                return state.next - 1
            }
        }

        func put(_ result: T, at i: Int) { state.withValue { $0.results[i] = result } }

        /// The results moved out (every slot was filled once every index was claimed).
        func results() -> [T] {
            state.withValue { state in
                defer { state.results = [] }
                return state.results.compactMap { $0 }
            }
        }
    }

    /// Values moved out of an array into slots, each then used by one thread
    /// alone: slot k by thread k (`with`), or slot i by whoever claimed index
    /// i (`take`). Moved, not copied, so each holds the only reference to its
    /// storage, and changing it copies nothing.
    private final class Handoff<Value: Sendable>: Sendable {
        let count: Int
        private let slots: Locked<[Value?]>

        init(moving values: inout [Value]) {
            count = values.count
            var slots = [Value?](repeating: nil, count: count)
            var i = count
            while let v = values.popLast() {   // moved: the array lets go of each value
                i -= 1
                slots[i] = v
            }
            self.slots = Locked(slots)
        }

        /// `body` with slot k's value, taken out of the slot meanwhile (so the
        /// lock is not held while it works).
        func with(_ k: Int, _ body: (inout Value) -> Void) {
            guard var value = take(k) else { return }
            body(&value)
            slots.withValue { $0[k] = value }
        }

        func take(_ i: Int) -> Value? { slots.withValue { $0[i].take() } }

        func giveBack() -> [Value] {
            slots.withValue { slots in
                defer { slots = [] }
                return slots.compactMap { $0 }
            }
        }
    }
}
