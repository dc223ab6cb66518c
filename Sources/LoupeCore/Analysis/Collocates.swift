import Foundation

extension Corpus {
    /// Collocates of a node (`corpus:collocates`): the words in the windows
    /// around `hits`, with the 2×2 table of each and one association measure.
    ///
    /// Window model (docs/statistics.md, "Analyses"): each hit's window is the
    /// `left` tokens before its first token and the `right` tokens after its
    /// last, cut at the document's edges. The window positions W are the union
    /// of all windows minus every token of every hit: a token is counted once
    /// even when windows overlap, and a node token is never a collocate.
    /// O11 = occurrences of the collocate in W, R1 = |W|, C1 = the collocate's
    /// corpus frequency, N = corpus tokens; O11 ≤ C1 and R1 ≤ N always hold.
    ///
    /// Columns: `collocate`, `o11`, `e11` (R1·C1/N), `f_node` (number of hits),
    /// `f_collocate` (C1), `docs` (documents where it occurs in W), and the
    /// measure, in a column named as the measure (`Measure.name`). Rows with
    /// O11 ≥ `min`, sorted by the measure descending (undefined last), then
    /// collocate in code point order.
    /// `stop`: words left out of the rows. They still take their places in the windows, so
    /// R1 and every other row's statistics are what they would be without the list.
    public func collocates(hits: [Hit], left: Int = 5, right: Int = 5, measure: Measure = .logDice, min: Int = 2,
                           stop: [String] = []) throws -> Table {
        let name = measure.name, compute = measure
        guard (0...1000).contains(left), (0...1000).contains(right) else {
            throw AnalysisError("window sizes must be whole numbers from 0 to 1000, got left = \(left), right = \(right)")
        }
        try AnalysisSupport.checkMin(min)

        let v = vocabulary.count
        var o11 = [Int](repeating: 0, count: v)
        var docs = [Int](repeating: 0, count: v)
        var lastDoc = [Int32](repeating: -1, count: v)
        var seen: [Int] = []
        var r1 = 0
        var steps = 0

        // The windows and node spans of every hit are held at once: 48 bytes a hit.
        try MemoryBudget.reserve(MemoryBudget.bytes(hits.count, each: 48))
        let sorted = try Self.inDocumentOrder(hits)
        var i = 0
        while i < sorted.count {
            let d = sorted[i].document
            var j = i
            while j < sorted.count, sorted[j].document == d { j += 1 }
            guard d >= 0, d < documents.count else { i = j; continue }
            let doc = documents[d]
            let size = doc.tokenCount
            // Window intervals and node intervals (document-local, end exclusive), each merged.
            // Left windows come in the hits' order (by start); so, nearly always, do the
            // right ones: each list is merged on its own, then the two are joined.
            var lefts: [(Int, Int)] = [], rights: [(Int, Int)] = []
            var nodes: [(Int, Int)] = []
            for h in sorted[i..<j] {
                steps += 1
                if steps & AnalysisSupport.checkMask == 0 { try Interruption.check() }
                let s = Swift.max(0, Swift.min(h.start, size)), e = Swift.max(s, Swift.min(h.end, size))
                nodes.append((s, e))
                if left > 0 { lefts.append((Swift.max(0, s - left), s)) }
                if right > 0 { rights.append((e, Swift.min(size, e + right))) }
            }
            let covered = try Self.union(try Self.merge(lefts), try Self.merge(rights)), excluded = try Self.merge(nodes)
            let stamp = Int32(truncatingIfNeeded: d)
            var k = 0
            for (lo, hi) in covered {
                var p = lo
                while p < hi {
                    while k < excluded.count, excluded[k].1 <= p { k += 1 }
                    if k < excluded.count, excluded[k].0 <= p { p = excluded[k].1; continue }
                    steps += 1
                    if steps & AnalysisSupport.checkMask == 0 { try Interruption.check() }
                    let t = Int(tokens[doc.tokenBase + p])
                    if o11[t] == 0 { seen.append(t) }
                    o11[t] += 1
                    if lastDoc[t] != stamp { lastDoc[t] = stamp; docs[t] += 1 }
                    r1 += 1
                    p += 1
                }
            }
            i = j
        }

        let n = Double(tokenCount), forms = vocabulary.forms
        var rows: [(t: Int, table: Contingency, value: Double)] = []
        let stopped = AnalysisSupport.stopSet(stop, in: vocabulary)
        for t in seen where o11[t] >= Swift.max(min, 1) && !stopped[t] {
            let c = Contingency(joint: Double(o11[t]), rowTotal: Double(r1),
                                columnTotal: Double(index.frequency(of: UInt32(t))), total: n)
            rows.append((t, c, compute(c)))
        }
        rows.sort { AnalysisSupport.descending($0.value, forms[$0.t], $1.value, forms[$1.t]) }
        return Table(columns: [
            ("collocate", rows.map { .string(forms[$0.t]) }),
            ("o11", rows.map { .int(o11[$0.t]) }),
            ("e11", rows.map { .double($0.table.e11) }),
            ("f_node", rows.map { _ in .int(hits.count) }),
            ("f_collocate", rows.map { .int(index.frequency(of: UInt32($0.t))) }),
            ("docs", rows.map { .int(docs[$0.t]) }),
            (name, rows.map { .measure($0.value) }),
        ])
    }

