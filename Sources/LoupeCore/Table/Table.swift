/// One cell of a result table.
public enum TableValue: Hashable, Sendable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)

    public var description: String {
        switch self {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .string(let s): return s
        }
    }

    public var isNull: Bool { self == .null }

    /// The value as a number, for ints and doubles.
    public var number: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    public var isNumber: Bool { number != nil }

    /// Ints and doubles compare by value: a whole double equal to an int is that int
    /// (so 2 and 2.0 are the same key in `where`, `join` and `group`).
    public var matchKey: TableValue {
        if case .double(let d) = self, d == d.rounded(), abs(d) < 9.0e18 { return .int(Int(d)) }
        return self
    }
}

/// A result table, stored by column: every analysis returns one, and scripts
/// sort, filter, join, print and write it. Columns have names, in order; every
/// column holds `rowCount` values. Operations return new tables.
public struct Table: Sendable, Equatable {
    public internal(set) var names: [String]
    public internal(set) var columns: [TableColumn]

    /// Columns in order; all must have the same length (shorter ones are padded with `.null`).
    public init(columns: [(String, [TableValue])]) {
        let rows = columns.map(\.1.count).max() ?? 0
        names = columns.map(\.0)
        self.columns = columns.map { TableColumn($0.1.count == rows ? $0.1 : $0.1 + Array(repeating: .null, count: rows - $0.1.count)) }
    }

    /// Columns already built, all of the same length (analyses with millions of rows use compact ones).
    init(typed: [(String, TableColumn)]) {
        names = typed.map(\.0)
        columns = typed.map(\.1)
    }

    /// A table from rows of (column, value) pairs. Columns are `names` if given (other keys are
    /// ignored), else every key in order of first appearance; a key a row lacks is `.null`.
    public init(rows: [[(String, TableValue)]], names given: [String]? = nil) {
        var order = given ?? []
        if given == nil {
            var seen = Set<String>()
            for row in rows { for (k, _) in row where seen.insert(k).inserted { order.append(k) } }
        }
        let position = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var cols = Array(repeating: [TableValue](repeating: .null, count: rows.count), count: order.count)
        for (r, row) in rows.enumerated() {
            for (k, v) in row { if let c = position[k] { cols[c][r] = v } }
        }
        self.init(columns: Array(zip(order, cols)))
    }

    /// An empty table (no columns, no rows).
    public init() { names = []; columns = [] }

    public var rowCount: Int { columns.first?.count ?? 0 }

    public func column(named name: String) -> [TableValue]? {
        names.firstIndex(of: name).map { columns[$0].values }
    }

    /// The row at `index` (0-based) as (column, value) pairs in column order.
    public func row(_ index: Int) -> [(String, TableValue)] {
        guard index >= 0, index < rowCount else { return [] }
        return names.indices.map { (names[$0], columns[$0][index]) }
    }

    /// The position of a column, or an error listing the columns there are.
    public func columnIndex(_ name: String) throws -> Int {
        guard let i = names.firstIndex(of: name) else { throw TableError.unknownColumn(name, names) }
        return i
    }

    /// The rows at these indices (0-based, in this order), all columns kept.
    public func rows(at indices: [Int]) -> Table {
        var t = self
        t.columns = columns.map { col in TableColumn(indices.map { col[$0] }) }
        return t
    }
}

/// What a table operation refuses, with a message for the script's author.
public enum TableError: Error, Equatable, CustomStringConvertible {
    case unknownColumn(String, [String])
    case duplicateColumn(String)
    case notANumber(column: String, row: Int, value: String)
    case invalid(String)

    public var description: String {
        switch self {
        case .unknownColumn(let n, let all):
            return "no column '\(n)' (columns: \(all.isEmpty ? "none" : all.joined(separator: ", ")))"
        case .duplicateColumn(let n): return "column '\(n)' is listed twice"
        case .notANumber(let c, let r, let v): return "column '\(c)' holds \(v) in row \(r); it needs numbers"
        case .invalid(let m): return m
        }
    }
}
