import Foundation
import LoupeCore

/// Tables and charts as HTML, for the console's cells and the analyses: every cell escaped,
/// numbers right-aligned with the terminal's decimals, a chart as an `<img>` of its SVG
/// (an image cannot run script, whatever its text holds).
enum ResultHTML {
    /// `<table class="result">`: `shown` is the Table (perhaps cut), `total` how many rows it had.
    static func table(_ t: Table, total: Int? = nil) -> String {
        let decimals = t.columns.map { TablePrinter.decimalsFor($0) }
        let numeric = t.columns.map { col in col.contains(where: \.isNumber) && col.allSatisfy { $0.isNumber || $0.isNull } }
        var out = "<div class=\"result\"><table class=\"result\">\n<thead><tr>"
        for (c, name) in t.names.enumerated() {
            out += numeric[c] ? "<th class=\"num\">" : "<th>"
            out += HTML.escape(name) + "</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for r in 0..<t.rowCount {
            out += "<tr>"
            for c in t.columns.indices {
                let v = t.columns[c][r]
                out += (v.isNumber ? "<td class=\"num\">" : "<td>") + HTML.escape(TablePrinter.cellText(v, decimals: decimals[c])) + "</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        let all = total ?? t.rowCount
        out += "<p class=\"note\">" + (all > t.rowCount ? "the first \(HTML.number(t.rowCount)) of \(HTML.number(all)) rows"
                                                          : "\(HTML.number(all)) " + (all == 1 ? "row" : "rows")) + "</p></div>\n"
        return out
    }

    /// A chart: its SVG as an image.
    static func figure(_ svg: String, alt: String = "a chart") -> String {
        "<p class=\"figure\"><img class=\"figure\" alt=\"\(HTML.escape(alt))\" src=\"data:image/svg+xml;base64,"
            + Data(svg.utf8).base64EncodedString() + "\"></p>\n"
    }
}
