import Testing
@testable import LoupeCore
import LoupeTestSupport

/// Sub-corpora must answer exactly as the same documents do inside the whole
/// corpus: same tokens, same spans, same hits, a rebuilt index.
@Suite struct SubcorpusTests {
    static func corpus(seed: UInt64) -> Corpus {
        var rng = LCG(seed: seed)
        var b = CorpusBuilder()
        let words = ["nato", "Kiev", "kyiv", "the", "the", "regime", "Київ", "café", "a", "a", "minsk"]
        let outlets = ["TASS", "RT", "Kyiv Independent"]
        for i in 0..<(5 + rng.int(20)) {
            let text = (0..<rng.int(80)).map { _ in rng.pick(words) }.joined(separator: rng.int(5) == 0 ? ". " : " ")
            var meta = Metadata()
            meta["outlet"] = .string(rng.pick(outlets))
            meta["date"] = .string("202\(rng.int(4))-0\(1 + rng.int(9))-1\(rng.int(10))")
            if rng.int(4) > 0 { meta["words"] = .int(rng.int(2000)) }
            b.add(RawDocument(id: "doc\(i)", title: "T\(i)", text: text, meta: meta,
                              source: DocumentSource(file: "f\(i).txt", firstLine: 1, lastLine: 1)))
        }
        return b.build()
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func aSubsetAnswersAsItsDocumentsDoInTheWhole(seed: UInt64) throws {
        let whole = Self.corpus(seed: seed)
        var rng = LCG(seed: seed &+ 99)
        let chosen = whole.documents.indices.filter { _ in rng.int(2) == 0 }
        let sub = try whole.subset(chosen, selection: "test")
        #expect(sub.documents.map(\.id) == chosen.map { whole.documents[$0].id })
        #expect(sub.tokenCount == chosen.reduce(0) { $0 + whole.documents[$1].tokenCount })
        for (k, i) in chosen.enumerated() {
            #expect(sub.matchingForms(of: k) == whole.matchingForms(of: i))
            #expect(sub.surfaceTokens(of: k) == whole.surfaceTokens(of: i))
            #expect(sub.documents[k].sentences == whole.documents[i].sentences)
        }
        for q in ["nato", "the regime", "kiev|kyiv", "k*", "a _ a", "nato NEAR/3 minsk", "the AND NOT minsk", "~regimes the"] {
            let expected = try whole.search(q).hits.filter { chosen.contains($0.document) }
                .map { Hit(document: chosen.firstIndex(of: $0.document)!, start: $0.start, end: $0.end) }
            #expect(try sub.search(q).hits == expected, "\(q)")
        }
        // The index is the sub-corpus's own: postings point into its token array.
        for t in 0..<UInt32(sub.vocabulary.count) {
            let brute = sub.tokens.indices.filter { sub.tokens[$0] == t }.map(UInt32.init)
            #expect(Array(sub.index.postings(of: t)) == brute)
        }
        #expect(sub.typeCount == Set(sub.tokens).count)
        #expect(sub.selection == "test")
    }

    /// Stems and the forms' order depend on the type table alone, which sub-corpora
    /// share: worked out once for a corpus and every sub-corpus cut from it.
    @Test func whatComesFromTheTypeTableIsShared() throws {
        let whole = Self.corpus(seed: 5)
        let stems = try whole.search("~regimes").hits.count
        let groups = try whole.group(by: "outlet")
        #expect(groups.allSatisfy { $0.corpus.derived === whole.derived })
        #expect(try groups.reduce(0) { $0 + (try $1.corpus.search("~regimes").hits.count) } == stems)
        let order = try whole.formOrder()
        let sub = try whole.subset([0], selection: "one")
        #expect(sub.derived.formOrder?.rank == order.rank)   // already there, not worked out again
        // A corpus of other texts has a table of its own, and its own derived data.
        #expect(CorpusBuilder.corpus(texts: ["regimes"]).derived !== whole.derived)
    }

    @Test func metadataFiltersKeepExactlyTheMatchingDocuments() throws {
        let whole = Self.corpus(seed: 7)
        func ids(_ f: MetadataFilter) throws -> [String] { try whole.filter(selection: "") { f.matches($0) }.documents.map(\.id) }
        func brute(_ keep: (Document) -> Bool) -> [String] { whole.documents.filter(keep).map(\.id) }

        #expect(try ids(MetadataFilter([("outlet", .anyOf(["tass"]))])) == brute { $0.meta.string("outlet") == "TASS" })
        #expect(try ids(MetadataFilter([("outlet", .anyOf(["TASS", "RT"]))])) == brute { ["TASS", "RT"].contains($0.meta.string("outlet") ?? "") })
        #expect(try ids(MetadataFilter([("date", .range(from: "2021-03-01", to: "2022-06-30"))]))
                == brute { let d = $0.meta.string("date")!; return d >= "2021-03-01" && d <= "2022-06-30" })
        // An upper bound given as a year or a month includes the whole year or month.
        #expect(try ids(MetadataFilter([("date", .range(from: "2022", to: "2022"))])) == brute { $0.meta.string("date")!.hasPrefix("2022") })
        #expect(try ids(MetadataFilter([("date", .range(from: nil, to: "2021-05"))])) == brute { $0.meta.string("date")! < "2021-06" })
        // Numbers compare as numbers (9 < 10), and documents without the field are left out.
        #expect(try ids(MetadataFilter([("words", .range(from: "9", to: "1000"))]))
                == brute { guard case .int(let n) = $0.meta["words"] else { return false }; return n >= 9 && n <= 1000 })
        // Conditions combine with AND.
        #expect(try ids(MetadataFilter([("outlet", .anyOf(["RT"])), ("date", .range(from: "2022", to: nil))]))
                == brute { $0.meta.string("outlet") == "RT" && $0.meta.string("date")! >= "2022" })
    }

    @Test func groupsPartitionTheCorpus() throws {
        let whole = Self.corpus(seed: 3)
        let groups = try whole.group(by: "words")
        #expect(groups.reduce(0) { $0 + $1.corpus.documents.count } == whole.documents.count)
        #expect(groups.reduce(0) { $0 + $1.corpus.tokenCount } == whole.tokenCount)
        let numeric = groups.map(\.value).filter { $0 != "(none)" }.map { Int($0)! }
        #expect(numeric == numeric.sorted())                      // numbers in numeric order
        #expect(groups.last?.value == "(none)" || groups.allSatisfy { $0.value != "(none)" })
        for (value, c) in groups where value != "(none)" {
            #expect(c.documents.allSatisfy { $0.meta.string("words") == value })
        }
        let byOutlet = try whole.group(by: "outlet")
        let perGroup = try byOutlet.reduce(0) { $0 + (try $1.corpus.search("nato").hits.count) }
        #expect(perGroup == (try whole.search("nato").hits.count))
    }

    @Test func aSubsetOfASubsetKeepsBothSelections() throws {
        let whole = Self.corpus(seed: 5)
        let a = try whole.subset(Array(whole.documents.indices.reversed()), selection: "reversed")
        #expect(a.documents.map(\.id) == whole.documents.reversed().map(\.id))
        let b = try a.subset([0, 0, 1, 999, -1], selection: "two")
        #expect(b.documents.map(\.id) == Array(a.documents.prefix(2)).map(\.id))   // duplicates and bad positions dropped
        #expect(b.selection == "reversed; two")
        let empty = try whole.subset([], selection: "none")
        #expect(empty.tokenCount == 0)
        #expect(try empty.search("nato").hits.isEmpty)
    }
}
