/// Every sequence that is not a plain phrase: with gaps (`the _{1,3} of`)
/// or case-sensitive words (`=Lord`, `=Kiev|=KIEV _ regime`). Matched against
/// the token array directly, on flat per-element arrays, so a candidate costs
/// no reference counting. A `=Word` is answered from its token's case where
/// that is plain (`TokenCases`), from the text otherwise. From each start
/// the shortest match counts, every start once.
struct FlatSequence {
    /// A `=Word` alternative: the type it needs (UInt32.max: none in the
    /// corpus), the cases that spell it (bit c for case c; 0x80: the text must
    /// say), and its word's place in `words` (plain numbers: no reference
    /// counting as a candidate is checked).
    private struct Exact {
        var id: UInt32
        var spelled: UInt8
        var word: Int
    }
    private let words: [String]
    private let ids: [UInt32]        // per element: its one plain id, UInt32.max when `bits` holds them, unused for a gap
    private let bits: [[Bool]]       // per element: the union of its plain alternatives, or []
    private let exacts: [[Exact]]    // per element: its `=Word` alternatives
    private let gapMin: [Int]        // per element: its gap's bounds, or -1 for a token
    private let gapMax: [Int]

    init(_ elements: [QueryMatcher.CompiledElement]) {
        var ids: [UInt32] = [], bits: [[Bool]] = [], exacts: [[Exact]] = [], gapMin: [Int] = [], gapMax: [Int] = []
        var words: [String] = []
        for e in elements {
            if let gap = e.gap {
                ids.append(UInt32.max); bits.append([]); exacts.append([]); gapMin.append(gap.lowerBound); gapMax.append(gap.upperBound)
                continue
            }
            var plain: [QueryMatcher.TypeSet] = [], exact: [Exact] = []
            for (k, set) in e.types.enumerated() {
                guard let word = e.exact[k] else { plain.append(set); continue }
                let id: UInt32 = if case .one(let id) = set { id } else { UInt32.max }
                let spelled = e.exactCases[k].map { $0.reduce(UInt8(0)) { $0 | 1 << $1.rawValue } } ?? 0x80
                exact.append(Exact(id: id, spelled: spelled, word: words.count))
                words.append(word)
            }
            // No plain alternative: UInt32.max and no bits admit nothing.
            let (id, union) = plain.isEmpty ? (UInt32.max, []) : PlainSequence.admitted(plain)
            ids.append(id); bits.append(union); exacts.append(exact); gapMin.append(-1); gapMax.append(-1)
        }
        (self.ids, self.bits, self.exacts, self.gapMin, self.gapMax, self.words) = (ids, bits, exacts, gapMin, gapMax, words)
    }

    /// The widest variable gap tried length by length (`matchEnd`).
    static let narrowGap = 64

