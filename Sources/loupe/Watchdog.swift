import Foundation

/// A wall-clock bound on work that should stop itself at its limit: the work runs on its own
/// thread, and when it has not finished `seconds` later the caller gets `orElse` and goes on.
/// The Lua limits normally end a runaway script first; this is the backstop for work that
/// does not poll them, so one student's script cannot stall a class check. The abandoned
/// thread holds only its own Lua state and is ended with the process.
enum Watchdog {
    /// Time past the script's own limit before the watchdog gives up on it: the limit's
    /// message should win when the script honours it.
    static func grace(_ seconds: Double) -> Double { min(5, max(1, seconds * 0.1)) }

    static func run<T: Sendable>(seconds: Double, orElse fallback: T, _ body: @escaping @Sendable () -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.set(body())
            done.signal()
        }
        thread.stackSize = 64 << 20   // as deep as the main thread allows Lua and Swift to recurse
        thread.start()
        _ = done.wait(timeout: .now() + seconds)
        return box.get() ?? fallback
    }
}

/// A value one thread sets and another reads.
private final class ResultBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: T?
    func set(_ v: T) { lock.lock(); value = v; lock.unlock() }
    func get() -> T? { lock.lock(); defer { lock.unlock() }; return value }
}
