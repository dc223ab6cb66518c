import LoupeCore
import LuaRuntime

/// A document: doc.id, .title, .text, .meta, .source, #doc (tokens),
/// doc:sentences(), doc:paragraphs(), doc:tokens().
enum DocumentBinding {
    static func luaClass(show: ShowBinding.Context) -> LuaClass<DocumentHandle> {
        var cls = LuaClass<DocumentHandle>(TypeName.document, variable: "doc") { h in
            let d = h.document
            let outlet = d.meta.string("outlet").map { " (\($0))" } ?? ""
            return "Document \(d.id): \"\(d.title)\"\(outlet), \(LoadReport.grouped(d.tokenCount)) tokens"
        }
        cls.equals = { $0.corpus === $1.corpus && $0.index == $1.index }
        cls.length = { $0.document.tokenCount }
        cls.fields = ["id", "meta", "source", "text", "title"]
        cls.index = { h, call in
            guard let key = call.stringKey(2) else { return 0 }
            let d = h.document
            switch key {
            case "id": call.pushString(d.id)
            case "title": call.pushString(d.title)
            case "text": call.pushString(d.text)
            case "source": call.pushString(d.source.description)
            case "meta": call.push(metaRecord(d.meta))
            default: return 0
            }
            return 1
        }
        cls.method("show") { h, call in try ShowBinding.showDocument(h.corpus, h.index, call, show) }
        cls.method("sentences") { h, call in
            call.push(spans(h.document, h.document.sentences, withOffsets: try wantsOffsets(call)))
            return 1
        }
        cls.method("paragraphs") { h, call in
            call.push(spans(h.document, h.document.paragraphs, withOffsets: try wantsOffsets(call)))
            return 1
        }
        cls.method("tokens") { h, call in
            // Pushed one token at a time (not built whole in Swift first), polling the
            // limits: 5 M tokens with offsets are over 1 GB of Lua tables.
            let d = h.document
            let offsets = try wantsOffsets(call)
            // Spans a block at a time (resumed from the span checkpoints), not all at once.
            let block = 1 << 14
            var spans: [TokenSpan] = [], first = 0
            try call.pushSequence(count: d.tokenCount) { k in
                if k - first >= spans.count {
                    first = k
                    spans = h.corpus.tokenSpans(document: h.index, tokens: k..<(k + block))
                }
                guard k - first < spans.count else { return call.pushString("") }
                let span = spans[k - first]
                let surface = d.slice(Int(span.start), Int(span.end))
                guard offsets else { return call.pushString(surface) }
                call.pushRecord(capacity: 4) { field in
                    field("text") { call.pushString(surface) }
                    field("form") { call.pushString(h.corpus.vocabulary.form(of: h.corpus.tokens[d.tokenBase + k])) }
                    field("start") { call.pushInteger(Int(span.start) + 1) }
                    field("stop") { call.pushInteger(Int(span.end)) }
                }
            }
            return 1
        }
        SourceCriticismBinding.addDocumentMethods(to: &cls)
        return cls
    }

    static func metaRecord(_ meta: Metadata) -> LuaValue {
        .record(meta.map { (key: $0.key, value: luaValue($0.value)) })
    }

    static func luaValue(_ v: MetaValue) -> LuaValue {
        switch v {
        case .string(let s): return .string(s)
        case .int(let i): return .int(i)
        case .double(let d): return .number(d)
        case .bool(let b): return .bool(b)
        }
    }

    /// {offsets = true}: tables with text and 1-based inclusive byte offsets instead of strings.
    static func wantsOffsets(_ call: LuaStack) throws -> Bool {
        try Options(call, 2, MethodOptions.offsets).bool("offsets") ?? false
    }

    static func spans(_ d: Document, _ spans: [TextSpan], withOffsets: Bool) -> LuaValue {
        .array(spans.map { s in
            let text = d.slice(s.byteStart, s.byteEnd)
            guard withOffsets else { return .string(text) }
            return .record([("text", .string(text)), ("start", .int(s.byteStart + 1)), ("stop", .int(s.byteEnd)),
                            ("first_token", .int(s.tokenStart + 1)), ("last_token", .int(s.tokenEnd))])
        })
    }
}
