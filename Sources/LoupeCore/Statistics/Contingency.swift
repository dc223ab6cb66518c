import Foundation

/// A 2×2 contingency table, the input of every association and keyness measure
/// (docs/statistics.md, whose notation is CQPweb's).
///
///              | word / collocate | other
///   row 1      |       O11        |  O12      R1 = O11 + O12
///   row 2      |       O21        |  O22      R2 = O21 + O22
///                    C1 = O11+O21   C2 = O12+O22   N
public struct Contingency: Equatable, Sendable {
    public var o11, o12, o21, o22: Double

    public init(o11: Double, o12: Double, o21: Double, o22: Double) {
        self.o11 = o11; self.o12 = o12; self.o21 = o21; self.o22 = o22
    }

    /// Keyness: a word's frequency and the size of the focus corpus (row 1) and the reference (row 2).
    public init(frequency1: Double, size1: Double, frequency2: Double, size2: Double) {
        self.init(o11: frequency1, o12: size1 - frequency1, o21: frequency2, o22: size2 - frequency2)
    }

    /// Collocation or bigram: joint frequency, the node's frequency (or the tokens in all
    /// node windows) R1, the collocate's frequency C1, and the corpus size N.
    public init(joint: Double, rowTotal: Double, columnTotal: Double, total: Double) {
        self.init(o11: joint, o12: rowTotal - joint, o21: columnTotal - joint, o22: total - rowTotal - columnTotal + joint)
    }

    public var r1: Double { o11 + o12 }
    public var r2: Double { o21 + o22 }
    public var c1: Double { o11 + o21 }
    public var c2: Double { o12 + o22 }
    public var n: Double { o11 + o12 + o21 + o22 }
    public var e11: Double { r1 * c1 / n }
    public var e12: Double { r1 * c2 / n }
    public var e21: Double { r2 * c1 / n }
    public var e22: Double { r2 * c2 / n }

    var cells: [(o: Double, e: Double)] { [(o11, e11), (o12, e12), (o21, e21), (o22, e22)] }
}

/// x·ln(x/e), with 0·ln 0 = 0 (UCREL's convention).
@inline(__always) func xlnx(_ x: Double, _ e: Double) -> Double { x > 0 ? x * log(x / e) : 0 }
