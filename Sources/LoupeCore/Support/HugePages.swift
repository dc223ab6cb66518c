/// Big scratch buffers that are written once right after allocation (n-gram
/// entries, table columns) cost a page fault per 4 KB on first touch, and on a
/// virtual machine a fault is dear. Asking Linux for 2 MB pages before the first write makes that a fault
/// per 2 MB. Only advice: elsewhere, or when the kernel declines, nothing changes.
enum HugePages {
    static let size = 2 << 20

    /// Advises huge pages for the whole 2 MB pages inside `buffer`, when it is big enough to matter.
    static func advise<T>(_ buffer: UnsafeMutableBufferPointer<T>) {
        guard let base = buffer.baseAddress, buffer.count * MemoryLayout<T>.stride >= 2 * size else { return }
        let start = (Int(bitPattern: base) + size - 1) & ~(size - 1)
        let end = (Int(bitPattern: base) + buffer.count * MemoryLayout<T>.stride) & ~(size - 1)
        guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
        FileSystem.adviseHugePages(pointer, length: end - start)
    }

    /// An empty array with room for `capacity` elements, advised as above: for appending to.
    static func emptyArray<T>(capacity: Int) -> [T] {
        [T](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            advise(buffer)
            initialized = 0
        }
    }
}
