/// A fixed set of short ASCII words, each packed little-endian into a UInt64
/// (never 0): membership is a multiply and, mostly, one load. Sentence
/// splitting asks it whether the word before a period is an abbreviation, at
/// every period; a binary search there mispredicted a branch at every step.
struct PackedWordSet: Sendable {
    /// Open addressing, linear probing, at most a quarter full; 0 is empty.
    private let slots: [UInt64]
    private let shift: UInt64

    init(_ words: [UInt64]) {
        var bits: UInt64 = 4
        while (1 << bits) < 4 * max(1, words.count) { bits += 1 }
        shift = 64 - bits
        var table = [UInt64](repeating: 0, count: 1 << Int(bits))
        for w in words where w != 0 {
            var i = Self.slot(w, shift: 64 - bits)
            while table[i] != 0 && table[i] != w { i = (i + 1) & (table.count - 1) }
            table[i] = w
        }
        slots = table
    }

    @inline(__always)
    private static func slot(_ w: UInt64, shift: UInt64) -> Int { Int(truncatingIfNeeded: (w &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    @inline(__always)
    func contains(_ w: UInt64) -> Bool {
        guard w != 0 else { return false }
        let mask = slots.count - 1
        var i = Self.slot(w, shift: shift)
        while true {
            let s = slots[i]
            if s == w { return true }
            if s == 0 { return false }
            i = (i + 1) & mask
        }
    }
}
