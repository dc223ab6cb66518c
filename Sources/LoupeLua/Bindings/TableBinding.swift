import Foundation
import LoupeCore
import LuaRuntime

/// A result table as scripts hold it: `call.pushObject(TableHandle(table), typeName: TypeName.table)`.
final class TableHandle {
    var table: Table
    init(_ table: Table) { self.table = table }
}

extension TableHandle: HoldsMemory {
    /// Cells, each with ~16 bytes of text on average (not walked: pushing stays O(1)).
    var heldBytes: Int {
        MemoryBudget.bytes(table.rowCount, each: table.columns.count &* (MemoryLayout<TableValue>.stride + 16))
    }
}

/// Tables from Lua: loupe.table{…}, #t, t[i], t:rows(), t:sort(…), t:write(path), … (docs/api.md).
/// Every operation returns a new table; the one it was called on is unchanged.
enum TableBinding {
    /// What the table methods need from the session.
    struct Context {
        /// Where t:print() writes.
        var output: @Sendable (String) -> Void
        /// Where t:write() may write; nil with --unsafe (any path).
        var policy: PathPolicy?
        /// The output folder relative paths are taken in.
        var outputFolder: String
        /// --format: print(t), t:print() and a returned table use this format instead of aligned text.
        var format: TableFormat?
        /// Told every path t:write and the plots wrote.
        var wrote: @Sendable (String) -> Void = { _ in }
        /// A host's display (EnvironmentOptions.display): plots without a file go there as SVG.
        var display: (@Sendable (DisplayItem) -> Void)?
    }

    static func push(_ call: LuaStack, _ table: Table) {
        call.pushObject(TableHandle(table), typeName: TypeName.table)
    }

    // MARK: values

    static func luaValue(_ v: TableValue) -> LuaValue {
        switch v {
        case .null: return .nil
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .number(d)
        case .string(let s): return .string(s)
        }
    }

    static func tableValue(_ v: LuaValue, _ what: @autoclosure () -> String) throws -> TableValue {
        switch v {
        case .nil: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .number(let d): return .double(d)
        case .string(let s): return .string(s)
        default: throw ScriptError("\(what()) must be a string, number, boolean or nil, got a \(v.typeName)")
        }
    }

    /// Row i (0-based) as a Lua table {column = value}; nulls are absent (nil).
    static func record(_ t: Table, _ i: Int) -> LuaValue {
        .record(t.row(i).compactMap { k, v in v.isNull ? nil : (k, luaValue(v)) })
    }

    /// TableError and friends as script errors naming the method.
    static func checked<T>(_ call: LuaStack, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as TableError {
            throw ScriptError("\(call.name): \(e.description)")
        }
    }

    /// Calls the Lua function at argument `i` with a row; an error in it becomes this method's error.
    static func callRow(_ call: LuaStack, _ fn: Int32, _ t: Table, _ r: Int) throws -> LuaValue {
        do { return try call.callBack(fn, args: [record(t, r)]) } catch let e as ScriptError {
            let first = e.message.components(separatedBy: "\nstack traceback:").first ?? e.message
            throw ScriptError("\(call.name): the function failed on row \(r + 1): \(first)")
        }
    }

    static func isTruthy(_ v: LuaValue) -> Bool {
        if case .nil = v { return false }
        if case .bool(false) = v { return false }
        return true
    }

    /// t:where{column = value, column2 = {v1, v2}}: the rows whose cells equal the values.
    static func whereRows(_ h: TableHandle, _ call: LuaStack) throws -> Int32 {
        guard !call.isFunction(2) else {
            throw ScriptError("\(call.name): keeps rows by their values, as in t:where{outlet = \"RT\"}; to keep them by a function, use t:filter(function(row) … end)")
        }
        guard case .record(let pairs) = try call.table(2) else {
            throw ScriptError("\(call.name): expects conditions such as {outlet = \"RT\"} or {outlet = {\"RT\", \"TASS\"}}")
        }
        let conditions: [(String, [TableValue])] = try pairs.map { k, v in
            if case .array(let list) = v { return (k, try list.map { try tableValue($0, "\(call.name): the values of \(k)") }) }
            return (k, [try tableValue(v, "\(call.name): the value of \(k)")])
        }
        push(call, try checked(call) { try h.table.where(conditions) })
        return 1
    }

    // MARK: loupe.table

