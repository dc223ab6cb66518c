/// Text reuse (`corpus:reuse`): passages two documents share, found by hashing shingles.
///
/// The rules (docs/source-criticism.md):
/// 1. A shingle is `min` consecutive tokens inside one document, compared by
///    type id (so by matching form: case and `’`/`'` do not matter).
/// 2. Every shingle is hashed; equal hashes are checked token by token. A
///    shingle found in more than `maxDocuments` documents, or more than
///    `maxDocuments` times in all, is boilerplate-level and seeds nothing.
/// 3. Each shingle two different documents share seeds an exact match, which
///    is extended left and right token by token as long as the two documents
///    agree (through ignored shingles too) and stay inside their documents:
///    a maximal exact match, at least `min` tokens long. Seeds inside one
///    match give that match once. A match is kept only if at least `min` of
///    its tokens lie outside the ignored shingles within it (so a word that
///    two documents happen to share just before a common footer is not reuse).
/// 4. Exact matches of one pair of documents are chained into one passage
///    when the next starts, on both sides, after at most `maxGap` tokens that
///    differ (so 0–`maxGap` tokens on each side, in order on both sides).
///    `differences` adds, for every such gap, the larger of its two sides: a
///    changed word is 1, an inserted or deleted word is 1. `maxGap = 0` gives
///    exactly the maximal exact matches of at least `min` tokens.
/// 5. Only pairs of different documents: a document repeating itself is not reuse.
///    Three documents sharing a passage give three rows (A–B, A–C, B–C).
public struct ReuseOptions: Equatable, Sendable {
    /// The shortest exact match, in tokens (2…1000).
    public var minTokens = 8
    /// Differing tokens allowed between two exact matches of one passage (0…50).
    public var maxGap = 2
    /// Shingles in more documents than this (or more times in all) are ignored (≥ 2).
    public var maxDocuments = 100

    public init(minTokens: Int = 8, maxGap: Int = 2, maxDocuments: Int = 100) {
        self.minTokens = minTokens; self.maxGap = maxGap; self.maxDocuments = maxDocuments
    }

    public func validate() throws {
        guard (2...1000).contains(minTokens) else { throw AnalysisError("min must be a whole number from 2 to 1000, got \(minTokens)") }
        guard (0...50).contains(maxGap) else { throw AnalysisError("gap must be a whole number from 0 to 50, got \(maxGap)") }
        guard maxDocuments >= 2 else { throw AnalysisError("max_docs must be 2 or more, got \(maxDocuments)") }
    }
}

/// A passage shared by two documents. Positions are document-local token
/// indices, end exclusive; document A comes before B in the corpus.
public struct ReusePassage: Equatable, Sendable {
    public struct Gap: Equatable, Sendable {
        public var startA: Int, endA: Int, startB: Int, endB: Int
    }
    public var documentA: Int
    public var startA: Int
    public var endA: Int
    public var documentB: Int
    public var startB: Int
    public var endB: Int
    /// Tokens in the exact matches.
    public var matched: Int
    /// Σ over gaps of max(tokens differing in A, in B).
    public var differences: Int
    /// The stretches between exact matches.
    public var gaps: [Gap]
}

extension Corpus {
    /// The shared passages, ordered by document A, document B, start in A, start in B.
    public func reusePassages(_ options: ReuseOptions = ReuseOptions()) throws -> [ReusePassage] {
        try options.validate()
        let runs = try reuseRuns(options)
        return try chainRuns(runs, maxGap: options.maxGap)
    }

    /// An exact match: global start positions in A and B, and its length.
    struct ReuseRun: Comparable {
        var docA: Int32, docB: Int32
        var startA: UInt32, startB: UInt32
        var length: UInt32
        static func < (x: ReuseRun, y: ReuseRun) -> Bool {
            (x.docA, x.docB, x.startA, x.startB, x.length) < (y.docA, y.docB, y.startA, y.startB, y.length)
        }
    }

