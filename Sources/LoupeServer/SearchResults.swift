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

    public let query: String
    public let hits: [Hit]
    /// Documents with hits, most hits first, then in corpus order.
    public let byDocument: [DocumentCount]
    public let offset: Int
    public let limit: Int
    public let window: Int
    public let lines: [Line]

    /// Searches `corpus` (throws `QueryError` for a bad query, `Interrupted` at a limit)
    /// and cuts lines `offset ..< offset + limit` with `window` tokens each side.
    public init(corpus: Corpus, query: String, offset: Int = 0, limit: Int = 50, window: Int = 8) throws {
        try self.init(corpus: corpus, query: query, hits: corpus.search(query).hits, offset: offset, limit: limit, window: window)
    }

    public init(corpus: Corpus, query: String, hits: [Hit], offset: Int, limit: Int, window: Int) throws {
        self.query = query
        self.hits = hits
        self.offset = offset
        self.limit = limit
        self.window = window
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
        let page = Array(hits[range])
        let kwic = try KWIC.lines(corpus, hits: page, options: KWICOptions(left: window, right: window, unit: .tokens))
        lines = zip(range, kwic).map { i, k in
            Line(index: i, hit: k.hit, numberInDocument: i - (firstHit[k.hit.document] ?? i) + 1,
                 left: k.left, match: k.match, right: k.right)
        }
    }

    public var count: Int { hits.count }
}
