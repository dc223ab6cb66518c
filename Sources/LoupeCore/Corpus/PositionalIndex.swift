import CMemoryHints

/// A positional inverted index: for each type id, the sorted global positions
/// of its tokens, stored as the gaps between them in a variable number of
/// bytes (7 bits a byte, the high bit set on every byte but a gap's last).
///
/// Why gaps: a frequent word's positions are close together ("the" every
/// dozen tokens: one byte each), a rare word's are few, so most tokens take
/// a byte or two instead of four; that is what keeps a loaded corpus within
/// three times its text (docs/performance.md). Reading a type's postings
/// decodes them, cheaply; every reader walks them in order anyway.
public struct PositionalIndex: Sendable {
    /// How many tokens each type has.
    let counts: [UInt32]
    /// offsets[t]..<offsets[t+1] is type t's stretch of `gaps`.
    let offsets: [Int]
    /// Each type's positions as gaps: the first is its position + 1, every
    /// other one its distance from the position before.
    let gaps: [UInt8]

    public init(tokens: [UInt32], typeCount: Int) {
        // The token array is cut into one segment per thread. A first pass
        // measures, per segment and type, how many tokens and gap bytes it has
        // and where its first and last tokens are; the segments' stretches are
        // then laid out one after another per type, and a second pass writes
        // them. A segment's first gap of a type is measured from that type's
        // last token in the segments before it, so the bytes are exactly those
        // of one pass over all the tokens.
        // Each segment needs a few numbers per type: with a huge vocabulary
        // next to few tokens, one segment is cheaper.
        let workers = Parallel.workerCount
        let segmentCount = tokens.count >= 1 << 20 && typeCount * workers * 16 <= tokens.count ? workers : 1
        let bounds = (0...segmentCount).map { tokens.count * $0 / segmentCount }

        let tallies: [[Tally]] = Parallel.map(segmentCount, workers: workers) { s in
            var tally = [Tally](repeating: Tally(), count: typeCount)
            tokens.withUnsafeBufferPointer { tok in
                tally.withUnsafeMutableBufferPointer { tally in
                    guard let base = tally.baseAddress else { return }
                    let end = bounds[s + 1]
                    for p in bounds[s]..<end {
                        // The record of the type a few tokens on: its cache miss overlaps this one's work.
                        loupe_prefetch_write(base + Int(tok[Swift.min(p + Self.lookahead, end - 1)]))
                        let t = Int(tok[p])
                        let here = UInt32(truncatingIfNeeded: p + 1)
                        if tally[t].last == 0 {
                            tally[t].first = here
                        } else {
                            tally[t].innerBytes &+= Self.byteCount(here &- tally[t].last)
                        }
                        tally[t].last = here
                        tally[t].count &+= 1
                    }
                }
            }
            return tally
        }

        // Lay out: each type's stretch holds its segments' gaps one after another.
        var counts = [UInt32](repeating: 0, count: typeCount)
        var offsets = [Int](repeating: 0, count: typeCount + 1)
        for t in 0..<typeCount {
            var bytes = 0, previous: UInt32 = 0, total: UInt32 = 0
            for s in 0..<segmentCount where tallies[s][t].count > 0 {
                let tally = tallies[s][t]
                bytes += Int(tally.innerBytes) + Int(Self.byteCount(tally.first &- previous))
                previous = tally.last
                total &+= tally.count
            }
            counts[t] = total
            offsets[t + 1] = offsets[t] + bytes
        }
        // 32-bit write offsets while the gaps fit in 4 GiB (any corpus this
        // machine can hold): a smaller record per type, fewer cache misses.
        gaps = offsets[typeCount] <= Int(UInt32.max)
            ? Self.writeGaps(tokens, tallies, offsets, bounds, workers, offset: UInt32.self)
            : Self.writeGaps(tokens, tallies, offsets, bounds, workers, offset: UInt64.self)
        self.counts = counts
        self.offsets = offsets
    }

    // One record per type, so a token touches one cache line, not four.
    struct Tally {
        var count: UInt32 = 0
        /// Bytes of the gaps after the segment's first token of the type.
        var innerBytes: UInt32 = 0
        /// Position + 1 of the segment's first and last token of the type (0: none).
        var first: UInt32 = 0
        var last: UInt32 = 0
    }

