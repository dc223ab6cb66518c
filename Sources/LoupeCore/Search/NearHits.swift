/// `a NEAR/n b`: for every hit of one side and every hit of the other whose
/// start is at most n tokens away (never a hit with itself), the span of both.
/// Each distinct span once, in (document, start, end) order.
///
/// Worked one output start at a time on the sorted lists, so nothing is built
/// but the answer: the span of P and Q, Q starting in P.start...P.start+n, is
/// (P.start, max(P.end, Q.end)). For a start s, with A the hits of one side
/// starting at s and W the other side's hits starting in s...s+n, the ends are
/// each Q.end of W at or past A's least end, and each P.end of A with some other
/// Q of W ending no later. W is kept as a count per end and a bitmap of the ends
/// present, updated as the window slides, so a start costs its answer and a
/// scan of the bitmap over the window, not its pairs. Few pairs are simply all
/// made and sorted. A chain
/// (`the NEAR/1000 the NEAR/1000 the`) would take minutes and gigabytes if
/// every pair were made first and duplicates removed after (F9).
enum NearHits {
    /// Up to this many pairs, making every pair and sorting is quicker (the
    /// common `a NEAR/5 b`) and its memory small; past it, the windows.
    /// (A sort cannot stop for a limit, so it is kept short.)
    static let pairLimit = 1 << 16

    static func of(_ x: [Hit], _ y: [Hit], within n: Int) throws -> [Hit] {
        try pairwise(x, y, within: n, limit: pairLimit) ?? windowed(x, y, within: n)
    }

    /// Every pair, then sorted and each span once; nil past `limit` pairs.
    static func pairwise(_ x: [Hit], _ y: [Hit], within n: Int, limit: Int = .max) throws -> [Hit]? {
        var out: [Hit] = []
        var lo = 0
        for (k, h) in x.enumerated() {
            if k & 0xFFFF == 0xFFFF { try Interruption.check() }
            while lo < y.count, (y[lo].document, y[lo].start) < (h.document, h.start - n) { lo += 1 }
            var j = lo
            while j < y.count, y[j].document == h.document, y[j].start <= h.start + n {
                let g = y[j]
                if g != h { out.append(Hit(document: h.document, start: Swift.min(h.start, g.start), end: Swift.max(h.end, g.end))) }
                j += 1
            }
            if out.count > limit { return nil }
        }
        try QueryMatcher.sortUnique(&out)
        return out
    }

    /// One output start at a time, through the windows.
    static func windowed(_ x: [Hit], _ y: [Hit], within n: Int) throws -> [Hit] {
        guard !x.isEmpty, !y.isEmpty else { return [] }
        let maxEnd = Swift.max(x.lazy.map(\.end).max() ?? 0, y.lazy.map(\.end).max() ?? 0)
        let longest = Swift.max(x.lazy.map { $0.end - $0.start }.max() ?? 0, y.lazy.map { $0.end - $0.start }.max() ?? 0)
        var stamp = [Int32](repeating: -1, count: maxEnd + 1)   // stamp[e] == round: e found for this start
        var found: [Int] = []
        var out: [Hit] = []
        var round: Int32 = 0
        var work = 0
        var ix = 0, iy = 0
        var wx = Window(x, size: maxEnd + 1), wy = Window(y, size: maxEnd + 1)

        while ix < x.count || iy < y.count {
            // The next start of either side.
            let (d, s): (Int, Int)
            if iy >= y.count || (ix < x.count && (x[ix].document, x[ix].start) < (y[iy].document, y[iy].start)) {
                (d, s) = (x[ix].document, x[ix].start)
            } else {
                (d, s) = (y[iy].document, y[iy].start)
            }
            var xEnd = ix, yEnd = iy
            while xEnd < x.count, x[xEnd].document == d, x[xEnd].start == s { xEnd += 1 }
            while yEnd < y.count, y[yEnd].document == d, y[yEnd].start == s { yEnd += 1 }
            wx.slide(to: d, s, s + n)
            wy.slide(to: d, s, s + n)

            round += 1
            found.removeAll(keepingCapacity: true)
            func add(_ e: Int) { if stamp[e] != round { stamp[e] = round; found.append(e) } }
            func side(_ a: ArraySlice<Hit>, _ w: Window) {
                guard let a1 = a.first?.end, let qMin = w.firstEnd(from: s + 1, through: s + n + longest) else { return }
                // A's first hit (s, a1) never pairs with itself when W holds it too.
                w.forEachEnd(from: a1, through: s + n + longest) { e in
                    if e != a1 || w.count(e) - (w.holds(s, a1) ? 1 : 0) >= 1 { add(e) }
                }
                let othersAtMin = w.count(qMin) - (w.holds(s, qMin) ? 1 : 0)
                for p in a where p.end > qMin || (p.end == qMin && othersAtMin >= 1) { add(p.end) }
                work += a.count + 1 + (n + longest) / 64
            }
            side(x[ix..<xEnd], wy)
            side(y[iy..<yEnd], wx)
            found.sort()
            for e in found { out.append(Hit(document: d, start: s, end: e)) }
            work += 4 * found.count + (xEnd - ix) + (yEnd - iy)
            if work > 0x3FFF { work = 0; try Interruption.check() }
            ix = xEnd; iy = yEnd
        }
        return out
    }

