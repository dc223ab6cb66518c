import LoupeCore
import LuaRuntime

/// Source criticism from Lua: corpus:provenance(), corpus:turns{…}, corpus:speakers{…},
/// corpus:quotes{…}, corpus:numbers{…}, and the same on one document (doc:turns() …).
/// Every method returns a Table (docs/api.md, docs/source-criticism.md).
enum SourceCriticismBinding {
    /// Each analysis on the documents given (nil: all of the corpus).
    private typealias Analysis = (_ corpus: Corpus, _ documents: [Int]?, _ call: LuaStack) throws -> Table

    private static var analyses: [(name: String, run: Analysis)] { [
        ("provenance", { c, d, call in _ = try Options(call, 2, .none); return try c.provenance(documents: d) }),
        ("turns", { c, d, call in try c.turns(documents: d, options: try turnOptions(call)) }),
        ("speakers", { c, d, call in try c.speakers(documents: d, options: try turnOptions(call)) }),
        ("quotes", { c, d, call in try c.quotes(documents: d, options: try quoteOptions(call)) }),
        ("numbers", { c, d, call in try c.numbers(documents: d, options: try numberOptions(call)) }),
    ] }

    static func addMethods(to cls: inout LuaClass<Corpus>) {
        for a in analyses {
            cls.method(a.name) { corpus, call in
                TableBinding.push(call, try a.run(corpus, nil, call))
                return 1
            }
        }
    }

    /// The same on one document: doc:turns() …
    static func addDocumentMethods(to cls: inout LuaClass<DocumentHandle>) {
        for a in analyses {
            cls.method(a.name) { h, call in
                TableBinding.push(call, try a.run(h.corpus, [h.index], call))
                return 1
            }
        }
    }

    // MARK: options (MethodOptions)

    static func turnOptions(_ call: LuaStack) throws -> TurnOptions {
        TurnOptions(unlabeled: try Options(call, 2, MethodOptions.turns).bool("unlabeled"))
    }

    static func quoteOptions(_ call: LuaStack) throws -> QuoteOptions {
        QuoteOptions(unclosed: try Options(call, 2, MethodOptions.quotes).bool("unclosed") ?? false)
    }

    static func numberOptions(_ call: LuaStack) throws -> NumberOptions {
        NumberOptions(words: try Options(call, 2, MethodOptions.numbers).bool("words") ?? true)
    }
}
