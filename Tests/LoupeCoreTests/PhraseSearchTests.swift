import Testing
@testable import LoupeCore

/// Phrase counts and hits must be exact: every occurrence, overlapping ones
/// included, never across a document boundary. Checked by hand on small cases
/// and against a brute-force scan on seeded random corpora.
@Suite struct PhraseSearchTests {
    // MARK: hand-checked

    @Test func overlappingOccurrencesAreAllCounted() throws {
        let c = CorpusBuilder.corpus(texts: ["a a a"])
        #expect(c.count(try PhraseQuery("a a")) == 2)
        #expect(c.hits(try PhraseQuery("a a")) == [Hit(document: 0, start: 0, end: 2), Hit(document: 0, start: 1, end: 3)])
        #expect(c.count(try PhraseQuery("a a a")) == 1)
        #expect(c.count(try PhraseQuery("a a a a")) == 0)
        #expect(c.count(try PhraseQuery("a")) == 3)
    }

    @Test func phrasesDoNotCrossDocuments() throws {
        let c = CorpusBuilder.corpus(texts: ["x kiev", "regime y", "kiev regime"])
        #expect(c.hits(try PhraseQuery("kiev regime")) == [Hit(document: 2, start: 0, end: 2)])
        #expect(c.count(try PhraseQuery("regime kiev")) == 0)
    }

    @Test func emptyDocumentsInBetweenAreHandled() throws {
        let c = CorpusBuilder.corpus(texts: ["end of one", "***", "", "one more", "of one"])
        #expect(c.hits(try PhraseQuery("of one")) == [Hit(document: 0, start: 1, end: 3), Hit(document: 4, start: 0, end: 2)])
        #expect(c.hits(try PhraseQuery("one")).map(\.document) == [0, 3, 4])
    }

    @Test func matchingIsCaseInsensitive() throws {
        let c = CorpusBuilder.corpus(texts: ["NATO, Nato and nato; NaTo-led"])
        #expect(c.count(try PhraseQuery("nato")) == 3)   // "NaTo-led" is one token
        #expect(c.count(try PhraseQuery("NATO")) == 3)
        #expect(c.count(try PhraseQuery("nato-LED")) == 1)
    }

    @Test func apostrophesFoldInQueriesToo() throws {
        let c = CorpusBuilder.corpus(texts: ["Kiev's plans. KIEV\u{2019}S PLANS. Kiev plans."])
        #expect(c.count(try PhraseQuery("Kiev\u{2019}s")) == 2)
        #expect(c.count(try PhraseQuery("kiev's plans")) == 2)
        #expect(c.count(try PhraseQuery("kiev")) == 1)
    }

    @Test func phrasesMatchAcrossPunctuationAndLineBreaks() throws {
        let c = CorpusBuilder.corpus(texts: ["the Kiev\n\nregime; the Kiev \u{2014} regime"])
        #expect(c.count(try PhraseQuery("\"kiev regime\"")) == 2)
    }

    @Test func aHitsTextIsTheOriginalSurface() throws {
        let c = CorpusBuilder.corpus(texts: ["Intro.", "He said \u{201C}Kiev\u{2019}s   REGIME\u{201D} twice."])
        let hits = c.hits(try PhraseQuery("kiev's regime"))
        #expect(hits.map { c.text(of: $0) } == ["Kiev\u{2019}s   REGIME"])
    }

    @Test func absentWordsAndMalformedQueries() throws {
        let c = CorpusBuilder.corpus(texts: ["some text"])
        #expect(c.count(try PhraseQuery("absent")) == 0)
        #expect(c.count(try PhraseQuery("some absent")) == 0)
        #expect(throws: QueryError.self) { try PhraseQuery("") }
        #expect(throws: QueryError.self) { try PhraseQuery("  \"some text") }
        #expect(throws: QueryError.self) { try PhraseQuery("!!! ...") }
        #expect(throws: QueryError.self) { try PhraseQuery("\"\"") }
        #expect(throws: QueryError.self) { try PhraseQuery("\"") }
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
            let query = try PhraseQuery(q)
            let forms = ReferenceTokenizer.surfaces(q).map(referenceFold)
            let expected = Self.bruteForce(corpus, forms)
            #expect(corpus.hits(query) == expected, "query \(q)")
            #expect(corpus.count(query) == expected.count, "query \(q)")
            if !expected.isEmpty { nonZero += 1 }
        }
        #expect(nonZero > queries.count / 4)   // the test really exercised matches
    }

    @Test func hitsAreInDocumentAndPositionOrder() throws {
        let corpus = CorpusBuilder.corpus(texts: Self.randomCorpus(seed: 42))
        let hits = corpus.hits(try PhraseQuery("a"))
        #expect(hits == hits.sorted { ($0.document, $0.start) < ($1.document, $1.start) })
        #expect(Set(hits).count == hits.count)
    }
}

/// Until the full query language exists, its operators are refused, never read as separators.
@Suite struct QueryOperatorRefusalTests {
    @Test(arguments: [("kiev|kyiv", 5), ("special _ operation", 9), ("neo-*", 5), ("\"nato AND\"", 7),
                      ("nato NEAR/5 expansion", 6), ("/^kh?ar?kov$/", 1), ("~negotiate", 1), ("=Kiev", 1)])
    func operatorsAreErrorsWithTheirColumn(_ query: String, _ column: Int) {
        do {
            _ = try PhraseQuery(query)
            Issue.record("\(query) was accepted")
        } catch let e as QueryError {
            #expect(e.column == column, "\(query): \(e)")
            #expect(e.message.contains("query operator"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func apostrophesAndHyphensAreStillWords() throws {
        #expect(try PhraseQuery("neo-Nazi don’t").forms == ["neo-nazi", "don't"])
    }
}
