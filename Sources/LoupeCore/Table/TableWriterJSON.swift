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

    /// A JSON string: quote, backslash and control characters escaped; the rest as UTF-8.
    static func string(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if u.value < 0x20 || u.value == 0x7F || u.value == 0x2028 || u.value == 0x2029 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
