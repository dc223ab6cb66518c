/// A positional inverted index in compressed-sparse-row form: for each type id,
/// the sorted global positions of its tokens. Built by a counting sort, so it
/// costs two passes over the token array and 4 bytes per token.
public struct PositionalIndex: Sendable {
    /// offsets[t]..<offsets[t+1] is type t's slice of `positions`.
    let offsets: [Int]
    let positions: [UInt32]

    public init(tokens: [UInt32], typeCount: Int) {
        var offsets = [Int](repeating: 0, count: typeCount + 1)
        for t in tokens { offsets[Int(t) + 1] += 1 }
        for i in 0..<typeCount { offsets[i + 1] += offsets[i] }
        var fill = offsets
        var positions = [UInt32](repeating: 0, count: tokens.count)
        positions.withUnsafeMutableBufferPointer { out in
            for (p, t) in tokens.enumerated() {
                out[fill[Int(t)]] = UInt32(p)
                fill[Int(t)] += 1
            }
        }
        self.offsets = offsets
        self.positions = positions
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
