import Testing
@testable import LoupeCore
import LoupeTestSupport

/// Both ways of working NEAR (every pair, and the windows used past
/// `NearHits.pairLimit`) against pairs made one by one here, on random hit
/// lists with several ends at one start and hits both sides share.
@Suite struct NearHitsTests {
    static func bruteNear(_ a: [Hit], _ b: [Hit], _ n: Int) -> [Hit] {
        var spans = Set<Hit>()
        for x in a { for y in b where x.document == y.document && abs(x.start - y.start) <= n && x != y {
            spans.insert(Hit(document: x.document, start: min(x.start, y.start), end: max(x.end, y.end)))
        } }
        return spans.sorted { ($0.document, $0.start, $0.end) < ($1.document, $1.start, $1.end) }
    }

    /// Distinct hits in order: up to `documents` documents of `length` tokens, ends 1-4 past the start.
    static func hits(_ rng: inout LCG, documents: Int, length: Int, density: Int) -> [Hit] {
        var set = Set<Hit>()
        for d in 0..<documents {
            for s in 0..<length where rng.int(density) == 0 {
                for _ in 0..<(1 + rng.int(3)) { set.insert(Hit(document: d, start: s, end: min(length, s + 1 + rng.int(4)))) }
            }
        }
        return set.sorted { ($0.document, $0.start, $0.end) < ($1.document, $1.start, $1.end) }
    }

    @Test(arguments: Array(1...12) as [UInt64])
    func bothWaysEqualEveryPair(seed: UInt64) throws {
        var rng = LCG(seed: seed)
        let docs = 1 + rng.int(4), length = 5 + rng.int(60)
        let x = Self.hits(&rng, documents: docs, length: length, density: 1 + rng.int(4))
        var y = Self.hits(&rng, documents: docs, length: length, density: 1 + rng.int(4))
        if seed % 3 == 0 { y = Array(Set(y).union(x.prefix(x.count / 2))).sorted { ($0.document, $0.start, $0.end) < ($1.document, $1.start, $1.end) } }
        for n in [0, 1, 3, 17, 1000] {
            let expected = Self.bruteNear(x, y, n)
            #expect(try NearHits.windowed(x, y, within: n) == expected, "seed \(seed) n \(n)")
            #expect(try NearHits.pairwise(x, y, within: n) == expected, "seed \(seed) n \(n)")
            #expect(try NearHits.of(x, y, within: n) == expected, "seed \(seed) n \(n)")
            #expect(try NearHits.windowed(x, x, within: n) == Self.bruteNear(x, x, n), "seed \(seed) n \(n) self")
        }
    }
}