    /// Rules 1–3: maximal exact matches of at least `minTokens` between pairs of documents.
    func reuseRuns(_ o: ReuseOptions) throws -> [ReuseRun] {
        let n = o.minTokens
        guard tokens.count < Int(UInt32.max), !documents.isEmpty else { return [] }
        // Rule 1–2: a 32-bit polynomial hash of each shingle's (mixed) type ids,
        // packed above its position, so one sort of UInt64 groups equal hashes.
        var mixed = [UInt64](repeating: 0, count: vocabulary.count)
        for i in mixed.indices { mixed[i] = Self.splitmix(UInt64(i)) }
        let base: UInt64 = 0x9E37_79B9_7F4A_7C15
        var top: UInt64 = 1                                // base^(n-1)
        for _ in 1..<n { top = top &* base }
        var keys: [UInt64] = []
        keys.reserveCapacity(max(0, tokens.count - documents.count * (n - 1)))
        for (di, d) in documents.enumerated() where d.tokenCount >= n {
            if di & 0xFF == 0xFF { try Interruption.check() }
            var h: UInt64 = 0
            let s = d.tokenBase, e = d.tokenBase + d.tokenCount
            for p in s..<(s + n) { h = h &* base &+ mixed[Int(tokens[p])] }
            var p = s
            while true {
                if p & 0xFFFF == 0xFFFF { try Interruption.check() }   // one document may hold millions
                keys.append((h >> 32) << 32 | UInt64(p))
                if p + n >= e { break }
                h = (h &- mixed[Int(tokens[p])] &* top) &* base &+ mixed[Int(tokens[p + n])]
                p += 1
            }
        }
        try Interruption.check()
        try RadixSort.sort(keys: &keys)

        // Pass 1: which shingle starts are ignored (too many documents or occurrences).
        // Pass 2: seeds only where the previous shingle on the same diagonal is not
        // itself a seed, i.e. at the start of an exact match or just after an ignored stretch.
        var ignored = [Bool](repeating: false, count: tokens.count)
        var anyIgnored = false
        var groups: [[Int]] = []    // kept groups of positions with equal shingles (≥ 2 documents)
        var i = 0
        var checked = 0
        while i < keys.count {
            var j = i + 1
            while j < keys.count, keys[j] >> 32 == keys[i] >> 32 { j += 1 }
            if j - i >= 2 {
                for group in shingleGroups(keys[i..<j], n) where group.count >= 2 {
                    let docCount = distinctDocuments(group)
                    if docCount > o.maxDocuments || group.count > o.maxDocuments {
                        for p in group { ignored[p] = true }
                        anyIgnored = true
                    } else if docCount >= 2 {
                        groups.append(group)
                    }
                }
                checked += j - i
                if checked >= 0xFFFF { checked = 0; try Interruption.check() }
            }
            i = j
        }
        keys = []

        var runs: [ReuseRun] = []
        for (gi, group) in groups.enumerated() {
            if gi & 0xFFF == 0xFFF { try Interruption.check() }
            let docs = group.map { documentIndex(containing: $0) }
            for x in 0..<group.count {
                for y in (x + 1)..<group.count where docs[y] != docs[x] {
                    let (pa, pb, da, db) = docs[x] < docs[y] ? (group[x], group[y], docs[x], docs[y])
                                                             : (group[y], group[x], docs[y], docs[x])
                    let sa = documents[da].tokenBase, sb = documents[db].tokenBase
                    // Not a seed when the shingle one token earlier, on this diagonal, is one.
                    if pa > sa, pb > sb, tokens[pa - 1] == tokens[pb - 1], !ignored[pa - 1] { continue }
                    var start = 0
                    while pa - start > sa, pb - start > sb, tokens[pa - start - 1] == tokens[pb - start - 1] { start += 1 }
                    let ea = sa + documents[da].tokenCount, eb = sb + documents[db].tokenCount
                    var end = n
                    while pa + end < ea, pb + end < eb, tokens[pa + end] == tokens[pb + end] { end += 1 }
                    runs.append(ReuseRun(docA: Int32(da), docB: Int32(db), startA: UInt32(pa - start),
                                         startB: UInt32(pb - start), length: UInt32(start + end)))
                }
            }
        }
        try Interruption.check()
        runs.sort()
        var unique: [ReuseRun] = []
        unique.reserveCapacity(runs.count)
        for r in runs where unique.last != r { unique.append(r) }
        guard anyIgnored else { return unique }
        // Rule 3, last part: a match must have `min` tokens outside the ignored shingles
        // that lie within it, so a chance one-word match next to a footer is not a passage.
        var kept: [ReuseRun] = []
        for (k, r) in unique.enumerated() {
            if k & 0xFFF == 0xFFF { try Interruption.check() }
            let s = Int(r.startA), e = s + Int(r.length)
            var covered = 0, coveredUntil = s
            if e - n >= s {
                for p in s...(e - n) where ignored[p] {
                    covered += p + n - max(p, coveredUntil)
                    coveredUntil = p + n
                }
            }
            if Int(r.length) - covered >= n { kept.append(r) }
        }
        return kept
    }

    /// Splits a bucket of equal hashes into groups of truly equal shingles (positions ascending).
    func shingleGroups(_ bucket: ArraySlice<UInt64>, _ n: Int) -> [[Int]] {
        var rest = bucket.map { Int($0 & 0xFFFF_FFFF) }
        var out: [[Int]] = []
        while let first = rest.first {
            var same: [Int] = [], other: [Int] = []
            for p in rest {
                var equal = true
                if p != first { for k in 0..<n where tokens[p + k] != tokens[first + k] { equal = false; break } }
                if equal { same.append(p) } else { other.append(p) }
            }
            out.append(same)
            rest = other
        }
        return out
    }