    /// The hits of one list whose start is in s...t of document d: how many
    /// end at each position, and a bitmap of the positions some end at.
    struct Window {
        let hits: [Hit]
        private var lo = 0, hi = 0
        private var counts: [Int32]
        private var bits: [UInt64]

        init(_ hits: [Hit], size: Int) {
            self.hits = hits
            counts = [Int32](repeating: 0, count: size)
            bits = [UInt64](repeating: 0, count: size / 64 + 1)
        }

        /// Starts and documents only rise, so each hit enters once and leaves once.
        mutating func slide(to d: Int, _ s: Int, _ t: Int) {
            while lo < hits.count, (hits[lo].document, hits[lo].start) < (d, s) {
                if lo < hi { remove(hits[lo].end) }
                lo += 1
            }
            hi = Swift.max(hi, lo)
            while hi < hits.count, (hits[hi].document, hits[hi].start) <= (d, t) {
                add(hits[hi].end)
                hi += 1
            }
        }

        private mutating func add(_ e: Int) {
            counts[e] += 1
            bits[e >> 6] |= 1 << UInt64(e & 63)
        }

        private mutating func remove(_ e: Int) {
            counts[e] -= 1
            if counts[e] == 0 { bits[e >> 6] &= ~(1 << UInt64(e & 63)) }
        }

        func count(_ e: Int) -> Int { e < counts.count ? Int(counts[e]) : 0 }

        /// Whether the hit (s, e) is in the window (its first hits start at s, if any do).
        func holds(_ s: Int, _ e: Int) -> Bool {
            var i = lo
            while i < hi, hits[i].start == s {
                if hits[i].end == e { return true }
                i += 1
            }
            return false
        }

        /// Each end present in a...b, rising.
        func forEachEnd(from a: Int, through b: Int, _ body: (Int) -> Void) {
            let last = Swift.min(b, counts.count - 1)
            guard a <= last else { return }
            for w in (a >> 6)...(last >> 6) {
                var word = bits[w]
                if w == a >> 6 { word &= ~0 << UInt64(a & 63) }
                while word != 0 {
                    let e = w << 6 | word.trailingZeroBitCount
                    if e > last { return }
                    body(e)
                    word &= word - 1
                }
            }
        }

        /// The least end present in a...b.
        func firstEnd(from a: Int, through b: Int) -> Int? {
            let last = Swift.min(b, counts.count - 1)
            guard a <= last else { return nil }
            for w in (a >> 6)...(last >> 6) {
                var word = bits[w]
                if w == a >> 6 { word &= ~0 << UInt64(a & 63) }
                if word != 0 {
                    let e = w << 6 | word.trailingZeroBitCount
                    return e <= last ? e : nil
                }
            }
            return nil
        }
    }
}