    /// Second pass: each segment writes its gaps where the layout put them.
    private static func writeGaps<Offset: FixedWidthInteger & UnsignedInteger & Sendable>(
        _ tokens: [UInt32], _ tallies: [[Tally]], _ offsets: [Int], _ bounds: [Int], _ workers: Int, offset: Offset.Type
    ) -> [UInt8] {
        let segmentCount = tallies.count
        let cursors = layOut(tallies, offsets, cursor: GapCursor<Offset>.self)
        let typeCount = offsets.count - 1
        let size = offsets[typeCount]
        return [UInt8](unsafeUninitializedCapacity: size) { out, initialized in
            HugePages.advise(out)
            // Every byte is written exactly once, by the segment holding its
            // token: the segments' stretches tile the array.
            let slots = DisjointSlots(out)
            _ = Parallel.map(segmentCount, workers: workers) { s in
                var cursor = cursors[s]
                tokens.withUnsafeBufferPointer { tok in
                    cursor.withUnsafeMutableBufferPointer { cursor in
                        guard let base = cursor.baseAddress, let outBase = slots.buffer.baseAddress else { return }
                        let out = slots.buffer
                        let end = bounds[s + 1]
                        for p in bounds[s]..<end {
                            // Two steps ahead: the cursor of the type 2d tokens on, then
                            // (its cursor now cached) the byte the type d tokens on will write.
                            loupe_prefetch_write(base + Int(tok[Swift.min(p + 2 * Self.lookahead, end - 1)]))
                            loupe_prefetch_write(outBase + Int(cursor[Int(tok[Swift.min(p + Self.lookahead, end - 1)])].write))
                            let t = Int(tok[p])
                            let here = UInt32(truncatingIfNeeded: p + 1)
                            var gap = here &- cursor[t].previous
                            cursor[t].previous = here
                            var w = Int(cursor[t].write)
                            if gap < 1 << 14 {
                                // One or two bytes (all but the rarest gaps) without
                                // a branch on which: whether a gap is under 128 is
                                // as good as random, and a mispredicted branch costs
                                // more than the second store (to the same byte when
                                // there is one byte).
                                let two = gap >= 0x80
                                out[w] = UInt8(truncatingIfNeeded: two ? gap | 0x80 : gap)
                                w += two ? 1 : 0
                                out[w] = UInt8(truncatingIfNeeded: two ? gap >> 7 : gap)
                            } else {
                                while gap >= 0x80 {
                                    out[w] = UInt8(truncatingIfNeeded: gap) | 0x80
                                    gap >>= 7
                                    w += 1
                                }
                                out[w] = UInt8(truncatingIfNeeded: gap)
                            }
                            cursor[t].write = Offset(truncatingIfNeeded: w + 1)
                        }
                    }
                }
            }
            initialized = size
        }
    }

    /// Where each segment writes its first gap of each type, and the
    /// position + 1 of the type's last token before the segment (0: none).
    private static func layOut<Offset: FixedWidthInteger & UnsignedInteger & Sendable>(_ tallies: [[Tally]], _ offsets: [Int], cursor: GapCursor<Offset>.Type) -> [[GapCursor<Offset>]] {
        typealias Cursor = GapCursor<Offset>
        let segmentCount = tallies.count
        let typeCount = offsets.count - 1
        var cursors = [[Cursor]](repeating: [Cursor](repeating: Cursor(), count: typeCount), count: segmentCount)
        for t in 0..<typeCount {
            var write = offsets[t], previous: UInt32 = 0
            for s in 0..<segmentCount where tallies[s][t].count > 0 {
                let tally = tallies[s][t]
                cursors[s][t] = Cursor(write: Offset(truncatingIfNeeded: write), previous: previous)
                write += Int(tally.innerBytes) + Int(byteCount(tally.first &- previous))
                previous = tally.last
            }
        }
        return cursors
    }

    struct GapCursor<Offset: FixedWidthInteger & UnsignedInteger & Sendable>: Sendable {
        var write: Offset = 0
        var previous: UInt32 = 0
    }

    /// How many tokens ahead the passes prefetch their records: far enough for
    /// a miss to be served before the token is reached, near enough to stay
    /// cached (the distances tried: docs/performance.md).
    static let lookahead = 40

    /// Bytes of one gap (at least 1): seven bits a byte, without a branch.
    @inline(__always)
    static func byteCount(_ gap: UInt32) -> UInt32 {
        (UInt32(UInt32.bitWidth - (gap | 1).leadingZeroBitCount) + 6) / 7
    }

    public func frequency(of type: UInt32) -> Int {
        let t = Int(type)
        guard t < counts.count else { return 0 }
        return Int(counts[t])
    }

    /// The positions of type `type`'s tokens, ascending.
    public func postings(of type: UInt32) -> [UInt32] {
        var out: [UInt32] = []
        appendPostings(of: type, to: &out)
        return out
    }

    /// Appends the positions of type `type`'s tokens, ascending, to `out`.
    public func appendPostings(of type: UInt32, to out: inout [UInt32]) {
        let t = Int(type)
        guard t < counts.count else { return }
        let n = Int(counts[t])
        guard n > 0 else { return }
        out.reserveCapacity(out.count + n)
        gaps.withUnsafeBufferPointer { bytes in
            var i = offsets[t]
            let end = offsets[t + 1]
            var here: UInt32 = 0   // position + 1
            while i < end {
                var gap = UInt32(bytes[i])
                i += 1
                if gap >= 0x80 {
                    gap &= 0x7F
                    var shift: UInt32 = 7
                    while i < end {
                        let b = UInt32(bytes[i])
                        i += 1
                        gap |= (b & 0x7F) << shift
                        if b < 0x80 { break }
                        shift += 7
                    }
                }
                here &+= gap
                out.append(here &- 1)
            }
        }
    }
}
