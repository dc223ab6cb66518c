/// A sequence of token elements and gaps (`the _{1,3} of`), with no
/// case-sensitive form: matched against the token array directly, on flat
/// per-element arrays, so a candidate costs no reference counting (the
/// general matcher, which `=Word` needs, copies its elements and the
/// document at every step: two thirds of its time on a frequent word).
/// The hits are those of the general matcher: from each start, the shortest
/// match, every start once.
struct GappedSequence {
    private let ids: [UInt32]        // per element: its one id, UInt32.max when `bits` holds it, unused for a gap
    private let bits: [[Bool]]       // per element: the union of its alternatives, or []
    private let gapMin: [Int]        // per element: its gap's bounds, or -1 for a token
    private let gapMax: [Int]

    init?(_ elements: [QueryMatcher.CompiledElement]) {
        guard elements.contains(where: { $0.gap != nil }) else { return nil }
        var ids: [UInt32] = [], bits: [[Bool]] = [], gapMin: [Int] = [], gapMax: [Int] = []
        for e in elements {
            if let gap = e.gap {
                ids.append(UInt32.max); bits.append([]); gapMin.append(gap.lowerBound); gapMax.append(gap.upperBound)
                continue
            }
            guard e.exact.allSatisfy({ $0 == nil }) else { return nil }
            let (id, union) = PlainSequence.admitted(e)
            ids.append(id); bits.append(union); gapMin.append(-1); gapMax.append(-1)
        }
        (self.ids, self.bits, self.gapMin, self.gapMax) = (ids, bits, gapMin, gapMax)
    }

    /// The matches whose anchor element stands at one of `candidates` (sorted,
    /// distinct), `leads` tokens after the match's start.
    func hits(_ candidates: [UInt32], leads: ClosedRange<Int>, in corpus: Corpus) throws -> [Hit] {
        let bases = corpus.documentStarts   // documents' starts, then the end of the last
        let last = bases.count - 2
        let n = ids.count
        var hits: [Hit] = []
        var doc = 0
        // Candidates rise and each tries its starts rising, so a start not
        // above the last one tried has been tried (by an earlier candidate).
        var lastTried = Int.min
        try corpus.tokens.withUnsafeBufferPointer { tokens in
            func admits(_ i: Int, _ t: UInt32) -> Bool {
                ids[i] != UInt32.max ? t == ids[i] : Int(t) < bits[i].count && bits[i][Int(t)]
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
                guard p < end, admits(i, tokens[p]) else { return nil }
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
