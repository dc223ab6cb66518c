import LoupeCore
import LuaRuntime

/// The Swift objects scripts hold, each a thin handle over LoupeCore values.
enum TypeName {
    static let corpus = "loupe.Corpus"
    static let document = "loupe.Document"
    static let hits = "loupe.Hits"
    static let concordance = "loupe.Concordance"
    static let table = "loupe.Table"
    static let groups = "loupe.Groups"
}

/// One document of a corpus.
final class DocumentHandle {
    let corpus: Corpus
    let index: Int
    init(corpus: Corpus, index: Int) { self.corpus = corpus; self.index = index }
    var document: Document { corpus.documents[index] }
}

/// The result of a search: hits over a corpus, and the query that found them.
final class HitsHandle {
    let corpus: Corpus
    let hits: [Hit]
    let query: String
    init(corpus: Corpus, hits: [Hit], query: String) { self.corpus = corpus; self.hits = hits; self.query = query }
}

extension HitsHandle: HoldsMemory {
    var heldBytes: Int { MemoryBudget.bytes(hits.count, each: MemoryLayout<Hit>.stride) }
}

/// Concordance lines, printed aligned.
final class ConcordanceHandle {
    let lines: [KWICLine]
    let width: Int?
    init(lines: [KWICLine], width: Int?) { self.lines = lines; self.width = width }
}

extension ConcordanceHandle: HoldsMemory {
    /// From 16 lines spread over the concordance (pushing stays O(1)).
    var heldBytes: Int {
        guard !lines.isEmpty else { return 0 }
        let step = max(1, lines.count / 16)
        let sample = stride(from: 0, to: lines.count, by: step).prefix(16).map { lines[$0] }
        let text = sample.reduce(0) { $0 + $1.left.utf8.count + $1.match.utf8.count + $1.right.utf8.count + $1.documentID.utf8.count }
        return MemoryBudget.bytes(lines.count, each: MemoryLayout<KWICLine>.stride + text / sample.count)
    }
}
