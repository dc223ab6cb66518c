import LoupeCore
import LuaRuntime

/// `corpus`: #corpus, corpus[i], corpus["id"], corpus:docs(), :count, :search, :kwic, :info.
enum CorpusBinding {
    /// The built-in corpus methods' names (a plugin may not take one).
    static let methodNames: Set<String> = Set(luaClass(readPolicy: nil, plugin: { _ in nil }).methodNames)

    /// `plugin(name)` gives the registry reference of a plugin's run function.
    /// `readPolicy` is what a sandboxed script may read (nil with --unsafe).
    /// `lexicon(name)` gives a lexicon a plugin registered, for corpus:lookup("name").
    static func luaClass(readPolicy: PathPolicy?, plugin: @escaping (String) -> Int32?,
                         lexicon: @escaping LexiconBinding.Registered = { _ in (nil, []) }) -> LuaClass<Corpus> {
        var cls = LuaClass<Corpus>(TypeName.corpus, variable: "corpus") { c in
            let path = c.root.isEmpty ? "" : " from \(c.root)"
            let selection = c.selection.map { " (\($0))" } ?? ""
            return "Corpus: \(LoadReport.grouped(c.documents.count)) documents, \(LoadReport.grouped(c.tokenCount)) tokens\(path)\(selection)"
        }
        cls.length = { $0.documents.count }
        cls.index = { corpus, call in
            if let i = call.integerKey(2) {
                guard i >= 1, i <= corpus.documents.count else { return 0 }
                call.pushObject(DocumentHandle(corpus: corpus, index: i - 1), typeName: TypeName.document)
                return 1
            }
            if let id = call.stringKey(2), let i = corpus.documentIndex(id: id) {
                call.pushObject(DocumentHandle(corpus: corpus, index: i), typeName: TypeName.document)
                return 1
            }
            if let name = call.stringKey(2), let run = plugin(name) {   // corpus:NAME(args) → run(corpus, args)
                call.pushRef(run)
                return 1
            }
            return 0
        }
        cls.method("doc") { corpus, call in
            let id = try call.string(2)
            guard let i = corpus.documentIndex(id: id) else { call.push(.nil); return 1 }
            call.pushObject(DocumentHandle(corpus: corpus, index: i), typeName: TypeName.document)
            return 1
        }
        cls.method("docs") { corpus, call in
            var next = 0
            call.pushFunction("docs iterator") { inner in
                guard next < corpus.documents.count else { return 0 }
                inner.pushObject(DocumentHandle(corpus: corpus, index: next), typeName: TypeName.document)
                next += 1
                return 1
            }
            return 1
        }
        cls.method("count") { corpus, call in
            call.push(.int(try corpus.evaluate(try Arguments.query(call, 2).node).hits.count))
            return 1
        }
        cls.method("search") { corpus, call in
            let q = try Arguments.query(call, 2)
            call.pushObject(HitsHandle(corpus: corpus, hits: try corpus.evaluate(q.node).hits, query: q.text), typeName: TypeName.hits)
            return 1
        }
        cls.method("kwic") { corpus, call in
            let q = try Arguments.query(call, 2)
            let o = try Arguments.kwicOptions(call, 3)
            call.pushObject(ConcordanceHandle(lines: try KWIC.lines(corpus, hits: try corpus.evaluate(q.node).hits, options: o),
                                              width: o.unit == .characters ? o.left : nil), typeName: TypeName.concordance)
            return 1
        }
        cls.method("info") { corpus, call in
            call.push(.record([
                ("documents", .int(corpus.documents.count)),
                ("tokens", .int(corpus.tokenCount)),
                ("types", .int(corpus.typeCount)),
                ("fields", .array(corpus.fieldNames.map { .string($0) })),
                ("path", .string(corpus.root)),
                ("selection", corpus.selection.map { .string($0) } ?? .nil),
            ]))
            return 1
        }
        SubcorpusBinding.addMethods(to: &cls)
        AnalysisBinding.addAnalyses(to: &cls, readPolicy: readPolicy)
        VariantsBinding.addMethods(to: &cls)
        LexiconBinding.addMethods(to: &cls, registered: lexicon)
        TextReuseBinding.addMethods(to: &cls)
        BoilerplateBinding.addMethods(to: &cls)
        SourceCriticismBinding.addMethods(to: &cls)
        return cls
    }
}
