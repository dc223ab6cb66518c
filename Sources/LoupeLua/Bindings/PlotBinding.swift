import LoupeCore
import LuaRuntime

/// `t:plot{kind = "bar"|"line"|"dispersion", x =, y =, file =, …}` (docs/api.md): an SVG file
/// written like t:write writes (inside the output folder, atomically, never over a file unless
/// {overwrite = true}), its path returned; without `file`, a bar chart or a dispersion plot
/// as text (the REPL shows a returned string as it is).
extension TableBinding {
    static let plotOptionNames = ["kind", "x", "y", "series", "by", "doc", "position", "length", "title", "xlabel", "ylabel",
                                  "width", "height", "file", "overwrite"]

    /// The options table of t:plot / hits:plot, checked: only known keys, each of the right type.
    struct PlotArguments {
        var pairs: [(String, LuaValue)]
        let method: String

        init(_ call: LuaStack, _ i: Int32) throws {
            method = call.name
            switch try call.optionalTable(i) {
            case nil: pairs = []
            case .array(let a)? where a.isEmpty: pairs = []
            case .record(let p)?: pairs = p
            default:
                throw ScriptError("\(call.name): expects options such as {kind = \"bar\", x = \"outlet\", y = \"n\", file = \"nato.svg\"}")
            }
            try OptionsTable.checkKeys(call.name, pairs.map(\.0), allowed: TableBinding.plotOptionNames)
        }

        subscript(_ key: String) -> LuaValue? {
            guard let v = pairs.first(where: { $0.0 == key })?.1, v != .nil else { return nil }
            return v
        }

        func string(_ key: String) throws -> String? {
            guard let v = self[key] else { return nil }
            guard case .string(let s) = v else { throw ScriptError("\(method): \(key) must be a string, got \(Arguments.describe(v))") }
            return s
        }

        func integer(_ key: String) throws -> Int? {
            guard let v = self[key] else { return nil }
            switch v {
            case .int(let n): return n
            case .number(let d) where d == d.rounded() && abs(d) < 1e9: return Int(d)
            default: throw ScriptError("\(method): \(key) must be a whole number of pixels, got \(Arguments.describe(v))")
            }
        }

        func bool(_ key: String) throws -> Bool {
            guard let v = self[key] else { return false }
            guard case .bool(let b) = v else { throw ScriptError("\(method): \(key) must be true or false") }
            return b
        }
    }

    /// The first column other than `except` that holds numbers (and nothing else but empty cells).
    static func firstNumericColumn(_ t: Table, except: String?) -> String? {
        zip(t.names, t.columns).first { name, col in
            name != except && col.contains(where: \.isNumber) && col.allSatisfy { $0.isNumber || $0.isNull }
        }?.0
    }

    static func plot(_ table: Table, _ call: LuaStack, _ context: Context) throws -> Int32 {
        let a = try PlotArguments(call, 2)
        let kind = try a.string("kind") ?? "bar"
        var options = PlotOptions(title: try a.string("title"), xLabel: try a.string("xlabel"), yLabel: try a.string("ylabel"),
                                  width: try a.integer("width"), height: try a.integer("height"))
        let file = try a.string("file")
        let overwrite = try a.bool("overwrite")
        do {
            let svg: String
            switch kind {
            case "bar", "line":
                for k in ["doc", "position", "length"] where a[k] != nil {
                    throw ScriptError("\(call.name): \(k) is for kind = \"dispersion\"; a \(kind) chart takes x and y")
                }
                if kind == "bar", a["series"] != nil { throw ScriptError("\(call.name): series is for kind = \"line\"") }
                if kind == "bar", a["by"] != nil { throw ScriptError("\(call.name): by is for kind = \"line\"") }
                let by = try a.string("by").map { name in
                    guard let p = PlotPeriod(rawValue: name) else {
                        throw ScriptError("\(call.name): by must be \(PlotPeriod.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), got \(Arguments.describe(.string(name)))")
                    }
                    return p
                }
                let x = try a.string("x") ?? table.names.first ?? "x"
                guard let y = try a.string("y") ?? firstNumericColumn(table, except: x) else {
                    throw ScriptError("\(call.name): no column of numbers to plot; name one with y = \"…\" (columns: \(table.names.joined(separator: ", ")))")
                }
                if kind == "bar" {
                    guard file != nil else {
                        call.pushString(try TextBars.render(table, x: x, y: y, title: options.title))
                        return 1
                    }
                    svg = try BarChart.svg(table, x: x, y: y, options: options)
                } else {
                    guard file != nil else {
                        throw ScriptError("\(call.name): a line chart is drawn as SVG only; give file = \"name.svg\" (bar charts and dispersion plots also print as text)")
                    }
                    svg = try LineChart.svg(table, x: x, y: y, series: try a.string("series"), by: by, options: options)
                }
            case "dispersion":
                for k in ["x", "y", "series", "by"] where a[k] != nil {
                    throw ScriptError("\(call.name): a dispersion plot takes doc, position and length (columns), not \(k)")
                }
                let rows = try DispersionPlot.rows(table, doc: try a.string("doc") ?? "doc",
                                                   position: try a.string("position") ?? "start",
                                                   length: try a.string("length") ?? "tokens")
                if options.title == nil { options.title = "Dispersion plot" }
                if rows.isEmpty, file != nil { throw PlotError.invalid("there are no hits to plot") }
                guard file != nil else {
                    call.pushString(rows.isEmpty ? "(no hits)" : DispersionPlot.text(rows, title: options.title))
                    return 1
                }
                svg = try DispersionPlot.svg(rows, options: options)
            default:
                throw ScriptError("\(call.name): kind must be \"bar\", \"line\" or \"dispersion\", got \(Arguments.describe(.string(kind)))")
            }
            let written = try PlotFile.write(svg, to: file!, policy: context.policy, outputFolder: context.outputFolder, overwrite: overwrite)
            context.wrote(written)
            call.pushString(written)
            return 1
        } catch let e as PlotError {
            throw ScriptError("\(call.name): \(e.description)")
        } catch let e as TableWriteError {
            throw ScriptError("\(call.name): \(e.description)")
        } catch let e as PathPolicy.Refusal {
            throw ScriptError("\(call.name): \(e.description)")
        }
    }
}
