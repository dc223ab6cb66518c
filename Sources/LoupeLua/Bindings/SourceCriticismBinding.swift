import LoupeCore
import LuaRuntime

/// Source criticism from Lua: corpus:provenance(), corpus:turns{…}, corpus:speakers{…},
/// corpus:quotes{…}, corpus:numbers{…}, and the same on one document (doc:turns() …).
/// Every method returns a Table (docs/api.md, docs/source-criticism.md).
enum SourceCriticismBinding {
    /// Each analysis on the documents given (nil: all of the corpus).
    private typealias Analysis = (_ corpus: Corpus, _ documents: [Int]?, _ call: LuaStack) throws -> Table

    private static var analyses: [(name: String, run: Analysis)] { [
        ("provenance", { c, d, call in _ = try options(call, allowed: []); return try c.provenance(documents: d) }),
        ("turns", { c, d, call in try c.turns(documents: d, options: try turnOptions(call)) }),
        ("speakers", { c, d, call in try c.speakers(documents: d, options: try turnOptions(call)) }),
        ("quotes", { c, d, call in try c.quotes(documents: d, options: try quoteOptions(call)) }),
        ("numbers", { c, d, call in try c.numbers(documents: d, options: try numberOptions(call)) }),
    ] }

    static func addMethods(to cls: inout LuaClass<Corpus>) {
        for a in analyses {
            cls.method(a.name) { corpus, call in
                push(call, try a.run(corpus, nil, call))
                return 1
            }
        }
    }

    /// The same on one document: doc:turns() …
    static func addDocumentMethods(to cls: inout LuaClass<DocumentHandle>) {
        for a in analyses {
            cls.method(a.name) { h, call in
                push(call, try a.run(h.corpus, [h.index], call))
                return 1
            }
        }
    }

    static func push(_ call: LuaStack, _ table: Table) {
        call.pushObject(TableHandle(table), typeName: TypeName.table)
    }

    // MARK: options

    /// The options table at argument 2 (absent, `{}` or `{key = value, …}` with known keys only).
    static func options(_ call: LuaStack, allowed: [String]) throws -> [(String, LuaValue)] {
        let pairs: [(String, LuaValue)]
        switch try call.optionalTable(2) {
        case nil, .array([])?: pairs = []
        case .record(let p)?: pairs = p
        default:
            throw ScriptError(allowed.isEmpty ? "\(call.name) takes no options"
                              : "\(call.name): options must be a table such as {\(allowed[0]) = true}")
        }
        try OptionsTable.checkKeys(call.name, pairs.map(\.0), allowed: allowed)
        return pairs
    }

    static func bool(_ call: LuaStack, _ pairs: [(String, LuaValue)], _ key: String) throws -> Bool? {
        switch pairs.first(where: { $0.0 == key })?.1 {
        case nil: return nil
        case .bool(let b)?: return b
        case let v?: throw ScriptError("\(call.name): \(key) must be true or false, got \(Arguments.describe(v))")
        }
    }

    /// {unlabeled = true|false}
    static func turnOptions(_ call: LuaStack) throws -> TurnOptions {
        let o = try options(call, allowed: ["unlabeled"])
        return TurnOptions(unlabeled: try bool(call, o, "unlabeled"))
    }

    /// {unclosed = true}
    static func quoteOptions(_ call: LuaStack) throws -> QuoteOptions {
        let o = try options(call, allowed: ["unclosed"])
        return QuoteOptions(unclosed: try bool(call, o, "unclosed") ?? false)
    }

    /// {words = false}
    static func numberOptions(_ call: LuaStack) throws -> NumberOptions {
        let o = try options(call, allowed: ["words"])
        return NumberOptions(words: try bool(call, o, "words") ?? true)
    }
}
