/// Where every 64th token of each document starts in its text, so any token's
/// byte span can be found again by reading at most 64 tokens from there.
///
/// A corpus does not keep every token's span (8 bytes a token, or 2 packed):
/// spans are only needed to show text — a hit, a concordance line, a
/// document's tokens — and `Tokenizer.spans(utf8:from:limit:)` started at a
/// token's first byte finds exactly the tokens a reading of the whole text
/// finds there. This costs 4 bytes per 64 tokens.
struct SpanCheckpoints: Sendable {
    static let stride = 64

    /// Byte start of document-local tokens 0, 64, 128, … of each document, documents one after another.
    private var starts: [UInt32] = []
    /// Where each document's checkpoints begin in `starts`, and one past the last document's.
    private var firstOfDocument: [Int] = [0]

    init() {}

    /// Adds the next document, from the starts of its tokens 0, 64, 128, ….
    mutating func append(starts documentStarts: [UInt32]) {
        starts.append(contentsOf: documentStarts)
        firstOfDocument.append(starts.count)
    }

    /// Adds the next document, copying document `doc` of `other` (sub-corpora:
    /// checkpoints are document-local, so they do not change).
    mutating func append(document doc: Int, of other: SpanCheckpoints) {
        starts.append(contentsOf: other.starts[other.firstOfDocument[doc]..<other.firstOfDocument[doc + 1]])
        firstOfDocument.append(starts.count)
    }

    mutating func reserveCapacity(documents: Int, tokens: Int) {
        starts.reserveCapacity(tokens / Self.stride + documents)
        firstOfDocument.reserveCapacity(documents + 1)
    }

    /// Where to start reading to reach document-local token `k` of document
    /// `doc`: a byte offset, and how many tokens to read past first.
    func resume(document doc: Int, token k: Int) -> (byte: Int, skip: Int) {
        let c = firstOfDocument[doc] + k / Self.stride
        guard k >= 0, c < firstOfDocument[doc + 1] else { return (0, Swift.max(0, k)) }
        return (Int(starts[c]), k % Self.stride)
    }
}

extension Corpus {
    /// The byte spans of document-local tokens `range` of document `doc`
    /// (clamped to the document's tokens).
    public func tokenSpans(document doc: Int, tokens range: Range<Int>) -> [TokenSpan] {
        guard doc >= 0, doc < documents.count else { return [] }
        let d = documents[doc]
        let r = range.clamped(to: 0..<d.tokenCount)
        guard !r.isEmpty else { return [] }
        let (byte, skip) = checkpoints.resume(document: doc, token: r.lowerBound)
        var text = d.text   // shares the storage: withUTF8 does not copy a native string
        let read = text.withUTF8 { Tokenizer.spans(utf8: $0, from: byte, limit: skip + r.count) }
        return Array(read.dropFirst(skip))
    }

    /// The byte spans of all of document `doc`'s tokens.
    public func tokenSpans(document doc: Int) -> [TokenSpan] {
        guard doc >= 0, doc < documents.count else { return [] }
        return Tokenizer.spans(in: documents[doc].text)
    }

    /// The byte span of document-local token `k` of document `doc`.
    public func tokenSpan(document doc: Int, token k: Int) -> TokenSpan? {
        tokenSpans(document: doc, tokens: k..<(k + 1)).first
    }

    /// The text of document-local tokens `range` of document `doc`, from the
    /// first one's start to the last one's end ("" when there are none).
    public func text(document doc: Int, tokens range: Range<Int>) -> String {
        let spans = tokenSpans(document: doc, tokens: range)
        guard let first = spans.first, let last = spans.last else { return "" }
        return documents[doc].slice(Int(first.start), Int(last.end))
    }
}
