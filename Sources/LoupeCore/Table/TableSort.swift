/// Sorting a table by one or more columns.
///
/// Order of values in a column, ascending: numbers (ints and doubles by value, NaN after
/// the others), then strings (by Unicode scalar values), then booleans (false, true).
/// Nulls come last whatever the direction. The sort is stable: rows that tie on every
/// key keep their order.
public struct SortKey: Sendable, Equatable {
    public var column: String
    public var descending: Bool
    public init(_ column: String, descending: Bool = false) { self.column = column; self.descending = descending }
}

extension TableValue {
    /// Rank of the kind of value in the ascending order (nulls are handled apart).
    private var kindRank: Int {
        switch self {
        case .int: return 0
        case .double(let d): return d.isNaN ? 1 : 0
        case .string: return 2
        case .bool: return 3
        case .null: return 4
        }
    }

    /// -1, 0 or 1: this value against another, ascending, nulls not special-cased.
    public func compare(_ other: TableValue) -> Int {
        let a = kindRank, b = other.kindRank
        if a != b { return a < b ? -1 : 1 }
        switch (self, other) {
        case let (.int(x), .int(y)): return x < y ? -1 : (x == y ? 0 : 1)
        case let (.string(x), .string(y)):
            if x == y { return 0 }
            return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars) ? -1 : 1
        case let (.bool(x), .bool(y)): return x == y ? 0 : (!x ? -1 : 1)
        default:
            guard let x = number, let y = other.number, !x.isNaN, !y.isNaN else { return 0 }
            return x < y ? -1 : (x == y ? 0 : 1)
        }
    }
}

extension Table {
    /// The table sorted by these keys, the first one first; stable.
    public func sorted(by keys: [SortKey]) throws -> Table {
        guard !keys.isEmpty else { throw TableError.invalid("sort needs at least one column") }
        let cols = try keys.map { (columns[try columnIndex($0.column)], $0.descending) }
        let order = (0..<rowCount).sorted { i, j in
            for (col, descending) in cols {
                let a = col[i], b = col[j]
                if a.isNull || b.isNull {
                    if a.isNull && b.isNull { continue }
                    return b.isNull            // nulls last in both directions
                }
                let c = a.compare(b)
                if c != 0 { return descending ? c > 0 : c < 0 }
            }
            return i < j                       // ties keep their order: stable whatever the algorithm
        }
        return rows(at: order)
    }
}
