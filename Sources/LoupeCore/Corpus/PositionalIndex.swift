/// A positional inverted index in compressed-sparse-row form: for each type id,
/// the sorted global positions of its tokens. Built by a counting sort, so it
/// costs two passes over the token array and 4 bytes per token.
public struct PositionalIndex: Sendable {
    /// offsets[t]..<offsets[t+1] is type t's slice of `positions`.
    let offsets: [Int]
    let positions: [UInt32]

    public init(tokens: [UInt32], typeCount: Int) {
        // The token array is cut into one segment per thread. Each segment is
        // counted, then written, on its own thread; a type's positions from
        // segment s go after those from the segments before it, so the
        // postings come out sorted, exactly as one pass would leave them.
        // Each segment needs a cursor per type: with a huge vocabulary next to
        // few tokens, one segment is cheaper.
        let workers = Parallel.workerCount
        let segmentCount = tokens.count >= 1 << 20 && typeCount * workers * 16 <= tokens.count ? workers : 1
        let bounds = (0...segmentCount).map { tokens.count * $0 / segmentCount }

        var cursors: [[Int]] = Parallel.map(segmentCount, workers: workers) { s, _ in
            var counts = [Int](repeating: 0, count: typeCount)
            for p in bounds[s]..<bounds[s + 1] { counts[Int(tokens[p])] += 1 }
            return counts
        }
        var offsets = [Int](repeating: 0, count: typeCount + 1)
        for t in 0..<typeCount {
            var next = offsets[t]
            for s in 0..<segmentCount {
                let count = cursors[s][t]
                cursors[s][t] = next   // where segment s writes type t's first position
                next += count
            }
            offsets[t + 1] = next
        }

        positions = [UInt32](unsafeUninitializedCapacity: tokens.count) { out, initialized in
            // Every slot is written exactly once: the counts add up to tokens.count.
            _ = Parallel.map(segmentCount, workers: workers) { s, _ in
                var fill = cursors[s]
                for p in bounds[s]..<bounds[s + 1] {
                    let t = Int(tokens[p])
                    out[fill[t]] = UInt32(p)
                    fill[t] += 1
                }
            }
            initialized = tokens.count
        }
        self.offsets = offsets
    }

    public func frequency(of type: UInt32) -> Int {
        let t = Int(type)
        guard t + 1 < offsets.count else { return 0 }
        return offsets[t + 1] - offsets[t]
    }

    public func postings(of type: UInt32) -> ArraySlice<UInt32> {
        let t = Int(type)
        guard t + 1 < offsets.count else { return [] }
        return positions[offsets[t]..<offsets[t + 1]]
    }
}
