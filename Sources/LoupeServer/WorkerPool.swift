import Foundation

/// A fixed set of threads of our own that run blocking work (Lua evaluations, queries)
/// off NIO's event loops. Each thread has a `State` made on it once (a query thread's
/// limits). Jobs wait in a bounded queue; past it, `run` refuses at once.
final class WorkerPool<State>: @unchecked Sendable {
    struct Full: Error {}

    private let condition = NSCondition()
    private var queue: [(State) -> Void] = []
    private var head = 0
    private var stopping = false
    private var running = 0
    private let maxQueued: Int
    let threadCount: Int

    /// `threads` threads named `name`, each with a state from `makeState` (called on that thread).
    init(name: String, threads: Int, maxQueued: Int, stackSize: Int = 8 << 20, makeState: @escaping @Sendable () -> State) {
        self.maxQueued = maxQueued
        threadCount = max(1, threads)
        for i in 0..<threadCount {
            let thread = Thread { [self] in
                Signals.blockTermination()
                let state = makeState()
                work(state)
            }
            thread.name = "\(name)-\(i + 1)"
            thread.stackSize = stackSize
            thread.start()
        }
    }

    private func work(_ state: State) {
        while true {
            condition.lock()
            while head == queue.count && !stopping { condition.wait() }
            if head == queue.count && stopping { condition.unlock(); return }
            let job = queue[head]
            queue[head] = { _ in }   // the job's captures go when it has run, on this thread
            head += 1
            if head > 64, head * 2 > queue.count { queue.removeFirst(head); head = 0 }
            running += 1
            condition.unlock()
            job(state)
            // a Lua scope unblocks SIGINT on its thread; the server's own thread waits for it
            Signals.blockTermination()
            condition.lock()
            running -= 1
            condition.unlock()
        }
    }

    /// Jobs waiting and running now.
    var load: (queued: Int, running: Int) {
        condition.lock(); defer { condition.unlock() }
        return (queue.count - head, running)
    }

    /// Runs `body` on one of the threads and returns its result; throws `Full` when the
    /// queue is full or the pool is stopping.
    func run<T: Sendable>(_ body: @escaping @Sendable (State) -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let accepted = submit { state in continuation.resume(returning: body(state)) }
            if !accepted { continuation.resume(throwing: Full()) }
        }
    }

    /// Queues `job`; false when the queue is full or the pool is stopping.
    @discardableResult
    func submit(_ job: @escaping (State) -> Void) -> Bool {
        condition.lock(); defer { condition.unlock() }
        guard !stopping, queue.count - head < maxQueued else { return false }
        queue.append(job)
        condition.signal()
        return true
    }

    /// Lets the threads finish what is queued, then end.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }
}
