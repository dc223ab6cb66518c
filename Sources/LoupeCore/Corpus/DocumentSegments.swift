import Foundation

/// A document's paragraphs and sentences, worked out from its text the first
/// time they are asked for, and kept.
///
/// Why not at load: most questions never need them (counts, concordances,
/// word lists, n-grams by document, keyness), while finding them is a good
/// part of loading's work and their arrays stay for the session. Working
/// them out needs nothing but the text (the same tokenizer, paragraph and
/// sentence rules), and is quick for one document. The documents of a
/// sub-corpus share the ones of the corpus it was cut from, so each document
/// is segmented once.
final class DocumentSegments: Sendable {
    private let segments = Once<Segments>()

    struct Segments {
        var paragraphs: [TextSpan]
        var sentences: [TextSpan]
    }

    init() {}

    /// The segments of `text` (the text of the document this belongs to).
    func of(_ text: String) -> Segments { segments.get { Self.segment(text) } }

    /// Whether they have been worked out yet.
    var isDone: Bool { segments.isDone }

    static func segment(_ text: String) -> Segments {
        var text = text   // shares the storage: withUTF8 does not copy a native string
        return text.withUTF8 { bytes in
            let spans = Tokenizer.spans(utf8: bytes)
            let paragraphs = Paragraphs.spans(utf8: bytes, tokens: spans)
            let sentences = Sentences.spans(utf8: bytes, tokens: spans, paragraphs: paragraphs)
            return Segments(paragraphs: exact(paragraphs), sentences: exact(sentences))
        }
    }

    /// A copy without spare capacity: it is kept for the session.
    private static func exact(_ a: [TextSpan]) -> [TextSpan] {
        [TextSpan](unsafeUninitializedCapacity: a.count) { buffer, count in
            _ = buffer.initialize(fromContentsOf: a)
            count = a.count
        }
    }
}

extension Corpus {
    /// Works out every document's paragraphs and sentences now, on all cores,
    /// before an analysis that reads them all (instead of one by one on first use).
    func segmentAllDocuments() {
        let documents = self.documents
        let pending = documents.indices.filter { !documents[$0].segments.isDone }
        guard pending.count > 1 else { return }
        _ = Parallel.map(pending.count) { i in
            _ = documents[pending[i]].sentences
        }
    }
}
