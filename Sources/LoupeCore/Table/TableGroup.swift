/// Rows of a table grouped by the values of one or more columns: `count()`, `sum(…)` and
/// `mean(…)` give one row per group, the groups in order of first appearance.
/// Numbers group by value (2 and 2.0 together); nulls form a group of their own.
public struct TableGrouping: Sendable {
    public let table: Table
    public let keys: [String]
    /// Each group's key values (as first seen) and its row indices, in order of first appearance.
    public let groups: [(key: [TableValue], rows: [Int])]

    public init(_ table: Table, by keys: [String]) throws {
        guard !keys.isEmpty else { throw TableError.invalid("group needs at least one column") }
        let cols = try keys.map { table.columns[try table.columnIndex($0)] }
        var index: [[TableValue]: Int] = [:]
        var groups: [(key: [TableValue], rows: [Int])] = []
        for r in 0..<table.rowCount {
            let key = cols.map { $0[r] }
            let match = key.map(\.matchKey)
            if let g = index[match] { groups[g].rows.append(r) } else {
                index[match] = groups.count
                groups.append((key, [r]))
            }
        }
        self.table = table; self.keys = keys; self.groups = groups
    }

    private func withKeys(_ more: [(String, [TableValue])]) -> Table {
        var cols: [(String, [TableValue])] = keys.enumerated().map { k, name in (name, groups.map { $0.key[k] }) }
        for (name, values) in more {
            let unique = Table(columns: cols).unusedName(name)
            cols.append((unique, values))
        }
        return Table(columns: cols)
    }

    /// The group columns and `n`, the number of rows in each group.
    public func count() -> Table {
        withKeys([("n", groups.map { .int($0.rows.count) })])
    }

    /// The group columns and, for each named column, the sum of its numbers in the group
    /// (nulls skipped; an int while every value is an int and the sum fits, else a double).
    /// The sum keeps the column's name.
    public func sum(_ names: [String]) throws -> Table {
        withKeys(try names.map { name in (name, try groups.map { g in try Self.sum(try values(name, g.rows)) }) })
    }

    /// The group columns and, for each named column, the mean of its numbers in the group
    /// (a double; nulls skipped; null when the group has no numbers). It keeps the column's name.
    public func mean(_ names: [String]) throws -> Table {
        withKeys(try names.map { name in
            (name, try groups.map { g in
                let v = try values(name, g.rows)
                guard !v.isEmpty else { return .null }
                return .double(v.reduce(0) { $0 + ($1.number ?? 0) } / Double(v.count))
            })
        })
    }

    /// The non-null values of a column at these rows; an error at the first that is not a number.
    private func values(_ name: String, _ rows: [Int]) throws -> [TableValue] {
        let col = table.columns[try table.columnIndex(name)]
        var out: [TableValue] = []
        for r in rows where !col[r].isNull {
            guard col[r].isNumber else {
                let shown: String
                if case .string(let s) = col[r] { shown = "the text \"\(s.prefix(40))\"" } else { shown = "'\(col[r])'" }
                throw TableError.notANumber(column: name, row: r + 1, value: shown)
            }
            out.append(col[r])
        }
        return out
    }

    private static func sum(_ values: [TableValue]) throws -> TableValue {
        var total = 0
        var exact = true
        var double = 0.0
        for v in values {
            double += v.number ?? 0
            if exact, case .int(let i) = v {
                let (s, overflow) = total.addingReportingOverflow(i)
                if overflow { exact = false } else { total = s }
            } else {
                exact = false
            }
        }
        return exact ? .int(total) : .double(double)
    }
}

extension Table {
    /// Rows grouped by the values of these columns.
    public func grouped(by keys: [String]) throws -> TableGrouping { try TableGrouping(self, by: keys) }
}
