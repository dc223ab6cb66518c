extension Table {
    /// Inner join on a key column both tables have: for each row of this table, in order,
    /// one row per matching row of `other` (in its order). Columns: this table's, then
    /// `other`'s except the key; a name already taken gets `_2` (`n` and `n_2`), `_3`, …
    /// Keys match by value (2 matches 2.0); null keys match nothing.
    public func joined(with other: Table, on key: String) throws -> Table {
        let leftKey = columns[try columnIndex(key)]
        let rightKeyIndex: Int
        do { rightKeyIndex = try other.columnIndex(key) } catch {
            throw TableError.invalid("the other table has no column '\(key)' (columns: \(other.names.joined(separator: ", ")))")
        }
        var matches: [TableValue: [Int]] = [:]
        for (j, v) in other.columns[rightKeyIndex].enumerated() where !v.isNull { matches[v.matchKey, default: []].append(j) }
        var left: [Int] = [], right: [Int] = []
        for (i, v) in leftKey.enumerated() where !v.isNull {
            for j in matches[v.matchKey] ?? [] { left.append(i); right.append(j) }
        }
        var out = rows(at: left)
        var taken: [String] = []
        for c in other.names.indices where c != rightKeyIndex {
            let name = out.unusedName(other.names[c], besides: taken)
            taken.append(name)
            out = out.adding(name, right.map { other.columns[c][$0] })
        }
        return out
    }
}
