import Foundation
internal import CLua54
internal import CLuaShim
internal import LoupeCore

/// How the REPL shows a value: strings and numbers as Lua prints them, Loupe
/// objects by their tostring, tables readably — a list of records as an aligned
/// table, other tables as `{k = v, …}` — with cycles marked, depth limited and
/// everything cut to the display width.
///
/// Run it inside `LuaState.asOneChunk` with the chunk whose result it shows: every
/// __tostring it calls then shares that chunk's limits, and the first limit that
/// trips (time, instructions, Ctrl-C) stops the whole rendering with a LuaError.
public struct ValueRenderer {
    /// How the host shows one of its objects (a Loupe Table as an aligned table, say)
    /// under this renderer's layout; nil: by its tostring.
    public typealias ObjectText = @Sendable (_ object: AnyObject, _ typeName: String, _ layout: ValueRenderer) -> String?

    let L: OpaquePointer
    public let width: Int
    /// Cells of a Table are cut to this many columns on a terminal; nil shows them whole.
    public var cellWidth: Int? = TablePrinter.maxCellWidth
    public var maxRows = 20
    var maxDepth = 3
    var maxItems = 50
    let objectText: ObjectText?

    public init(_ stack: LuaStack, width: Int, maxRows: Int = 20, objectText: ObjectText? = nil) {
        L = stack.L; self.width = width; self.maxRows = maxRows; self.objectText = objectText
    }

    /// The values at `indices` shown whole (no cut cell or line), joined as `joined` does:
    /// what a chunk returns and what loupe.show prints.
    public static func whole(_ stack: LuaStack, _ indices: ClosedRange<Int32>, objectText: ObjectText? = nil) throws -> String {
        var renderer = ValueRenderer(stack, width: Int(Int32.max), objectText: objectText)
        renderer.cellWidth = nil
        return joined(try indices.map { try renderer.render($0) })
    }

    /// Several values on one line, tab-separated as print does; when one of them takes
    /// several lines (a table), each starts on a line of its own, so a second table's
    /// header is not glued to the end of the first one's last row.
    public static func joined(_ values: [String]) -> String {
        values.contains { $0.contains("\n") } ? values.joined(separator: "\n") : values.joined(separator: "\t")
    }

    public func render(_ idx: Int32) throws -> String {
        let i = lua_absindex(L, idx)
        if lua_type(L, i) == LUA_TTABLE, let table = try recordTable(i) { return table }
        if lua_type(L, i) == LUA_TTABLE { return try inline(i, depth: 0, seen: []) }
        if let objectText, let (object, typeName) = stack.anyObject(i), let text = objectText(object, typeName, self) { return text }
        return cutLines(try tostring(i))
    }

    private var stack: LuaStack { LuaStack(L: L, name: "", isMethod: false) }

    /// Throws, as a LuaError naming the limit ("time limit exceeded (…), while showing
    /// the result"), once a limit has stopped the chunk.
    private func checkLimits() throws {
        if let why = ls_stopreason(L) { throw LuaError(status: LUA_ERRRUN, fullText: String(cString: why) + ", while showing the result") }
    }

    /// tostring (may run __tostring under the chunk's limits); a limit stops everything.
    private func tostring(_ idx: Int32) throws -> String {
        let s = stack.safeToString(idx)
        try checkLimits()
        return s
    }

    /// Cuts each line to the width, and long outputs to maxRows lines.
    func cutLines(_ s: String) -> String {
        var lines = s.split(separator: "\n", omittingEmptySubsequences: false).map { cut(String($0)) }
        if lines.count > maxRows + 1 {
            let more = lines.count - maxRows
            lines = Array(lines.prefix(maxRows)) + ["… \(more) more lines (print() shows all)"]
        }
        return lines.joined(separator: "\n")
    }

    func cut(_ s: String) -> String {
        s.count > width ? String(s.prefix(max(1, width - 1))) + "…" : s
    }

    // MARK: tables

    /// A sequence of tables that share their keys: an aligned table with a header.
    private func recordTable(_ t: Int32) throws -> String? {
        let n = Int(lua_rawlen(L, t))
        guard n > 0 else { return nil }
        var columns: [String] = []
        var rows: [[String]] = []
        for r in 1...n {
            if r & 1023 == 0 { try checkLimits() }
            lua_rawgeti(L, t, lua_Integer(r))
            defer { ls_pop(L, 1) }
            guard lua_type(L, -1) == LUA_TTABLE, lua_rawlen(L, -1) == 0 else { return nil }
            let keys = stringKeys(-1)
            guard !keys.isEmpty, keys.count <= 12 else { return nil }
            if columns.isEmpty { columns = orderedColumns(keys) } else if Set(keys) != Set(columns) { return nil }
            if rows.count < maxRows {
                rows.append(try columns.map { key in
                    stack.pushString(key)
                    lua_rawget(L, -2)
                    defer { ls_pop(L, 1) }
                    return try scalar(-1)
                })
            }
        }
        var widths = columns.map(\.count)
        for row in rows { for (k, cell) in row.enumerated() { widths[k] = min(max(widths[k], cell.count), 40) } }
        func line(_ cells: [String]) -> String {
            cut(cells.enumerated().map { k, c in
                let c = c.count > widths[k] ? String(c.prefix(widths[k] - 1)) + "…" : c
                return c + String(repeating: " ", count: widths[k] - c.count)
            }.joined(separator: "  ").replacingTrailingSpaces())
        }
        var out = [line(columns), line(widths.map { String(repeating: "─", count: $0) })] + rows.map(line)
        if n > rows.count { out.append("… \(n - rows.count) more rows") }
        return out.joined(separator: "\n")
    }

