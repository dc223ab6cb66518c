/// The n-gram rows when all n ranks fit one 64-bit key, without sorting every
/// start together: the positional index groups the tokens by type, so taking
/// the types in rank order sorts the starts by first word already. Each type's
/// starts (a bucket) are then sorted by the ranks of the other n-1 tokens, and
/// a run of equal ones is an n-gram; the buckets come out in key order.
extension Corpus {
    /// Rows in key order, in consecutive parts, or nil when the document number
    /// does not fit beside the rest of the key (the chained path handles that).
    func ngramRowsByFirstWord(n: Int, floor: Int, scope: NGramScope, bits: Int,
                              rank: [UInt32], order: [Int], rare: [Bool]) throws -> [NGramRows]? {
        let total = tokens.count
        let docBits = documents.count > 1 ? UInt64.bitWidth - UInt64(documents.count - 1).leadingZeroBitCount : 0
        guard bits * (n - 1) + docBits <= UInt64.bitWidth, total < Int(UInt32.max) else { return nil }
        let layout = BucketLayout(n: n, bits: bits, docBits: docBits, floor: floor)

        let blocked = try blockedPositions(scope: scope, rare: rare)

        // Every token's entry, in the index's order: type t's at offsets[t]..<offsets[t+1]
        // (its frequencies summed), positions ascending. Written by one sequential pass over the tokens per
        // segment (scattered writes do not wait on memory as scattered reads would).
        let workers = Parallel.workerCount
        // Each segment costs a search per type for where its slots begin.
        let segmentCount = total >= 1 << 15 && vocabulary.count <= total ? workers : 1
        let segments = (0...segmentCount).map { total * $0 / segmentCount }
        let docStarts = documents.map(\.tokenBase) + [Int.max]
        let offsets = (0..<vocabulary.count).reduce(into: [0]) { offsets, t in offsets.append(offsets[t] + index.frequency(of: UInt32(t))) }
        // Each segment's first slot of each type: the type's slice, past its
        // tokens in the segments before (counted once, each segment on its own thread).
        let typeCount = vocabulary.count
        let counts: [[UInt32]] = Parallel.map(segmentCount - 1, workers: workers) { s in
            var c = [UInt32](repeating: 0, count: typeCount)
            tokens.withUnsafeBufferPointer { tok in
                c.withUnsafeMutableBufferPointer { c in for p in segments[s]..<segments[s + 1] { c[Int(tok[p])] &+= 1 } }
            }
            return c
        }
        let firstSlots = counts.reduce(into: [offsets.dropLast().map { UInt32(truncatingIfNeeded: $0) }]) { slots, c in   // below total, which fits
            slots.append(zip(slots[slots.count - 1], c).map { $0 &+ $1 })
        }
        var stopped = false
        var entries = [UInt64](unsafeUninitializedCapacity: total) { out, initialized in
            HugePages.advise(out)
            // Every slot is written exactly once, by the segment holding its
            // token: each token goes to its type's next slot.
            let slots = DisjointSlots(out)
            let done = Parallel.map(segmentCount, workers: workers) { s in
                fillEntries(slots.buffer, from: segments[s], to: segments[s + 1], layout: layout, rank: rank,
                            blocked: blocked, docStarts: docStarts, next: firstSlots[s])
            }
            stopped = done.contains(false)
            initialized = stopped ? 0 : total   // plain numbers: nothing to clean up
        }
        if stopped { throw Interrupted() }

        // Contiguous ranges of first-word ranks with about equal numbers of
        // tokens, several per core: a thread takes the next range when done.
        var weight = 0
        for t in rare.indices where !rare[t] { weight += index.frequency(of: UInt32(t)) }
        let partCount = Swift.max(1, Swift.min(workers * 8, weight >> 12))
        var bounds = [0], sum = 0
        for r in order.indices {
            let t = order[r]
            if !rare[t] { sum += index.frequency(of: UInt32(t)) }
            if bounds.count < partCount, sum >= weight * bounds.count / partCount, r + 1 < order.count { bounds.append(r + 1) }
        }
        bounds.append(order.count)
        let partBounds = bounds

        let largest = rare.indices.reduce(0) { rare[$1] ? $0 : Swift.max($0, index.frequency(of: UInt32($1))) }
        let parts = entries.withUnsafeMutableBufferPointer { entries in
            // Each part sorts the buckets of its own types, which no other part touches.
            let buckets = DisjointSlots(entries)
            return Parallel.map(partBounds.count - 1, workers: workers, state: { BucketScratch(largest: largest) }) { part, scratch -> NGramRows? in
                let ranks = partBounds[part]..<partBounds[part + 1]
                // At most a row per n-gram start, and a row of count c takes c of them.
                var size = 0
                for r in ranks where !rare[order[r]] { size += offsets[order[r] + 1] - offsets[order[r]] }
                var rows = NGramRows(capacity: size / Swift.max(layout.floor, 2), singles: layout.floor == 1 ? size : 0, starts: false)
                var sinceCheck = 0
                for r in ranks {
                    let t = order[r]
                    if rare[t] { continue }
                    let bucket = UnsafeMutableBufferPointer(rebasing: buckets.buffer[offsets[t]..<offsets[t + 1]])
                    sinceCheck += bucket.count + 16
                    if sinceCheck > AnalysisSupport.checkMask {
                        sinceCheck = 0
                        if Interruption.requested { return nil }
                    }
                    bucketRows(bucket, rank: UInt64(r), layout: layout, scratch: scratch, into: &rows)
                }
                return rows
            }
        }
        // Stopped part way (Ctrl-C, a limit): said here, where we can throw.
        if parts.contains(where: { $0 == nil }) { throw Interrupted() }
        return parts.compactMap { $0 }
    }

