import Foundation

/// The result of a query: its matches, and the documents it selects (a boolean
/// query can select documents without matches of its own, e.g. NOT x).
public struct QueryResult: Sendable {
    public var hits: [Hit]
    public var documents: [Int]
}

extension Corpus {
    /// Runs a parsed query. Every match is counted, overlapping ones included;
    /// a phrase with a variable gap counts once per start, at its shortest.
    /// Stops with `Interrupted` when the host asks (Ctrl-C, time limit).
    public func evaluate(_ node: QueryNode) throws -> QueryResult {
        var matcher = QueryMatcher(corpus: self)
        return try matcher.evaluate(node)
    }

    public func search(_ query: String) throws -> QueryResult {
        try evaluate(try QueryParser.parse(query))
    }
}

/// Evaluation state: caches of pattern → type sets for one query.
struct QueryMatcher {
    let corpus: Corpus
    private var typeSets: [TokenPattern: [Bool]] = [:]
    private lazy var stemmer = Stemmer()

    init(corpus: Corpus) { self.corpus = corpus }

    mutating func evaluate(_ node: QueryNode) throws -> QueryResult {
        switch node {
        case .sequence(let elements):
            let hits = try sequenceHits(elements)
            return QueryResult(hits: hits, documents: Self.uniqueDocuments(hits))
        case .or, .and:
            // A chain of one operator is worked at once: every operand's hits
            // sorted together, where one merge per operator made a chain of 200
            // cost 200 sorts of everything so far.
            let isOr: Bool = if case .or = node { true } else { false }
            var operands: [QueryResult] = []
            for n in Self.chain(node, or: isOr) {
                try Interruption.check()
                operands.append(try evaluate(n))
            }
            var docs = Set(operands[0].documents)
            for o in operands.dropFirst() {
                if isOr { docs.formUnion(o.documents) } else { docs.formIntersection(o.documents) }
            }
            let lists = operands.map { isOr ? $0.hits : $0.hits.filter { docs.contains($0.document) } }
            return QueryResult(hits: try Self.mergeUnique(lists), documents: docs.sorted())
        case .not(let a):
            let x = Set(try evaluate(a).documents)
            return QueryResult(hits: [], documents: corpus.documents.indices.filter { !x.contains($0) })
        case .near(let a, let b, let n):
            let x = try evaluate(a).hits, y = try evaluate(b).hits
            let out = try NearHits.of(x, y, within: n)
            return QueryResult(hits: out, documents: Self.uniqueDocuments(out))
        }
    }

    static func order(_ a: Hit, _ b: Hit) -> Bool { (a.document, a.start, a.end) < (b.document, b.start, b.end) }

    /// The operands of a chain of ORs (or of ANDs), left to right, however grouped.
    static func chain(_ node: QueryNode, or: Bool) -> [QueryNode] {
        var out: [QueryNode] = [], stack = [node]
        while let n = stack.popLast() {
            switch n {
            case .or(let a, let b) where or: stack += [b, a]
            case .and(let a, let b) where !or: stack += [b, a]
            default: out.append(n)
            }
        }
        return out
    }

    /// Sorted lists of hits merged into one, each hit once: pairs of lists
    /// merged in rounds, each a linear pass that polls the limits (a sort of
    /// everything could not stop for them).
    static func mergeUnique(_ lists: [[Hit]]) throws -> [Hit] {
        var lists = lists.filter { !$0.isEmpty }
        while lists.count > 1 {
            var next: [[Hit]] = []
            for k in stride(from: 0, to: lists.count, by: 2) {
                next.append(k + 1 < lists.count ? try merge(lists[k], lists[k + 1]) : lists[k])
            }
            lists = next
        }
        return lists.first ?? []
    }

