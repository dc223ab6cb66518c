import LoupeCore
import LuaRuntime

/// Search results: #hits, hits[i] (doc, start, stop, text, sentence), ipairs(hits),
/// hits:docs(), hits:kwic{width = N}; hits:count_by(field) and hits:table() give Tables;
/// hits:plot{file = "x.svg"} draws a dispersion plot (PlotBinding.swift).
enum HitsBinding {
    /// The metatable of hit tables (`hits[i]`): their `show` method.
    static let hitMetatable = "loupe.hit"

    static func luaClass(show: ShowBinding.Context) -> LuaClass<HitsHandle> {
        var cls = LuaClass<HitsHandle>(TypeName.hits, variable: "hits") { h in
            let docs = Set(h.hits.map(\.document)).count
            var s = "Hits: \(LoadReport.grouped(h.hits.count)) match\(h.hits.count == 1 ? "" : "es") of \"\(h.query)\" in \(docs) document\(docs == 1 ? "" : "s")"
            for hit in h.hits.prefix(5) {
                s += "\n  \(h.corpus.documents[hit.document].id) @\(hit.start + 1): \(h.corpus.text(of: hit))"
            }
            if h.hits.count > 5 { s += "\n  … \(h.hits.count - 5) more" }
            return s
        }
        cls.length = { $0.hits.count }
        cls.index = { h, call in
            guard let i = call.integerKey(2), i >= 1, i <= h.hits.count else { return 0 }
            call.push(record(h, h.hits[i - 1]))
            call.setMetatable(-1, name: hitMetatable) { mt in
                call.setField(mt, "__index") {
                    call.push(.record([]))
                    call.setField(call.top, "show") { call.pushFunction("hit:show", isMethod: true) { c in try ShowBinding.showHit(c, show) } }
                }
            }
            return 1
        }
        cls.method("docs") { h, call in
            var seen = Set<Int>()
            var out: [Int] = []
            for hit in h.hits where seen.insert(hit.document).inserted { out.append(hit.document) }
            call.push(.array([]))
            for (k, d) in out.enumerated() {
                call.pushObject(DocumentHandle(corpus: h.corpus, index: d), typeName: TypeName.document)
                call.setIndex(-2, k + 1)
            }
            return 1
        }
        cls.method("kwic") { h, call in
            let o = try Arguments.kwicOptions(call, 2)
            call.pushObject(ConcordanceHandle(lines: try KWIC.lines(h.corpus, hits: h.hits, options: o),
                                              width: o.unit == .characters ? o.left : nil), typeName: TypeName.concordance)
            return 1
        }
        for name in ["write", "format"] {
            cls.method(name) { h, call in try TableBinding.forward(try table(h), name, call) }
        }
        cls.method("count_by") { h, call in
            let field = try call.string(2)
            try Arguments.field(call, field, in: h.corpus)
            var counts: [String: Int] = [:]
            for hit in h.hits {
                let d = h.corpus.documents[hit.document]
                let value = field == "doc" || field == "id" ? d.id : (d.meta.string(field) ?? "(none)")
                counts[value, default: 0] += 1
            }
            let rows = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            TableBinding.push(call, Table(columns: [(field, rows.map { .string($0.key) }),
                                                    (field == "n" ? "count" : "n", rows.map { .int($0.value) })]))
            return 1
        }
        cls.method("table") { h, call in
            TableBinding.push(call, try table(h))
            return 1
        }
        cls.method("plot") { h, call in
            // a dispersion plot: t:plot{kind = "dispersion"} on (doc, start, tokens), so the file
            // is written by the Table's method, with the session's output folder and rules
            let a = try Options(call, 2, MethodOptions.hitsPlot)
            var pairs = a.given
            pairs.append(("kind", .string("dispersion")))
            if a["title"] == nil { pairs.append(("title", .string("Dispersion of \"\(h.query)\"")) ) }
            call.push(.record(pairs))
            return try TableBinding.forward(try dispersionTable(h), "plot", call, from: call.argumentCount)
        }
        return cls
    }

    /// One row per hit: the document's id, the hit's first token (1-based) and the document's length.
    /// Polls the limits: a word in every sentence of a large document has hundreds of thousands of hits.
    static func dispersionTable(_ h: HitsHandle) throws -> Table {
        var doc: [TableValue] = [], start: [TableValue] = [], tokens: [TableValue] = []
        for (k, hit) in h.hits.sorted(by: { ($0.document, $0.start) < ($1.document, $1.start) }).enumerated() {
            if k & 0xFFF == 0xFFF { try Interruption.check() }
            let d = h.corpus.documents[hit.document]
            doc.append(.string(d.id))
            start.append(.int(hit.start + 1))
            tokens.append(.int(d.tokenCount))
        }
        return Table(columns: [("doc", doc), ("start", start), ("tokens", tokens)])
    }

    /// The hits as a Table with columns doc, start, stop, text, sentence (as `record`).
    static func table(_ h: HitsHandle) throws -> Table {
        var doc: [TableValue] = [], start: [TableValue] = [], stop: [TableValue] = []
        var text: [TableValue] = [], sentence: [TableValue] = []
        // Hits in one sentence share its text (one string, not a copy per hit: a
        // document without full stops is one sentence, and 500,000 copies of 10 MB
        // filled the machine); the text made so far counts against --memory.
        var last: (document: Int, start: Int, end: Int, text: String)?
        var bytes = 0
        for (k, hit) in h.hits.enumerated() {
            if k & 0xFFF == 0xFFF {
                try Interruption.check()
                try MemoryBudget.reserve(bytes &+ MemoryBudget.bytes(k, each: 5 * MemoryLayout<TableValue>.stride))
            }
            doc.append(.string(h.corpus.documents[hit.document].id))
            start.append(.int(hit.start + 1))
            stop.append(.int(hit.end))
            let t = h.corpus.text(of: hit)
            bytes &+= t.utf8.count
            text.append(.string(t))
            if let s = h.corpus.sentence(of: hit) {
                if let l = last, l.document == hit.document, l.start == s.byteStart, l.end == s.byteEnd {
                    sentence.append(.string(l.text))
                } else {
                    let t = h.corpus.documents[hit.document].slice(s.byteStart, s.byteEnd)
                    bytes &+= t.utf8.count
                    last = (hit.document, s.byteStart, s.byteEnd, t)
                    sentence.append(.string(t))
                }
            } else {
                sentence.append(.string(""))
            }
        }
        return Table(columns: [("doc", doc), ("start", start), ("stop", stop), ("text", text), ("sentence", sentence)])
    }

    static func sentenceText(_ h: HitsHandle, _ hit: Hit) -> String {
        h.corpus.sentence(of: hit).map { h.corpus.documents[hit.document].slice($0.byteStart, $0.byteEnd) } ?? ""
    }

    /// A hit as a table: token positions are 1-based and inclusive, like string.sub; line and
    /// paragraph (1-based) are those of its first token.
    static func record(_ h: HitsHandle, _ hit: Hit) -> LuaValue {
        let sentence = sentenceText(h, hit)
        let (line, paragraph) = h.place(of: hit)
        return .record([("doc", .string(h.corpus.documents[hit.document].id)), ("start", .int(hit.start + 1)),
                        ("stop", .int(hit.end)), ("text", .string(h.corpus.text(of: hit))), ("sentence", .string(sentence)),
                        ("line", .int(line)), ("paragraph", .int(paragraph))])
    }
}
