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
    public func evaluate(_ node: QueryNode) -> QueryResult {
        var matcher = QueryMatcher(corpus: self)
        return matcher.evaluate(node)
    }

    public func search(_ query: String) throws -> QueryResult {
        evaluate(try QueryParser.parse(query))
    }
}

/// Evaluation state: caches of pattern → type sets for one query.
struct QueryMatcher {
    let corpus: Corpus
    private var typeSets: [TokenPattern: [Bool]] = [:]
    private lazy var stemmer = Stemmer()

    init(corpus: Corpus) { self.corpus = corpus }

    mutating func evaluate(_ node: QueryNode) -> QueryResult {
        switch node {
        case .sequence(let elements):
            let hits = sequenceHits(elements)
            return QueryResult(hits: hits, documents: Self.uniqueDocuments(hits))
        case .or(let a, let b):
            let x = evaluate(a), y = evaluate(b)
            return QueryResult(hits: Self.merge(x.hits, y.hits), documents: Array(Set(x.documents).union(y.documents)).sorted())
        case .and(let a, let b):
            let x = evaluate(a), y = evaluate(b)
            let docs = Set(x.documents).intersection(y.documents)
            return QueryResult(hits: Self.merge(x.hits, y.hits).filter { docs.contains($0.document) }, documents: docs.sorted())
        case .not(let a):
            let x = Set(evaluate(a).documents)
            return QueryResult(hits: [], documents: corpus.documents.indices.filter { !x.contains($0) })
        case .near(let a, let b, let n):
            let x = evaluate(a).hits, y = evaluate(b).hits
            var byDoc: [Int: [Hit]] = [:]
            for h in y { byDoc[h.document, default: []].append(h) }
            var out: [Hit] = []
            for h in x {
                for g in byDoc[h.document] ?? [] where abs(g.start - h.start) <= n && g != h {
                    out.append(Hit(document: h.document, start: min(h.start, g.start), end: max(h.end, g.end)))
                }
            }
            let hits = Array(Set(out)).sorted(by: Self.order)
            return QueryResult(hits: hits, documents: Self.uniqueDocuments(hits))
        }
    }

    static func order(_ a: Hit, _ b: Hit) -> Bool { (a.document, a.start, a.end) < (b.document, b.start, b.end) }
    static func merge(_ a: [Hit], _ b: [Hit]) -> [Hit] { Array(Set(a).union(b)).sorted(by: order) }
    static func uniqueDocuments(_ hits: [Hit]) -> [Int] { Array(Set(hits.map(\.document))).sorted() }

    // MARK: sequences

    /// Which types each pattern admits, as a bitmap over the vocabulary.
    mutating func types(_ p: TokenPattern) -> [Bool] {
        if let cached = typeSets[p] { return cached }
        let forms = corpus.vocabulary.forms
        var set = [Bool](repeating: false, count: forms.count)
        switch p {
        case .form(let f), .exact(let f):
            let folded = p == .form(f) ? f : Folding.matchingForm(f)
            if let id = corpus.vocabulary.id(of: folded) { set[Int(id)] = true }
        case .wildcard(let glob):
            let g = Array(glob)
            for (i, f) in forms.enumerated() where Self.globMatches(g, Array(f)) { set[i] = true }
        case .regex(let r):
            if let re = try? NSRegularExpression(pattern: "^(?:\(r))$", options: [.caseInsensitive]) {
                for (i, f) in forms.enumerated() where re.firstMatch(in: f, range: NSRange(f.startIndex..., in: f)) != nil { set[i] = true }
            }
        case .stem(let w):
            if let s = stemmer {
                let target = s.stem(w)
                for (i, f) in forms.enumerated() where s.stem(f) == target { set[i] = true }
            }
        }
        typeSets[p] = set
        return set
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

    struct CompiledElement {
        var types: [[Bool]] = []          // for a token: one bitmap per alternative
        var exact: [String?] = []         // surface required, per alternative
        var gap: ClosedRange<Int>?        // for a gap
    }

    mutating func compile(_ elements: [SequenceElement]) -> [CompiledElement] {
        elements.map { e in
            switch e {
            case .gap(let m, let n): return CompiledElement(gap: m...n)
            case .token(let alternatives):
                var c = CompiledElement()
                for a in alternatives {
                    c.types.append(types(a))
                    if case .exact(let w) = a { c.exact.append(w) } else { c.exact.append(nil) }
                }
                return c
            }
        }
    }

    func tokenMatches(_ c: CompiledElement, at p: Int, document d: Document) -> Bool {
        let t = Int(corpus.tokens[p])
        for (k, set) in c.types.enumerated() where set[t] {
            guard let exact = c.exact[k] else { return true }
            let span = corpus.spans[p]
            if d.slice(Int(span.start), Int(span.end)) == exact { return true }
        }
        return false
    }

    /// The shortest end of a match of elements[i...] starting at global position p, or nil.
    func matchEnd(_ elements: [CompiledElement], _ i: Int, _ p: Int, end: Int, document d: Document) -> Int? {
        if i == elements.count { return p }
        let e = elements[i]
        if let gap = e.gap {
            for skip in gap where p + skip <= end {
                if let r = matchEnd(elements, i + 1, p + skip, end: end, document: d) { return r }
            }
            return nil
        }
        guard p < end, tokenMatches(e, at: p, document: d) else { return nil }
        return matchEnd(elements, i + 1, p + 1, end: end, document: d)
    }

    mutating func sequenceHits(_ elements: [SequenceElement]) -> [Hit] {
        let compiled = compile(elements)
        guard let first = compiled.firstIndex(where: { $0.gap == nil }) else { return [] }
        // Candidate positions of the first token element, from the index.
        var candidates: [UInt32] = []
        for set in compiled[first].types {
            for (t, on) in set.enumerated() where on { candidates.append(contentsOf: corpus.index.postings(of: UInt32(t))) }
        }
        candidates.sort()
        let leadMin = compiled[..<first].reduce(0) { $0 + ($1.gap?.lowerBound ?? 0) }
        let leadMax = compiled[..<first].reduce(0) { $0 + ($1.gap?.upperBound ?? 0) }
        var hits: [Hit] = []
        var seen = Set<Int>()
        var docIndex = 0
        for c in candidates {
            let p = Int(c)
            while docIndex + 1 < corpus.documents.count, corpus.documents[docIndex + 1].tokenBase <= p { docIndex += 1 }
            let d = corpus.documents[docIndex]
            let end = d.tokenBase + d.tokenCount
            for lead in leadMin...leadMax {
                let start = p - lead
                guard start >= d.tokenBase, !seen.contains(start) else { continue }
                if let e = matchEnd(compiled, 0, start, end: end, document: d), e > start {
                    seen.insert(start)
                    hits.append(Hit(document: docIndex, start: start - d.tokenBase, end: e - d.tokenBase))
                }
            }
        }
        return hits.sorted(by: Self.order)
    }
}
