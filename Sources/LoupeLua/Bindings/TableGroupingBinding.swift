import LoupeCore
import LuaRuntime

/// Rows of a table grouped by columns, waiting for :count(), :sum(col) or :mean(col).
final class TableGroupingHandle {
    let grouping: TableGrouping
    init(_ grouping: TableGrouping) { self.grouping = grouping }
}

extension TypeName {
    static let tableGrouping = "loupe.Grouping"
}

/// `t:group(col)`: :count(), :sum(col, …), :mean(col, …) give tables, one row per group.
enum TableGroupingBinding {
    static func luaClass() -> LuaClass<TableGroupingHandle> {
        var cls = LuaClass<TableGroupingHandle>(TypeName.tableGrouping, variable: "g") { g in
            let n = g.grouping.groups.count
            return "Grouping: \(n) group\(n == 1 ? "" : "s") by \(g.grouping.keys.joined(separator: ", ")) (use :count(), :sum(col) or :mean(col))"
        }
        cls.length = { $0.grouping.groups.count }
        cls.method("count") { g, call in
            TableBinding.push(call, g.grouping.count())
            return 1
        }
        for (name, op) in [("sum", TableGrouping.sum), ("mean", TableGrouping.mean)] as [(String, (TableGrouping) -> ([String]) throws -> Table)] {
            cls.method(name) { g, call in
                var cols: [String] = []
                if call.argumentCount >= 2 { for i in 2...call.argumentCount { cols.append(try call.string(i)) } }
                guard !cols.isEmpty else { throw ScriptError("\(name): name a column of numbers, as in g:\(name)(\"n\")") }
                TableBinding.push(call, try TableBinding.checked(call) { try op(g.grouping)(cols) })
                return 1
            }
        }
        return cls
    }
}
