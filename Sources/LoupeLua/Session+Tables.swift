import LoupeCore

/// Tables in a session: what the Table methods need, and `--format` for tables a chunk
/// returns (print(t) and t:print() use it through the binding).
extension Session {
    var tableContext: TableBinding.Context {
        TableBinding.Context(output: options.output, policy: options.unsafe ? options.paths.unrestrictedCopy() : options.paths,
                             outputFolder: options.paths.output, format: options.tableFormat, wrote: options.wrote)
    }

    func registerTables() {
        vm.register(TableBinding.luaClass(tableContext))
        vm.register(TableGroupingBinding.luaClass())
    }

    /// With a table format set (--format), the Table at `index` as text in that format; else nil.
    func formattedTable(at index: Int32) -> String? {
        guard let format = options.tableFormat,
              let h = LuaCall(L: vm.L, name: "", isMethod: false).object(index, TableHandle.self, typeName: TypeName.table) else { return nil }
        return format.encode(h.table)
    }

    /// After a chunk ran with `n` results on top: with --format, writes the first if it is a Table.
    func writeReturnedTable(_ n: Int32) {
        guard n > 0, let text = formattedTable(at: vm.top - n + 1) else { return }
        options.output(text)
    }
}
