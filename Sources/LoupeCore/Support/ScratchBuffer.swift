/// Memory one thread reuses from task to task (a document's spans, its staged
/// keys, folded forms): grown when a task needs more, never shrunk. Lent out
/// only for the length of a call (`withScratch`), so no pointer into it can
/// outlive the use it was given for, or see the buffer grow under it.
struct ScratchBuffer<Element: BitwiseCopyable & Sendable>: Sendable {
    /// Plain numbers, so they need no initializing: a task writes before it reads.
    private var storage: [Element]

    init(capacity: Int) { storage = Self.uninitialized(Swift.max(1, capacity)) }

    /// `body` with room for at least `count` elements (as many as the buffer
    /// holds). When it has to grow, it grows to `count + slack`, and what it
    /// held is gone.
    mutating func withScratch<R>(_ count: Int, slack: Int = 0, _ body: (UnsafeMutableBufferPointer<Element>) throws -> R) rethrows -> R {
        if count > storage.count { storage = Self.uninitialized(count + Swift.max(0, slack)) }
        return try storage.withUnsafeMutableBufferPointer { try body($0) }
    }

    private static func uninitialized(_ count: Int) -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }
}
