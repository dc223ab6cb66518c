import Foundation

/// A table as aligned text for the terminal:
///
///     word      n   share
///     ───────  ──  ──────
///     nato     69  0.2500
///
/// Numbers are right-aligned (and so is the header of a column of numbers), text left-aligned.
/// Doubles show at most 4 decimals, the same number in the whole column; ints as ints.
/// For a terminal (the REPL showing a value) cells are cut to `cellWidth` columns and lines to
/// `width`, and a last line says which columns were cut or hidden; without them (print into a
/// pipe or a file) every cell is shown whole. After `maxRows` rows a line says how many more.
/// Widths count terminal columns (TextWidth): 日本 takes 4.
public enum TablePrinter {
    public static let defaultRows = 20
    /// The cut for cells on a terminal.
    public static let maxCellWidth = 40

    public static func render(_ table: Table, maxRows: Int = defaultRows, width: Int? = nil, cellWidth: Int? = nil) -> String {
        guard !table.names.isEmpty else { return "(empty table)" }
        let shown = min(max(0, maxRows), table.rowCount)
        let numeric = table.columns.map { col in col.contains { $0.isNumber } && col.allSatisfy { $0.isNumber || $0.isNull } }
        var cutColumns: [Int] = []
        let cells: [[String]] = table.columns.indices.map { c in
            let col = table.columns[c]
            let decimals = decimalsFor(col.prefix(shown))
            let texts = col.prefix(shown).map { cellText($0, decimals: decimals) }
            guard let cellWidth else { return texts }
            if texts.contains(where: { TextWidth.of($0) > cellWidth }) { cutColumns.append(c) }
            return texts.map { TextWidth.truncate($0, to: cellWidth) }
        }
        let header = table.names.map { name in cellWidth.map { TextWidth.truncate(clean(name), to: $0) } ?? clean(name) }
        let widths = table.names.indices.map { c in cells[c].reduce(TextWidth.of(header[c])) { max($0, TextWidth.of($1)) } }
        func line(_ row: [String], numericCells: [Bool]) -> String {
            let text = row.indices.map { TextWidth.pad(row[$0], to: widths[$0], right: numericCells[$0]) }.joined(separator: "  ")
            var trimmed = text
            while trimmed.last == " " { trimmed.removeLast() }
            return trimmed
        }
        var lines = [line(header, numericCells: numeric),
                     line(widths.map { String(repeating: "─", count: max(1, $0)) }, numericCells: numeric)]
        for r in 0..<shown {
            lines.append(line(table.columns.indices.map { cells[$0][r] },
                              numericCells: table.columns.indices.map { table.columns[$0][r].isNumber }))
        }
        if table.rowCount == 0 { lines.append("(no rows)") }
        if shown < table.rowCount {
            let more = table.rowCount - shown
            lines.append("… \(more) more row\(more == 1 ? "" : "s")")
        }
        var hidden: [Int] = []
        if let width {
            let w = max(1, width)
            var start = 0
            for c in widths.indices {
                if start + widths[c] > w { hidden.append(c) }   // wholly or partly past the edge
                start += widths[c] + 2
            }
            lines = lines.map { TextWidth.truncate($0, to: w) }
        }
        if let note = cutNote(names: table.names, cut: cutColumns.filter { !hidden.contains($0) }, hidden: hidden, cellWidth: cellWidth) {
            lines += wrapped(note, to: width.map { max(20, $0) })
        }
        return lines.joined(separator: "\n")
    }

    /// Words of `text` on lines of at most `width` columns (a longer word keeps its line).
    static func wrapped(_ text: String, to width: Int?) -> [String] {
        guard let width, TextWidth.of(text) > width else { return [text] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && TextWidth.of(line) + 1 + TextWidth.of(String(word)) > width {
                lines.append(line); line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// What the terminal did not show, so a reader never takes a cut cell for the whole.
    static func cutNote(names: [String], cut: [Int], hidden: [Int], cellWidth: Int?) -> String? {
        guard !cut.isEmpty || !hidden.isEmpty else { return nil }
        func list(_ cs: [Int]) -> String { cs.map { clean(names[$0]) }.joined(separator: ", ") }
        var parts: [String] = []
        if !cut.isEmpty, let cellWidth { parts.append("cut to \(cellWidth) characters: \(list(cut))") }
        if !hidden.isEmpty { parts.append("past the screen's edge: \(list(hidden))") }
        return "(" + parts.joined(separator: "; ") + " — print() shows every cell whole)"
    }

    /// Decimals for the doubles of a column: as many as the most precise needs, at most 4.
    public static func decimalsFor<C: Collection>(_ values: C) -> Int where C.Element == TableValue {
        var most = 0
        for v in values {
            guard case .double(let d) = v, d.isFinite, abs(d) < 1e15 else { continue }
            if d != 0 && abs(d) < 0.0001 { continue }      // shown in scientific notation
            let text = String(format: "%.4f", d)
            let frac = text.split(separator: ".").last.map { $0.reversed().drop { $0 == "0" }.count } ?? 0
            most = max(most, frac)
        }
        return most
    }

    /// A cell as the terminal shows it: doubles with `decimals` decimals (scientific when
    /// tiny or huge), line breaks and tabs as spaces.
    public static func cellText(_ v: TableValue, decimals: Int = 4) -> String {
        switch v {
        case .double(let d): return number(d, decimals: decimals)
        case .string(let s): return clean(s)
        default: return v.description
        }
    }

    static func number(_ d: Double, decimals: Int) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        if d != 0 && (abs(d) < 0.0001 || abs(d) >= 1e15) { return String(format: "%.4g", d) }
        return String(format: "%.\(decimals)f", d)
    }

    static func clean(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return s }
        return String(String.UnicodeScalarView(s.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
    }
}
