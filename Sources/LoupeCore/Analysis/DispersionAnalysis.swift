import Foundation

/// What `dispersion` counts over: every document, or the whole corpus (documents
/// one after another) cut into n parts of equal size in tokens.
public enum DispersionParts: Equatable, Sendable {
    case documents
    case equal(Int)
}

/// The result of `dispersion`: a one-row summary and one row per part.
public struct DispersionResult: Sendable {
    /// `hits`, `parts`, `range`, `juilland_d`, `dp`, `dp_norm` (empty when undefined).
    public let summary: Table
    /// `part` (document id, or 1…n), `size` (tokens), `hits`, `per_10k`.
    public let parts: Table
    /// The counts the measures were computed from.
    public let dispersion: Dispersion
}

extension Corpus {
    /// How evenly the hits of a query spread (`corpus:dispersion`). A hit
    /// belongs to the part that holds its first token. Equal parts: part i
    /// (0-based) of n holds global token positions ⌊N·i/n⌋ ..< ⌊N·(i+1)/n⌋,
    /// so sizes differ by at most one token. The measures are those of
    /// `Dispersion` (docs/statistics.md) over the parts' hit counts and sizes.
    public func dispersion(hits: [Hit], parts: DispersionParts = .documents) throws -> DispersionResult {
        var labels: [TableValue] = []
        var sizes: [Int] = []
        var counts: [Int] = []
        switch parts {
        case .documents:
            labels = documents.map { .string($0.id) }
            sizes = documents.map(\.tokenCount)
            counts = [Int](repeating: 0, count: documents.count)
            for (k, h) in hits.enumerated() {
                if k & AnalysisSupport.checkMask == AnalysisSupport.checkMask { try Interruption.check() }
                if h.document >= 0, h.document < documents.count { counts[h.document] += 1 }
            }
        case .equal(let n):
            guard n >= 1, n <= Swift.max(tokenCount, 1) else {
                throw AnalysisError("parts must be \"documents\" or a whole number from 1 to the corpus's \(tokenCount) tokens, got \(n)")
            }
            let total = tokenCount
            // A row per part (bounds, label, size, count, and the table's cells).
            try MemoryBudget.reserve(MemoryBudget.bytes(n, each: 160))
            // total · i / n in double width: total · n can pass Int.max on a large corpus.
            func scaled(_ a: Int, _ b: Int, _ c: Int) -> Int { c.dividingFullWidth(a.multipliedFullWidth(by: b)).quotient }
            // Up to one part per token: every pass over the parts is followed by a poll.
            let bounds = (0...n).map { scaled(total, $0, n) }
            try Interruption.check()
            labels = (1...n).map { .int($0) }
            try Interruption.check()
            sizes = (0..<n).map { bounds[$0 + 1] - bounds[$0] }
            try Interruption.check()
            counts = [Int](repeating: 0, count: n)
            for (k, h) in hits.enumerated() {
                if k & AnalysisSupport.checkMask == AnalysisSupport.checkMask { try Interruption.check() }
                guard h.document >= 0, h.document < documents.count else { continue }
                let p = documents[h.document].tokenBase + h.start
                guard p >= 0, p < total else { continue }
                var i = Swift.min(n - 1, scaled(p, n, Swift.max(total, 1)))
                while i + 1 < n, bounds[i + 1] <= p { i += 1 }
                while i > 0, bounds[i] > p { i -= 1 }
                counts[i] += 1
            }
        }
        try Interruption.check()
        let d = Dispersion(frequencies: counts.map(Double.init), sizes: sizes.map(Double.init))
        // Each measure is a pass or two over the parts: poll between them.
        func polled<T>(_ value: @autoclosure () -> T) throws -> T { try Interruption.check(); return value() }
        let summary = Table(columns: [
            ("hits", [.int(try polled(counts.reduce(0, +)))]),
            ("parts", [.int(counts.count)]),
            ("range", [.int(try polled(d.range))]),
            ("juilland_d", [.measure(try polled(d.juillandD))]),
            ("dp", [.measure(try polled(d.dp))]),
            ("dp_norm", [.measure(try polled(d.dpNorm))]),
        ])
        let perPart = Table(columns: [
            ("part", labels),
            ("size", try polled(sizes.map { .int($0) })),
            ("hits", try polled(counts.map { .int($0) })),
            ("per_10k", try polled(zip(counts, sizes).map { $1 > 0 ? .double(Double($0) * 10_000 / Double($1)) : .null })),
        ])
        try Interruption.check()
        return DispersionResult(summary: summary, parts: perPart, dispersion: d)
    }

    /// Dispersion of every hit of a query.
    public func dispersion(_ query: String, parts: DispersionParts = .documents) throws -> DispersionResult {
        try dispersion(hits: try search(query).hits, parts: parts)
    }
}
