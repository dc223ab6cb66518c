import Foundation

extension Corpus {
    /// The word list (`corpus:freq`): one row per type with at least `min`
    /// occurrences that is not a stop word.
    ///
    /// Columns: `form` (matching form), `n` (occurrences), `per_10k` (n per
    /// 10,000 tokens of the whole corpus, stop words included), `docs`
    /// (documents containing it). Sorted by n descending, then form in
    /// code point order. Every token is a word: Loupe's tokens are runs of
    /// letters and digits, punctuation never makes one (docs/text.md).
    /// `stop` holds words (any case; compared by matching form), e.g.
    /// `StopWords.list(named: "en")`.
    public func freq(min: Int = 1, stop: [String] = []) throws -> Table {
        try AnalysisSupport.checkMin(min)
        let v = vocabulary.count
        let stopped = AnalysisSupport.stopSet(stop, in: vocabulary)
        let docs = try documentFrequencies()
        var ids: [Int] = []
        for t in 0..<v where !stopped[t] && index.frequency(of: UInt32(t)) >= Swift.max(min, 1) { ids.append(t) }
        let counts = (0..<v).map { index.frequency(of: UInt32($0)) }
        let forms = vocabulary.forms
        ids.sort { a, b in counts[a] != counts[b] ? counts[a] > counts[b] : AnalysisSupport.less(forms[a], forms[b]) }
        let scale = tokenCount > 0 ? 10_000 / Double(tokenCount) : 0
        return Table(columns: [
            ("form", ids.map { .string(forms[$0]) }),
            ("n", ids.map { .int(counts[$0]) }),
            ("per_10k", ids.map { .double(Double(counts[$0]) * scale) }),
            ("docs", ids.map { .int(docs[$0]) }),
        ])
    }

    /// For each type id, the number of documents it occurs in (one pass).
    func documentFrequencies() throws -> [Int] {
        var docs = [Int](repeating: 0, count: vocabulary.count)
        var last = [Int32](repeating: -1, count: vocabulary.count)
        for (d, doc) in documents.enumerated() {
            let stamp = Int32(truncatingIfNeeded: d)
            for p in doc.tokenBase..<(doc.tokenBase + doc.tokenCount) {
                if p & AnalysisSupport.checkMask == 0 { try Interruption.check() }
                let t = Int(tokens[p])
                if last[t] != stamp { last[t] = stamp; docs[t] += 1 }
            }
        }
        return docs
    }
}
