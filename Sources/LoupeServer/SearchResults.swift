import LoupeCore

/// A query's hits over the corpus, counted by document, with one page of them as
/// concordance lines. Built from the corpus alone; no server involved.
public struct SearchResults: Sendable {
    public struct DocumentCount: Sendable, Equatable {
        public var document: Int
        public var count: Int
        /// The index in `hits` of the document's first hit.
        public var firstHit: Int
    }

    public struct Line: Sendable {
        /// Its index in `hits`.
        public var index: Int
        public var hit: Hit
        /// Its 1-based number among its document's hits (the reader's anchor `#hN`).
        public var numberInDocument: Int
        public var left: String
        public var match: String
        public var right: String
    }

    /// Hits with one value of a metadata field (`by=`): their number, the documents that
    /// have them, and the documents and tokens with that value.
    public struct ValueCount: Sendable, Equatable {
        public var value: String
        public var hits: Int
        public var documentsWithHits: Int
        public var documents: Int
        public var tokens: Int
    }

    public let query: String
    /// In corpus order.
    public let hits: [Hit]
    /// Documents with hits, most hits first, then in corpus order.
    public let byDocument: [DocumentCount]
    public let offset: Int
    public let limit: Int
    public let window: Int
    public let unit: KWICOptions.Unit
    public let sort: [KWICOptions.SortKey]
    public let lines: [Line]

    /// Searches `corpus` (throws `QueryError` for a bad query, `Interrupted` at a limit)
    /// and cuts lines `offset ..< offset + limit` with `window` tokens each side.
    public init(corpus: Corpus, query: String, offset: Int = 0, limit: Int = 50, window: Int = 8) throws {
        try self.init(corpus: corpus, query: query, hits: corpus.search(query).hits, offset: offset, limit: limit, window: window)
    }

    /// `order`: the hits' indices in the order the lines go (a concordance sort), nil for corpus order.
    public init(corpus: Corpus, query: String, hits: [Hit], order: [Int]? = nil, sort: [KWICOptions.SortKey] = [],
                offset: Int, limit: Int, window: Int, unit: KWICOptions.Unit = .tokens) throws {
        self.query = query
        self.hits = hits
        self.offset = offset
        self.limit = limit
        self.window = window
        self.unit = unit
        self.sort = sort
        var counts: [DocumentCount] = []
        for (i, h) in hits.enumerated() {
            if let last = counts.last, last.document == h.document {
                counts[counts.count - 1].count += 1
            } else {
                counts.append(DocumentCount(document: h.document, count: 1, firstHit: i))
            }
        }
        let firstHit = Dictionary(counts.map { ($0.document, $0.firstHit) }, uniquingKeysWith: { a, _ in a })
        byDocument = counts.sorted { ($0.count, -$0.document) > ($1.count, -$1.document) }
        let range = min(offset, hits.count) ..< min(hits.count, offset + limit)
        let indices = range.map { order?[$0] ?? $0 }
        let kwic = try KWIC.lines(corpus, hits: indices.map { hits[$0] }, options: KWICOptions(left: window, right: window, unit: unit))
        lines = zip(zip(range, indices), kwic).map { pair, k in
            let (line, i) = pair
            return Line(index: line, hit: k.hit, numberInDocument: i - (firstHit[k.hit.document] ?? i) + 1,
                        left: k.left, match: k.match, right: k.right)
        }
    }

    /// The hits by the values of a metadata field, most hits first; documents without the
    /// field count under "".
    public func counts(by field: String, in corpus: Corpus) -> [ValueCount] {
        var table: [String: ValueCount] = [:]
        for d in corpus.documents {
            let v = MetadataFilter.value(of: d, field) ?? ""
            table[v, default: ValueCount(value: v, hits: 0, documentsWithHits: 0, documents: 0, tokens: 0)].documents += 1
            table[v]?.tokens += d.tokenCount
        }
        for c in byDocument {
            let v = MetadataFilter.value(of: corpus.documents[c.document], field) ?? ""
            table[v]?.hits += c.count
            table[v]?.documentsWithHits += 1
        }
        return table.values.sorted { ($0.hits, $1.value) > ($1.hits, $0.value) }
    }

    public var count: Int { hits.count }
}
