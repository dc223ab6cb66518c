/// Heap pages that a build used and freed (file buffers, per-thread token arrays before
/// the merge) handed back to the system; glibc keeps them otherwise, and they would count
/// against the session's resident memory for its lifetime.
enum FreedMemory {
    static func release() { FileSystem.releaseFreedHeap() }
}
