import LoupeCore

/// Source criticism from Lua: corpus:provenance(), corpus:turns{…}, corpus:speakers{…},
/// corpus:quotes{…}, corpus:numbers{…}, and the same on one document (doc:turns() …).
/// Every method returns a Table (docs/api.md, docs/source-criticism.md).
enum SourceCriticismBinding {
    static func addMethods(to cls: inout LuaClass<Corpus>) {
        cls.method("provenance") { corpus, call in
            _ = try options(call, allowed: [])
            push(call, try corpus.provenance())
            return 1
        }
        cls.method("turns") { corpus, call in
            push(call, try corpus.turns(options: try turnOptions(call)))
            return 1
        }
        cls.method("speakers") { corpus, call in
            push(call, try corpus.speakers(options: try turnOptions(call)))
            return 1
        }
        cls.method("quotes") { corpus, call in
            push(call, try corpus.quotes(options: try quoteOptions(call)))
            return 1
        }
        cls.method("numbers") { corpus, call in
            push(call, try corpus.numbers(options: try numberOptions(call)))
            return 1
        }
    }

    static func addDocumentMethods(to cls: inout LuaClass<DocumentHandle>) {
        cls.method("provenance") { h, call in
            _ = try options(call, allowed: [])
            push(call, try h.corpus.provenance(documents: [h.index]))
            return 1
        }
        cls.method("turns") { h, call in
            push(call, try h.corpus.turns(documents: [h.index], options: try turnOptions(call)))
            return 1
        }
        cls.method("speakers") { h, call in
            push(call, try h.corpus.speakers(documents: [h.index], options: try turnOptions(call)))
            return 1
        }
        cls.method("quotes") { h, call in
            push(call, try h.corpus.quotes(documents: [h.index], options: try quoteOptions(call)))
            return 1
        }
        cls.method("numbers") { h, call in
            push(call, try h.corpus.numbers(documents: [h.index], options: try numberOptions(call)))
            return 1
        }
    }

    static func push(_ call: LuaCall, _ table: Table) {
        call.pushObject(TableHandle(table), typeName: TypeName.table)
    }

    // MARK: options

    /// The options table at argument 2 (absent, `{}` or `{key = value, …}` with known keys only).
    static func options(_ call: LuaCall, allowed: [String]) throws -> [(String, LuaValue)] {
        let pairs: [(String, LuaValue)]
        switch try call.optionalTable(2) {
        case nil, .array([])?: pairs = []
        case .record(let p)?: pairs = p
        default:
            throw ScriptError(allowed.isEmpty ? "\(call.name) takes no options"
                              : "\(call.name): options must be a table such as {\(allowed[0]) = true}")
        }
        for (k, _) in pairs where !allowed.contains(k) {
            throw ScriptError(allowed.isEmpty ? "\(call.name) takes no options (got '\(k)')"
                              : "\(call.name): unknown option '\(k)' (options: \(allowed.joined(separator: ", ")))")
        }
        return pairs
    }

    static func bool(_ call: LuaCall, _ pairs: [(String, LuaValue)], _ key: String) throws -> Bool? {
        switch pairs.first(where: { $0.0 == key })?.1 {
        case nil: return nil
        case .bool(let b)?: return b
        case let v?: throw ScriptError("\(call.name): \(key) must be true or false, got \(Arguments.describe(v))")
        }
    }

    /// {unlabeled = true|false}
    static func turnOptions(_ call: LuaCall) throws -> TurnOptions {
        let o = try options(call, allowed: ["unlabeled"])
        return TurnOptions(unlabeled: try bool(call, o, "unlabeled"))
    }

    /// {unclosed = true}
    static func quoteOptions(_ call: LuaCall) throws -> QuoteOptions {
        let o = try options(call, allowed: ["unclosed"])
        return QuoteOptions(unclosed: try bool(call, o, "unclosed") ?? false)
    }

    /// {words = false}
    static func numberOptions(_ call: LuaCall) throws -> NumberOptions {
        let o = try options(call, allowed: ["words"])
        return NumberOptions(words: try bool(call, o, "words") ?? true)
    }
}
