/// Tables made per group, stacked into one: a first column holds the group's
/// value, then the union of the parts' columns in the order first seen (a
/// part without a column gets nulls there).
extension Table {
    public static func stacking(_ parts: [(group: String, table: Table)], groupColumn: String) -> Table {
        var names: [String] = [groupColumn]
        for (_, t) in parts { for n in t.names where !names.contains(n) { names.append(n) } }
        var columns = [[TableValue]](repeating: [], count: names.count)
        for (group, t) in parts {
            columns[0].append(contentsOf: repeatElement(.string(group), count: t.rowCount))
            for (k, name) in names.enumerated().dropFirst() {
                columns[k].append(contentsOf: t.column(named: name) ?? Array(repeating: .null, count: t.rowCount))
            }
        }
        return Table(columns: Array(zip(names, columns)))
    }
}
