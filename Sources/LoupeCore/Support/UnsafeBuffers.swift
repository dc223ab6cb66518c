/// Plain pointers to several arrays at once, for the hot loops (no bounds or
/// uniqueness check per element in a release build), so that a loop over
/// four arrays reads as one scope rather than four nested ones. The pointers
/// are valid inside `body` only.

/// Pointers to arrays that are only read.
@inline(__always)
func withUnsafeBuffers<A, B, R>(_ a: [A], _ b: [B],
                                _ body: (UnsafeBufferPointer<A>, UnsafeBufferPointer<B>) throws -> R) rethrows -> R {
    try a.withUnsafeBufferPointer { a in try b.withUnsafeBufferPointer { b in try body(a, b) } }
}

@inline(__always)
func withUnsafeBuffers<A, B, C, R>(_ a: [A], _ b: [B], _ c: [C],
                                   _ body: (UnsafeBufferPointer<A>, UnsafeBufferPointer<B>, UnsafeBufferPointer<C>) throws -> R) rethrows -> R {
    try withUnsafeBuffers(a, b) { a, b in try c.withUnsafeBufferPointer { c in try body(a, b, c) } }
}

@inline(__always)
func withUnsafeBuffers<A, B, C, D, R>(
    _ a: [A], _ b: [B], _ c: [C], _ d: [D],
    _ body: (UnsafeBufferPointer<A>, UnsafeBufferPointer<B>, UnsafeBufferPointer<C>, UnsafeBufferPointer<D>) throws -> R
) rethrows -> R {
    try withUnsafeBuffers(a, b, c) { a, b, c in try d.withUnsafeBufferPointer { d in try body(a, b, c, d) } }
}

/// Pointers to arrays that are changed in place.
@inline(__always)
func withUnsafeMutableBuffers<A, B, R>(_ a: inout [A], _ b: inout [B],
                                       _ body: (UnsafeMutableBufferPointer<A>, UnsafeMutableBufferPointer<B>) throws -> R) rethrows -> R {
    try a.withUnsafeMutableBufferPointer { a in try b.withUnsafeMutableBufferPointer { b in try body(a, b) } }
}

@inline(__always)
func withUnsafeMutableBuffers<A, B, C, R>(
    _ a: inout [A], _ b: inout [B], _ c: inout [C],
    _ body: (UnsafeMutableBufferPointer<A>, UnsafeMutableBufferPointer<B>, UnsafeMutableBufferPointer<C>) throws -> R
) rethrows -> R {
    try withUnsafeMutableBuffers(&a, &b) { a, b in try c.withUnsafeMutableBufferPointer { c in try body(a, b, c) } }
}
