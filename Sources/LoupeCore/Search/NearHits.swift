/// `a NEAR/n b`: for every hit of one side and every hit of the other whose
/// start is at most n tokens away (never a hit with itself), the span of both.
/// Each distinct span once, in (document, start, end) order.
///
/// Worked one output start at a time on the sorted lists, so nothing is built
/// but the answer: the span of P and Q, Q starting in P.start...P.start+n, is
/// (P.start, max(P.end, Q.end)). For a start s, with A the hits of one side
/// starting at s and W the other side's hits starting in s...s+n, the ends are
/// each Q.end of W at or past A's least end, and each P.end of A with some other
/// Q of W ending no later. A chain (`the NEAR/1000 the NEAR/1000 the`) then costs
/// about (hits × window), where every pair first and duplicates removed after
/// took minutes and gigabytes (F9).
enum NearHits {
    static func of(_ x: [Hit], _ y: [Hit], within n: Int) throws -> [Hit] {
        guard !x.isEmpty, !y.isEmpty else { return [] }
        let maxEnd = Swift.max(x.lazy.map(\.end).max() ?? 0, y.lazy.map(\.end).max() ?? 0)
        var stamp = [Int](repeating: -1, count: maxEnd + 1)   // stamp[e] == round: e found for this start
        var found: [Int] = []
        var out: [Hit] = []
        var round = 0, work = 0
        var ix = 0, iy = 0
        var xLo = 0, xHi = 0, yLo = 0, yHi = 0   // the windows W in x and in y

        func before(_ h: Hit, _ d: Int, _ s: Int) -> Bool { h.document < d || (h.document == d && h.start < s) }
        func notAfter(_ h: Hit, _ d: Int, _ s: Int) -> Bool { h.document < d || (h.document == d && h.start <= s) }

        while ix < x.count || iy < y.count {
            // The next start of either side.
            let (d, s): (Int, Int)
            if iy >= y.count || (ix < x.count && before(x[ix], y[iy].document, y[iy].start)) {
                (d, s) = (x[ix].document, x[ix].start)
            } else {
                (d, s) = (y[iy].document, y[iy].start)
            }
            var xEnd = ix, yEnd = iy
            while xEnd < x.count, x[xEnd].document == d, x[xEnd].start == s { xEnd += 1 }
            while yEnd < y.count, y[yEnd].document == d, y[yEnd].start == s { yEnd += 1 }
            while xLo < x.count, before(x[xLo], d, s) { xLo += 1 }
            while yLo < y.count, before(y[yLo], d, s) { yLo += 1 }
            xHi = Swift.max(xHi, xLo); yHi = Swift.max(yHi, yLo)
            while xHi < x.count, notAfter(x[xHi], d, s + n) { xHi += 1 }
            while yHi < y.count, notAfter(y[yHi], d, s + n) { yHi += 1 }

            round += 1
            found.removeAll(keepingCapacity: true)
            func side(_ a: ArraySlice<Hit>, _ w: ArraySlice<Hit>) {
                guard let a1 = a.first?.end, !w.isEmpty else { return }
                var qMin = Int.max, atMin = 0, selfAtMin = false
                for q in w {
                    // (s, a1) is A's own first hit: its pair with itself does not count.
                    if q.end >= a1, !(q.start == s && q.end == a1), stamp[q.end] != round { stamp[q.end] = round; found.append(q.end) }
                    if q.end < qMin { qMin = q.end; atMin = 1; selfAtMin = q.start == s }
                    else if q.end == qMin { atMin += 1; if q.start == s { selfAtMin = true } }
                }
                for p in a where p.end > qMin || (p.end == qMin && atMin - (selfAtMin ? 1 : 0) >= 1) {
                    if stamp[p.end] != round { stamp[p.end] = round; found.append(p.end) }
                }
                work += w.count + a.count
            }
            side(x[ix..<xEnd], y[yLo..<yHi])
            side(y[iy..<yEnd], x[xLo..<xHi])
            found.sort()
            for e in found { out.append(Hit(document: d, start: s, end: e)) }
            if work > 0xFFFF { work = 0; try Interruption.check() }
            ix = xEnd; iy = yEnd
        }
        return out
    }
}
