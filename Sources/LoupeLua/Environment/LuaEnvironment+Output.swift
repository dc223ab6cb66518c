import LoupeCore
import LuaRuntime

/// Tables in an environment: what the Table methods need, how the REPL shows one, and
/// `--format` for tables a chunk returns (print(t) and t:print() use it through the binding).
extension LuaEnvironment {
    var tableContext: TableBinding.Context {
        TableBinding.Context(output: options.output, policy: options.unsafe ? options.paths.unrestrictedCopy() : options.paths,
                             outputFolder: options.paths.output, format: options.tableFormat, wrote: options.wrote,
                             display: options.display)
    }

    var showContext: ShowBinding.Context {
        ShowBinding.Context(output: options.output, page: options.page, highlight: options.highlight,
                            corpus: { [unowned self] in self.corpus })
    }

    /// A Table is shown aligned, cut to the terminal, with a line saying what was cut.
    static let objectText: ValueRenderer.ObjectText = { object, _, layout in
        guard let t = object as? TableHandle else { return nil }
        return TablePrinter.render(t.table, maxRows: layout.maxRows, width: layout.cellWidth == nil ? nil : layout.width, cellWidth: layout.cellWidth)
    }

    /// The Table at `index` when it is one (hits and concordances as their tables), for a host's display.
    func displayedTable(at index: Int32) throws -> Table? {
        let call = stack
        if let h = call.object(index, TableHandle.self, typeName: TypeName.table) { return h.table }
        if let k = call.object(index, ConcordanceHandle.self, typeName: TypeName.concordance) { return try ConcordanceBinding.table(k) }
        if let h = call.object(index, HitsHandle.self, typeName: TypeName.hits) { return try HitsBinding.table(h) }
        return nil
    }

    /// With a table format set (--format), the Table at `index` as text in that format; else nil.
    /// Hits and concordances are rows too: they are written as their tables (hits:table(), k:table()).
    func formattedTable(at index: Int32) throws -> String? {
        guard let format = options.tableFormat else { return nil }
        let call = stack
        if let h = call.object(index, TableHandle.self, typeName: TypeName.table) { return format.encode(h.table) }
        if let k = call.object(index, ConcordanceHandle.self, typeName: TypeName.concordance) { return format.encode(try ConcordanceBinding.table(k)) }
        if let h = call.object(index, HitsHandle.self, typeName: TypeName.hits) { return format.encode(try HitsBinding.table(h)) }
        return nil
    }
}
