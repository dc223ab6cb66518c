import LoupeCore
import LuaRuntime

/// `doc:show{q = …}` and `hit:show()`: a document in the terminal, its lines numbered and
/// the hits marked (docs/api.md). The host decides the marks (reverse video on a terminal)
/// and where a whole document goes (through `$PAGER` at an interactive REPL).
enum ShowBinding {
    struct Context {
        var output: @Sendable (String) -> Void
        var page: (@Sendable (String) -> Void)?
        var highlight: (open: String, close: String)
        /// The environment's corpus, where a hit's document is found by its id.
        var corpus: () -> Corpus
    }

    static let documentOptions = OptionsSchema(example: "{q = \"nato\"}", [
        OptionSpec("q", .string("a query"), defaultText: "none", "The hits to mark, in the query language."),
        OptionSpec("from", .integer(min: 1, max: nil), default: .int(1), "The first line shown."),
        OptionSpec("to", .integer(min: 1, max: nil), defaultText: "the last line", "The last line shown."),
    ])

    static let hitOptions = OptionsSchema(example: "{context = 3}", [
        OptionSpec("context", .integer(min: 0, max: 1000), default: .int(2), "Lines shown before and after the hit's lines."),
    ])

    /// `doc:show{q = "…", from = 1, to = 40}`.
    static func showDocument(_ corpus: Corpus, _ doc: Int, _ call: LuaStack, _ context: Context) throws -> Int32 {
        let o = try Options(call, 2, documentOptions)
        var marks: [Range<Int>] = []
        var header = corpus.documents[doc].id
        if let q = o.string("q") {
            let node: QueryNode
            do { node = try QueryParser.parse(q) } catch let e as QueryError { throw ScriptError("\(call.name): \(e.description)") }
            let hits = try corpus.evaluate(node).hits.filter { $0.document == doc }
            marks = byteRanges(corpus, doc, hits)
            header += ": \(hits.count) hit\(hits.count == 1 ? "" : "s") of \"\(q)\""
        }
        let from = o.int("from") ?? 1, to = o.int("to") ?? Int.max
        guard to >= from else { throw ScriptError("\(call.name): to (\(to)) is before from (\(from))") }
        let lines = from...to
        let text = header + "\n" + DocumentListing.render(corpus.documents[doc].text, marks: marks, lines: lines,
                                                          open: context.highlight.open, close: context.highlight.close)
        (context.page ?? context.output)(text)
        return 0
    }

    /// `hit:show{context = 2}` on a hit table (`hits[i]`): its lines and those around them.
    static func showHit(_ call: LuaStack, _ context: Context) throws -> Int32 {
        let o = try Options(call, 2, hitOptions)
        guard call.isTable(1) else { throw call.argumentError(1, "hit (a table from hits[i]; call it as hit:show())") }
        guard case .record(let fields) = call.value(1), let id = value(fields, "doc").flatMap(string),
              let start = value(fields, "start").flatMap(integer), let stop = value(fields, "stop").flatMap(integer) else {
            throw ScriptError("\(call.name): not a hit: it needs doc, start and stop (a table from hits[i])")
        }
        let corpus = context.corpus()
        guard let doc = corpus.documentIndex(id: id) else { throw ScriptError("\(call.name): there is no document '\(id)' in the corpus") }
        let d = corpus.documents[doc]
        guard start >= 1, stop >= start, stop <= d.tokenCount else {
            throw ScriptError("\(call.name): tokens \(start)–\(stop) are not in \(id) (\(d.tokenCount) tokens)")
        }
        let hit = Hit(document: doc, start: start - 1, end: stop)
        let marks = byteRanges(corpus, doc, [hit])
        let lineStarts = LineStarts(d.text)
        let first = lineStarts.line(at: marks.first?.lowerBound ?? 0), last = lineStarts.line(at: max(0, (marks.first?.upperBound ?? 1) - 1))
        let around = o.int("context") ?? 2
        let text = "\(id), line \(first)\n" + DocumentListing.render(d.text, marks: marks, lines: max(1, first - around)...(last + around),
                                                                     open: context.highlight.open, close: context.highlight.close)
        context.output(text)
        return 0
    }

    /// The hits' byte ranges in their document (from their first token's start to their last token's end).
    static func byteRanges(_ corpus: Corpus, _ doc: Int, _ hits: [Hit]) -> [Range<Int>] {
        guard !hits.isEmpty else { return [] }
        let spans = corpus.tokenSpans(document: doc)
        return hits.compactMap { h in
            guard h.start < h.end, h.end <= spans.count else { return nil }
            return Int(spans[h.start].start)..<Int(spans[h.end - 1].end)
        }
    }

    private static func value(_ fields: [(String, LuaValue)], _ key: String) -> LuaValue? { fields.first { $0.0 == key }?.1 }
    private static func string(_ v: LuaValue) -> String? { if case .string(let s) = v { s } else { nil } }
    private static func integer(_ v: LuaValue) -> Int? {
        switch v {
        case .int(let i): i
        case .number(let d): d.rounded() == d && abs(d) < 1e15 ? Int(d) : nil
        default: nil
        }
    }
}
