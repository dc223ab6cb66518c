import LoupeCore
import LuaRuntime

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