    /// Calls the Table method `name` on `table` with the caller's arguments from `from` on, for
    /// row results that are not Tables themselves (hits, concordances): `k:write("k.csv")`.
    static func forward(_ table: Table, _ name: String, _ call: LuaStack, from: Int32 = 2) throws -> Int32 {
        let result: CallResult
        do {
            result = try call.callMethod(on: TableHandle(table), typeName: TypeName.table, name, forwardingFrom: from)
        } catch let e as ScriptError {
            // the message without the position inside the method caller ([string "…"]:1: )
            guard e.message.hasPrefix("[string "), let r = e.message.range(of: "\"]:1: ") else { throw e }
            throw ScriptError(String(e.message[r.upperBound...]))
        }
        guard case .value(let v) = result else { return 0 }
        call.push(v)
        return 1
    }

    /// `loupe.table(rows [, {columns = {…}}])`.
    static func construct(_ call: LuaStack) throws -> Int32 {
        let rowsValue = try call.table(1)
        var given: [String]?
        if let names = try Options(call, 2, MethodOptions.table).strings("columns") {
            guard !names.isEmpty else { throw ScriptError("loupe.table: columns must be a list of names such as {\"word\", \"n\"}") }
            var seen = Set<String>()
            for n in names where !seen.insert(n).inserted { throw ScriptError("loupe.table: column '\(n)' is listed twice") }
            given = names
        }
        let items: [LuaValue]
        switch rowsValue {
        case .array(let a): items = a
        default: throw ScriptError("loupe.table: expects a list of rows such as { {word = \"a\", n = 1}, {word = \"b\", n = 2} }")
        }
        var rows: [[(String, TableValue)]] = []
        rows.reserveCapacity(items.count)
        var order: [String] = []
        var seen = Set<String>()
        for (r, item) in items.enumerated() {
            var row: [(String, TableValue)] = []
            switch item {
            case .record(let pairs):
                for (k, v) in pairs { row.append((k, try tableValue(v, "loupe.table: row \(r + 1), field \(k)"))) }
            case .array(let values) where values.isEmpty:
                break
            case .array(let values):
                guard let given else {
                    throw ScriptError("loupe.table: row \(r + 1) is a list; give {columns = {…}} to name its fields, or use {name = value} rows")
                }
                for (k, v) in values.enumerated() where k < given.count {
                    row.append((given[k], try tableValue(v, "loupe.table: row \(r + 1), field \(k + 1)")))
                }
            default:
                throw ScriptError("loupe.table: row \(r + 1) must be a table, got \(item.typeName)")
            }
            if given == nil {
                let fresh = row.map(\.0).filter { !seen.contains($0) }
                for k in orderedColumns(fresh) { seen.insert(k); order.append(k) }
            }
            rows.append(row)
        }
        push(call, Table(rows: rows, names: given ?? order))
        return 1
    }

    /// Column order when rows do not give one: doc, id, word, form, text first (as the REPL
    /// shows lists of records), then the rest by name.
    static func orderedColumns(_ keys: [String]) -> [String] {
        let first = ["doc", "id", "word", "form", "text"]
        return keys.sorted { a, b in
            let ia = first.firstIndex(of: a) ?? first.count, ib = first.firstIndex(of: b) ?? first.count
            return ia != ib ? ia < ib : a < b
        }
    }

    // MARK: the class

