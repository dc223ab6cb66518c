/// Dictionary lookup (`corpus:lookup`): how often each lexicon category occurs per document.
///
/// A category's matches are the matches of all its entries. Within one
/// category, matches that overlap count once: going left to right, the
/// longest match starting at a token is kept (on a tie, the entry listed
/// first), and any match overlapping a kept one is dropped. So with entries
/// `regime` and `kiev regime`, "the Kiev regime" counts once. Different
/// categories count independently: a word can count in several categories.
public struct LexiconMatch: Equatable, Sendable {
    public var category: Int
    public var entry: Int
    public var hit: Hit
}

extension Corpus {
    /// Every counted match of every category, in category order, then document and position.
    public func lexiconMatches(_ lexicon: Lexicon) throws -> [LexiconMatch] {
        var out: [LexiconMatch] = []
        for (ci, category) in lexicon.categories.enumerated() {
            var found: [LexiconMatch] = []
            for (ei, entry) in category.entries.enumerated() {
                try Interruption.check()
                for h in try evaluate(entry.query).hits { found.append(LexiconMatch(category: ci, entry: ei, hit: h)) }
            }
            found.sort { a, b in
                if a.hit.document != b.hit.document { return a.hit.document < b.hit.document }
                if a.hit.start != b.hit.start { return a.hit.start < b.hit.start }
                if a.hit.end != b.hit.end { return a.hit.end > b.hit.end }
                return a.entry < b.entry
            }
            var lastDoc = -1, lastEnd = 0
            for (k, m) in found.enumerated() {
                if k & 0xFFFF == 0xFFFF { try Interruption.check() }
                if m.hit.document == lastDoc, m.hit.start < lastEnd { continue }
                out.append(m)
                lastDoc = m.hit.document; lastEnd = m.hit.end
            }
        }
        return out
    }

    /// One row per document and category, zeros included (`corpus:lookup(lexicon)`):
    /// doc, outlet, date, category, n, tokens (the document's), per_10k (n per
    /// 10,000 of its tokens; empty for an empty document). Corpus order, then
    /// category order.
    public func lookup(_ lexicon: Lexicon) throws -> Table {
        let matches = try lexiconMatches(lexicon)
        let cats = lexicon.categories.count
        var counts = [Int](repeating: 0, count: documents.count * cats)
        for m in matches { counts[m.hit.document * cats + m.category] += 1 }
        var doc: [TableValue] = [], outlet: [TableValue] = [], date: [TableValue] = [], category: [TableValue] = []
        var n: [TableValue] = [], size: [TableValue] = [], rate: [TableValue] = []
        for (d, document) in documents.enumerated() {
            for (c, cat) in lexicon.categories.enumerated() {
                let k = counts[d * cats + c]
                doc.append(.string(document.id))
                outlet.append(document.meta.string("outlet").map { .string($0) } ?? .null)
                date.append(document.meta.string("date").map { .string($0) } ?? .null)
                category.append(.string(cat.name))
                n.append(.int(k))
                size.append(.int(document.tokenCount))
                rate.append(document.tokenCount == 0 ? .null : .double(Double(k) * 10_000 / Double(document.tokenCount)))
            }
        }
        return Table(columns: [("doc", doc), ("outlet", outlet), ("date", date), ("category", category),
                               ("n", n), ("tokens", size), ("per_10k", rate)])
    }

    /// One row per document, category and entry that matched (`{by = "entry"}`):
    /// doc, category, entry, n; counts after the overlap rule, so they add up to `lookup`'s n.
    public func lookupByEntry(_ lexicon: Lexicon) throws -> Table {
        var counts: [Int: Int] = [:]   // key: ((doc * cats) + cat) * maxEntries + entry
        let cats = lexicon.categories.count
        let width = (lexicon.categories.map(\.entries.count).max() ?? 0) + 1
        for m in try lexiconMatches(lexicon) {
            counts[(m.hit.document * cats + m.category) * width + m.entry, default: 0] += 1
        }
        var doc: [TableValue] = [], category: [TableValue] = [], entry: [TableValue] = [], n: [TableValue] = []
        for key in counts.keys.sorted() {
            let e = key % width, c = (key / width) % cats, d = key / width / cats
            doc.append(.string(documents[d].id))
            category.append(.string(lexicon.categories[c].name))
            entry.append(.string(lexicon.categories[c].entries[e].text))
            n.append(.int(counts[key]!))
        }
        return Table(columns: [("doc", doc), ("category", category), ("entry", entry), ("n", n)])
    }

    /// Every counted match in context (`{kwic = true}`): doc, category, entry,
    /// start, stop (1-based token positions, inclusive), left, match, right;
    /// in corpus order, then position, then category order.
    public func lookupKWIC(_ lexicon: Lexicon, options: KWICOptions = KWICOptions()) throws -> Table {
        var matches = try lexiconMatches(lexicon)
        matches.sort { a, b in
            (a.hit.document, a.hit.start, a.category, a.entry) < (b.hit.document, b.hit.start, b.category, b.entry)
        }
        var plain = options
        plain.sort = []
        let lines = try KWIC.lines(self, hits: matches.map(\.hit), options: plain)
        var doc: [TableValue] = [], category: [TableValue] = [], entry: [TableValue] = []
        var start: [TableValue] = [], stop: [TableValue] = [], left: [TableValue] = [], match: [TableValue] = [], right: [TableValue] = []
        for (m, line) in zip(matches, lines) {
            doc.append(.string(line.documentID))
            category.append(.string(lexicon.categories[m.category].name))
            entry.append(.string(lexicon.categories[m.category].entries[m.entry].text))
            start.append(.int(m.hit.start + 1)); stop.append(.int(m.hit.end))
            left.append(.string(line.left)); match.append(.string(line.match)); right.append(.string(line.right))
        }
        return Table(columns: [("doc", doc), ("category", category), ("entry", entry), ("start", start), ("stop", stop),
                               ("left", left), ("match", match), ("right", right)])
    }
}
