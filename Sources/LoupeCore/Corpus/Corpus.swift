/// A loaded corpus: documents, their tokens as integer type ids in one array,
/// the type table and a positional index. Immutable once built; safe to share.
public final class Corpus: Sendable {
    /// The folder it was loaded from ("" for a corpus built in memory).
    public let root: String
    public let documents: [Document]
    /// Type id of every token, documents one after another.
    public let tokens: [UInt32]
    /// Where every 64th token of each document starts, to find any token's
    /// text again (SpanCheckpoints.swift; `tokenSpans(document:tokens:)`).
    let checkpoints: SpanCheckpoints
    public let vocabulary: Vocabulary
    public let index: PositionalIndex
    /// How this corpus was cut from a larger one ("outlet = TASS"), or nil for a whole corpus.
    public let selection: String?
    private let positionsByID: [String: Int]
    /// Where each document's tokens start in `tokens`, and one past the last
    /// document's end: searches walk these instead of the `Document` records.
    public let documentStarts: [Int]
    /// What analyses work out from the type table once and keep (DerivedData.swift):
    /// a sub-corpus shares its parent's, as it shares the table.
    let derived: DerivedData

    init(root: String, documents: [Document], tokens: [UInt32], checkpoints: SpanCheckpoints, vocabulary: Vocabulary,
         selection: String? = nil, derived: DerivedData? = nil) {
        self.root = root
        self.derived = derived ?? DerivedData()
        self.selection = selection
        self.documents = documents
        self.tokens = tokens
        self.checkpoints = checkpoints
        self.vocabulary = vocabulary
        self.index = PositionalIndex(tokens: tokens, typeCount: vocabulary.count)
        var byID: [String: Int] = [:]
        for (i, d) in documents.enumerated() { byID[d.id] = i }
        positionsByID = byID
        documentStarts = documents.map(\.tokenBase) + [tokens.count]
    }

    public var tokenCount: Int { tokens.count }

    /// The number of distinct matching forms that occur here. A sub-corpus
    /// shares its parent's type table, so this can be less than `vocabulary.count`.
    public var typeCount: Int {
        (0..<vocabulary.count).reduce(0) { $0 + (index.frequency(of: UInt32($1)) > 0 ? 1 : 0) }
    }

    /// The position of the document with this id.
    public func documentIndex(id: String) -> Int? { positionsByID[id] }

    /// Which document holds global token position `p`.
    public func documentIndex(containing p: Int) -> Int {
        var lo = 0, hi = documents.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if documentStarts[mid] <= p { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Surface text of a document's tokens, one string per token.
    public func surfaceTokens(of doc: Int) -> [String] {
        let d = documents[doc]
        return tokenSpans(document: doc).map { d.slice(Int($0.start), Int($0.end)) }
    }

    /// Matching forms of a document's tokens.
    public func matchingForms(of doc: Int) -> [String] {
        let d = documents[doc]
        return tokens[d.tokenBase..<(d.tokenBase + d.tokenCount)].map { vocabulary.form(of: $0) }
    }

    /// Metadata field names used by any document, most documents first, then by name.
    public var fieldNames: [String] {
        var counts: [String: Int] = [:]
        for d in documents { for k in d.meta.keys { counts[k, default: 0] += 1 } }
        return counts.keys.sorted { (counts[$0]!, $1) > (counts[$1]!, $0) }
    }
}
