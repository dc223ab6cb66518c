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
    /// The line starts of the documents whose hits were asked for (hits[i].line), by document.
    private var lineStarts: [Int: LineStarts] = [:]
    init(corpus: Corpus, hits: [Hit], query: String) { self.corpus = corpus; self.hits = hits; self.query = query }

    /// The 1-based line and paragraph of a hit's first token.
    func place(of hit: Hit) -> (line: Int, paragraph: Int) {
        let d = corpus.documents[hit.document]
        let spans = corpus.tokenSpans(document: hit.document, tokens: hit.start..<(hit.start + 1))
        guard let byte = spans.first.map({ Int($0.start) }) else { return (1, 1) }
        if lineStarts[hit.document] == nil { lineStarts[hit.document] = LineStarts(d.text) }
        let line = lineStarts[hit.document]?.line(at: byte) ?? 1
        let paragraphs = d.paragraphs
        var lo = 0, hi = paragraphs.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if paragraphs[mid].byteStart <= byte { lo = mid + 1 } else { hi = mid }
        }
        return (line, max(1, lo))
    }
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
