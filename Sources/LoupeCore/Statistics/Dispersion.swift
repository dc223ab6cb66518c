import Foundation

/// Dispersion of a word over parts of a corpus (documents or equal chunks):
/// `frequencies[i]` is the word's frequency in part i, `sizes[i]` the part's size in tokens.
/// Definitions in docs/statistics.md; checked against Lyne's ALLEMAND data (tlda).
public struct Dispersion: Equatable, Sendable {
    public let frequencies: [Double]
    public let sizes: [Double]

    public init(frequencies: [Double], sizes: [Double]) {
        self.frequencies = frequencies; self.sizes = sizes
    }

    public var parts: Int { frequencies.count }
    public var total: Double { frequencies.reduce(0, +) }
    var shares: [Double] { let s = sizes.reduce(0, +); return sizes.map { $0 / s } }
    var rates: [Double] { zip(frequencies, sizes).map { $1 > 0 ? $0 / $1 : 0 } }

    /// Parts in which the word occurs.
    public var range: Int { frequencies.filter { $0 > 0 }.count }

    /// Juilland's D = 1 − CV/√(n − 1), CV of the per-part rates with the population SD.
    public var juillandD: Double {
        let r = rates, n = Double(r.count)
        guard n > 1 else { return .nan }
        let mean = r.reduce(0, +) / n
        guard mean > 0 else { return .nan }
        let sd = (r.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
        return 1 - (sd / mean) / (n - 1).squareRoot()
    }

    /// Gries's DP (2008) = ½ Σ |v_i/f − s_i|: 0 spread evenly, near 1 concentrated.
    public var dp: Double {
        let f = total
        guard f > 0 else { return .nan }
        return 0.5 * zip(frequencies, shares).reduce(0) { $0 + abs($1.0 / f - $1.1) }
    }

    /// DPnorm (Lijffijt & Gries 2012) = DP/(1 − min s_i).
    public var dpNorm: Double { dp / (1 - (shares.min() ?? 0)) }

    /// Rosengren's S = (Σ √(v_i s_i))² / f.
    public var rosengrenS: Double {
        let f = total
        guard f > 0 else { return .nan }
        let s = zip(frequencies, shares).reduce(0) { $0 + ($1.0 * $1.1).squareRoot() }
        return s * s / f
    }

    /// Carroll's D2 = H(p)/ln n with p_i = r_i/Σ r.
    public var carrollD2: Double {
        let r = rates, sum = r.reduce(0, +)
        guard sum > 0, r.count > 1 else { return .nan }
        let h = r.reduce(0) { acc, x in x > 0 ? acc - (x / sum) * log(x / sum) : acc }
        return h / log(Double(r.count))
    }

    /// Average reduced frequency (Savický & Hlaváčová) of occurrences at `positions`
    /// (0-based, sorted) in a corpus of `size` tokens: (1/v) Σ min(d_i, v), v = N/f,
    /// d_i the gaps between consecutive occurrences, the first wrapping around the end.
    public static func averageReducedFrequency(positions: [Int], size: Int) -> Double {
        guard let first = positions.first, let last = positions.last, size > 0 else { return 0 }
        let v = Double(size) / Double(positions.count)
        var sum = min(Double(first + size - last), v)
        for i in 1..<positions.count { sum += min(Double(positions[i] - positions[i - 1]), v) }
        return sum / v
    }
}
