import Testing
@testable import LoupeCore

/// Paragraphs and sentences are worked out per document on first use, not at
/// load: asking must give the same spans whoever asks first, from any thread,
/// through a sub-corpus or the corpus it was cut from, once.
@Suite struct DocumentSegmentsTests {
    static let texts = [
        "Mr. Smith met Dr. Jones. Then they left!\n\nA second paragraph? Yes.",
        "One sentence only",
        "Первое предложение. Второе — «в кавычках». Третье…\n\nNew paragraph. Ends here.",
        "",
    ]

    /// Sentences as texts, worked out from scratch for the document's text.
    static func expected(_ d: Document) -> [String] {
        DocumentSegments.segment(d.text).sentences.map { d.slice($0.byteStart, $0.byteEnd) }
    }

    @Test func loadingLeavesThemForFirstUse() {
        let corpus = CorpusBuilder.corpus(texts: Self.texts)
        #expect(corpus.documents.allSatisfy { !$0.segments.isDone })
        let d = corpus.documents[0]
        #expect(d.sentences.map { d.slice($0.byteStart, $0.byteEnd) }
                == ["Mr. Smith met Dr. Jones.", "Then they left!", "A second paragraph?", "Yes."])
        #expect(d.paragraphs.count == 2)
        #expect(corpus.documents[0].segments.isDone)
        #expect(!corpus.documents[1].segments.isDone)
    }

    @Test func aSubcorpusSharesTheSegmentsOfItsDocuments() throws {
        let corpus = CorpusBuilder.corpus(texts: Self.texts)
        let sub = try corpus.subset([2, 0], selection: "test")
        #expect(sub.documents[0].sentences.count == 4)
        #expect(corpus.documents[2].segments.isDone)   // worked out once, for both
        #expect(!corpus.documents[0].segments.isDone)
        #expect(sub.documents[0].sentences == corpus.documents[2].sentences)
    }

    @Test func manyThreadsAskingAtOnceGetTheSameSpans() {
        let corpus = CorpusBuilder.corpus(texts: Self.texts)
        let d = corpus.documents[2]
        let seen = Parallel.map(64, workers: 8) { _ in d.sentences }
        #expect(seen.allSatisfy { $0 == seen[0] })
        #expect(seen[0].map { d.slice($0.byteStart, $0.byteEnd) } == Self.expected(d))
    }

    @Test func segmentingAllDocumentsAtOnceFillsEveryOne() {
        let corpus = CorpusBuilder.corpus(texts: Self.texts + Self.texts)
        _ = corpus.documents[1].sentences
        corpus.segmentAllDocuments()
        #expect(corpus.documents.allSatisfy { $0.segments.isDone })
        for d in corpus.documents {
            #expect(d.sentences.map { d.slice($0.byteStart, $0.byteEnd) } == Self.expected(d))
            #expect(d.paragraphs.last?.tokenEnd ?? 0 == d.tokenCount)
        }
    }
}
