import Foundation
import LoupeCore
import LuaRuntime

/// Sub-corpora from Lua: corpus:filter{field = value} / corpus:filter(function(doc) … end),
/// and corpus:group(field), whose analyses give one table with a row per group.
enum SubcorpusBinding {
    static func addMethods(to cls: inout LuaClass<Corpus>) {
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
                let filter = try metadataFilter(call, 2)
                for c in filter.conditions { try Arguments.field(call, c.field, in: corpus) }
                sub = try corpus.filter(selection: filter.description) { filter.matches($0) }
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

/// corpus:group(field): sub-corpora by a field's value.
final class GroupsHandle {
    let field: String
    let groups: [(value: String, corpus: Corpus)]
    init(field: String, groups: [(value: String, corpus: Corpus)]) { self.field = field; self.groups = groups }
}

/// #g, g[i] (a sub-corpus), g:each() → value, corpus; g:values(); and every corpus
/// method: g:count("nato") or g:freq{} calls it on each group and stacks the results
/// into one table whose first column is the group's value.
enum GroupsBinding {
    static func luaClass(isCorpusMethod: @escaping (String) -> Bool) -> LuaClass<GroupsHandle> {
        var cls = LuaClass<GroupsHandle>(TypeName.groups, variable: "groups") { g in
            var s = "Groups by \(g.field): \(g.groups.count) group\(g.groups.count == 1 ? "" : "s")"
            for (value, c) in g.groups.prefix(20) {
                s += "\n  \(value): \(LoadReport.grouped(c.documents.count)) document\(c.documents.count == 1 ? "" : "s"), \(LoadReport.grouped(c.tokenCount)) tokens"
            }
            if g.groups.count > 20 { s += "\n  … \(g.groups.count - 20) more" }
            return s
        }
        cls.length = { $0.groups.count }
        cls.index = { g, call in
            if let i = call.integerKey(2) {
                guard i >= 1, i <= g.groups.count else { return 0 }
                call.pushObject(g.groups[i - 1].corpus, typeName: TypeName.corpus)
                return 1
            }
            guard let name = call.stringKey(2), isCorpusMethod(name) else { return 0 }
            call.pushFunction("groups:\(name)") { inner in
                guard let g = inner.object(1, GroupsHandle.self, typeName: TypeName.groups) else {
                    throw ScriptError("groups:\(name) needs the groups: call it with a colon, groups:\(name)(...)")
                }
                return try stack(g, name, inner)
            }
            return 1
        }
        cls.method("each") { g, call in
            var next = 0
            call.pushFunction("groups iterator") { inner in
                guard next < g.groups.count else { return 0 }
                inner.push(.string(g.groups[next].value))
                inner.pushObject(g.groups[next].corpus, typeName: TypeName.corpus)
                next += 1
                return 2
            }
            return 1
        }
        cls.method("values") { g, call in
            call.push(.array(g.groups.map { .string($0.value) }))
            return 1
        }
        return cls
    }

    /// Calls corpus:NAME(…) on each group; tables are stacked, numbers and text
    /// become one row per group (with the group's size; a count also gets its rate).
    static func stack(_ g: GroupsHandle, _ name: String, _ call: LuaStack) throws -> Int32 {
        var parts: [(group: String, table: Table)] = []
        for (value, corpus) in g.groups {
            try Interruption.check()
            let result = try call.callMethod(on: corpus, typeName: TypeName.corpus, name, forwardingFrom: 2)
            let part: Table
            switch result {
            case .object(let o, _):
                if let t = o as? TableHandle { part = t.table }
                else if let h = o as? HitsHandle { part = scalarRow(corpus, "hits", .int(h.hits.count), rate: true) }
                else { throw ScriptError("groups:\(name): corpus:\(name) gives a \(type(of: o)) per group; use `for value, sub in groups:each() do … end`") }
            case .value(let v):
                switch v {
                // a count is `n`, as in count_by, lookup and freq, so :sort("n") works on all of them
                case .int(let i): part = scalarRow(corpus, name == "count" ? "n" : name, .int(i), rate: name == "count")
                case .number(let d): part = scalarRow(corpus, name, .double(d), rate: false)
                case .string(let s): part = scalarRow(corpus, name, .string(s), rate: false)
                case .bool(let b): part = scalarRow(corpus, name, .bool(b), rate: false)
                default: throw ScriptError("groups:\(name): corpus:\(name) gives a \(v.typeName) per group; use `for value, sub in groups:each() do … end`")
                }
            }
            parts.append((value, part))
        }
        call.pushObject(TableHandle(Table.stacking(parts, groupColumn: g.field)), typeName: TypeName.table)
        return 1
    }

    static func scalarRow(_ c: Corpus, _ name: String, _ v: TableValue, rate: Bool) -> Table {
        var columns: [(String, [TableValue])] = [(name, [v]), ("documents", [.int(c.documents.count)]), ("tokens", [.int(c.tokenCount)])]
        if rate, case .int(let n) = v {
            columns.append(("per_10k", [c.tokenCount == 0 ? .null : .double(Double(n) * 10_000 / Double(c.tokenCount))]))
        }
        return Table(columns: columns)
    }
}