    /// How many documents hold these (ascending) global positions.
    func distinctDocuments(_ positions: [Int]) -> Int {
        var count = 0, last = -1, lastEnd = -1
        for p in positions where p >= lastEnd {
            let d = documentIndex(containing: p)
            if d != last { count += 1; last = d; lastEnd = documents[d].tokenBase + documents[d].tokenCount }
        }
        return count
    }

    /// Rule 4: chains each pair's exact matches (sorted) into passages.
    func chainRuns(_ runs: [ReuseRun], maxGap g: Int) throws -> [ReusePassage] {
        var out: [ReusePassage] = []
        var k = 0
        while k < runs.count {
            try Interruption.check()
            var m = k + 1
            while m < runs.count, runs[m].docA == runs[k].docA, runs[m].docB == runs[k].docB { m += 1 }
            let da = Int(runs[k].docA), db = Int(runs[k].docB)
            let ba = documents[da].tokenBase, bb = documents[db].tokenBase
            var chains: [[ReuseRun]] = []
            var open: [Int] = []    // chains that a later run may still join
            for r in runs[k..<m] {
                open.removeAll { c in
                    let l = chains[c].last!
                    return Int(l.startA + l.length) + g < Int(r.startA)
                }
                var best: (chain: Int, cost: Int)?
                for c in open {
                    let l = chains[c].last!
                    let ga = Int(r.startA) - Int(l.startA + l.length), gb = Int(r.startB) - Int(l.startB + l.length)
                    guard ga >= 0, gb >= 0, ga <= g, gb <= g, ga + gb > 0 else { continue }
                    if best == nil || ga + gb < best!.cost { best = (c, ga + gb) }
                }
                if let best { chains[best.chain].append(r) } else { open.append(chains.count); chains.append([r]) }
            }
            for chain in chains {
                let f = chain.first!, l = chain.last!
                var gaps: [ReusePassage.Gap] = []
                var differences = 0
                for (x, y) in zip(chain, chain.dropFirst()) {
                    let gap = ReusePassage.Gap(startA: Int(x.startA + x.length) - ba, endA: Int(y.startA) - ba,
                                               startB: Int(x.startB + x.length) - bb, endB: Int(y.startB) - bb)
                    differences += max(gap.endA - gap.startA, gap.endB - gap.startB)
                    gaps.append(gap)
                }
                out.append(ReusePassage(documentA: da, startA: Int(f.startA) - ba, endA: Int(l.startA + l.length) - ba,
                                        documentB: db, startB: Int(f.startB) - bb, endB: Int(l.startB + l.length) - bb,
                                        matched: chain.reduce(0) { $0 + Int($1.length) }, differences: differences, gaps: gaps))
            }
            k = m
        }
        out.sort { ($0.documentA, $0.documentB, $0.startA, $0.startB) < ($1.documentA, $1.documentB, $1.startA, $1.startB) }
        return out
    }

    static func splitmix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The surface text of document-local tokens start..<end ("" when empty).
    func surface(_ doc: Int, _ start: Int, _ end: Int) -> String {
        text(document: doc, tokens: start..<end)
    }

    /// `corpus:reuse{…}`: one row per passage: doc_a, start_a, stop_a, doc_b,
    /// start_b, stop_b (1-based token positions, inclusive, as in hits),
    /// tokens (the passage's length in A), differences, text (as it stands in
    /// A), changes (each gap as "A's words → B's words", "; " between gaps;
    /// empty for an exact passage).
    public func reuse(_ options: ReuseOptions = ReuseOptions()) throws -> Table {
        let passages = try reusePassages(options)
        var docA: [TableValue] = [], startA: [TableValue] = [], stopA: [TableValue] = []
        var docB: [TableValue] = [], startB: [TableValue] = [], stopB: [TableValue] = []
        var length: [TableValue] = [], diffs: [TableValue] = [], text: [TableValue] = [], changes: [TableValue] = []
        for (k, p) in passages.enumerated() {
            if k & 0xFF == 0xFF { try Interruption.check() }
            docA.append(.string(documents[p.documentA].id)); startA.append(.int(p.startA + 1)); stopA.append(.int(p.endA))
            docB.append(.string(documents[p.documentB].id)); startB.append(.int(p.startB + 1)); stopB.append(.int(p.endB))
            length.append(.int(p.endA - p.startA)); diffs.append(.int(p.differences))
            text.append(.string(surface(p.documentA, p.startA, p.endA)))
            if p.gaps.isEmpty { changes.append(.null) } else {
                changes.append(.string(p.gaps.map { g in
                    let a = surface(p.documentA, g.startA, g.endA), b = surface(p.documentB, g.startB, g.endB)
                    return "\(a.isEmpty ? "(nothing)" : a) → \(b.isEmpty ? "(nothing)" : b)"
                }.joined(separator: "; ")))
            }
        }
        return Table(columns: [("doc_a", docA), ("start_a", startA), ("stop_a", stopA), ("doc_b", docB), ("start_b", startB),
                               ("stop_b", stopB), ("tokens", length), ("differences", diffs), ("text", text), ("changes", changes)])
    }
}
