/// Memory one thread reuses from task to task (a document's spans, its staged
/// keys, folded forms): grown when a task needs more, never shrunk, and never
/// initialized, so a task writes before it reads.
final class ScratchBuffer<Element> {
    private(set) var base: UnsafeMutablePointer<Element>
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Room for at least `count` elements; when it has to grow, it grows to
    /// `count + slack`, and what it held is gone.
    func reserve(_ count: Int, slack: Int = 0) -> UnsafeMutablePointer<Element> {
        if count > capacity {
            base.deallocate()
            capacity = count + max(0, slack)
            base = .allocate(capacity: capacity)
        }
        return base
    }
}