    static func luaClass(_ context: Context) -> LuaClass<TableHandle> {
        var cls = LuaClass<TableHandle>(TypeName.table, variable: "t") { h in
            if let f = context.format { return String(f.encode(h.table).dropLast()) }
            return TablePrinter.render(h.table)
        }
        cls.length = { $0.table.rowCount }
        cls.equals = { $0.table == $1.table }
        cls.index = { h, call in
            guard let i = call.integerKey(2), i >= 1, i <= h.table.rowCount else { return 0 }
            call.push(record(h.table, i - 1))
            return 1
        }
        cls.method("rows") { h, call in
            let t = h.table
            var next = 0
            call.pushFunction("rows iterator") { inner in
                guard next < t.rowCount else { return 0 }
                inner.push(record(t, next))
                next += 1
                return 1
            }
            return 1
        }
        cls.method("columns") { h, call in
            call.push(.array(h.table.names.map { .string($0) }))
            return 1
        }
        cls.method("column") { h, call in
            let name = try call.string(2)
            let values = try checked(call) { h.table.columns[try h.table.columnIndex(name)] }
            call.push(.array(values.map(luaValue)))
            return 1
        }
        cls.method("sort") { h, call in
            var keys: [SortKey] = []
            var i: Int32 = 2
            while i <= call.argumentCount {
                let name = try call.string(i)
                var key = SortKey(name)
                if let d = call.optionalString(i + 1), d == "asc" || d == "desc" {
                    key.descending = d == "desc"
                    i += 1
                }
                keys.append(key)
                i += 1
            }
            guard !keys.isEmpty else { throw ScriptError("sort: name a column, as in t:sort(\"n\", \"desc\")") }
            push(call, try checked(call) { try h.table.sorted(by: keys) })
            return 1
        }
        cls.method("head") { h, call in
            let n = try call.optionalInteger(2) ?? 10
            push(call, try checked(call) { try h.table.head(n) })
            return 1
        }
        // filter keeps rows by a function, where by their values (as on a Corpus); a table
        // given to filter is where's conditions, as corpus:filter{…} is
        cls.method("filter") { h, call in
            if case .record = call.value(2) { return try whereRows(h, call) }
            guard call.isFunction(2) else { throw call.argumentError(2, "function") }
            let t = h.table
            push(call, try t.filter { r in isTruthy(try callRow(call, 2, t, r)) })
            return 1
        }
        cls.method("where") { h, call in try whereRows(h, call) }
        cls.method("add") { h, call in
            let name = try call.string(2)
            let t = h.table
            var values: [TableValue] = []
            if call.isFunction(3) {
                values.reserveCapacity(t.rowCount)
                for r in 0..<t.rowCount {
                    values.append(try tableValue(try callRow(call, 3, t, r), "add: the function's result for row \(r + 1)"))
                }
            } else {
                guard !call.isNone(3) else { throw ScriptError("add: give a function(row) that computes the column, as in t:add(\"rate\", function(r) return r.n / 10 end)") }
                let v = try tableValue(call.value(3), "add: the value")
                values = Array(repeating: v, count: t.rowCount)
            }
            push(call, t.adding(name, values))
            return 1
        }
        cls.method("select") { h, call in
            var names: [String] = []
            if call.argumentCount == 2, case .array(let list) = call.value(2) {
                names = try list.map { guard case .string(let s) = $0 else { throw ScriptError("select: column names must be strings") }; return s }
            } else if call.argumentCount >= 2 {
                for i in 2...call.argumentCount { names.append(try call.string(i)) }
            }
            guard !names.isEmpty else { throw ScriptError("select: name the columns to keep, as in t:select(\"word\", \"n\")") }
            push(call, try checked(call) { try h.table.selecting(names) })
            return 1
        }
        cls.method("join") { h, call in
            guard let other = call.object(2, TableHandle.self, typeName: TypeName.table) else { throw call.argumentError(2, "Table") }
            let key = try call.string(3)
            push(call, try checked(call) { try h.table.joined(with: other.table, on: key) })
            return 1
        }
        cls.method("group") { h, call in
            var keys: [String] = []
            if call.argumentCount >= 2 { for i in 2...call.argumentCount { keys.append(try call.string(i)) } }
            guard !keys.isEmpty else { throw ScriptError("group: name a column, as in t:group(\"outlet\"):count()") }
            call.pushObject(TableGroupingHandle(try checked(call) { try h.table.grouped(by: keys) }), typeName: TypeName.tableGrouping)
            return 1
        }
        cls.method("print") { h, call in
            let n = try call.optionalInteger(2)
            if let f = context.format {
                context.output(f.encode(n.map { (try? h.table.head(max(0, $0))) ?? h.table } ?? h.table))
            } else {
                context.output(TablePrinter.render(h.table, maxRows: n ?? TablePrinter.defaultRows) + "\n")
            }
            return 0
        }
        cls.method("format") { h, call in
            let name = try call.string(2)
            guard let f = TableFormat(rawValue: name.lowercased()) else {
                throw ScriptError("format: unknown format \"\(name)\"; use one of \(TableFormat.names)")
            }
            call.pushString(f.encode(h.table))
            return 1
        }
        cls.method("write") { h, call in
            let path = try call.string(2)
            let overwrite = try Options(call, 3, MethodOptions.write).bool("overwrite") ?? false
            do {
                let written = try h.table.write(to: path, policy: context.policy, outputFolder: context.outputFolder, overwrite: overwrite)
                context.wrote(written)
                call.pushString(written)
            } catch let e as TableWriteError {
                throw ScriptError("write: \(e.description)")
            } catch let e as PathPolicy.Refusal {
                throw ScriptError("write: \(e.description)")
            }
            return 1
        }
        cls.method("plot") { h, call in
            try plot(h.table, call, context)
        }
        return cls
    }
}
