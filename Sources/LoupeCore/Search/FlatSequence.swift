/// A sequence of token elements, gaps (`the _{1,3} of`) and case-sensitive
/// words (`=Lord`), each of these with one alternative: matched against the
/// token array directly, on flat per-element arrays, so a candidate costs no
/// reference counting (the general matcher, left for several alternatives
/// with a `=Word` among them, copies its elements and the document at every
/// step: two thirds of its time on a frequent word). A `=Word` is answered
/// from its token's case where that is plain (`TokenCases`), from the text
/// otherwise. The hits are those of the general matcher: from each start,
/// the shortest match, every start once.
struct FlatSequence {
    private let ids: [UInt32]        // per element: its one id, UInt32.max when `bits` holds it, unused for a gap
    private let bits: [[Bool]]       // per element: the union of its alternatives, or []
    private let gapMin: [Int]        // per element: its gap's bounds, or -1 for a token
    private let gapMax: [Int]
    private let words: [String?]     // per element: the surface a `=Word` requires
    private let spelled: [UInt8]     // per element: bit c set when a token in case c spells it; 0x80: the text must say

    init?(_ elements: [QueryMatcher.CompiledElement]) {
        var ids: [UInt32] = [], bits: [[Bool]] = [], gapMin: [Int] = [], gapMax: [Int] = []
        var words: [String?] = [], spelled: [UInt8] = []
        for e in elements {
            if let gap = e.gap {
                ids.append(UInt32.max); bits.append([]); gapMin.append(gap.lowerBound); gapMax.append(gap.upperBound)
                words.append(nil); spelled.append(0)
                continue
            }
            gapMin.append(-1); gapMax.append(-1)
            if let word = e.exact.first ?? nil {
                // One alternative only: with several, the general matcher.
                guard e.types.count == 1 else { return nil }
                if case .one(let id) = e.types[0] { ids.append(id) } else { ids.append(UInt32.max - 1) }   // no such type: never
                bits.append([]); words.append(word)
                spelled.append(e.exactCases.first.flatMap { $0 }.map { $0.reduce(UInt8(0)) { $0 | 1 << $1.rawValue } } ?? 0x80)
                continue
            }
            guard e.exact.allSatisfy({ $0 == nil }) else { return nil }
            let (id, union) = PlainSequence.admitted(e)
            ids.append(id); bits.append(union); words.append(nil); spelled.append(0)
        }
        (self.ids, self.bits, self.gapMin, self.gapMax, self.words, self.spelled) = (ids, bits, gapMin, gapMax, words, spelled)
    }

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
            func admits(_ i: Int, _ p: Int) -> Bool {
                let t = tokens[p]
                guard let word = words[i] else {
                    return ids[i] != UInt32.max ? t == ids[i] : Int(t) < bits[i].count && bits[i][Int(t)]
                }
                guard t == ids[i] else { return false }
                let k = p - bases[doc]
                if spelled[i] & 0x80 == 0 {
                    let c = cases.at(corpus, document: doc, token: k)
                    if c != .other { return spelled[i] & (1 << c.rawValue) != 0 }
                }
                guard let span = spans.span(corpus, document: doc, token: k) else { return false }
                return QueryMatcher.surface(of: corpus.documents[doc], Int(span.start), Int(span.end), is: word)
            }
            /// The shortest end of a match of elements i... from p, not past `end`.
            func matchEnd(_ i: Int, _ p: Int, _ end: Int) -> Int? {
                if i == n { return p }
                if gapMin[i] >= 0 {
                    var skip = gapMin[i]
                    while skip <= gapMax[i], p + skip <= end {
                        if let r = matchEnd(i + 1, p + skip, end) { return r }
                        skip += 1
                    }
                    return nil
                }
                guard p < end, admits(i, p) else { return nil }
                return matchEnd(i + 1, p + 1, end)
            }
            for (k, c) in candidates.enumerated() {
                if k & 0xFFFF == 0xFFFF { try Interruption.check() }
                let p = Int(c)
                while doc < last, bases[doc + 1] <= p { doc += 1 }
                for lead in stride(from: leads.upperBound, through: leads.lowerBound, by: -1) {
                    let start = p - lead
                    guard start >= bases[doc], start > lastTried else { continue }
                    lastTried = start
                    if let e = matchEnd(0, start, bases[doc + 1]), e > start {
                        hits.append(Hit(document: doc, start: start - bases[doc], end: e - bases[doc]))
                    }
                }
            }
        }
        return hits
    }
}
