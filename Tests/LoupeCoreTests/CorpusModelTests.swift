import Testing
@testable import LoupeCore

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