    /// Collocates of every hit of a query.
    public func collocates(_ query: String, left: Int = 5, right: Int = 5, measure: Measure = .logDice, min: Int = 2,
                           stop: [String] = []) throws -> Table {
        try collocates(hits: try search(query).hits, left: left, right: right, measure: measure, min: min, stop: stop)
    }

    /// Sorted, overlapping or touching intervals joined; empty ones dropped.
    /// Intervals that come sorted by start (a hit list's) are not sorted again, and
    /// the pass polls the limits: one document may hold millions of hits.
    static func merge(_ intervals: [(Int, Int)]) throws -> [(Int, Int)] {
        var s = intervals.filter { $0.0 < $0.1 }
        var ordered = true
        for k in s.indices.dropFirst() where s[k - 1].0 > s[k].0 {
            ordered = false
            break
        }
        if !ordered { s.sort { $0 < $1 } }
        var out: [(Int, Int)] = []
        for (k, iv) in s.enumerated() {
            if k & AnalysisSupport.checkMask == AnalysisSupport.checkMask { try Interruption.check() }
            if let last = out.last, iv.0 <= last.1 { out[out.count - 1].1 = Swift.max(last.1, iv.1) } else { out.append(iv) }
        }
        return out
    }

    /// The union of two merged interval lists, merged: one pass over both.
    static func union(_ a: [(Int, Int)], _ b: [(Int, Int)]) throws -> [(Int, Int)] {
        var both: [(Int, Int)] = []
        both.reserveCapacity(a.count + b.count)
        var x = 0, y = 0
        while x < a.count || y < b.count {
            if (x + y) & AnalysisSupport.checkMask == AnalysisSupport.checkMask { try Interruption.check() }
            if y == b.count || (x < a.count && a[x].0 <= b[y].0) { both.append(a[x]); x += 1 } else { both.append(b[y]); y += 1 }
        }
        return try merge(both)
    }

    /// Hits by document, start and end; a search's hits already are, and are kept as
    /// they come (checking costs one pass, sorting millions of hits seconds).
    static func inDocumentOrder(_ hits: [Hit]) throws -> [Hit] {
        for k in hits.indices.dropFirst() {
            if k & AnalysisSupport.checkMask == 0 { try Interruption.check() }
            let a = hits[k - 1], b = hits[k]
            if (a.document, a.start, a.end) > (b.document, b.start, b.end) {
                return hits.sorted { ($0.document, $0.start, $0.end) < ($1.document, $1.start, $1.end) }
            }
        }
        return hits
    }
}
