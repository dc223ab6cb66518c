import Foundation

/// Runs independent pieces of work on all cores and returns their results in
/// order, so what is computed never depends on how many threads ran it.
enum Parallel {
    static var workerCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// `work(i, worker)` for every i in 0..<count, results in index order.
    /// Each worker (0..<workers) is one thread that takes the next index when
    /// it finishes one, so items of uneven size still keep every core busy;
    /// `worker` lets the caller give each thread its own scratch state, which
    /// is why `work` need not be `@Sendable`: no two threads share a worker.
    static func map<T>(_ count: Int, workers: Int, _ work: (_ index: Int, _ worker: Int) -> T) -> [T] {
        let threads = min(workers, count)
        if threads <= 1 { return (0..<count).map { work($0, 0) } }
        return withoutActuallyEscaping(work) { work in
            let job = Job(count: count, work: work)
            DispatchQueue.concurrentPerform(iterations: threads) { worker in job.run(worker: worker) }
            return job.results()
        }
    }

    /// The shared state of one `map`: the next unclaimed index and a slot per
    /// result. Each slot is written by exactly one thread, the index under a lock.
    private final class Job<T>: @unchecked Sendable {
        private let count: Int
        private let work: (Int, Int) -> T
        private let slots: UnsafeMutableBufferPointer<T?>
        private let lock = NSLock()
        private var next = 0

        init(count: Int, work: @escaping (Int, Int) -> T) {
            self.count = count
            self.work = work
            slots = .allocate(capacity: count)
            slots.initialize(repeating: nil)
        }

        deinit {
            _ = slots.deinitialize()
            slots.deallocate()
        }

        func run(worker: Int) {
            while true {
                lock.lock()
                let i = next
                next += 1
                lock.unlock()
                guard i < count else { return }
                slots[i] = work(i, worker)
            }
        }

        /// Moves the results out (every slot was filled by `run`).
        func results() -> [T] {
            var out: [T] = []
            out.reserveCapacity(count)
            for i in 0..<count { if let r = slots[i].take() { out.append(r) } }
            return out
        }
    }
}
