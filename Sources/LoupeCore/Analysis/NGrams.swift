import Foundation

extension Corpus {
    /// Where n-grams may run: within one sentence (the default) or anywhere
    /// within one document. They never cross documents.
    public enum NGramScope: String, Sendable, CaseIterable {
        case sentence, document
    }

    /// The n-gram table (`corpus:ngrams`): every run of `n` consecutive tokens
    /// (2 ≤ n ≤ 8) inside one sentence (or one document, `within: .document`),
    /// counted at every start, overlapping runs included, kept when it occurs at
    /// least `min` times.
    ///
    /// Columns: `ngram` (matching forms joined by one space), `n` (occurrences),
    /// `docs` (documents containing it). Sorted by n descending, then ngram in
    /// code point order.
    ///
    /// Built level by level over the token ids: the id of the k-gram at
    /// position p is a dense id for the pair (id of the (k−1)-gram at p, token
    /// at p + k − 1), from a hash table keyed by the pair packed into 64 bits
    /// (`PairInterner`); a k-gram seen fewer than `min` times cannot begin a
    /// longer n-gram seen `min` times, so such positions drop out early.
    public func ngrams(n: Int = 2, min: Int = 2, within scope: NGramScope = .sentence) throws -> Table {
        guard (2...8).contains(n) else { throw AnalysisError("n must be a whole number from 2 to 8, got \(n)") }
        try AnalysisSupport.checkMin(min)
        let total = tokens.count
        let invalid = UInt32.max
        let floor = Swift.max(min, 1)
        let mask = AnalysisSupport.checkMask

        // starts[p]: a sentence or document begins at p, so no n-gram runs over p − 1 | p.
        var starts = [Bool](repeating: false, count: total + 1)
        starts[total] = true
        for d in documents {
            starts[d.tokenBase] = true
            if scope == .sentence {
                for s in d.sentences {
                    if s.tokenStart < d.tokenCount { starts[d.tokenBase + s.tokenStart] = true }
                    if s.tokenEnd < d.tokenCount { starts[d.tokenBase + s.tokenEnd] = true }
                }
            }
        }

        // Level 1: the token ids themselves, minus types rarer than min.
        let rare = (0..<vocabulary.count).map { index.frequency(of: UInt32($0)) < floor }
        var ids = tokens
        if floor > 1 {
            for p in 0..<total where rare[Int(ids[p])] { ids[p] = invalid }
        }
        var idCount = vocabulary.count
        for k in 2...n {
            var table = PairInterner()
            for p in 0..<total {
                if p & mask == 0 { try Interruption.check() }
                let last = p + k - 1
                if ids[p] == invalid { continue }
                if last >= total || starts[last] || rare[Int(tokens[last])] {
                    ids[p] = invalid
                } else {
                    ids[p] = table.intern(ids[p], tokens[last])
                }
            }
            idCount = table.count
            if floor > 1 && k < n {
                var counts = [Int32](repeating: 0, count: idCount)
                for p in 0..<total where ids[p] != invalid { counts[Int(ids[p])] &+= 1 }
                for p in 0..<total where ids[p] != invalid && Int(counts[Int(ids[p])]) < floor { ids[p] = invalid }
            }
        }

        // Count the n-grams, their documents, and where each first occurs.
        var counts = [Int](repeating: 0, count: idCount)
        var docs = [Int](repeating: 0, count: idCount)
        var lastDoc = [Int32](repeating: -1, count: idCount)
        var first = [Int](repeating: -1, count: idCount)
        for (d, doc) in documents.enumerated() {
            let stamp = Int32(truncatingIfNeeded: d)
            for p in doc.tokenBase..<(doc.tokenBase + doc.tokenCount) {
                if p & mask == 0 { try Interruption.check() }
                let g = ids[p]
                if g == invalid { continue }
                let i = Int(g)
                counts[i] += 1
                if lastDoc[i] != stamp { lastDoc[i] = stamp; docs[i] += 1 }
                if first[i] < 0 { first[i] = p }
            }
        }

        var rows: [(text: String, count: Int, docs: Int)] = []
        let forms = vocabulary.forms
        for g in 0..<idCount where counts[g] >= floor {
            if rows.count & mask == mask { try Interruption.check() }
            let p = first[g]
            rows.append(((p..<(p + n)).map { forms[Int(tokens[$0])] }.joined(separator: " "), counts[g], docs[g]))
        }
        rows.sort { $0.count != $1.count ? $0.count > $1.count : AnalysisSupport.less($0.text, $1.text) }
        return Table(columns: [
            ("ngram", rows.map { .string($0.text) }),
            ("n", rows.map { .int($0.count) }),
            ("docs", rows.map { .int($0.docs) }),
        ])
    }
}
