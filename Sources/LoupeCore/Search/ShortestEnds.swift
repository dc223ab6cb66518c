/// The shortest end of a phrase from every start in a stretch of one document,
/// by dynamic programming from the last element back: for each position, the
/// shortest end of elements i… from there. A token element looks one position
/// on; a gap `_{m,n}` takes the least end over a window of positions, kept by a
/// monotonic queue. The cost is (stretch length × elements) whatever the gaps,
/// where trying every combination of gap lengths grows as their product (F7).
struct ShortestEnds {
    /// Per element: the gap's bounds, or -1 for a token.
    let gapMin: [Int]
    let gapMax: [Int]

    static let none = Int.max

    /// For each position p in a...b (absolute; b the end of the stretch, at most
    /// the document's end), the shortest end of a match starting at p that stays
    /// within the stretch, or `none`. `admits(i, p)` says whether token element
    /// i takes the token at p. A start whose every match fits before b gets its
    /// true shortest end; the caller asks only about such starts.
    func ends(from a: Int, to b: Int, admits: (Int, Int) -> Bool) throws -> [Int] {
        let count = b - a + 1
        var next = [Int](unsafeUninitializedCapacity: count) { buf, n in
            for k in 0..<count { buf[k] = a + k }   // no element left: the match ends where it is
            n = count
        }
        var current = [Int](repeating: Self.none, count: count)
        var queue = [Int](repeating: 0, count: count)   // offsets into `next`, their ends rising from head to tail
        for i in stride(from: gapMin.count - 1, through: 0, by: -1) {
            try Interruption.check()
            if gapMin[i] < 0 {
                current[count - 1] = Self.none
                for k in 0..<(count - 1) {
                    current[k] = admits(i, a + k) ? next[k + 1] : Self.none
                }
            } else {
                // Positions from the end back: the window of p is p+m ... p+n.
                let m = gapMin[i], n = gapMax[i]
                var head = 0, tail = 0   // queue[head..<tail]; head holds the least end
                for k in stride(from: count - 1, through: 0, by: -1) {
                    if k & 0xFFFF == 0 { try Interruption.check() }
                    let entering = k + m
                    if entering < count {
                        // An older entry with an end no smaller leaves the window sooner: drop it.
                        while tail > head, next[queue[tail - 1]] >= next[entering] { tail -= 1 }
                        queue[tail] = entering; tail += 1
                    }
                    while tail > head, queue[head] > k + n { head += 1 }
                    current[k] = tail > head ? next[queue[head]] : Self.none
                }
            }
            swap(&next, &current)
        }
        return next
    }
}
