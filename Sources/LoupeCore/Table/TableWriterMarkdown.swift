/// A Markdown pipe table: header, alignment row (numbers right-aligned), one line per row.
enum TableWriterMarkdown {
    static func markdown(_ table: Table) -> String {
        guard !table.names.isEmpty else { return "" }
        let numeric = table.columns.map { col in col.contains { $0.isNumber } && col.allSatisfy { $0.isNumber || $0.isNull } }
        let decimals = table.columns.map { TablePrinter.decimalsFor($0) }
        func cell(_ s: String) -> String {
            var out = ""
            for c in s {
                switch c {
                case "|": out += "\\|"
                case "\\": out += "\\\\"
                case "\n", "\r\n", "\r": out += "<br>"
                default: out.append(c)
                }
            }
            return out
        }
        func line(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |\n" }
        var out = line(table.names.map(cell))
        out += "|" + numeric.map { $0 ? " ---: |" : " --- |" }.joined() + "\n"
        for r in 0..<table.rowCount {
            out += line(table.columns.indices.map { c in
                let v = table.columns[c][r]
                if case .string(let s) = v { return cell(s) }
                return cell(TablePrinter.cellText(v, decimals: decimals[c]))
            })
        }
        return out
    }
}