    /// The matches whose anchor element stands at one of `candidates` (sorted,
    /// distinct), `leads` tokens after the match's start.
    func hits(_ candidates: [UInt32], leads: ClosedRange<Int>, in corpus: Corpus) throws -> [Hit] {
        let bases = corpus.documentStarts   // documents' starts, then the end of the last
        let last = bases.count - 2
        let n = ids.count
        var hits: [Hit] = []
        var doc = 0
        let cases = DocumentCasesCache(), spans = DocumentSpansCache()
        // Candidates rise and each tries its starts rising, so a start not
        // above the last one tried has been tried (by an earlier candidate).
        var lastTried = Int.min
        try corpus.tokens.withUnsafeBufferPointer { tokens in
            func spells(_ x: Exact, _ p: Int) -> Bool {
                let k = p - bases[doc]
                if x.spelled & 0x80 == 0 {
                    let c = cases.at(corpus, document: doc, token: k)
                    if c != .other { return x.spelled & (1 << c.rawValue) != 0 }
                }
                guard let span = spans.span(corpus, document: doc, token: k) else { return false }
                return Self.surface(of: corpus.documents[doc], Int(span.start), Int(span.end), is: words[x.word])
            }
            func admits(_ i: Int, _ p: Int) -> Bool {
                let t = tokens[p]
                if ids[i] != UInt32.max ? t == ids[i] : Int(t) < bits[i].count && bits[i][Int(t)] { return true }
                guard !exacts[i].isEmpty else { return false }
                for x in exacts[i] where x.id == t && x.id != UInt32.max {
                    if spells(x, p) { return true }
                }
                return false
            }
            /// Where elements i..<j end when their gaps are fixed, from p, not past
            /// `end`; nil when a token does not match. A loop, not a recursion: a
            /// phrase of thousands of words must not exhaust the stack.
            func walk(_ i: Int, _ j: Int, _ p: Int, _ end: Int) -> Int? {
                var p = p
                for k in i..<j {
                    if gapMin[k] >= 0 {
                        p += gapMin[k]
                        if p > end { return nil }
                    } else {
                        guard p < end, admits(k, p) else { return nil }
                        p += 1
                    }
                }
                return p
            }
            // One variable gap, and a narrow one: trying its lengths from the
            // shortest finds the shortest match at once. Else the stretches
            // around the candidates by dynamic programming (`ShortestEnds`).
            let variable = (0..<n).filter { gapMin[$0] >= 0 && gapMax[$0] > gapMin[$0] }
            if variable.count <= 1 && variable.allSatisfy({ gapMax[$0] - gapMin[$0] <= Self.narrowGap }) {
                /// The shortest end of a match from p, not past `end`: the gap's
                /// lengths tried from the shortest.
                func matchEnd(_ p: Int, _ end: Int) -> Int? {
                    guard let v = variable.first else { return walk(0, n, p, end) }
                    guard let q = walk(0, v, p, end) else { return nil }
                    for skip in gapMin[v]...gapMax[v] where q + skip <= end {
                        if let e = walk(v + 1, n, q + skip, end) { return e }
                    }
                    return nil
                }
                var tried = 0
                for c in candidates {
                    let p = Int(c)
                    while doc < last, bases[doc + 1] <= p { doc += 1 }
                    for lead in stride(from: leads.upperBound, through: leads.lowerBound, by: -1) {
                        let start = p - lead
                        guard start >= bases[doc], start > lastTried else { continue }
                        lastTried = start
                        tried += n   // a start costs up to n token checks (a gap's lengths aside)
                        if tried > 0xFFFF { tried = 0; try Interruption.check() }
                        if let e = matchEnd(start, bases[doc + 1]), e > start {
                            hits.append(Hit(document: doc, start: start - bases[doc], end: e - bases[doc]))
                        }
                    }
                }
                return
            }
            let table = ShortestEnds(gapMin: gapMin, gapMax: gapMax)
            let span = (0..<n).reduce(0) { $0 + (gapMin[$1] >= 0 ? gapMax[$1] : 1) }   // the longest a match can be
            var k = 0
            while k < candidates.count {
                // One stretch: the starts of this candidate and of the next ones
                // whose stretches overlap it, in one document.
                let p = Int(candidates[k])
                while doc < last, bases[doc + 1] <= p { doc += 1 }
                let docStart = bases[doc], docEnd = bases[doc + 1]
                var starts: [ClosedRange<Int>] = []
                var a = Int.max, b = Int.min
                while k < candidates.count {
                    let q = Int(candidates[k])
                    guard q < docEnd else { break }
                    let lo = Swift.max(docStart, q - leads.upperBound), hi = q - leads.lowerBound
                    if !starts.isEmpty && lo > b { break }
                    k += 1
                    guard hi >= lo else { continue }
                    if a == Int.max { a = lo }
                    if let l = starts.last, lo <= l.upperBound + 1 {
                        starts[starts.count - 1] = l.lowerBound...Swift.max(l.upperBound, hi)
                    } else {
                        starts.append(lo...hi)
                    }
                    b = Swift.max(b, Swift.min(docEnd, hi + span))
                }
                guard let lastStart = starts.last?.upperBound else { continue }
                // A long stretch (a whole large document) is worked a piece of
                // starts at a time, so its tables stay a few megabytes.
                let piece = Swift.max(1 << 16, span)
                for first in stride(from: a, through: lastStart, by: piece) {
                    let last = Swift.min(lastStart, first + piece - 1)
                    let ends = try table.ends(from: first, to: Swift.min(b, last + span), admits: admits)
                    for r in starts where r.upperBound >= first && r.lowerBound <= last {
                        for s in Swift.max(r.lowerBound, first)...Swift.min(r.upperBound, last) where s > lastTried {
                            let e = ends[s - first]
                            if e != ShortestEnds.none, e > s {
                                hits.append(Hit(document: doc, start: s - docStart, end: e - docStart))
                            }
                        }
                    }
                }
                lastTried = Swift.max(lastTried, lastStart)
            }
        }
        return hits
    }

    /// Whether the document's text from byte `start` to `end` is `exact` as
    /// `String ==` says (canonically equivalent), mostly without making a
    /// string: equal bytes are equal, and two ASCII texts are equal only if
    /// their bytes are.
    static func surface(of d: Document, _ start: Int, _ end: Int, is exact: String) -> Bool {
        var text = d.text, exact = exact   // share the storage
        let quick: Bool? = text.withUTF8 { t in
            exact.withUTF8 { e in
                guard start >= 0, start <= end, end <= t.count else { return nil }
                let s = UnsafeBufferPointer(rebasing: t[start..<end])
                if s.elementsEqual(e) { return true }
                return s.allSatisfy({ $0 < 0x80 }) && e.allSatisfy({ $0 < 0x80 }) ? false : nil
            }
        }
        return quick ?? (d.slice(start, end) == exact)
    }
}

/// Token cases for `=Word`: the current document's, so a candidate costs no lock.
final class DocumentCasesCache {
    private var document = -1
    private var packed: [UInt8] = []

    func at(_ corpus: Corpus, document doc: Int, token k: Int) -> TokenCases.Case {
        if doc != document {
            guard doc >= 0, doc < corpus.documents.count else { return .other }
            packed = corpus.documents[doc].cases.of(corpus.documents[doc].text)
            document = doc
        }
        return TokenCases.at(packed, k)
    }
}

/// Token spans for `=Word`, which checks candidates' surfaces in position order.
final class DocumentSpansCache {
    private var document = -1
    private var first = 0
    private var spans: [TokenSpan] = []

    /// The span of token `k` of document `doc`. Tokens are read a checkpoint
    /// stretch at a time (64 tokens, `SpanCheckpoints.stride`) and the last
    /// stretch is kept: candidates come in position order, so a word that is
    /// frequent reads each stretch once, and a rare one only the stretches it is in.
    /// (Reading only up to each candidate, and on from there for the next, is
    /// slower: docs/performance.md.)
    func span(_ corpus: Corpus, document doc: Int, token k: Int) -> TokenSpan? {
        guard k >= 0 else { return nil }
        if doc != document || k < first || k >= first + spans.count {
            first = k - k % SpanCheckpoints.stride
            spans = corpus.tokenSpans(document: doc, tokens: first..<(first + SpanCheckpoints.stride))
            document = doc
        }
        let i = k - first
        return i < spans.count ? spans[i] : nil
    }
}