    /// One bit per position an n-gram may not run on into: a boundary, or a
    /// rare token (a rare first word has no bucket, so only later tokens
    /// need it). Spare words at the end let a window be read past the last token.
    private func blockedPositions(scope: NGramScope, rare: [Bool]) throws -> [UInt64] {
        var blocked = [UInt64](repeating: 0, count: tokens.count >> 6 + 3)
        ngramBoundaries(scope: scope) { blocked[$0 >> 6] |= 1 << UInt64($0 & 63) }
        var marked = 0
        for t in rare.indices where rare[t] {
            for p in index.postings(of: UInt32(t)) { blocked[Int(p) >> 6] |= 1 << UInt64(p & 63) }
            marked += index.frequency(of: UInt32(t))
            if marked > AnalysisSupport.checkMask { marked = 0; try Interruption.check() }
        }
        return blocked
    }

    /// Writes the entries of the tokens in start..<end to their slots in `out`.
    /// False when asked to stop.
    private func fillEntries(_ out: UnsafeMutableBufferPointer<UInt64>, from start: Int, to end: Int, layout: BucketLayout,
                             rank: [UInt32], blocked: [UInt64], docStarts: [Int], next: [UInt32]) -> Bool {
        let total = tokens.count, n = layout.n, bits = layout.bits, docBits = layout.docBits
        // Type t's next slot, from its first one in this segment.
        var next = next
        return withUnsafeBuffers(tokens, rank, blocked, docStarts) { tok, rank, blocked, docStarts in
            next.withUnsafeMutableBufferPointer { next in
                // The ranks of tokens p+1 ..< p+n (0 past the end), rolled along.
                let restMask = (UInt64(1) << layout.restBits) - 1
                var rest: UInt64 = 0
                for q in (start + 1)..<(start + n) { rest = rest &<< bits | (q < total ? UInt64(rank[Int(tok[q])]) : 0) }
                var doc = 0
                while docStarts[doc + 1] <= start { doc += 1 }
                for p in start..<end {
                    if p & AnalysisSupport.checkMask == 0, Interruption.requested { return false }
                    while docStarts[doc + 1] <= p { doc += 1 }
                    // Positions p+1 ..< p+n must be free of boundaries and rare
                    // tokens; the bit at `total` keeps the n-gram inside the tokens.
                    let w = p + 1, shift = UInt64(w & 63)
                    var window = blocked[w >> 6] &>> shift
                    if shift != 0 { window |= blocked[(w >> 6) + 1] &<< (64 - shift) }
                    let t = Int(tok[p])
                    let slot = Int(next[t])
                    out[slot] = window & layout.window == 0 ? rest &<< docBits | UInt64(doc) : BucketLayout.none
                    next[t] = UInt32(truncatingIfNeeded: slot &+ 1)
                    let q = p + n
                    rest = (rest &<< bits | (q < total ? UInt64(rank[Int(tok[q])]) : 0)) & restMask
                }
                return true
            }
        }
    }
}

/// The rows of the n-grams whose first word has rank `first` and entries `bucket`
/// (its tokens' entries, positions ascending), appended to `rows`. Sorts the bucket.
private func bucketRows(_ bucket: UnsafeMutableBufferPointer<UInt64>, rank first: UInt64, layout: BucketLayout,
                        scratch: BucketScratch, into rows: inout NGramRows) {
    guard bucket.count >= layout.floor else { return }
    // The starts of n-grams, to the front.
    var m = 0
    for e in bucket where e != BucketLayout.none { bucket[m] = e; m += 1 }
    guard m >= layout.floor else { return }
    let sorted = BucketSort.sort(bucket, spare: scratch.spare, count: m, docBits: layout.docBits, histograms: scratch.histograms)

    // Runs of equal rest: one n-gram each, its documents ascending.
    let head = first &<< layout.restBits, docBits = layout.docBits
    var i = 0
    while i < m {
        let entry = sorted[i], rest = entry &>> docBits
        var j = i + 1, docs: Int32 = 1, last = entry
        while j < m, sorted[j] &>> docBits == rest {
            if sorted[j] != last { docs += 1; last = sorted[j] }
            j += 1
        }
        if j - i == 1, layout.floor == 1 {
            rows.singles.append(head | rest)
        } else if j - i >= layout.floor {
            rows.keys.append(head | rest)
            rows.counts.append(Int32(truncatingIfNeeded: j - i))
            rows.docs.append(docs)
        }
        i = j
    }
}

