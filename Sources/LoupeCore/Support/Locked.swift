import Foundation

/// A value several threads read and change, every access under one lock:
/// that lock is why it may be shared, which the compiler cannot see (hence
/// the unchecked `Sendable`). For flags, tables and hand-overs, not hot loops.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value {
        get { withValue { $0 } }
        set { withValue { $0 = newValue } }
    }

    /// `body` with the value, no other thread touching it meanwhile.
    func withValue<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&stored)
    }
}
