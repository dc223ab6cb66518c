/// A positional inverted index: for each type id, the sorted global positions
/// of its tokens, stored as the gaps between them in a variable number of
/// bytes (7 bits a byte, the high bit set on every byte but a gap's last).
///
/// Why gaps: a frequent word's positions are close together ("the" every
/// dozen tokens: one byte each), a rare word's are few. On a 100 MB English
/// corpus this is 1.75 bytes a token instead of 4, which is what keeps a
/// loaded corpus within three times its text. Reading a type's postings
/// decodes them (about a nanosecond a position); every reader walks them in
/// order anyway.
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

        struct Tally {
            var count: [UInt32]
            /// Bytes of the gaps after the segment's first token of the type.
            var innerBytes: [UInt32]
            /// Position + 1 of the segment's first and last token of the type (0: none).
            var first: [UInt32]
            var last: [UInt32]
        }
        var tallies: [Tally] = tokens.withUnsafeBufferPointer { tok in
            Parallel.map(segmentCount, workers: workers) { s, _ in
                var tally = Tally(count: [UInt32](repeating: 0, count: typeCount),
                                  innerBytes: [UInt32](repeating: 0, count: typeCount),
                                  first: [UInt32](repeating: 0, count: typeCount),
                                  last: [UInt32](repeating: 0, count: typeCount))
                tally.count.withUnsafeMutableBufferPointer { count in
                    tally.innerBytes.withUnsafeMutableBufferPointer { inner in
                        tally.first.withUnsafeMutableBufferPointer { first in
                            tally.last.withUnsafeMutableBufferPointer { last in
                                for p in bounds[s]..<bounds[s + 1] {
                                    let t = Int(tok[p])
                                    let here = UInt32(truncatingIfNeeded: p + 1)
                                    if last[t] == 0 { first[t] = here } else { inner[t] &+= Self.byteCount(here &- last[t]) }
                                    last[t] = here
                                    count[t] &+= 1
                                }
                            }
                        }
                    }
                }
                return tally
            }
        }

        // Lay out: type by type, its segments in order. Each segment gets where
        // it writes the type's first gap, and the position + 1 of the type's
        // last token before the segment (0: none).
        var counts = [UInt32](repeating: 0, count: typeCount)
        var offsets = [Int](repeating: 0, count: typeCount + 1)
        var writes = [[Int]](repeating: [Int](repeating: 0, count: typeCount), count: segmentCount)
        var next = 0
        for t in 0..<typeCount {
            var previous: UInt32 = 0
            var total: UInt32 = 0
            for s in 0..<segmentCount where tallies[s].count[t] > 0 {
                writes[s][t] = next
                next += Int(tallies[s].innerBytes[t]) + Int(Self.byteCount(tallies[s].first[t] &- previous))
                tallies[s].first[t] = previous
                previous = tallies[s].last[t]
                total &+= tallies[s].count[t]
            }
            counts[t] = total
            offsets[t + 1] = next
        }
        let size = next
        let previousBefore = tallies.map(\.first)
        tallies = []
        gaps = [UInt8](unsafeUninitializedCapacity: size) { out, initialized in
            // Every byte is written exactly once: the stretches tile the array.
            tokens.withUnsafeBufferPointer { tok in
                _ = Parallel.map(segmentCount, workers: workers) { s, _ in
                    var write = writes[s]
                    var previous = previousBefore[s]
                    for p in bounds[s]..<bounds[s + 1] {
                        let t = Int(tok[p])
                        let here = UInt32(truncatingIfNeeded: p + 1)
                        var gap = here &- previous[t]
                        previous[t] = here
                        var w = write[t]
                        while gap >= 0x80 {
                            out[w] = UInt8(truncatingIfNeeded: gap) | 0x80
                            gap >>= 7
                            w += 1
                        }
                        out[w] = UInt8(truncatingIfNeeded: gap)
                        write[t] = w + 1
                    }
                }
            }
            initialized = size
        }
        self.counts = counts
        self.offsets = offsets
    }

    /// Bytes of one gap.
    @inline(__always)
    static func byteCount(_ gap: UInt32) -> UInt32 {
        gap < 1 << 7 ? 1 : gap < 1 << 14 ? 2 : gap < 1 << 21 ? 3 : gap < 1 << 28 ? 4 : 5
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