/// How an entry packs: the ranks of tokens 2…n (`restBits`), then the document
/// number (`docBits`) below them. Sorting entries by the whole value groups
/// each n-gram with its documents ascending; counting the distinct values in a
/// run counts its documents.
private struct BucketLayout {
    let n: Int
    let bits: UInt64
    let restBits: UInt64
    let docBits: UInt64
    let floor: Int
    /// Bits 0…n-2 of a window starting at p+1: the positions p+1 ..< p+n.
    let window: UInt64
    /// The entry of a token where no n-gram starts. No real entry is all ones:
    /// a rank is below the type count, which is below 2^bits.
    static let none = UInt64.max

    init(n: Int, bits: Int, docBits: Int, floor: Int) {
        self.n = n
        self.bits = UInt64(bits)
        restBits = UInt64(bits * (n - 1))
        self.docBits = UInt64(docBits)
        self.floor = floor
        window = (1 << UInt64(n - 1)) - 1
    }
}

/// One thread's sort buffers, reused for every bucket.
private final class BucketScratch {
    let spare: UnsafeMutableBufferPointer<UInt64>
    let histograms = UnsafeMutableBufferPointer<Int>.allocate(capacity: BucketSort.histogramCapacity)

    /// `largest`: the most entries a bucket can have.
    init(largest: Int) {
        spare = .allocate(capacity: largest)
        HugePages.advise(spare)
    }

    deinit { spare.deallocate(); histograms.deallocate() }
}

/// Sorting one bucket's entries so equal rests are adjacent with their
/// documents ascending.
private enum BucketSort {
    static let maxDigitBits = 12
    /// Room for the histograms of every pass: ⌈64 / w⌉ · 2^w for a digit of w ≤ 12 bits.
    static let histogramCapacity = 6 << maxDigitBits
    /// Below this a comparison sort beats clearing the radix histograms.
    static let radixFrom = 1024

    /// Sorts `entries[0..<count]`; returns the buffer that holds the result
    /// (`entries` or `spare`).
    static func sort(_ entries: UnsafeMutableBufferPointer<UInt64>, spare: UnsafeMutableBufferPointer<UInt64>,
                     count: Int, docBits: UInt64, histograms: UnsafeMutableBufferPointer<Int>) -> UnsafeMutableBufferPointer<UInt64> {
        if count <= 16 {
            // Insertion sort: most buckets hold a handful of entries.
            for i in 1..<Swift.max(count, 1) {
                let x = entries[i]
                var j = i
                while j > 0, entries[j - 1] > x { entries[j] = entries[j - 1]; j -= 1 }
                entries[j] = x
            }
            return entries
        }
        if count < radixFrom {
            var head = UnsafeMutableBufferPointer(rebasing: entries[0..<count])
            head.sort()
            return entries
        }
        // A stable LSD radix sort on the rest alone: the entries arrive with
        // their documents ascending (positions are), and stability keeps them so.
        var used: UInt64 = 0
        for i in 0..<count { used |= entries[i] }
        let keyBits = UInt64.bitWidth - (used &>> docBits).leadingZeroBitCount
        guard keyBits > 0 else { return entries }
        // Digits narrow enough that clearing the histograms stays cheap next to the entries.
        let widest = Swift.min(maxDigitBits, Swift.max(4, Int.bitWidth - count.leadingZeroBitCount - 3))
        let passes = (keyBits + widest - 1) / widest
        let digitBits = UInt64((keyBits + passes - 1) / passes)
        let digitMask = (UInt64(1) << digitBits) - 1
        let radix = 1 << Int(digitBits)
        // All histograms in one read.
        let cleared = UnsafeMutableBufferPointer(rebasing: histograms[0..<(passes * radix)])
        cleared.update(repeating: 0)
        for i in 0..<count {
            var x = entries[i] &>> docBits
            for pass in 0..<passes {
                histograms[pass &* radix &+ Int(x & digitMask)] &+= 1
                x = x &>> digitBits
            }
        }
        var from = entries, to = spare
        for pass in 0..<passes {
            let h = UnsafeMutableBufferPointer(rebasing: histograms[(pass * radix)..<((pass + 1) * radix)])
            var sum = 0
            for b in 0..<radix { let c = h[b]; h[b] = sum; sum &+= c }
            let shift = docBits + UInt64(pass) * digitBits
            for i in 0..<count {
                let x = from[i]
                let b = Int((x &>> shift) & digitMask)
                to[h[b]] = x
                h[b] &+= 1
            }
            swap(&from, &to)
        }
        return from
    }
}
