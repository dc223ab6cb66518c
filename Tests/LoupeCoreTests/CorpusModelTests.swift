import Testing
@testable import LoupeCore
import LoupeTestSupport

/// The in-memory corpus: documents' token ranges, the index, metadata order.
@Suite struct CorpusModelTests {
    @Test func documentsOwnConsecutiveTokenRanges() {
        let c = CorpusBuilder.corpus(texts: ["one two three", "", "four", "... !!!", "five six"])
        #expect(c.documents.map(\.tokenBase) == [0, 3, 3, 4, 4])
        #expect(c.documents.map(\.tokenCount) == [3, 0, 1, 0, 2])
        #expect(c.tokenCount == 6)
        // The document holding each global position (an empty document holds none).
        #expect((0..<6).map { c.documentIndex(containing: $0) } == [0, 0, 0, 2, 4, 4])
        #expect(c.surfaceTokens(of: 4) == ["five", "six"])
        #expect(c.documentIndex(id: "doc3") == 2)
        #expect(c.documentIndex(id: "nope") == nil)
    }

    @Test func theIndexHoldsEveryPositionOfEveryType() {
        let texts = PhraseSearchTests.randomCorpus(seed: 77)
        let c = CorpusBuilder.corpus(texts: texts)
        var expected: [String: [UInt32]] = [:]
        var p: UInt32 = 0
        for d in c.documents.indices {
            for f in c.matchingForms(of: d) { expected[f, default: []].append(p); p += 1 }
        }
        #expect(c.vocabulary.count == expected.count)
        for (form, positions) in expected {
            let id = c.vocabulary.id(of: form)!
            #expect(Array(c.index.postings(of: id)) == positions)
            #expect(c.index.frequency(of: id) == positions.count)
        }
        #expect(c.index.frequency(of: UInt32(c.vocabulary.count + 5)) == 0)
    }

    /// The index stores gaps in one to five bytes and is built in segments on
    /// several threads when the token array is large: checked against a plain
    /// scan on arrays big enough for several segments, with gaps of every size.
    @Test(arguments: [(1 << 21 + 12_345, 40), (5_000, 7), (1 << 20, 3)])
    func theIndexEqualsAScanForAnyGapSize(size: Int, typeCount: Int) {
        var rng = LCG(seed: UInt64(size))
        var tokens = [UInt32](repeating: 0, count: size)
        for p in tokens.indices {
            // Type 0 everywhere, types 1… ever rarer; the last type only at
            // both ends (one gap of almost the whole array).
            let r = rng.int(1000)
            tokens[p] = r < 500 ? 0 : UInt32(1 + rng.int(max(1, min(typeCount - 2, r / 100 + 1))))
        }
        let last = UInt32(typeCount - 1)
        tokens[0] = last
        tokens[size - 1] = last
        // Type typeCount: gaps of 127, 128, 16,383 and 16,384 (one and two bytes,
        // two and three); the last type's gap is over 2^21 in the big array (four bytes).
        for p in [1, 128, 256, 16_639, 33_023] where p < size - 1 {
            tokens[p] = UInt32(typeCount)
        }
        let index = PositionalIndex(tokens: tokens, typeCount: typeCount + 2)
        var expected = [[UInt32]](repeating: [], count: typeCount + 2)
        for (p, t) in tokens.enumerated() { expected[Int(t)].append(UInt32(p)) }
        for t in 0..<(typeCount + 2) {
            #expect(index.postings(of: UInt32(t)) == expected[t], "type \(t)")
            #expect(index.frequency(of: UInt32(t)) == expected[t].count)
        }
        #expect(index.postings(of: UInt32(typeCount + 9)).isEmpty && index.frequency(of: UInt32(typeCount + 9)) == 0)
        var appended: [UInt32] = [7]
        index.appendPostings(of: last, to: &appended)
        #expect(appended == [7, 0, UInt32(size - 1)])
    }

    @Test func metadataKeepsFirstGivenOrder() {
        var m = Metadata([("outlet", .string("RT")), ("date", .string("2022-02-18"))])
        m["author"] = .string("A")
        m["outlet"] = .string("TASS")            // replacing keeps the place
        #expect(m.keys == ["outlet", "date", "author"])
        #expect(m.map(\.key) == ["outlet", "date", "author"])
        m["date"] = nil
        #expect(m.keys == ["outlet", "author"])
        #expect(m.string("outlet") == "TASS")
        #expect(MetaValue.int(3).description == "3" && MetaValue.bool(false).description == "false")
    }

    @Test func fieldNamesMostUsedFirst() {
        var b = CorpusBuilder()
        let metas: [[(String, MetaValue)]] = [[("outlet", .string("a")), ("date", .string("2020"))],
                                              [("outlet", .string("b")), ("author", .string("x"))],
                                              [("outlet", .string("c")), ("date", .string("2021"))]]
        for (i, m) in metas.enumerated() {
            b.add(RawDocument(id: "d\(i)", title: "", text: "t", meta: Metadata(m), source: DocumentSource(file: "f", firstLine: 1, lastLine: 1)))
        }
        #expect(b.build().fieldNames == ["outlet", "date", "author"])
    }
}
