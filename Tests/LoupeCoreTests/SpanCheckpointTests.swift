import Testing
@testable import LoupeCore
import LoupeTestSupport

/// A corpus keeps the byte start of every 64th token only (SpanCheckpoints);
/// a token's span is read again from there. These check that reading from a
/// checkpoint finds exactly what reading the whole text finds.
@Suite struct SpanCheckpointTests {
    /// Pieces that stress where tokens begin and end: joiners next to joiners,
    /// marks after separators and joiners, words run together with punctuation.
    static let pieces = ["a", "the", "Kiev", "don't", "neo-Nazi", "x--y", "-", "'", "\u{2019}", "--", "-'", "'-",
                         "\u{0301}", "e\u{0301}", "Київ", "οδος", "2022", "1,000", " ", " ", "\n", ". ", "\"", "_", "—", "\u{00A0}"]

    static func text(_ rng: inout LCG, pieces: Int) -> String {
        (0..<pieces).map { _ in rng.pick(Self.pieces) }.joined()
    }

    /// Every start and several lengths, against one reading of the whole text.
    static func expectSameSpans(_ c: Corpus, _ doc: Int) {
        let whole = Tokenizer.spans(in: c.documents[doc].text)
        #expect(whole.count == c.documents[doc].tokenCount)
        #expect(c.tokenSpans(document: doc) == whole)
        for k in 0...whole.count {
            for length in [0, 1, 2, 63, 64, 65, 200] {
                let end = min(whole.count, k + length)
                #expect(c.tokenSpans(document: doc, tokens: k..<(k + length)) == Array(whole[k..<end]), "doc \(doc) tokens \(k)..<\(k + length)")
            }
            #expect(c.tokenSpan(document: doc, token: k) == (k < whole.count ? whole[k] : nil))
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func readingFromACheckpointEqualsReadingTheWholeText(seed: UInt64) {
        var rng = LCG(seed: seed)
        // Long documents, so most tokens are read from a checkpoint other than the first.
        let texts = (0..<6).map { _ in Self.text(&rng, pieces: rng.int(900)) }
        let c = CorpusBuilder.corpus(texts: texts)
        for d in c.documents.indices {
            Self.expectSameSpans(c, d)
            // And the independent reference tokenizer agrees on the surfaces.
            let surfaces = c.tokenSpans(document: d).map { c.documents[d].slice(Int($0.start), Int($0.end)) }
            #expect(surfaces == ReferenceTokenizer.tokens(texts[d]).map(\.surface))
        }
    }

    @Test func subCorporaKeepEachDocumentsCheckpoints() throws {
        var rng = LCG(seed: 9)
        let texts = (0..<7).map { _ in Self.text(&rng, pieces: 300 + rng.int(500)) }
        let c = CorpusBuilder.corpus(texts: texts)
        let sub = try c.subset([5, 1, 3], selection: "some")
        for (d, original) in [5, 1, 3].enumerated() {
            #expect(sub.tokenSpans(document: d) == c.tokenSpans(document: original))
            Self.expectSameSpans(sub, d)
        }
    }

    @Test func outOfRangeAsksGiveNothing() {
        let c = CorpusBuilder.corpus(texts: ["one two three", ""])
        #expect(c.tokenSpans(document: 0, tokens: 2..<10) == [TokenSpan(start: 8, end: 13)])
        #expect(c.tokenSpans(document: 0, tokens: 5..<9).isEmpty)
        #expect(c.tokenSpans(document: 1, tokens: 0..<1).isEmpty)
        #expect(c.tokenSpans(document: 2, tokens: 0..<1).isEmpty)
        #expect(c.tokenSpans(document: -1).isEmpty)
        #expect(c.tokenSpan(document: 0, token: -1) == nil)
        #expect(c.text(document: 0, tokens: 1..<3) == "two three")
        #expect(c.text(document: 0, tokens: 3..<3) == "")
    }

    @Test func theBundledCorpusReadsTheSameFromEveryCheckpoint() throws {
        let (c, _) = try BundledCorpusTests.load()
        for d in c.documents.indices {
            let whole = Tokenizer.spans(in: c.documents[d].text)
            #expect(whole.count == c.documents[d].tokenCount)
            for k in stride(from: 0, to: whole.count, by: 7) {
                #expect(c.tokenSpans(document: d, tokens: k..<(k + 70)) == Array(whole[k..<min(whole.count, k + 70)]))
            }
        }
    }
}
