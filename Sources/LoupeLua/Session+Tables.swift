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
    /// Hits and concordances are rows too: they are written as their tables (hits:table(), k:table()).
    func formattedTable(at index: Int32) throws -> String? {
        guard let format = options.tableFormat else { return nil }
        let call = LuaCall(L: vm.L, name: "", isMethod: false)
        if let h = call.object(index, TableHandle.self, typeName: TypeName.table) { return format.encode(h.table) }
        if let k = call.object(index, ConcordanceHandle.self, typeName: TypeName.concordance) { return format.encode(try ConcordanceBinding.table(k)) }
        if let h = call.object(index, HitsHandle.self, typeName: TypeName.hits) { return format.encode(try HitsBinding.table(h)) }
        return nil
    }
}
