import LoupeCore
import LuaRuntime

/// `loupe.stats`: every measure on raw counts, so scripts (and students) can check them.
///   loupe.stats.ll(o11, o12, o21, o22)            -- any measure by name, on the four cells
///   loupe.stats.ll{o11 = 8, o12 = 381, o21 = 222, o22 = 999389}
///   loupe.stats.keyness_table(f1, size1, f2, size2), loupe.stats.bigram_table(joint, f1, f2, n)
///   loupe.stats.dispersion({v…}, {sizes…}), loupe.stats.arf({positions…}, size)
enum StatsBinding {
    static func install(in stack: LuaStack, table: Int32) {
        for measure in Measure.allCases {
            stack.setField(table, measure.name) {
                stack.pushFunction("loupe.stats.\(measure.name)") { call in
                    call.push(.number(measure(try contingency(call))))
                    return 1
                }
            }
        }
        stack.setField(table, "keyness_table") {
            stack.pushFunction("loupe.stats.keyness_table") { call in
                let v = try numbers(call, 4)
                call.push(record(Contingency(frequency1: v[0], size1: v[1], frequency2: v[2], size2: v[3])))
                return 1
            }
        }
        stack.setField(table, "bigram_table") {
            stack.pushFunction("loupe.stats.bigram_table") { call in
                let v = try numbers(call, 4)
                call.push(record(Contingency(joint: v[0], rowTotal: v[1], columnTotal: v[2], total: v[3])))
                return 1
            }
        }
        stack.setField(table, "dispersion") {
            stack.pushFunction("loupe.stats.dispersion") { call in
                let v = try numberList(call, 1), s = try numberList(call, 2)
                guard v.count == s.count, v.count >= 2 else {
                    throw ScriptError("loupe.stats.dispersion: needs two lists of the same length (at least 2 parts)")
                }
                let d = Dispersion(frequencies: v, sizes: s)
                call.push(.record([("range", .int(d.range)), ("juilland_d", .number(d.juillandD)), ("dp", .number(d.dp)),
                                   ("dp_norm", .number(d.dpNorm)), ("rosengren_s", .number(d.rosengrenS)),
                                   ("carroll_d2", .number(d.carrollD2)), ("frequency", .number(d.total)), ("parts", .int(d.parts))]))
                return 1
            }
        }
        stack.setField(table, "arf") {
            stack.pushFunction("loupe.stats.arf") { call in
                let raw = try numberList(call, 1)
                let size = try call.integer(2)
                // checked as Doubles first: Int(x) of a huge or fractional number would trap
                guard size > 0, raw.allSatisfy({ $0 >= 0 && $0 < Double(size) && $0 == $0.rounded() }) else {
                    throw ScriptError("loupe.stats.arf: positions must be whole numbers in 0..size-1")
                }
                let p = raw.map { Int($0) }.sorted()
                call.push(.number(Dispersion.averageReducedFrequency(positions: p, size: size)))
                return 1
            }
        }
    }

    static func record(_ t: Contingency) -> LuaValue {
        .record([("o11", .number(t.o11)), ("o12", .number(t.o12)), ("o21", .number(t.o21)), ("o22", .number(t.o22)),
                 ("e11", .number(t.e11)), ("n", .number(t.n))])
    }

    /// Four cells as numbers, or a table {o11, o12, o21, o22}; all ≥ 0.
    static func contingency(_ call: LuaStack) throws -> Contingency {
        var cells: [Double]
        if let t = try? call.table(1), case .record = t {
            cells = try ["o11", "o12", "o21", "o22"].map { key in
                guard let v = t[key], let d = double(v) else { throw ScriptError("\(call.name): the table needs numbers o11, o12, o21 and o22") }
                return d
            }
        } else {
            cells = try numbers(call, 4)
        }
        guard cells.allSatisfy({ $0 >= 0 && $0.isFinite }) else { throw ScriptError("\(call.name): counts must be finite and not negative") }
        return Contingency(o11: cells[0], o12: cells[1], o21: cells[2], o22: cells[3])
    }

    static func numbers(_ call: LuaStack, _ n: Int32) throws -> [Double] {
        try (1...n).map { i in
            guard let d = double(call.value(i)) else { throw call.argumentError(i, "number") }
            return d
        }
    }

    static func numberList(_ call: LuaStack, _ i: Int32) throws -> [Double] {
        guard case .array(let items) = try call.table(i) else { throw call.argumentError(i, "list of numbers") }
        return try items.map { guard let d = double($0) else { throw call.argumentError(i, "list of numbers") }; return d }
    }

    static func double(_ v: LuaValue) -> Double? {
        switch v {
        case .int(let i): return Double(i)
        case .number(let d): return d
        default: return nil
        }
    }
}
