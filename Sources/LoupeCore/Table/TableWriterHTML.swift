/// A complete small HTML page holding the table; every text escaped.
enum TableWriterHTML {
    static func html(_ table: Table, title: String) -> String {
        let decimals = table.columns.map { TablePrinter.decimalsFor($0) }
        var out = """
            <!DOCTYPE html>
            <html>
            <head>
            <meta charset="utf-8">
            <title>\(escape(title))</title>
            <style>
            table { border-collapse: collapse; font-family: sans-serif; }
            th, td { border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: left; vertical-align: top; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            </style>
            </head>
            <body>
            <table>
            <thead>
            <tr>
            """
        out += table.names.map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n</thead>\n<tbody>\n"
        for r in 0..<table.rowCount {
            out += "<tr>"
            for c in table.columns.indices {
                let v = table.columns[c][r]
                if case .string(let s) = v {
                    out += "<td>\(escape(s))</td>"
                } else if v.isNumber {
                    out += "<td class=\"num\">\(escape(TablePrinter.cellText(v, decimals: decimals[c])))</td>"
                } else {
                    out += "<td>\(escape(v.description))</td>"
                }
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n</body>\n</html>\n"
    }

    static func escape(_ s: String) -> String { TextEscaping.html(s) }
}
