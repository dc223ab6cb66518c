import LoupeCore
import LuaRuntime

/// Concordance lines: #k, k[i] (doc, left, match, right), print(k) shows them aligned.
enum ConcordanceBinding {
    static func luaClass() -> LuaClass<ConcordanceHandle> {
        var cls = LuaClass<ConcordanceHandle>(TypeName.concordance, variable: "kwic") { k in
            k.lines.isEmpty ? "(no matches)" : KWIC.format(k.lines, width: k.width)
        }
        cls.length = { $0.lines.count }
        cls.index = { k, call in
            guard let i = call.integerKey(2), i >= 1, i <= k.lines.count else { return 0 }
            let l = k.lines[i - 1]
            call.push(.record([("doc", .string(l.documentID)), ("left", .string(l.left)),
                               ("match", .string(l.match)), ("right", .string(l.right)),
                               ("start", .int(l.hit.start + 1)), ("stop", .int(l.hit.end))]))
            return 1
        }
        // Rows a user sees can be kept: k:table() and, through it, k:write(path) and k:format(name).
        cls.method("table") { k, call in
            call.pushObject(TableHandle(try table(k)), typeName: TypeName.table)
            return 1
        }
        for name in ["write", "format"] {
            cls.method(name) { k, call in try TableBinding.forward(try table(k), name, call) }
        }
        return cls
    }

    /// The lines as a Table: doc, start, stop (1-based token positions, as in hits), left, match, right.
    static func table(_ k: ConcordanceHandle) throws -> Table {
        var doc: [TableValue] = [], start: [TableValue] = [], stop: [TableValue] = []
        var left: [TableValue] = [], match: [TableValue] = [], right: [TableValue] = []
        for (i, l) in k.lines.enumerated() {
            if i & 0xFFF == 0xFFF { try Interruption.check() }
            doc.append(.string(l.documentID)); start.append(.int(l.hit.start + 1)); stop.append(.int(l.hit.end))
            left.append(.string(l.left)); match.append(.string(l.match)); right.append(.string(l.right))
        }
        return Table(columns: [("doc", doc), ("start", start), ("stop", stop), ("left", left), ("match", match), ("right", right)])
    }
}
