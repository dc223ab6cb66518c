/// Gives each distinct pair (a, b) of 32-bit ids a dense id 0, 1, 2, … in
/// order of first sight: an open-addressing hash table (linear probing,
/// Fibonacci hashing) keyed by the exact 64-bit packing `a << 32 | b`, so
/// there are no collisions to worry about, only probes. n-grams are built
/// from it level by level: an n-gram's id is the pair (id of its first
/// n − 1 tokens, its last token).
struct PairInterner {
    private static let empty = UInt64.max
    private var keys: [UInt64]
    private var values: [UInt32]
    private var shift: UInt64
    private(set) var count = 0

    init() {
        keys = [UInt64](repeating: Self.empty, count: 1 << 12)
        values = [UInt32](repeating: 0, count: 1 << 12)
        shift = 64 - 12
    }

    /// `a` and `b` are below UInt32.max, so a key never equals the empty mark.
    @inline(__always)
    mutating func intern(_ a: UInt32, _ b: UInt32) -> UInt32 {
        let key = UInt64(a) << 32 | UInt64(b)
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == Self.empty { break }
            i = (i + 1) & mask
        }
        let id = UInt32(count)
        keys[i] = key
        values[i] = id
        count += 1
        if count * 2 > keys.count { grow() }
        return id
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        let size = oldKeys.count * 2
        keys = [UInt64](repeating: Self.empty, count: size)
        values = [UInt32](repeating: 0, count: size)
        shift -= 1
        let mask = size - 1
        for (j, key) in oldKeys.enumerated() where key != Self.empty {
            var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while keys[i] != Self.empty { i = (i + 1) & mask }
            keys[i] = key
            values[i] = oldValues[j]
        }
    }
}
