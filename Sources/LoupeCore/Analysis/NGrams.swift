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
    /// How, without hashing: every type gets its rank among all forms in code
    /// point order. Each n-gram start gets an exact 64-bit key — the ranks of
    /// its first m tokens packed side by side (m = n when they fit, as trigrams
    /// do below 2M types) — and the starts are radix-sorted by key; a run of
    /// equal keys is one (partial) n-gram, numbered in key order. While tokens
    /// remain, the key becomes (that number, rank of the next token) and the
    /// starts are sorted again. So the numbers follow the order of the joined
    /// strings (a space sorts before any character of a token), and a run
    /// shorter than `min` drops its starts at once: a partial n-gram seen fewer
    /// than min times cannot begin one seen min times. A stable sort by count
    /// gives the final order.
    public func ngrams(n: Int = 2, min: Int = 2, within scope: NGramScope = .sentence) throws -> Table {
        guard (2...8).contains(n) else { throw AnalysisError("n must be a whole number from 2 to 8, got \(n)") }
        try AnalysisSupport.checkMin(min)
        let total = tokens.count
        guard total > 0, !documents.isEmpty else { return Table(columns: [("ngram", []), ("n", []), ("docs", [])]) }
        let floor = Swift.max(min, 1)
        let mask = AnalysisSupport.checkMask
        let typeCount = vocabulary.count
        let rare = (0..<typeCount).map { index.frequency(of: UInt32($0)) < floor }
        let (rank, order) = try formOrder()

        // reach[p]: how many tokens from p on, up to n, lie in p's sentence (or
        // document) and are not rare; an n-gram starts at p iff reach[p] == n.
        var reach = [UInt8](repeating: 0, count: total + 1)
        do {
            var starts = [Bool](repeating: false, count: total + 1)
            starts[total] = true
            for d in documents {
                if d.tokenBase < total { starts[d.tokenBase] = true }
                if scope == .sentence {
                    for s in d.sentences {
                        if s.tokenStart < d.tokenCount { starts[d.tokenBase + s.tokenStart] = true }
                        if s.tokenEnd < d.tokenCount { starts[d.tokenBase + s.tokenEnd] = true }
                    }
                }
            }
            var p = total - 1
            while p >= 0 {
                if p & mask == 0 { try Interruption.check() }
                reach[p] = rare[Int(tokens[p])] ? 0 : (starts[p + 1] ? 1 : Swift.min(reach[p + 1] + 1, UInt8(n)))
                p -= 1
            }
        }

        // Level m: packed ranks of the first m tokens.
        let bits = Swift.max(1, UInt64.bitWidth - UInt64(typeCount).leadingZeroBitCount)
        let packed = Swift.min(n, 64 / bits)
        var starts = 0
        for p in 0..<total where reach[p] == n { starts += 1 }
        var keys = [UInt64](repeating: 0, count: starts)
        var positions = [UInt32](repeating: 0, count: starts)
        tokens.withUnsafeBufferPointer { tok in
            rank.withUnsafeBufferPointer { rank in
                reach.withUnsafeBufferPointer { reach in
                    keys.withUnsafeMutableBufferPointer { keys in
                        positions.withUnsafeMutableBufferPointer { positions in
                            var k = 0
                            for p in 0..<total where reach[p] == n {
                                var key: UInt64 = 0
                                for j in 0..<packed { key = key << UInt64(bits) | UInt64(rank[Int(tok[p + j])]) }
                                keys[k] = key
                                positions[k] = UInt32(truncatingIfNeeded: p)
                                k += 1
                            }
                        }
                    }
                }
            }
        }
        reach = []
        // Then one token at a time: (number of the partial n-gram, rank of the next token).
        var level = packed
        while true {
            try RadixSort.sort(keys: &keys, payload: &positions)
            try Interruption.check()
            // Keep runs of at least `floor`, numbered in order.
            let kept = keys.withUnsafeMutableBufferPointer { keys in
                positions.withUnsafeMutableBufferPointer { positions in
                    var w = 0, number: UInt64 = 0, i = 0
                    while i < keys.count {
                        let key = keys[i]
                        var j = i + 1
                        while j < keys.count, keys[j] == key { j += 1 }
                        if j - i >= floor {
                            // The last level keeps its keys: packed ranks spell the n-gram.
                            for k in i..<j { keys[w] = level == n ? key : number; positions[w] = positions[k]; w += 1 }
                            number += 1
                        }
                        i = j
                    }
                    return w
                }
            }
            keys.removeLast(keys.count - kept)
            positions.removeLast(positions.count - kept)
            if level == n { break }
            tokens.withUnsafeBufferPointer { tok in
                rank.withUnsafeBufferPointer { rank in
                    positions.withUnsafeBufferPointer { positions in
                        keys.withUnsafeMutableBufferPointer { keys in
                            for k in 0..<keys.count {
                                keys[k] = keys[k] << 32 | UInt64(rank[Int(tok[Int(positions[k]) + level])])
                            }
                        }
                    }
                }
            }
            level += 1
        }

        // Equal keys (one n-gram) are now adjacent, their positions ascending
        // (the sort is stable), and in the order of the joined strings.
        // The document of a position: a table of the document at every 64th
        // position, then a step or two forward.
        let docStarts = documents.map(\.tokenBase) + [Int.max]
        var docOfBlock = [Int32](repeating: 0, count: total / 64 + 1)
        do {
            var d = 0
            for b in docOfBlock.indices {
                while docStarts[d + 1] <= b * 64 { d += 1 }
                docOfBlock[b] = Int32(d)
            }
        }
        var rowCounts: [Int32] = [], rowDocs: [Int32] = [], rowStarts: [UInt32] = [], rowKeys: [UInt64] = []
        var runs = 0
        keys.withUnsafeBufferPointer { k in for i in k.indices where i == 0 || k[i] != k[i - 1] { runs += 1 } }
        rowCounts.reserveCapacity(runs); rowDocs.reserveCapacity(runs); rowStarts.reserveCapacity(runs); rowKeys.reserveCapacity(runs)
        keys.withUnsafeBufferPointer { keys in
            positions.withUnsafeBufferPointer { positions in
                var i = 0
                while i < keys.count {
                    let key = keys[i]
                    var j = i, docs: Int32 = 0, lastDoc = -1
                    while j < keys.count, keys[j] == key {
                        let p = Int(positions[j])
                        var doc = Int(docOfBlock[p >> 6])
                        while docStarts[doc + 1] <= p { doc += 1 }
                        if doc != lastDoc { docs += 1; lastDoc = doc }
                        j += 1
                    }
                    rowCounts.append(Int32(truncatingIfNeeded: j - i))
                    rowDocs.append(docs)
                    rowStarts.append(positions[i])
                    rowKeys.append(key)
                    i = j
                }
            }
        }
        keys = []
        positions = []
        try Interruption.check()
        // Stable by count, descending: rows are in n-gram order already.
        var rowOrder: [UInt32]
        let maxCount = Int(rowCounts.max() ?? 0)
        if maxCount <= rowCounts.count {
            // A counting sort, one bucket per count (most n-grams occur once): two passes.
            var next = [Int](repeating: 0, count: maxCount + 2)
            for c in rowCounts { next[maxCount - Int(c) + 1] += 1 }
            for b in 1..<next.count { next[b] += next[b - 1] }
            rowOrder = [UInt32](repeating: 0, count: rowCounts.count)
            for (i, c) in rowCounts.enumerated() {
                let b = maxCount - Int(c)
                rowOrder[next[b]] = UInt32(truncatingIfNeeded: i)
                next[b] += 1
            }
        } else {
            rowOrder = Array(0..<UInt32(rowCounts.count))
            var byCount = rowCounts.map { UInt64(Int32.max - $0) }
            try RadixSort.sort(keys: &byCount, payload: &rowOrder)
        }

        if packed == n {
            // The key spells the n-gram: the text column keeps the keys and makes a text
            // only when a row is read (TableColumn.packed), not 9 M strings up front.
            var rowKeysOut: [UInt64] = [], counts: [Int32] = [], docs: [Int32] = []
            rowKeysOut.reserveCapacity(rowOrder.count); counts.reserveCapacity(rowOrder.count); docs.reserveCapacity(rowOrder.count)
            for (k, r) in rowOrder.enumerated() {
                if k & mask == mask { try Interruption.check() }
                let row = Int(r)
                rowKeysOut.append(rowKeys[row])
                counts.append(rowCounts[row])
                docs.append(rowDocs[row])
            }
            let forms = PackedForms(formsInRankOrder: order.map { vocabulary.forms[$0] }, bits: bits, n: n)
            return Table(typed: [("ngram", .packed(rowKeysOut, forms: forms)), ("n", .integers(counts)), ("docs", .integers(docs))])
        }

        // The joined forms, written byte by byte from one buffer of all forms.
        var formBytes: [UInt8] = []
        var formOffsets = [Int](repeating: 0, count: typeCount + 1)
        for (t, f) in vocabulary.forms.enumerated() {
            formBytes.append(contentsOf: f.utf8)
            formOffsets[t + 1] = formBytes.count
        }
        // Compact columns: the texts one after another in one buffer, the numbers as
        // Int32 — millions of rows with no String or enum each (TableColumn).
        var textBytes: [UInt8] = [], ends: [Int] = [], counts: [Int32] = [], docs: [Int32] = []
        ends.reserveCapacity(rowOrder.count); counts.reserveCapacity(rowOrder.count); docs.reserveCapacity(rowOrder.count)
        let fieldMask = (UInt64(1) << UInt64(bits)) - 1
        try formBytes.withUnsafeBufferPointer { bytes in
            try formOffsets.withUnsafeBufferPointer { offsets in
                try tokens.withUnsafeBufferPointer { tok in
                    var types = [Int](repeating: 0, count: n)
                    for (k, r) in rowOrder.enumerated() {
                        if k & mask == mask { try Interruption.check() }
                        let row = Int(r)
                        if packed == n {   // decode the key: no trip to the token array
                            let key = rowKeys[row]
                            for j in 0..<n { types[j] = order[Int((key >> UInt64(bits * (n - 1 - j))) & fieldMask)] }
                        } else {
                            let start = Int(rowStarts[row])
                            for j in 0..<n { types[j] = Int(tok[start + j]) }
                        }
                        for (j, t) in types.enumerated() {
                            if j > 0 { textBytes.append(0x20) }
                            textBytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[offsets[t]..<offsets[t + 1]]))
                        }
                        ends.append(textBytes.count)
                        counts.append(rowCounts[row])
                        docs.append(rowDocs[row])
                    }
                }
            }
        }
        return Table(typed: [("ngram", .texts(bytes: textBytes, ends: ends)), ("n", .integers(counts)), ("docs", .integers(docs))])
    }

    /// Each type's rank among all forms in code point order, and the types in that order.
    func formOrder() throws -> (rank: [UInt32], order: [Int]) {
        if let known = derived.formOrder { return known }
        let forms = vocabulary.forms
        var order = Array(0..<forms.count)
        var steps = 0
        try order.sort { a, b in
            steps += 1
            if steps & 0xFFFFF == 0 { try Interruption.check() }
            return AnalysisSupport.less(forms[a], forms[b])
        }
        var rank = [UInt32](repeating: 0, count: forms.count)
        for (r, t) in order.enumerated() { rank[t] = UInt32(r) }
        derived.formOrder = (rank, order)
        return (rank, order)
    }
}
