import Foundation
/// CSV (RFC 4180, LF line ends) and TSV (backslash escapes) text of a table; see TableFormat.
enum TableWriterCSV {
    static func csv(_ table: Table) -> String {
        guard !table.names.isEmpty else { return "" }
        func field(_ s: String) -> String {
            // a lone empty field would be a blank line, which readers skip: quote it
            if s.isEmpty { return table.names.count == 1 ? "\"\"" : "" }
            guard s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return s }
            return "\"" + s.replacingAll("\"", "\"\"") + "\""
        }
        var out = table.names.map(field).joined(separator: ",") + "\n"
        for r in 0..<table.rowCount {
            out += table.columns.map { field($0[r].exactText) }.joined(separator: ",") + "\n"
        }
        return out
    }

    static func tsv(_ table: Table) -> String {
        guard !table.names.isEmpty else { return "" }
        func field(_ s: String) -> String {
            guard s.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x5C }) else { return s }
            var out = ""
            for u in s.unicodeScalars {
                switch u {
                case "\\": out += "\\\\"
                case "\t": out += "\\t"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                default: out.unicodeScalars.append(u)
                }
            }
            return out
        }
        var out = table.names.map(field).joined(separator: "\t") + "\n"
        for r in 0..<table.rowCount {
            out += table.columns.map { field($0[r].exactText) }.joined(separator: "\t") + "\n"
        }
        return out
    }
}

extension String {
    /// Every occurrence of `target` replaced (without Foundation).
    func replacingAll(_ target: String, _ replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var out = ""
        var rest = self[...]
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
