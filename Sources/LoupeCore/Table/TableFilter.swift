extension Table {
    /// The rows for which `keep(row)` is true, in order. `keep` gets the 0-based row index.
    public func filter(_ keep: (Int) throws -> Bool) rethrows -> Table {
        var kept: [Int] = []
        for i in 0..<rowCount where try keep(i) { kept.append(i) }
        return rows(at: kept)
    }

    /// The rows whose value in each named column is one of the given values (all conditions
    /// must hold). Numbers match by value (2 matches 2.0); a null matches nothing.
    public func `where`(_ conditions: [(String, [TableValue])]) throws -> Table {
        let tests = try conditions.map { (name, values) in
            (columns[try columnIndex(name)], Set(values.map(\.matchKey)))
        }
        return filter { i in
            tests.allSatisfy { col, allowed in !col[i].isNull && allowed.contains(col[i].matchKey) }
        }
    }
}
