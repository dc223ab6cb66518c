/// An output buffer that the threads of one `Parallel.map` fill together,
/// each writing slots that no other thread writes, with nothing read back
/// until the map has returned. The caller's layout is what keeps the writes
/// apart (each user says how); the compiler cannot see it, hence the
/// unchecked `Sendable`.
struct DisjointSlots<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>

    init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}
