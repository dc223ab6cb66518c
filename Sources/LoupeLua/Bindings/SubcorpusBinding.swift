import Foundation
import LoupeCore
import LuaRuntime

/// Sub-corpora from Lua: corpus:where{field = value} (by metadata), corpus:filter(function(doc)
/// … end) (by a function), and corpus:group(field), whose analyses give one table with a row
/// per group. The verbs mean the same on a Table (docs/design.md §8): where keeps by values,
/// filter by a function; filter{…} with a table is the older spelling of where, kept.
enum SubcorpusBinding {
    static func addMethods(to cls: inout LuaClass<Corpus>) {
        cls.method("where") { corpus, call in
            guard !call.isFunction(2) else {
                throw ScriptError("where: keeps documents by their metadata, as in corpus:where{outlet = \"RT\"}; to keep them by a function, use corpus:filter(function(doc) … end)")
            }
            call.pushObject(try byMetadata(corpus, call), typeName: TypeName.corpus)
            return 1
        }
        cls.method("filter") { corpus, call in
            let sub: Corpus
            if call.isFunction(2) {
                sub = try corpus.filter(selection: "filtered by a function") { d in
                    guard let i = corpus.documentIndex(id: d.id) else { return false }
                    let keep = try call.callBack(2, object: DocumentHandle(corpus: corpus, index: i), typeName: TypeName.document)
                    if case .nil = keep { return false }
                    if case .bool(false) = keep { return false }
                    return true
                }
            } else {
                sub = try byMetadata(corpus, call)
            }
            call.pushObject(sub, typeName: TypeName.corpus)
            return 1
        }
        cls.method("group") { corpus, call in
            let field = try call.string(2)
            try Arguments.field(call, field, in: corpus)
            call.pushObject(GroupsHandle(field: field, groups: try corpus.group(by: field)), typeName: TypeName.groups)
            return 1
        }
    }

    /// The documents whose metadata match the conditions at argument 2.
    static func byMetadata(_ corpus: Corpus, _ call: LuaStack) throws -> Corpus {
        let filter = try metadataFilter(call, 2)
        for c in filter.conditions { try Arguments.field(call, c.field, in: corpus) }
        return try corpus.filter(selection: filter.description) { filter.matches($0) }
    }

    /// {field = "value"}, {field = {"a", "b"}} (any of), {date = {"2022-01-01", "2022-12-31"}}
    /// (a range when both ends look like dates), {field = {from = x, to = y}} (a range of anything).
    static func metadataFilter(_ call: LuaStack, _ i: Int32) throws -> MetadataFilter {
        let pairs: [(String, LuaValue)]
        switch try call.table(i) {
        case .record(let r): pairs = r
        case .array(let a) where a.isEmpty: pairs = []          // {} keeps every document
        case .array: throw ScriptError("\(call.name): conditions are field = value pairs, such as {outlet = \"TASS\"}")
        default: throw ScriptError("\(call.name): give a table such as {outlet = \"TASS\"} or a function(doc) that returns true to keep a document")
        }
        var conditions: [(field: String, condition: MetadataFilter.Condition)] = []
        for (field, v) in pairs {
            guard Int(field) == nil else {
                throw ScriptError("\(call.name): conditions are field = value pairs, such as {outlet = \"TASS\"}")
            }
            switch v {
            case .string, .int, .number, .bool:
                conditions.append((field, .anyOf([text(v)])))
            case .array(let items) where items.count == 2 && items.allSatisfy(isDateLike):
                conditions.append((field, .range(from: text(items[0]), to: text(items[1]))))
            case .array(let items) where !items.isEmpty && items.allSatisfy(isScalar):
                conditions.append((field, .anyOf(items.map(text))))
            case .record(let r) where !r.isEmpty && r.allSatisfy({ ($0.0 == "from" || $0.0 == "to") && isScalar($0.1) }):
                let from = r.first { $0.0 == "from" }.map { text($0.1) }, to = r.first { $0.0 == "to" }.map { text($0.1) }
                conditions.append((field, .range(from: from, to: to)))
            default:
                throw ScriptError("\(call.name): \(field) must be a value, a list of values, two dates {\"2022-01-01\", \"2022-12-31\"} or {from = …, to = …}, got \(Arguments.describe(v))")
            }
        }
        return MetadataFilter(conditions)
    }

    static func isScalar(_ v: LuaValue) -> Bool {
        switch v { case .string, .int, .number, .bool: return true; default: return false }
    }

    /// 2022, 2022-03, 2022-03-01 (and anything longer starting with a full date).
    static func isDateLike(_ v: LuaValue) -> Bool {
        guard case .string(let s) = v else { return false }
        return s.range(of: #"^\d{4}(-\d{2}(-\d{2}.*)?)?$"#, options: .regularExpression) != nil
    }

    static func text(_ v: LuaValue) -> String {
        switch v {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .number(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        case .bool(let b): return b ? "true" : "false"
        default: return ""
        }
    }
}
