import Testing
@testable import LoupeCore
import LoupeTestSupport

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

    /// Two 16-byte keys made to share a hash (the second word cancels the
    /// difference the first made): a lookup of the second finds the first's
    /// slot first, and must compare the bytes and go on to the right one.
    @Test func lookupGetsPastAHashCollision() throws {
        let m: UInt64 = 0x9E37_79B9_7F4A_7C15
        func mixed(_ w: UInt64) -> UInt64 { var h = (16 &* m ^ w) &* m; h ^= h >> 29; return h }
        let a0: UInt64 = 0x6F6C_6C65_6877_6F72, a1: UInt64 = 0x2173_6472_6F77_646C
        let b0: UInt64 = 0x0123_4567_89AB_CDEF
        let b1 = a1 ^ mixed(a0) ^ mixed(b0)
        func bytes(_ w0: UInt64, _ w1: UInt64) -> [UInt8] { withUnsafeBytes(of: (w0.littleEndian, w1.littleEndian)) { Array($0) } }
        let a = bytes(a0, a1), b = bytes(b0, b1)
        let (ha, hb) = (a.withUnsafeBufferPointer { ByteInterner.hash($0).hash }, b.withUnsafeBufferPointer { ByteInterner.hash($0).hash })
        try #require(a != b && ha == hb, "the keys no longer collide: the hash changed, so must this test")
        var both = ByteInterner()
        let idA = a.withUnsafeBufferPointer { both.intern($0).id }
        let idB = b.withUnsafeBufferPointer { both.intern($0) }
        #expect(idA == 0 && idB == (1, true) && both.count == 2)
        #expect(b.withUnsafeBufferPointer { both.id(of: $0) } == 1)
        #expect(a.withUnsafeBufferPointer { both.intern($0) } == (0, false))
        var onlyA = ByteInterner()
        _ = a.withUnsafeBufferPointer { onlyA.intern($0) }
        #expect(b.withUnsafeBufferPointer { onlyA.id(of: $0) } == nil)
    }

    /// Slots keep a key's length only up to 65,535 bytes; longer keys must
    /// still be told apart by their real lengths and bytes.
    @Test func keysLongerThanASlotsLengthAreToldApart() {
        let long = [UInt8](repeating: 97, count: 70_000)
        var keys = [long, long + [97], long + [98], Array(long.dropLast()) + [98], [UInt8](repeating: 97, count: 65_535)]
        keys.append(keys[0])
        var interner = ByteInterner()
        let ids = keys.map { key in key.withUnsafeBufferPointer { interner.intern($0).id } }
        #expect(ids == [0, 1, 2, 3, 4, 0])
        for (i, key) in keys.enumerated() {
            #expect(key.withUnsafeBufferPointer { interner.id(of: $0) } == ids[i])
            #expect(interner.withKey(ids[i]) { Array($0) } == key)
        }
    }

    /// The hashes made from packed words (loading's fast paths) are those of
    /// the bytes, for every length they are used for.
    @Test func packedHashesAreTheBytesHashes() {
        var rng = LCG(seed: 16)
        for _ in 0..<3_000 {
            let length = 1 + rng.int(16)
            let key = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.int(256)) }
            let expected = key.withUnsafeBufferPointer { ByteInterner.hash($0).hash }
            func word(_ bytes: ArraySlice<UInt8>) -> UInt64 { bytes.enumerated().reduce(0) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) } }
            if length <= 8 {
                #expect(ByteInterner.hash(packed: word(key[...]), length: length) == expected)
            } else {
                #expect(ByteInterner.hash(packed: word(key[0..<8]), word(key[8...]), length: length) == expected)
            }
        }
    }
}
