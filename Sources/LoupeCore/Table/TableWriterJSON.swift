/// JSON (an array of objects) and JSON Lines (one object per line) text of a table.
enum TableWriterJSON {
    static func json(_ table: Table) -> String {
        guard table.rowCount > 0 else { return "[]\n" }
        return "[\n" + (0..<table.rowCount).map { object(table, $0) }.joined(separator: ",\n") + "\n]\n"
    }

    static func jsonLines(_ table: Table) -> String {
        (0..<table.rowCount).map { object(table, $0) + "\n" }.joined()
    }

    static func object(_ table: Table, _ r: Int) -> String {
        "{" + table.names.indices.map { string(table.names[$0]) + ": " + value(table.columns[$0][r]) }.joined(separator: ", ") + "}"
    }

    static func value(_ v: TableValue) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return d.isFinite ? String(d) : "null"
        case .string(let s): return string(s)
        }
    }

    static func string(_ s: String) -> String { TextEscaping.jsonString(s) }
}
