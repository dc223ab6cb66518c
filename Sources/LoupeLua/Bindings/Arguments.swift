import LoupeCore
import LuaRuntime

/// Shared argument readers for the bindings.
enum Arguments {
    /// A query in the query language (docs/queries.md), parsed; errors show the column.
    /// A Query from loupe.query was parsed when it was made.
    static func query(_ call: LuaStack, _ i: Int32) throws -> (text: String, node: QueryNode) {
        if let q = call.object(i, QueryHandle.self, typeName: TypeName.query) { return (q.text, q.node) }
        guard let text = call.optionalString(i) else { throw call.argumentError(i, "query string or Query") }
        do { return (text, try QueryParser.parse(text)) } catch let e as QueryError {
            throw ScriptError("\(call.name): \(e.description)")
        }
    }

    /// KWIC's options (MethodOptions.kwic). Widths are 1…500 characters or 0…50 tokens.
    static func kwicOptions(_ call: LuaStack, _ i: Int32) throws -> KWICOptions {
        let o = try Options(call, i, MethodOptions.kwic)
        var k = KWICOptions()
        k.unit = o.string("unit") == "tokens" ? .tokens : .characters
        let (range, fallback) = k.unit == .tokens ? (0...50, 5) : (1...500, 40)
        func width(_ key: String, _ otherwise: Int) throws -> Int {
            guard let n = o.int(key) else { return otherwise }
            guard range.contains(n) else {
                throw ScriptError("\(call.name): \(key) must be a whole number from \(range.lowerBound) to \(range.upperBound), got \(n)")
            }
            return n
        }
        let both = try width("width", fallback)
        k.left = try width("left", both)
        k.right = try width("right", both)
        if let keys = o.strings("sort") {
            k.sort = try keys.map { text in
                guard let key = KWICOptions.SortKey(text) else {
                    throw ScriptError("\(call.name): sort keys are \"1L\"…\"50L\", \"1R\"…\"50R\", \"node\" or \"doc\", got \"\(text)\"")
                }
                return key
            }
        }
        return k
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
        let hint = Spelling.nearest(field, in: known).map { "; did you mean \($0)?" } ?? ""
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