    /// Two sorted lists of distinct hits as one, each hit once.
    static func merge(_ a: [Hit], _ b: [Hit]) throws -> [Hit] {
        var out: [Hit] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if (i + j) & 0xFFFF == 0xFFFF { try Interruption.check() }
            if j == b.count || (i < a.count && order(a[i], b[j])) { out.append(a[i]); i += 1 }
            else if i == a.count || order(b[j], a[i]) { out.append(b[j]); j += 1 }
            else { out.append(a[i]); i += 1; j += 1 }   // the same hit on both sides
        }
        return out
    }

    /// Puts hits in (document, start, end) order, each once.
    static func sortUnique(_ hits: inout [Hit]) throws {
        try Interruption.check()
        hits.sort(by: order)
        var w = 0
        for i in hits.indices where w == 0 || hits[w - 1] != hits[i] { hits[w] = hits[i]; w += 1 }
        hits.removeLast(hits.count - w)
    }
    /// The documents of hits in document order (as every evaluation returns them):
    /// one pass, no set; any other order takes the long way.
    static func uniqueDocuments(_ hits: [Hit]) -> [Int] {
        var docs: [Int] = []
        for h in hits {
            if let last = docs.last {
                if h.document == last { continue }
                if h.document < last { return Array(Set(hits.map(\.document))).sorted() }
            }
            docs.append(h.document)
        }
        return docs
    }

    // MARK: sequences

    /// Which types each pattern admits, as a bitmap over the vocabulary.
    mutating func types(_ p: TokenPattern) throws -> [Bool] {
        if let cached = typeSets[p] { return cached }
        let forms = corpus.vocabulary.forms
        var set = [Bool](repeating: false, count: forms.count)
        switch p {
        case .form(let f), .exact(let f):
            let folded = p == .form(f) ? f : Folding.matchingForm(f)
            if let id = corpus.vocabulary.id(of: folded) { set[Int(id)] = true }
        case .wildcard(let glob):
            let g = Array(glob)
            // The literal ends of the pattern, compared as bytes first: a form whose
            // characters match them has those bytes too, so only the few that pass
            // are split into characters (most of the vocabulary never is).
            let head = Array(String(g.prefix { $0 != "*" && $0 != "?" }).utf8)
            let tail = g.contains { $0 == "*" || $0 == "?" }
                ? Array(String(g.reversed().prefix { $0 != "*" && $0 != "?" }.reversed()).utf8) : []
            for (i, f) in forms.enumerated() {
                if i & 0xFFF == 0xFFF { try Interruption.check() }
                let u = f.utf8
                guard u.count >= head.count + tail.count, u.starts(with: head), u.reversed().starts(with: tail.reversed()) else { continue }
                if Self.globMatches(g, Array(f)) { set[i] = true }
            }
        case .regex(let r):
            set = try RegexPass.admitted(forms, pattern: r)
        case .unaccented(let key):
            let table = corpus.derived.unaccentedTable { UnaccentedTable(forms: forms) }
            for t in table.types(withKey: key) { set[Int(t)] = true }
            if key.utf8.allSatisfy({ $0 < 0x80 }), let id = corpus.vocabulary.id(of: key) { set[Int(id)] = true }
        case .stem(let w):
            if let s = stemmer {
                let table = corpus.derived.stemTable { StemTable(forms: forms, stemmer: s) }
                for t in table.types(withStem: s.stem(w)) { set[Int(t)] = true }
            }
        }
        typeSets[p] = set
        return set
    }

    static func isASCII(_ s: String) -> Bool { s.utf8.allSatisfy { $0 < 0x80 } }

    static func contains(_ s: String, _ needle: [UInt8]) -> Bool {
        var s = s
        return s.withUTF8 { RegexLiteral.contains($0, needle) }
    }

    /// `*` any run, `?` one character.
    static func globMatches(_ p: [Character], _ s: [Character]) -> Bool {
        var pi = 0, si = 0, star = -1, mark = 0
        while si < s.count {
            if pi < p.count, p[pi] == "?" || p[pi] == s[si] { pi += 1; si += 1 }
            else if pi < p.count, p[pi] == "*" { star = pi; mark = si; pi += 1 }
            else if star >= 0 { pi = star + 1; mark += 1; si = mark }
            else { return false }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// The types one alternative admits: a single id (a plain word, the common
    /// case, with no bitmap to build), or a bitmap over the vocabulary.
    enum TypeSet {
        case none
        case one(UInt32)
        case many([Bool])

        func contains(_ t: UInt32) -> Bool {
            switch self {
            case .none: return false
            case .one(let id): return id == t
            case .many(let set): return set[Int(t)]
            }
        }
    }

    struct CompiledElement {
        var types: [TypeSet] = []         // for a token: one set per alternative
        var exact: [String?] = []         // surface required, per alternative
        /// Per alternative with a surface: the cases an ASCII token must have
        /// to spell it (`TokenCases`), or nil when the text must say.
        var exactCases: [Set<TokenCases.Case>?] = []
        var gap: ClosedRange<Int>?        // for a gap
        /// How many tokens it covers: 1 for a token, the gap's bounds for a gap.
        var width: ClosedRange<Int> { gap ?? 1...1 }
    }

    mutating func typeSet(_ p: TokenPattern) throws -> TypeSet {
        switch p {
        case .form(let f): return corpus.vocabulary.id(of: f).map { .one($0) } ?? .none
        case .exact(let f): return corpus.vocabulary.id(of: Folding.matchingForm(f)).map { .one($0) } ?? .none
        default: return .many(try types(p))
        }
    }

    /// Side-by-side gaps are one gap of the summed bounds (`_{0,100} _{0,100}`
    /// is `_{0,200}`), so a chain of them is one element to match. A gap longer
    /// than the longest document is cut to just past it: it matches nothing
    /// either way.
    func mergingGaps(_ elements: [SequenceElement]) -> [SequenceElement] {
        var out: [SequenceElement] = []
        var longest: Int?
        for e in elements {
            guard case .gap(let m, let n) = e, case .gap(let m0, let n0)? = out.last else { out.append(e); continue }
            if longest == nil {
                longest = zip(corpus.documentStarts.dropFirst(), corpus.documentStarts).map { $0 - $1 }.max() ?? 0
            }
            let cap = (longest ?? 0) + 1
            out[out.count - 1] = .gap(min: Swift.min(m0 + m, cap), max: Swift.min(n0 + n, cap))
        }
        return out
    }

    mutating func compile(_ elements: [SequenceElement]) throws -> [CompiledElement] {
        try mergingGaps(elements).map { e in
            switch e {
            case .gap(let m, let n): return CompiledElement(gap: m...n)
            case .token(let alternatives):
                var c = CompiledElement()
                for a in alternatives {
                    let set = try typeSet(a)
                    c.types.append(set)
                    if case .exact(let w) = a {
                        c.exact.append(w)
                        if case .one(let id) = set {
                            c.exactCases.append(TokenCases.cases(spelling: w, form: corpus.vocabulary.form(of: id)))
                        } else {
                            c.exactCases.append(nil)
                        }
                    } else {
                        c.exact.append(nil); c.exactCases.append(nil)
                    }
                }
                return c
            }
        }
    }

    /// How many positions of the corpus a token element's alternatives admit.
    func postingCount(_ c: CompiledElement) -> Int {
        c.types.reduce(0) { total, set in
            switch set {
            case .none: return total
            case .one(let id): return total + corpus.index.frequency(of: id)
            case .many(let bits):
                var n = 0
                for (t, on) in bits.enumerated() where on { n += corpus.index.frequency(of: UInt32(t)) }
                return total + n
            }
        }
    }

    /// Matches of a sequence. The candidates come from the index postings of
    /// one token element, the anchor: the one with the fewest postings, each
    /// weighted by how many start offsets the elements before it allow (a
    /// variable gap before the anchor means several possible starts). Each
    /// start is then checked left to right in the token array.
    mutating func sequenceHits(_ elements: [SequenceElement]) throws -> [Hit] {
        let compiled = try compile(elements)
        var anchor: (index: Int, cost: Int)?
        var leadMin = 0, leadMax = 0, bestMin = 0, bestMax = 0
        for (i, c) in compiled.enumerated() {
            if c.gap == nil {
                let cost = postingCount(c) * (leadMax - leadMin + 1)
                if anchor == nil || cost < anchor!.cost { anchor = (i, cost); bestMin = leadMin; bestMax = leadMax }
            }
            leadMin += c.width.lowerBound
            leadMax += c.width.upperBound
        }
        guard let anchor, anchor.cost > 0 else { return [] }
        var candidates: [UInt32] = []
        candidates.reserveCapacity(postingCount(compiled[anchor.index]))
        for set in compiled[anchor.index].types {
            switch set {
            case .none: break
            case .one(let id): corpus.index.appendPostings(of: id, to: &candidates)
            case .many(let bits):
                // `/.*/` admits every form: all the corpus's positions, gathered then sorted.
                for (t, on) in bits.enumerated() where on {
                    if t & 0xFFF == 0xFFF { try Interruption.check() }
                    corpus.index.appendPostings(of: UInt32(t), to: &candidates)
                }
            }
        }
        try Interruption.check()
        // One id's postings are sorted already; several sets are merged, and
        // overlapping alternatives (`a|a`, `nat*|nato`) must not count twice.
        if compiled[anchor.index].types.count > 1 || compiled[anchor.index].types.contains(where: { if case .many = $0 { true } else { false } }) {
            candidates.sort()
            var w = 0
            for c in candidates where w == 0 || candidates[w - 1] != c { candidates[w] = c; w += 1 }
            candidates.removeLast(candidates.count - w)
        }
        if let plain = PlainSequence(compiled) {
            return try plain.hits(candidates, anchor: anchor.index, in: corpus)
        }

        // A `=Word` with more candidates than there are documents: the token
        // cases of the documents holding them on all cores first.
        if candidates.count > Swift.max(4096, corpus.documents.count),
           compiled.contains(where: { $0.exactCases.contains { $0 != nil } }) {
            corpus.classifyTokenCases(around: candidates)
        }
        return try FlatSequence(compiled).hits(candidates, leads: bestMin...bestMax, in: corpus)
    }
}

/// A sequence of plain token elements (no gap, no case-sensitive form): the
/// common phrase. Each element is one id or a bitmap, and each candidate is
/// checked against the token array directly, with no per-candidate copies.
struct PlainSequence {
    private let ids: [UInt32]        // per element: its one id, or UInt32.max when `bits` holds it
    private let bits: [[Bool]]       // per element: the union of its alternatives, or [] for a single id

    init?(_ elements: [QueryMatcher.CompiledElement]) {
        var ids: [UInt32] = [], bits: [[Bool]] = []
        for e in elements {
            guard e.gap == nil, e.exact.allSatisfy({ $0 == nil }) else { return nil }
            let (id, union) = Self.admitted(e)
            ids.append(id); bits.append(union)
        }
        self.ids = ids
        self.bits = bits
    }

    /// What a token element admits: its one id (and no bitmap), or
    /// UInt32.max and the union of its alternatives' types as a bitmap.
    static func admitted(_ e: QueryMatcher.CompiledElement) -> (id: UInt32, bits: [Bool]) { admitted(e.types) }

    /// `admitted` for some of an element's alternatives.
    static func admitted(_ types: [QueryMatcher.TypeSet]) -> (id: UInt32, bits: [Bool]) {
        if types.count == 1, case .one(let id) = types[0] { return (id, []) }
        var union: [Bool] = []
        for t in types {
            switch t {
            case .none: break
            case .one(let id):
                if union.count <= Int(id) { union += [Bool](repeating: false, count: Int(id) + 1 - union.count) }
                union[Int(id)] = true
            case .many(let b):
                if union.count < b.count { union += [Bool](repeating: false, count: b.count - union.count) }
                for (i, on) in b.enumerated() where on { union[i] = true }
            }
        }
        return (UInt32.max, union)
    }

    /// The matches whose element `anchor` stands at one of `candidates` (sorted, distinct).
    func hits(_ candidates: [UInt32], anchor: Int, in corpus: Corpus) throws -> [Hit] {
        let bases = corpus.documentStarts   // documents' starts, then the end of the last
        let last = bases.count - 2
        let n = ids.count
        var hits: [Hit] = []
        hits.reserveCapacity(candidates.count)   // at most one match a candidate: the array never grows
        var doc = 0
        try corpus.tokens.withUnsafeBufferPointer { tokens in
            guard !tokens.isEmpty else { return }
            // The token beside each candidate (the element after the anchor, or
            // before it), read first in a loop without branches: these reads
            // miss the cache, and only reads that do not wait on one another
            // overlap. Most candidates fail on it.
            let probe = anchor + 1 < n ? anchor + 1 : anchor - 1
            let offset = probe - anchor, lastToken = tokens.count - 1
            let beside = [UInt32](unsafeUninitializedCapacity: n > 1 ? candidates.count : 0) { beside, initialized in
                for k in beside.indices {
                    beside[k] = tokens[Swift.min(Swift.max(Int(candidates[k]) + offset, 0), lastToken)]
                }
                initialized = beside.count
            }
            func admits(_ i: Int, _ t: UInt32) -> Bool {
                ids[i] != UInt32.max ? t == ids[i] : Int(t) < bits[i].count && bits[i][Int(t)]
            }
            // A candidate costs up to n token checks: poll by that work, so a
            // phrase of thousands of words stops in time too.
            var work = 0
            for (k, c) in candidates.enumerated() {
                work += n
                if work > 0xFFFFF { work = 0; try Interruption.check() }
                if n > 1, !admits(probe, beside[k]) { continue }
                let p = Int(c)
                while doc < last, bases[doc + 1] <= p { doc += 1 }
                let start = p - anchor
                guard start >= bases[doc], start + n <= bases[doc + 1] else { continue }
                var ok = true
                for i in 0..<n where i != anchor && i != probe {
                    if !admits(i, tokens[start + i]) { ok = false; break }
                }
                if ok { hits.append(Hit(document: doc, start: start - bases[doc], end: start + n - bases[doc])) }
            }
        }
        return hits
    }
}
