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
    /// point order, and an n-gram's key packs its ranks side by side, the first
    /// word highest, so keys sort as the joined strings do (a space sorts before
    /// any character of a token).
    ///
    /// When the n ranks fit one 64-bit key (trigrams below 2M types), the
    /// positional index's order is the first sort: each token's entry (the
    /// ranks of the n-1 tokens after it, its document) goes to its slot in the
    /// index's layout, one pass over the tokens; then the types are walked in
    /// rank order and each one's entries (a bucket) are sorted on their own, so
    /// runs of equal entries come out in key order, one bucket at a time, on
    /// all cores (NGramBuckets.swift).
    ///
    /// Otherwise every start gets the packed ranks of its first m tokens and the
    /// starts are radix-sorted by key; a run of equal keys is one partial
    /// n-gram, numbered in key order. While tokens remain, the key becomes
    /// (that number, rank of the next token) and the starts are sorted again.
    ///
    /// Either way a run shorter than `min` is dropped at once (a partial n-gram
    /// seen fewer than min times cannot begin one seen min times), and a stable
    /// sort by count gives the final order.
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
        let bits = Swift.max(1, UInt64.bitWidth - UInt64(typeCount).leadingZeroBitCount)
        let packed = Swift.min(n, 64 / bits)

        // Rows in key order, i.e. in the order of the joined strings.
        var parts: [NGramRows]
        if packed == n, let byFirstWord = try ngramRowsByFirstWord(n: n, floor: floor, scope: scope, bits: bits,
                                                                    rank: rank, order: order, rare: rare) {
            parts = byFirstWord
        } else {
            parts = [try ngramRowsChained(n: n, floor: floor, scope: scope, bits: bits, packed: packed, rank: rank, rare: rare)]
        }
        try Interruption.check()
        // Stable by count, descending: rows are in n-gram order already.
        let rows = try NGramRows.byCount(&parts)

        if packed == n {
            // The key spells the n-gram: the text column keeps the keys and makes a text
            // only when a row is read, not millions of strings up front.
            let forms = PackedForms(formsInRankOrder: order.map { vocabulary.forms[$0] }, bits: bits, n: n)
            let keys = rows.keys
            let ngram = TableColumn.computed(count: keys.count) { .string(forms.text(keys[$0])) }
            return Table(typed: [("ngram", ngram), ("n", .integers(rows.counts)), ("docs", .integers(rows.docs))])
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
        var textBytes: [UInt8] = [], ends: [Int] = []
        ends.reserveCapacity(rows.starts.count)
        try withUnsafeBuffers(formBytes, formOffsets, tokens) { bytes, offsets, tok in
            for (k, start) in rows.starts.enumerated() {
                if k & mask == mask { try Interruption.check() }
                for j in 0..<n {
                    let t = Int(tok[Int(start) + j])
                    if j > 0 { textBytes.append(0x20) }
                    textBytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[offsets[t]..<offsets[t + 1]]))
                }
                ends.append(textBytes.count)
            }
        }
        return Table(typed: [("ngram", .texts(bytes: textBytes, ends: ends)), ("n", .integers(rows.counts)), ("docs", .integers(rows.docs))])
    }

    /// Where an n-gram may not run on into position p: p starts a document or
    /// `total` (the end), and in sentence scope p starts or ends a sentence. An
    /// n-gram starts at p iff no such boundary lies in p+1 ..< p+n (and no
    /// token in p ..< p+n is rare).
    func ngramBoundaries(scope: NGramScope, mark: (Int) -> Void) {
        let total = tokens.count
        mark(total)
        if scope == .sentence { segmentAllDocuments() }
        for d in documents {
            if d.tokenBase < total { mark(d.tokenBase) }
            if scope == .sentence {
                for s in d.sentences {
                    if s.tokenStart < d.tokenCount { mark(d.tokenBase + s.tokenStart) }
                    if s.tokenEnd < d.tokenCount { mark(d.tokenBase + s.tokenEnd) }
                }
            }
        }
    }

    /// The rows when an n-gram's ranks do not fit one key (or the fast path
    /// declines): all starts sorted together, one more token a level.
    private func ngramRowsChained(n: Int, floor: Int, scope: NGramScope, bits: Int, packed: Int,
                                  rank: [UInt32], rare: [Bool]) throws -> NGramRows {
        let total = tokens.count
        let mask = AnalysisSupport.checkMask
        // reach[p]: how many tokens from p on, up to n, lie in p's sentence (or
        // document) and are not rare; an n-gram starts at p iff reach[p] == n.
        var reach = [UInt8](repeating: 0, count: total + 1)
        do {
            var starts = [Bool](repeating: false, count: total + 1)
            ngramBoundaries(scope: scope) { starts[$0] = true }
            var p = total - 1
            while p >= 0 {
                if p & mask == 0 { try Interruption.check() }
                reach[p] = rare[Int(tokens[p])] ? 0 : (starts[p + 1] ? 1 : Swift.min(reach[p + 1] + 1, UInt8(n)))
                p -= 1
            }
        }

        // Level m: packed ranks of the first m tokens.
        var starts = 0
        for p in 0..<total where reach[p] == n {
            if starts & mask == mask { try Interruption.check() }
            starts += 1
        }
        var keys = [UInt64](repeating: 0, count: starts)
        var positions = [UInt32](repeating: 0, count: starts)
        withUnsafeBuffers(tokens, rank, reach) { tok, rank, reach in
            withUnsafeMutableBuffers(&keys, &positions) { keys, positions in
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
        reach = []
        // Then one token at a time: (number of the partial n-gram, rank of the next token).
        var level = packed
        while true {
            try RadixSort.sort(keys: &keys, payload: &positions)
            try Interruption.check()
            // Keep runs of at least `floor`, numbered in order.
            let kept = withUnsafeMutableBuffers(&keys, &positions) { keys, positions in
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
            keys.removeLast(keys.count - kept)
            positions.removeLast(positions.count - kept)
            if level == n { break }
            withUnsafeBuffers(tokens, rank, positions) { tok, rank, positions in
                keys.withUnsafeMutableBufferPointer { keys in
                    for k in 0..<keys.count {
                        keys[k] = keys[k] << 32 | UInt64(rank[Int(tok[Int(positions[k]) + level])])
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
        var runs = 0
        keys.withUnsafeBufferPointer { k in for i in k.indices where i == 0 || k[i] != k[i - 1] { runs += 1 } }
        var rows = NGramRows(capacity: runs, starts: true)
        withUnsafeBuffers(keys, positions) { keys, positions in
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
                rows.counts.append(Int32(truncatingIfNeeded: j - i))
                rows.docs.append(docs)
                rows.starts.append(positions[i])
                rows.keys.append(key)
                i = j
            }
        }
        return rows
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

/// The n-grams found, one row each, in key order (the order of the joined strings).
struct NGramRows {
    /// The packed ranks when they fit one key (else the last level's key, not used).
    var keys: [UInt64] = []
    var counts: [Int32] = []
    var docs: [Int32] = []
    /// Where each n-gram first occurs (only kept by the chained path, which spells texts from it).
    var starts: [UInt32] = []
    /// The keys of n-grams seen once (in one document), most of them, kept apart
    /// from the rows above, which then have counts of 2 or more. They go last.
    var singles: [UInt64] = []

    /// Empty columns with room for `rows` rows (`singles` more kept apart).
    init(capacity rows: Int, singles: Int = 0, starts withStarts: Bool) {
        keys = HugePages.emptyArray(capacity: rows); counts = HugePages.emptyArray(capacity: rows)
        docs = HugePages.emptyArray(capacity: rows)
        if withStarts { starts = HugePages.emptyArray(capacity: rows) }
        if singles > 0 { self.singles = HugePages.emptyArray(capacity: singles) }
    }

    init(keys: [UInt64] = [], counts: [Int32] = [], docs: [Int32] = [], starts: [UInt32] = []) {
        self.keys = keys; self.counts = counts; self.docs = docs; self.starts = starts
    }

    /// The rows of `parts`, one after another, sorted by count descending; equal
    /// counts keep their order. Takes the parts' arrays (parts ends up empty).
    static func byCount(_ parts: inout [NGramRows]) throws -> NGramRows {
        let manyCount = parts.reduce(0) { $0 + $1.counts.count }
        let rowCount = manyCount + parts.reduce(0) { $0 + $1.singles.count }
        let maxCount = Int(parts.compactMap { $0.counts.max() }.max() ?? 1)
        guard maxCount <= rowCount else {
            // Few rows, some of them very frequent: a radix sort by count.
            var all = NGramRows()
            for part in parts {
                all.keys += part.keys; all.counts += part.counts; all.docs += part.docs; all.starts += part.starts
            }
            for part in parts {
                all.keys += part.singles
                all.counts += repeatElement(1, count: part.singles.count); all.docs += repeatElement(1, count: part.singles.count)
            }
            parts = []
            var order = Array(0..<UInt32(rowCount))
            var byCount = all.counts.map { UInt64(Int32.max - $0) }
            try RadixSort.sort(keys: &byCount, payload: &order)
            return NGramRows(keys: order.map { all.keys[Int($0)] }, counts: order.map { all.counts[Int($0)] },
                             docs: order.map { all.docs[Int($0)] }, starts: all.starts.isEmpty ? [] : order.map { all.starts[Int($0)] })
        }
        // A counting sort, one bucket per count (most n-grams occur once).
        // firsts[b]: where the rows with count maxCount - b begin; the singles follow them all.
        var firsts = [Int](repeating: 0, count: maxCount + 2)
        for part in parts { for c in part.counts { firsts[maxCount - Int(c) + 1] += 1 } }
        for b in 1..<firsts.count { firsts[b] += firsts[b - 1] }
        let slotStarts = firsts
        let counts = [Int32](unsafeUninitializedCapacity: rowCount) { out, initialized in
            HugePages.advise(out)
            for b in 0...maxCount { for r in firsts[b]..<firsts[b + 1] { out.initializeElement(at: r, to: Int32(maxCount - b)) } }
            for r in manyCount..<rowCount { out.initializeElement(at: r, to: 1) }
            initialized = rowCount
        }

        // Each other column goes straight to its place, one column per thread,
        // each part's column freed once placed; `tail` writes the singles' slots.
        let partCounts = parts.map(\.counts)
        @Sendable func place<T>(_ columns: inout [[T]], tail: (UnsafeMutableBufferPointer<T>) -> Void) -> [T]? {
            var next = slotStarts, stopped = false
            // The columns are plain numbers: a stop may leave slots unwritten (initialized stays 0).
            let placed = [T](unsafeUninitializedCapacity: rowCount) { out, initialized in
                HugePages.advise(out)
                for i in columns.indices {
                    columns[i].withUnsafeBufferPointer { values in
                        partCounts[i].withUnsafeBufferPointer { counts in
                            for r in values.indices {
                                if r & AnalysisSupport.checkMask == 0, Interruption.requested { stopped = true; return }
                                let b = maxCount &- Int(counts[r])
                                out.initializeElement(at: next[b], to: values[r])
                                next[b] &+= 1
                            }
                        }
                    }
                    if stopped { return }
                    columns[i] = []
                }
                tail(UnsafeMutableBufferPointer(rebasing: out[manyCount...]))
                initialized = rowCount
            }
            return stopped ? nil : placed
        }
        let placed = Parallel.map(taking: PlacedColumns.jobs(taking: &parts)) { job -> PlacedColumns? in
            switch job {
            case .keys(var keyParts, var singleParts):
                let keys = place(&keyParts) { out in
                    var w = 0
                    for i in singleParts.indices {
                        singleParts[i].withUnsafeBufferPointer { for key in $0 { out.initializeElement(at: w, to: key); w += 1 } }
                        singleParts[i] = []
                    }
                }
                return keys.map { .keys([$0], singles: []) }
            case .docs(var docParts, var startParts):
                guard let docs = place(&docParts, tail: { $0.initialize(repeating: 1) }) else { return nil }
                // Only the chained path keeps starts, and it has no singles.
                guard startParts.contains(where: { !$0.isEmpty }) else { return .docs([docs], starts: [[]]) }
                return place(&startParts, tail: { _ in }).map { .docs([docs], starts: [$0]) }
            }
        }
        guard placed.count == 2, case .keys(let keys, _)? = placed[0], case .docs(let docs, let starts)? = placed[1],
              let keys = keys.first, let docs = docs.first, let starts = starts.first else { throw Interrupted() }
        return NGramRows(keys: keys, counts: counts, docs: docs, starts: starts)
    }
}

/// The columns `NGramRows.byCount` places, one job a thread: each job takes its
/// parts along, so a part is freed as soon as it is placed; a placed job holds
/// its column (one array) in the same shape.
private enum PlacedColumns: Sendable {
    case keys([[UInt64]], singles: [[UInt64]])
    case docs([[Int32]], starts: [[UInt32]])

    /// The two jobs, taking the parts' columns (parts ends up empty, so the jobs hold the only references).
    static func jobs(taking parts: inout [NGramRows]) -> [PlacedColumns] {
        defer { parts = [] }
        return [.keys(parts.map(\.keys), singles: parts.map(\.singles)), .docs(parts.map(\.docs), starts: parts.map(\.starts))]
    }
}
