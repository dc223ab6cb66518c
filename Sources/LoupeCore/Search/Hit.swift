/// One match: a document and a run of its tokens (document-local, end exclusive).
public struct Hit: Equatable, Hashable, Sendable {
    public var document: Int
    public var start: Int
    public var end: Int
    public init(document: Int, start: Int, end: Int) { self.document = document; self.start = start; self.end = end }
}

extension Corpus {
    /// The matched text of a hit, as it stands in the document.
    public func text(of hit: Hit) -> String {
        text(document: hit.document, tokens: hit.start..<hit.end)
    }

    /// The sentence that holds the hit's first token.
    public func sentence(of hit: Hit) -> TextSpan? {
        let sentences = documents[hit.document].sentences
        var lo = 0, hi = sentences.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let s = sentences[mid]
            if hit.start < s.tokenStart { hi = mid - 1 } else if hit.start >= s.tokenEnd { lo = mid + 1 } else { return s }
        }
        return nil
    }
}
