extension Table {
    /// The table with a column set to `values` (padded with nulls, or cut, to the row count).
    /// A new name is added at the end; an existing column is replaced where it stands.
    public func adding(_ name: String, _ values: [TableValue]) -> Table {
        let n = names.isEmpty ? values.count : rowCount
        let fitted = values.count >= n ? Array(values.prefix(n)) : values + Array(repeating: .null, count: n - values.count)
        var t = self
        if let i = names.firstIndex(of: name) {
            t.columns[i] = TableColumn(fitted)
        } else {
            t.names.append(name)
            t.columns.append(TableColumn(fitted))
        }
        return t
    }

    /// Only these columns, in this order.
    public func selecting(_ wanted: [String]) throws -> Table {
        var seen = Set<String>()
        for n in wanted where !seen.insert(n).inserted { throw TableError.duplicateColumn(n) }
        return Table(typed: try wanted.map { ($0, columns[try columnIndex($0)]) })
    }

    /// A name not yet used by the table: `name`, else `name_2`, `name_3`, …
    public func unusedName(_ name: String, besides taken: [String] = []) -> String {
        let used = Set(names + taken)
        if !used.contains(name) { return name }
        var k = 2
        while used.contains("\(name)_\(k)") { k += 1 }
        return "\(name)_\(k)"
    }
}
