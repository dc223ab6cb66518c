import LoupeCore
import LuaRuntime

/// Shared argument readers for the bindings.
enum Arguments {
    /// A query in the query language (docs/queries.md), parsed; errors show the column.
    static func query(_ call: LuaStack, _ i: Int32) throws -> (text: String, node: QueryNode) {
        let text = try call.string(i)
        do { return (text, try QueryParser.parse(text)) } catch let e as QueryError {
            throw ScriptError("\(call.name): \(e.description)")
        }
    }

    /// {width =, left =, right =, unit = "chars"|"tokens", sort = {"1R", "2R", …}} for KWIC.
    /// Widths are 1…500 (characters) or 0…50 (tokens); default 40 characters or 5 tokens.
    static func kwicOptions(_ call: LuaStack, _ i: Int32) throws -> KWICOptions {
        guard let t = try call.optionalTable(i) else { return KWICOptions() }
        if case .record(let pairs) = t { try OptionsTable.checkKeys(call.name, pairs.map(\.0), allowed: ["width", "left", "right", "unit", "sort"]) }
        else if case .array(let items) = t, !items.isEmpty {
            throw ScriptError("\(call.name): options must be a table such as {width = 40, unit = \"chars\", sort = {\"1R\"}}")
        }
        var o = KWICOptions()
        if let u = t["unit"] {
            guard case .string(let s) = u, let unit = KWICOptions.Unit(rawValue: s == "characters" ? "chars" : s) else {
                throw ScriptError("\(call.name): unit must be \"chars\" or \"tokens\", got \(describe(u))")
            }
            o.unit = unit
        }
        let (range, fallback) = o.unit == .tokens ? (0...50, 5) : (1...500, 40)
        func width(_ key: String, _ otherwise: Int) throws -> Int {
            guard let w = t[key] else { return otherwise }
            guard case .int(let n) = w, range.contains(n) else {
                throw ScriptError("\(call.name): \(key) must be a whole number from \(range.lowerBound) to \(range.upperBound), got \(describe(w))")
            }
            return n
        }
        let both = try width("width", fallback)
        o.left = try width("left", both)
        o.right = try width("right", both)
        if let s = t["sort"] {
            let keys: [LuaValue]
            switch s {
            case .array(let items): keys = items
            case .string: keys = [s]
            default: throw ScriptError("\(call.name): sort must be a list such as {\"1R\", \"2R\"}")
            }
            o.sort = try keys.map { k in
                guard case .string(let text) = k, let key = KWICOptions.SortKey(text) else {
                    throw ScriptError("\(call.name): sort keys are \"1L\"…\"50L\", \"1R\"…\"50R\", \"node\" or \"doc\", got \(describe(k))")
                }
                return key
            }
        }
        return o
    }

    /// A metadata field a method selects or groups by: one at least one document has (or id,
    /// title, doc). A misspelt field would select nothing, or put every hit under "(none)",
    /// without a word; it is an error naming the nearest field and the fields there are.
    static func field(_ call: LuaStack, _ field: String, in corpus: Corpus) throws {
        let builtIn = ["id", "title", "doc"]
        guard !builtIn.contains(field), !corpus.documents.isEmpty else { return }
        let fields = corpus.fieldNames
        guard !fields.contains(field) else { return }
        let known = fields + ["id", "title"]
        let hint = OptionsTable.nearest(field, in: known).map { "; did you mean \($0)?" } ?? ""
        throw ScriptError("\(call.name): no document has a field '\(field)'\(hint) (fields: \(known.joined(separator: ", ")))")
    }

    static func describe(_ v: LuaValue) -> String {
        switch v {
        case .string(let s): return "\"\(s)\""
        case .int(let i): return String(i)
        case .number(let d): return String(d)
        default: return v.typeName
        }
    }
}