    /// Columns in a readable order: doc/id/word first, counts last, the rest by name.
    private func orderedColumns(_ keys: [String]) -> [String] {
        let first = ["doc", "id", "word", "form", "text"]
        return keys.sorted { a, b in
            let ia = first.firstIndex(of: a) ?? first.count, ib = first.firstIndex(of: b) ?? first.count
            return ia != ib ? ia < ib : a < b
        }
    }

    private func stringKeys(_ idx: Int32) -> [String] { stack.stringKeys(idx) }

    /// A scalar as a table cell (strings unquoted, line breaks as spaces).
    private func scalar(_ idx: Int32) throws -> String {
        let call = stack
        switch lua_type(L, idx) {
        case LUA_TTABLE: return "{…}"
        case LUA_TSTRING: return (call.optionalString(idx) ?? "").replacingNewlines()
        default: return try tostring(idx).replacingNewlines()
        }
    }

    /// `{1, 2, x = "a", y = {…}}`: sequence items, then other keys sorted.
    private func inline(_ t: Int32, depth: Int, seen: Set<UnsafeRawPointer>) throws -> String {
        guard let ptr = lua_topointer(L, t) else { return "{}" }
        if seen.contains(ptr) { return "<cycle>" }
        if depth >= maxDepth { return "{…}" }
        let seen = seen.union([ptr])
        let call = stack
        var parts: [String] = []
        let n = Int(lua_rawlen(L, t))
        var count = 0
        if n > 0 {
            for k in 1...n {
                count += 1
                if count > maxItems { break }
                lua_rawgeti(L, t, lua_Integer(k))
                defer { ls_pop(L, 1) }
                parts.append(try item(lua_absindex(L, -1), depth: depth, seen: seen))
            }
        }
        var keyed: [(String, String)] = []
        lua_pushnil(L)
        while lua_next(L, t) != 0 {
            defer { ls_pop(L, 1) }
            if let i = call.integerKey(-2), i >= 1, i <= n { continue }
            count += 1
            if count & 1023 == 0 { try checkLimits() }
            if count > maxItems { continue }
            let key: String
            if let s = call.stringKey(-2) {
                key = s.isIdentifier ? s : "[\(quoted(s))]"
            } else {
                lua_pushvalue(L, -2)
                defer { ls_pop(L, 1) }
                key = "[\(try tostring(lua_gettop(L)))]"
            }
            keyed.append((key, try item(lua_absindex(L, -1), depth: depth, seen: seen)))
        }
        keyed.sort { $0.0 < $1.0 }
        parts += keyed.map { "\($0.0) = \($0.1)" }
        if count > maxItems { parts.append("… \(count - maxItems) more") }
        let one = "{" + parts.joined(separator: ", ") + "}"
        if depth > 0 || one.count <= width { return depth == 0 ? cut(one) : one }
        // Too wide for one line: one entry per line.
        return "{\n" + parts.map { cut("  " + $0) }.joined(separator: ",\n") + "\n}"
    }

    private func item(_ idx: Int32, depth: Int, seen: Set<UnsafeRawPointer>) throws -> String {
        switch lua_type(L, idx) {
        case LUA_TTABLE: return try inline(idx, depth: depth + 1, seen: seen)
        case LUA_TSTRING: return quoted(stack.optionalString(idx) ?? "")
        default: return try tostring(idx).replacingNewlines()
        }
    }

    private func quoted(_ s: String) -> String {
        let short = s.count > 60 ? String(s.prefix(59)) + "…" : s
        return "\"" + short.replacingNewlines().replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

extension String {
    /// A Lua name: letters, digits and _, not starting with a digit, not a keyword.
    public var isIdentifier: Bool {
        guard let f = unicodeScalars.first, f == "_" || (f.isASCII && f.properties.isAlphabetic) else { return false }
        return unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
            && !["and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
                 "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while"].contains(self)
    }

    func replacingNewlines() -> String {
        replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
    }

    func replacingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
