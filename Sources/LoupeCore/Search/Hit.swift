/// One match: a document and a run of its tokens (document-local, end exclusive).
public struct Hit: Equatable, Hashable, Sendable {
    public var document: Int
    public var start: Int
    public var end: Int
    public init(document: Int, start: Int, end: Int) { self.document = document; self.start = start; self.end = end }
}

extension Corpus {
    /// Every occurrence of the phrase, overlapping ones included, in document
    /// and position order. Phrases never cross a document boundary.
    public func hits(_ query: PhraseQuery) -> [Hit] {
        var ids: [UInt32] = []
        for f in query.forms {
            guard let id = vocabulary.id(of: f) else { return [] }
            ids.append(id)
        }
        // Walk the rarest term's postings and check the others in the token array.
        let anchor = ids.indices.min { index.frequency(of: ids[$0]) < index.frequency(of: ids[$1]) }!
        var out: [Hit] = []
        let n = ids.count
        tokens.withUnsafeBufferPointer { toks in
            var docIndex = 0
            for p in index.postings(of: ids[anchor]) {
                let start = Int(p) - anchor
                guard start >= 0, start + n <= toks.count else { continue }
                var ok = true
                for k in 0..<n where k != anchor && toks[start + k] != ids[k] { ok = false; break }
                guard ok else { continue }
                while docIndex + 1 < documents.count, documents[docIndex + 1].tokenBase <= start { docIndex += 1 }
                let d = documents[docIndex]
                guard start + n <= d.tokenBase + d.tokenCount else { continue }
                out.append(Hit(document: docIndex, start: start - d.tokenBase, end: start - d.tokenBase + n))
            }
        }
        return out
    }

    public func count(_ query: PhraseQuery) -> Int { hits(query).count }

    /// The matched text of a hit, as it stands in the document.
    public func text(of hit: Hit) -> String {
        let d = documents[hit.document]
        return d.slice(Int(spans[d.tokenBase + hit.start].start), Int(spans[d.tokenBase + hit.end - 1].end))
    }

    /// The sentence that holds the hit's first token.
    public func sentence(of hit: Hit) -> TextSpan? {
        let d = documents[hit.document]
        var lo = 0, hi = d.sentences.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let s = d.sentences[mid]
            if hit.start < s.tokenStart { hi = mid - 1 } else if hit.start >= s.tokenEnd { lo = mid + 1 } else { return s }
        }
        return nil
    }
}
