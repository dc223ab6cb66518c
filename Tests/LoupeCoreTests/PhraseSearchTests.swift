import Testing
@testable import LoupeCore
import LoupeTestSupport

/// Phrase counts and hits must be exact: every occurrence, overlapping ones
/// included, never across a document boundary. Checked by hand on small cases
/// and against a brute-force scan on seeded random corpora.
@Suite struct PhraseSearchTests {
    // MARK: hand-checked

    @Test func overlappingOccurrencesAreAllCounted() throws {
        let c = CorpusBuilder.corpus(texts: ["a a a"])
        #expect((try c.count("a a")) == 2)
        #expect((try c.phraseHits("a a")) == [Hit(document: 0, start: 0, end: 2), Hit(document: 0, start: 1, end: 3)])
        #expect((try c.count("a a a")) == 1)
        #expect((try c.count("a a a a")) == 0)
        #expect((try c.count("a")) == 3)
    }

    @Test func phrasesDoNotCrossDocuments() throws {
        let c = CorpusBuilder.corpus(texts: ["x kiev", "regime y", "kiev regime"])
        #expect((try c.phraseHits("kiev regime")) == [Hit(document: 2, start: 0, end: 2)])
        #expect((try c.count("regime kiev")) == 0)
    }

    @Test func emptyDocumentsInBetweenAreHandled() throws {
        let c = CorpusBuilder.corpus(texts: ["end of one", "***", "", "one more", "of one"])
        #expect((try c.phraseHits("of one")) == [Hit(document: 0, start: 1, end: 3), Hit(document: 4, start: 0, end: 2)])
        #expect((try c.phraseHits("one")).map(\.document) == [0, 3, 4])
    }

    @Test func matchingIsCaseInsensitive() throws {
        let c = CorpusBuilder.corpus(texts: ["NATO, Nato and nato; NaTo-led"])
        #expect((try c.count("nato")) == 3)   // "NaTo-led" is one token
        #expect((try c.count("NATO")) == 3)
        #expect((try c.count("nato-LED")) == 1)
    }

    @Test func apostrophesFoldInQueriesToo() throws {
        let c = CorpusBuilder.corpus(texts: ["Kiev's plans. KIEV\u{2019}S PLANS. Kiev plans."])
        #expect((try c.count("Kiev\u{2019}s")) == 2)
        #expect((try c.count("kiev's plans")) == 2)
        #expect((try c.count("kiev")) == 1)
    }

    @Test func phrasesMatchAcrossPunctuationAndLineBreaks() throws {
        let c = CorpusBuilder.corpus(texts: ["the Kiev\n\nregime; the Kiev \u{2014} regime"])
        #expect((try c.count("\"kiev regime\"")) == 2)
    }

    @Test func aHitsTextIsTheOriginalSurface() throws {
        let c = CorpusBuilder.corpus(texts: ["Intro.", "He said \u{201C}Kiev\u{2019}s   REGIME\u{201D} twice."])
        let hits = (try c.phraseHits("kiev's regime"))
        #expect(hits.map { c.text(of: $0) } == ["Kiev\u{2019}s   REGIME"])
    }

    @Test func absentWordsAndMalformedQueries() throws {
        let c = CorpusBuilder.corpus(texts: ["some text"])
        #expect((try c.count("absent")) == 0)
        #expect((try c.count("some absent")) == 0)
        #expect(throws: QueryError.self) { try QueryParser.parse("") }
        #expect(throws: QueryError.self) { try QueryParser.parse("  \"some text") }
        #expect(throws: QueryError.self) { try QueryParser.parse("!!! ...") }
        #expect(throws: QueryError.self) { try QueryParser.parse("\"\"") }
        #expect(throws: QueryError.self) { try QueryParser.parse("\"") }
    }

    // MARK: brute force on random corpora

