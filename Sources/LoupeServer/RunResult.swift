import LoupeCore

/// What one evaluation (`POST /api/run`, a console cell) came to.
struct RunResult: Sendable {
    /// What it printed and displayed, in order.
    var blocks: [CellBlock] = []
    var truncated = false
    /// The values it returned that are not Tables, as the REPL shows them.
    var value: String?
    var error: String?
    var traceback: String?
    var line: Int?
    var milliseconds = 0

    /// The error as a page shows it, next to its line: without Lua's `stdin:3: `.
    var errorMessage: String? {
        guard let e = error else { return nil }
        guard let line, e.hasPrefix("stdin:\(line): ") else { return e }
        return String(e.dropFirst("stdin:\(line): ".count))
    }

    /// Everything printed, as one text.
    var output: String {
        blocks.map { if case .text(let t) = $0 { t } else { "" } }.joined()
    }

    var json: JSON {
        .object([
            ("ok", .bool(error == nil)),
            ("output", .string(output)),
            ("blocks", .array(blocks.map(Self.json))),
            ("truncated", .bool(truncated)),
            ("value", value.map(JSON.string) ?? .null),
            ("error", error.map(JSON.string) ?? .null),
            ("line", line.map(JSON.int) ?? .null),
            ("traceback", traceback.map(JSON.string) ?? .null),
            ("milliseconds", .int(milliseconds)),
        ])
    }

    static func json(_ block: CellBlock) -> JSON {
        switch block {
        case .text(let t):
            return .object([("type", .string("text")), ("text", .string(t))])
        case .table(let t, let rows):
            return .object([("type", .string("table")), ("columns", .array(t.names.map(JSON.string))),
                            ("rows", .array((0..<t.rowCount).map { r in .array(t.columns.map { JSON.cell($0[r]) }) })),
                            ("row_count", .int(rows))])
        case .figure(let svg):
            return .object([("type", .string("svg")), ("svg", .string(svg))])
        }
    }
}

/// One cell of a visitor's console: the code and what it came to.
struct ConsoleCell: Sendable {
    var number: Int
    var code: String
    var result: RunResult
}
