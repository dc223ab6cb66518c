/// Word counts by matching form and the size of the corpus they come from:
/// the reference side of keyness, built from a corpus or read from a file
/// (`FrequencyListReader`). Forms compare as strings, so two corpora with
/// different vocabularies (different type ids) line up by form.
public struct FrequencyList: Equatable, Sendable {
    /// Matching form → occurrences (every count > 0).
    public var counts: [String: Int]
    /// Tokens in the whole corpus the list describes (≥ the sum of counts).
    public var total: Int

    /// The largest count or total accepted (2^53): every count up to it is exact as
    /// a Double, which the measures compute in. Larger ones are refused where they
    /// come in (a Lua table, `total`, a file line), not left to overflow later.
    public static let largestCount = 1 << 53

    public init(counts: [String: Int], total: Int) {
        self.counts = counts; self.total = total
    }

    /// Every type of a corpus with its frequency; total = its tokens.
    public init(corpus: Corpus) {
        var counts: [String: Int] = [:]
        counts.reserveCapacity(corpus.vocabulary.count)
        for (t, form) in corpus.vocabulary.forms.enumerated() {
            let f = corpus.index.frequency(of: UInt32(t))
            if f > 0 { counts[form, default: 0] += f }
        }
        self.init(counts: counts, total: corpus.tokenCount)
    }
}