    /// Words chosen so that folding matters (case, ’ vs ', U+2010 vs -, NFC),
    /// with a few very frequent ones so overlapping repeats occur.
    static let words = ["a", "a", "a", "A", "b", "the", "The", "Kiev", "kiev\u{2019}s", "KIEV's", "Kyiv", "Київ", "київ",
                        "neo-Nazi", "neo\u{2010}nazi", "don't", "Don\u{2019}t", "café", "cafe\u{0301}", "2022", "1,000",
                        "regime", "Regime", "ΟΔΟΣ", "οδος", "x_y"]
    static let separators = [" ", " ", " ", ", ", ". ", " \u{2014} ", "\n", "\n\n", "\u{00A0}", "; ", " \"", "' "]

    static func randomCorpus(seed: UInt64) -> [String] {
        var rng = LCG(seed: seed)
        return (0..<(1 + rng.int(12))).map { _ in
            var s = ""
            for i in 0..<rng.int(60) {
                if i > 0 { s += rng.pick(separators) }
                s += rng.pick(words)
            }
            return s
        }
    }

    /// Every (document, start) where `forms` occurs in the document's matching forms.
    static func bruteForce(_ corpus: Corpus, _ forms: [String]) -> [Hit] {
        var out: [Hit] = []
        for d in corpus.documents.indices {
            let f = corpus.matchingForms(of: d)
            guard f.count >= forms.count else { continue }
            for s in 0...(f.count - forms.count) where Array(f[s..<(s + forms.count)]) == forms {
                out.append(Hit(document: d, start: s, end: s + forms.count))
            }
        }
        return out
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func countsAndHitsEqualABruteForceScan(seed: UInt64) throws {
        let texts = Self.randomCorpus(seed: seed)
        let corpus = CorpusBuilder.corpus(texts: texts)

        // The index's forms are the independent reference tokenization, folded independently.
        for (d, t) in texts.enumerated() {
            #expect(corpus.matchingForms(of: d) == ReferenceTokenizer.surfaces(t).map(referenceFold))
        }

        var rng = LCG(seed: seed &* 31)
        var queries: [String] = []
        for n in 1...3 {
            for _ in 0..<40 {   // phrases made of arbitrary surface forms ("_" is a query operator)
                queries.append((0..<n).map { _ in rng.pick(Self.words).replacingOccurrences(of: "_", with: " ") }.joined(separator: " "))
            }
            for _ in 0..<20 {   // phrases cut from the texts, so most of them occur
                let d = rng.int(texts.count)
                let surfaces = ReferenceTokenizer.surfaces(texts[d])
                guard surfaces.count >= n else { continue }
                let s = rng.int(surfaces.count - n + 1)
                queries.append(surfaces[s..<(s + n)].joined(separator: " "))
            }
        }
        queries.append("a a")
        queries.append("a a a")
        queries.append("absent word")

        var nonZero = 0
        for q in queries {
            let forms = ReferenceTokenizer.surfaces(q).map(referenceFold)
            let expected = Self.bruteForce(corpus, forms)
            #expect(try corpus.phraseHits(q) == expected, "query \(q)")
            #expect(try corpus.count(q) == expected.count, "query \(q)")
            if !expected.isEmpty { nonZero += 1 }
        }
        #expect(nonZero > queries.count / 4)   // the test really exercised matches
    }

    @Test func hitsAreInDocumentAndPositionOrder() throws {
        let corpus = CorpusBuilder.corpus(texts: Self.randomCorpus(seed: 42))
        let hits = (try corpus.phraseHits("a"))
        #expect(hits == hits.sorted { ($0.document, $0.start) < ($1.document, $1.start) })
        #expect(Set(hits).count == hits.count)
    }
}

extension Corpus {
    /// Matches of a word or phrase through the query evaluator (the only search path).
    fileprivate func phraseHits(_ q: String) throws -> [Hit] { try search(q).hits }
    fileprivate func count(_ q: String) throws -> Int { try search(q).hits.count }
}

@Suite struct PhraseFormTests {
    @Test func apostrophesAndHyphensStayInsideWords() throws {
        let c = CorpusBuilder.corpus(texts: ["neo-Nazi don’t", "neo nazi don t"])
        #expect(try c.phraseHits("neo-Nazi don’t") == [Hit(document: 0, start: 0, end: 2)])
    }
}
