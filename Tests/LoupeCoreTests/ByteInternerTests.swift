import Testing
@testable import LoupeCore

/// The byte-keyed table loading interns every form in: ids in first-seen order,
/// short keys held in their slots, long ones compared with the arena.
@Suite struct ByteInternerTests {
    static func keys(seed: UInt64, count: Int) -> [[UInt8]] {
        var rng = LCG(seed: seed)
        // Lengths around the eight-byte boundary, some keys equal but for their last byte.
        return (0..<count).map { _ in
            let length = [1, 2, 7, 8, 9, 15, 16, 17, 40][rng.int(9)]
            return (0..<length).map { _ in UInt8(97 + rng.int(3)) }
        }
    }

    @Test func idsAreDenseInFirstSeenOrderAndStable() {
        var interner = ByteInterner()
        var expected: [[UInt8]: UInt32] = [:]
        for key in Self.keys(seed: 1, count: 5_000) {
            let (id, isNew) = key.withUnsafeBufferPointer { interner.intern($0) }
            if let known = expected[key] {
                #expect(id == known && !isNew)
            } else {
                #expect(id == UInt32(expected.count) && isNew)
                expected[key] = id
            }
        }
        #expect(interner.count == expected.count)
        for (key, id) in expected {
            #expect(key.withUnsafeBufferPointer { interner.id(of: $0) } == id)
            #expect(interner.withKey(id) { Array($0) } == key)
        }
    }

    /// The batched lookup of another table's keys gives what one lookup per key gives.
    @Test func batchedLookupEqualsOneLookupPerKey() {
        var big = ByteInterner(), chunk = ByteInterner()
        for key in Self.keys(seed: 2, count: 3_000) { _ = key.withUnsafeBufferPointer { big.intern($0) } }
        for key in Self.keys(seed: 3, count: 3_000) { _ = key.withUnsafeBufferPointer { chunk.intern($0) } }
        let missing = UInt32.max
        let batched = big.ids(ofKeysIn: chunk, missing: missing)
        let one = (0..<chunk.count).map { id in chunk.withKey(UInt32(id)) { big.id(of: $0) } ?? missing }
        #expect(batched == one)
        #expect(batched.contains(missing) && batched.contains { $0 != missing })   // both cases occur
        #expect(ByteInterner().ids(ofKeysIn: chunk, missing: missing).allSatisfy { $0 == missing })
        #expect(big.ids(ofKeysIn: ByteInterner(), missing: missing).isEmpty)
    }

    /// Two 16-byte keys made to share a hash (the second word cancels the
    /// difference the first made): the batched lookup's first candidate for
    /// the second key is the first, and it must go on to the right one.
    @Test func batchedLookupGetsPastAHashCollision() throws {
        let m: UInt64 = 0x9E37_79B9_7F4A_7C15
        func mixed(_ w: UInt64) -> UInt64 { var h = (16 &* m ^ w) &* m; h ^= h >> 29; return h }
        let a0: UInt64 = 0x6F6C_6C65_6877_6F72, a1: UInt64 = 0x2173_6472_6F77_646C
        let b0: UInt64 = 0x0123_4567_89AB_CDEF
        let b1 = a1 ^ mixed(a0) ^ mixed(b0)
        func bytes(_ w0: UInt64, _ w1: UInt64) -> [UInt8] { withUnsafeBytes(of: (w0.littleEndian, w1.littleEndian)) { Array($0) } }
        let a = bytes(a0, a1), b = bytes(b0, b1)
        let (ha, hb) = (a.withUnsafeBufferPointer { ByteInterner.hash($0).hash }, b.withUnsafeBufferPointer { ByteInterner.hash($0).hash })
        try #require(a != b && ha == hb, "the keys no longer collide: the hash changed, so must this test")
        var big = ByteInterner(), chunk = ByteInterner()
        _ = a.withUnsafeBufferPointer { big.intern($0) }
        let idB = b.withUnsafeBufferPointer { big.intern($0).id }
        _ = b.withUnsafeBufferPointer { chunk.intern($0) }
        #expect(big.count == 2)
        #expect(big.ids(ofKeysIn: chunk, missing: .max) == [idB])
        var onlyA = ByteInterner()
        _ = a.withUnsafeBufferPointer { onlyA.intern($0) }
        #expect(onlyA.ids(ofKeysIn: chunk, missing: .max) == [.max])
    }
}
