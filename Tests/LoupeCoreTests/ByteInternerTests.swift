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
}
