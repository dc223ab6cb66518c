#if canImport(Glibc)
import Glibc
#endif

/// Heap pages that a build used and freed (file buffers, per-thread token arrays before
/// the merge) handed back to the system; glibc keeps them otherwise, and they would count
/// against the session's resident memory for its lifetime.
enum FreedMemory {
    static func release() {
        #if canImport(Glibc)
        // malloc_trim is glibc's (malloc.h, which the Glibc module leaves out): found at run time.
        typealias Trim = @convention(c) (Int) -> Int32
        if let symbol = dlsym(nil, "malloc_trim") { _ = unsafeBitCast(symbol, to: Trim.self)(0) }
        #endif
    }
}
