import CMemoryHints
import Foundation

/// Byte strings → dense ids in first-seen order, without a `String` per key.
///
/// Keys live one after another in a single byte arena; an open-addressing
/// table (linear probing, at most half full) maps a key's hash to its id. This
/// is what lets loading intern millions of tokens with no allocation per token:
/// `Dictionary<String, UInt32>` needs a `String` (often a heap object) for
/// every lookup.
///
/// Most tokens are at most eight bytes, so a slot holds such a key itself:
/// finding it touches one slot and nothing else (a lookup is bound by cache
/// misses, not by arithmetic). Longer keys keep their hash there and are
/// compared with the arena only when the hashes match.
struct ByteInterner: Sendable {
    /// All keys, one after another; key `id` is `arena[starts[id]..<starts[id + 1]]`.
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    /// The count is a power of two.
    private var slots: [Slot]

    private struct Slot {
        /// The key's bytes (zero-padded) if it has at most eight, else its hash.
        var word: UInt64 = 0
        /// id + 1 in the low 32 bits (0 for an empty slot), the key's length
        /// (at most `lengthCap`) in the 16 bits above.
        var meta: UInt64 = 0
    }
    private static let lengthCap = 0xFFFF

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [Slot](repeating: Slot(), count: size)
    }

    var count: Int { starts.count - 1 }

    /// The id of `key`, adding it if it is new.
    mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> (id: UInt32, isNew: Bool) {
        let (h, packed) = Self.hash(key)
        return intern(key, hash: h, word: key.count <= 8 ? packed : h)
    }

    /// `intern` for a key of one to eight bytes, given packed little-endian in
    /// a word (zero above `length`): no bytes to read, one slot to look at.
    mutating func intern(packed: UInt64, length: Int) -> UInt32 {
        intern(packed: packed, length: length, hash: Self.hash(packed: packed, length: length))
    }

    /// `intern(key)` with `hash(key)` already made: `h` is its hash, `word`
    /// what a slot holds for it (its packed bytes if it has at most eight, else `h`).
    @inline(__always)
    mutating func intern(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt64, word: UInt64) -> (id: UInt32, isNew: Bool) {
        let probe = self.probe(hash: h, word: word, length: key.count, key: key)
        if let id = probe.id { return (id, false) }
        arena.append(contentsOf: key)
        return (add(at: probe.slot, word: probe.word, length: key.count), true)
    }

    /// `intern(packed:length:)` with the key's hash, `hash(packed:length:)`, already made.
    @inline(__always)
    mutating func intern(packed: UInt64, length: Int, hash h: UInt64) -> UInt32 {
        let probe = self.probe(hash: h, word: packed, length: length, key: nil)
        if let id = probe.id { return id }
        withUnsafeBytes(of: packed.littleEndian) { arena.append(contentsOf: $0.prefix(length)) }
        return add(at: probe.slot, word: packed, length: length)
    }

    /// Asks the cache for the slot where a key of hash `h` is looked for first.
    /// (Mutating, though it changes nothing, so that a caller holding the
    /// interner inout calls it in place instead of on a retained copy.)
    @inline(__always)
    mutating func prefetch(hash h: UInt64) {
        slots.withUnsafeBufferPointer { table in
            guard let base = table.baseAddress else { return }
            loupe_prefetch_read(base + (Int(truncatingIfNeeded: h) & (table.count - 1)))
        }
    }

    func id(of key: UnsafeBufferPointer<UInt8>) -> UInt32? {
        let (h, packed) = Self.hash(key)
        return probe(hash: h, word: key.count <= 8 ? packed : h, length: key.count, key: key).id
    }

    /// The id here of every key of `other`, in `other`'s id order (`missing`
    /// where it has none). A chunk's forms looked up in the whole vocabulary
    /// (CorpusBuilder) are mostly cache misses in a table of megabytes, so a
    /// batch of keys goes through the lookup in steps, each step asking the
    /// cache for what the next one reads for every key of the batch, so that
    /// their misses overlap instead of coming one after another: the first
    /// slots; for keys over eight bytes, whose slot holds only a hash, the
    /// start of the candidate's bytes; then those bytes, to compare.
    func ids(ofKeysIn other: ByteInterner, missing: UInt32) -> [UInt32] {
        let batch = 16
        var out = [UInt32](repeating: missing, count: other.count)
        var hashes = [UInt64](repeating: 0, count: batch), words = hashes
        var candidates = [Int](repeating: -1, count: batch)
        other.arena.withUnsafeBufferPointer { keyBytes in
        other.starts.withUnsafeBufferPointer { keyStarts in
        slots.withUnsafeBufferPointer { table in
        starts.withUnsafeBufferPointer { ownStarts in
        arena.withUnsafeBufferPointer { ownBytes in
            guard let slotBase = table.baseAddress, let startBase = ownStarts.baseAddress else { return }
            let mask = table.count - 1
            var first = 0
            while first < other.count {
                let end = Swift.min(other.count, first + batch)
                for id in first..<end {
                    let key = UnsafeBufferPointer(rebasing: keyBytes[keyStarts[id]..<keyStarts[id + 1]])
                    let (h, packed) = Self.hash(key)
                    hashes[id - first] = h
                    words[id - first] = key.count <= 8 ? packed : h
                    loupe_prefetch_read(slotBase + (Int(truncatingIfNeeded: h) & mask))
                }
                // The first slot holding the same word and length: the key's
                // own for a short key, almost surely for a long one.
                for id in first..<end {
                    let length = keyStarts[id + 1] - keyStarts[id]
                    let candidate = Self.nextCandidate(table, from: Int(truncatingIfNeeded: hashes[id - first]) & mask,
                                                       word: words[id - first], lengthBits: Self.lengthBits(length)).id ?? -1
                    candidates[id - first] = candidate
                    if length > 8, candidate >= 0 { loupe_prefetch_read(startBase + candidate) }
                }
                if let bytes = ownBytes.baseAddress {
                    for id in first..<end where candidates[id - first] >= 0 && keyStarts[id + 1] - keyStarts[id] > 8 {
                        loupe_prefetch_read(bytes + ownStarts[candidates[id - first]])
                    }
                }
                for id in first..<end {
                    let candidate = candidates[id - first]
                    guard candidate >= 0 else { continue }
                    let key = UnsafeBufferPointer(rebasing: keyBytes[keyStarts[id]..<keyStarts[id + 1]])
                    if key.count <= 8 || keyEquals(candidate, key) {
                        out[id] = UInt32(candidate)
                    } else if let found = probe(hash: hashes[id - first], word: words[id - first], length: key.count, key: key).id {
                        out[id] = found   // two keys with one hash: the full probe goes on past the first
                    }
                }
                first = end
            }
        }}}}}
        return out
    }

    /// Records the key just appended to the arena in the empty slot `slot`.
    private mutating func add(at slot: Int, word: UInt64, length: Int) -> UInt32 {
        let id = UInt32(count)
        starts.append(arena.count)
        slots[slot] = Slot(word: word, meta: Self.lengthBits(length) | UInt64(id + 1))
        if count * 2 > slots.count { grow() }
        return id
    }

    private static func lengthBits(_ length: Int) -> UInt64 { UInt64(min(length, lengthCap)) << 32 }

    /// Calls `body` with the bytes of key `id`.
    func withKey<R>(_ id: UInt32, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let lo = starts[Int(id)], hi = starts[Int(id) + 1]
        return try arena.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[lo..<hi])) }
    }

    func string(_ id: UInt32) -> String { withKey(id) { String(decoding: $0, as: UTF8.self) } }

    /// The key's id if present; else the empty slot where it belongs. `word`
    /// is what a slot holds for the key; `key` (its bytes) is needed only
    /// for keys over eight bytes, whose slots hold just a hash.
    @inline(__always)
    private func probe(hash h: UInt64, word: UInt64, length: Int, key: UnsafeBufferPointer<UInt8>?) -> (id: UInt32?, slot: Int, word: UInt64) {
        let lengthBits = Self.lengthBits(length)
        return slots.withUnsafeBufferPointer { table in
            let mask = table.count - 1
            var i = Int(truncatingIfNeeded: h) & mask
            while true {
                let found = Self.nextCandidate(table, from: i, word: word, lengthBits: lengthBits)
                guard let id = found.id else { return (nil, found.slot, word) }
                if length <= 8 || keyEquals(id, key) { return (UInt32(id), found.slot, word) }
                i = (found.slot + 1) & mask
            }
        }
    }

    /// From slot `i` on, the first slot that is empty (id nil) or holds `word`
    /// and a key of the length `lengthBits` says (its id): one step of a probe,
    /// before any key's bytes are compared.
    @inline(__always)
    private static func nextCandidate(_ table: UnsafeBufferPointer<Slot>, from i: Int, word: UInt64,
                                      lengthBits: UInt64) -> (slot: Int, id: Int?) {
        let mask = table.count - 1
        var i = i
        while true {
            let slot = table[i]
            if slot.meta == 0 { return (i, nil) }
            if slot.word == word && slot.meta & 0xFFFF_0000_0000 == lengthBits { return (i, Int(slot.meta & 0xFFFF_FFFF) - 1) }
            i = (i + 1) & mask
        }
    }

    private func keyEquals(_ id: Int, _ key: UnsafeBufferPointer<UInt8>?) -> Bool {
        guard let key else { return false }
        let lo = starts[id], hi = starts[id + 1]
        guard hi - lo == key.count else { return false }
        return arena.withUnsafeBufferPointer { arena in
            guard let a = arena.baseAddress, let k = key.baseAddress else { return true }   // both empty
            return memcmp(a + lo, k, key.count) == 0
        }
    }

    /// Doubles the table; the keys' hashes are computed again from the arena.
    private mutating func grow() {
        var table = [Slot](repeating: Slot(), count: slots.count * 2)
        let mask = table.count - 1
        arena.withUnsafeBufferPointer { bytes in
            for id in 0..<count {
                let key = UnsafeBufferPointer(rebasing: bytes[starts[id]..<starts[id + 1]])
                let (h, packed) = Self.hash(key)
                var i = Int(truncatingIfNeeded: h) & mask
                while table[i].meta != 0 { i = (i + 1) & mask }
                table[i] = Slot(word: key.count <= 8 ? packed : h, meta: Self.lengthBits(key.count) | UInt64(id + 1))
            }
        }
        slots = table
    }

    /// A fast 64-bit hash of a short byte string (eight bytes at a time, each
    /// folded in with a multiply, then a final avalanche, wyhash-style), and
    /// the key packed little-endian into a word when it has at most eight bytes.
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, packed: UInt64) {
        let m: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h = UInt64(key.count) &* m
        guard let base = key.baseAddress else { return (finish(h), 0) }
        let raw = UnsafeRawPointer(base)
        var i = 0
        var packed: UInt64 = 0
        while i + 8 <= key.count {
            packed = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            h = (h ^ packed) &* m
            h ^= h >> 29
            i += 8
        }
        if i < key.count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < key.count { tail |= UInt64(base[i]) << shift; shift += 8; i += 1 }
            packed = tail
            h = (h ^ tail) &* m
            h ^= h >> 29
        }
        return (finish(h), packed)
    }

    /// `hash(key).hash` for a key of at most eight bytes, from its packed word.
    @inline(__always)
    static func hash(packed: UInt64, length: Int) -> UInt64 {
        var h = UInt64(length) &* 0x9E37_79B9_7F4A_7C15
        if length > 0 {
            h = (h ^ packed) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
        }
        return finish(h)
    }

    @inline(__always)
    private static func finish(_ h: UInt64) -> UInt64 {
        let h = (h ^ (h >> 32)) &* 0xD6E8_FEB8_6659_FD93
        return h ^ (h >> 32)
    }
}
