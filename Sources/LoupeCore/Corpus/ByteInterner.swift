import CMemoryHints
import Foundation

/// Byte strings → dense ids in first-seen order, without a `String` per key.
///
/// Keys live one after another in a single byte arena; an open-addressing
/// table (linear probing) maps a key's hash to its id. This is what lets
/// loading intern millions of tokens with no allocation per token:
/// `Dictionary<String, UInt32>` needs a `String` (often a heap object) for
/// every lookup.
///
/// Most tokens are at most eight bytes, so a slot holds such a key itself:
/// finding it touches one slot and nothing else (a lookup is bound by cache
/// misses, not by arithmetic). A longer key's slot holds the top bits of its
/// hash and where its bytes start in the arena, so it is compared with the
/// arena only when those bits match, and straight there, without first
/// reading where key `id` starts (one cache miss instead of two).
struct ByteInterner: Sendable {
    /// All keys, one after another; key `id` is `arena[starts[id]..<starts[id + 1]]`.
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    /// The count is a power of two; at most three quarters are used: half the
    /// memory of a table kept half full, for a few more probes, and faster overall
    /// (measured: docs/performance.md).
    private var slots: [Slot]

    private struct Slot {
        /// The key's bytes (zero-padded) if it has at most eight; else the
        /// top 24 bits of its hash (`tagMask`) over its start in the arena.
        var word: UInt64 = 0
        /// id + 1 in the low 32 bits (0 for an empty slot), the key's length
        /// (at most `lengthCap`) in the 16 bits above.
        var meta: UInt64 = 0
    }
    private static let lengthCap = 0xFFFF
    /// A long key's slot word: hash bits it is told apart by, and its arena start
    /// (40 bits: a terabyte of keys, more than a process here can hold).
    private static let tagMask: UInt64 = 0xFF_FFFF << 40
    private static let startMask: UInt64 = 1 << 40 - 1

    init(capacity: Int = 64) {
        var size = 16
        while size * 3 < capacity * 4 { size *= 2 }
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
        let start = arena.count
        arena.append(contentsOf: key)
        return (add(at: probe.slot, word: Self.slotWord(word, length: key.count, start: start), length: key.count), true)
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

    /// What a slot holds for a key: `word` itself for a short key; for a long
    /// one (`word` is then its hash) the hash's tag and `start`.
    @inline(__always)
    private static func slotWord(_ word: UInt64, length: Int, start: Int) -> UInt64 {
        length <= 8 ? word : word & tagMask | UInt64(truncatingIfNeeded: start) & startMask
    }

    /// Records the key just appended to the arena in the empty slot `slot`.
    private mutating func add(at slot: Int, word: UInt64, length: Int) -> UInt32 {
        let id = UInt32(count)
        starts.append(arena.count)
        slots[slot] = Slot(word: word, meta: Self.lengthBits(length) | UInt64(id + 1))
        if count * 4 > slots.count * 3 { grow() }
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
    /// is the key's packed bytes if it has at most eight, else its hash;
    /// `key` (its bytes) is needed only for keys over eight bytes.
    @inline(__always)
    private func probe(hash h: UInt64, word: UInt64, length: Int, key: UnsafeBufferPointer<UInt8>?) -> (id: UInt32?, slot: Int) {
        let lengthBits = Self.lengthBits(length)
        let compared = length <= 8 ? UInt64.max : Self.tagMask
        return slots.withUnsafeBufferPointer { table in
            let mask = table.count - 1
            var i = Int(truncatingIfNeeded: h) & mask
            while true {
                let found = Self.nextCandidate(table, from: i, word: word & compared, compared: compared, lengthBits: lengthBits)
                guard let id = found.id else { return (nil, found.slot) }
                if length <= 8 || keyEquals(id, start: Int(table[found.slot].word & Self.startMask), key) { return (UInt32(id), found.slot) }
                i = (found.slot + 1) & mask
            }
        }
    }

    /// From slot `i` on, the first slot that is empty (id nil) or holds a key
    /// of the length `lengthBits` says whose word matches `word` in the bits
    /// `compared` (its id): one step of a probe, before any bytes are compared.
    @inline(__always)
    private static func nextCandidate(_ table: UnsafeBufferPointer<Slot>, from i: Int, word: UInt64, compared: UInt64,
                                      lengthBits: UInt64) -> (slot: Int, id: Int?) {
        let mask = table.count - 1
        var i = i
        while true {
            let slot = table[i]
            if slot.meta == 0 { return (i, nil) }
            if slot.word & compared == word && slot.meta & 0xFFFF_0000_0000 == lengthBits { return (i, Int(slot.meta & 0xFFFF_FFFF) - 1) }
            i = (i + 1) & mask
        }
    }

    /// Whether key `id`, over eight bytes and starting at `start` in the
    /// arena, is `key`. The slot's length bits agreed, so the lengths are
    /// equal unless both reach `lengthCap`: then `starts` says.
    private func keyEquals(_ id: Int, start: Int, _ key: UnsafeBufferPointer<UInt8>?) -> Bool {
        guard let key, let k = key.baseAddress else { return false }
        let n = key.count
        return arena.withUnsafeBufferPointer { arena in
            guard let a = arena.baseAddress, start + n <= arena.count else { return false }
            if n >= Self.lengthCap, starts[id + 1] - starts[id] != n { return false }
            // Eight bytes at a time, the last eight overlapping: no call, and
            // exact for any length over seven.
            let ra = UnsafeRawPointer(a + start), rk = UnsafeRawPointer(k)
            var i = 0
            while i + 8 < n {
                if ra.loadUnaligned(fromByteOffset: i, as: UInt64.self) != rk.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
                i += 8
            }
            return ra.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == rk.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
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
                table[i] = Slot(word: Self.slotWord(key.count <= 8 ? packed : h, length: key.count, start: starts[id]),
                                meta: Self.lengthBits(key.count) | UInt64(id + 1))
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

    /// `hash(key).hash` for a key of nine to sixteen bytes, from its first
    /// eight bytes and the rest (zero above `length`), packed little-endian.
    @inline(__always)
    static func hash(packed low: UInt64, _ high: UInt64, length: Int) -> UInt64 {
        let m: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h = (UInt64(length) &* m ^ low) &* m
        h ^= h >> 29
        h = (h ^ high) &* m
        h ^= h >> 29
        return finish(h)
    }

    @inline(__always)
    private static func finish(_ h: UInt64) -> UInt64 {
        let h = (h ^ (h >> 32)) &* 0xD6E8_FEB8_6659_FD93
        return h ^ (h >> 32)
    }
}
