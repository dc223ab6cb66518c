import LoupeCore
import LuaRuntime

/// `t:plot{kind = "bar"|"line"|"dispersion", x =, y =, file =, …}` (docs/api.md; options: MethodOptions.plot): an SVG file
/// written like t:write writes (inside the output folder, atomically, never over a file unless
/// {overwrite = true}), its path returned; without `file`, a bar chart or a dispersion plot
/// as text (the REPL shows a returned string as it is).
extension TableBinding {
    /// The first column other than `except` that holds numbers (and nothing else but empty cells).
    static func firstNumericColumn(_ t: Table, except: String?) -> String? {
        zip(t.names, t.columns).first { name, col in
            name != except && col.contains(where: \.isNumber) && col.allSatisfy { $0.isNumber || $0.isNull }
        }?.0
    }

    static func plot(_ table: Table, _ call: LuaStack, _ context: Context) throws -> Int32 {
        let a = try Options(call, 2, MethodOptions.plot)
        let kind = a.string("kind") ?? "bar"
        var options = PlotOptions(title: a.string("title"), xLabel: a.string("xlabel"), yLabel: a.string("ylabel"),
                                  width: a.int("width"), height: a.int("height"))
        let file = a.string("file")
        let overwrite = a.bool("overwrite") ?? false
        // a host that shows charts itself (a browser) gets the SVG of a chart drawn without a file
        let asSVG = file != nil || context.display != nil
        do {
            let svg: String
            switch kind {
            case "bar", "line":
                for k in ["doc", "position", "length"] where a[k] != nil {
                    throw ScriptError("\(call.name): \(k) is for kind = \"dispersion\"; a \(kind) chart takes x and y")
                }
                if kind == "bar", a["series"] != nil { throw ScriptError("\(call.name): series is for kind = \"line\"") }
                if kind == "bar", a["by"] != nil { throw ScriptError("\(call.name): by is for kind = \"line\"") }
                let by = a.string("by").flatMap(PlotPeriod.init(rawValue:))
                let x = a.string("x") ?? table.names.first ?? "x"
                guard let y = a.string("y") ?? firstNumericColumn(table, except: x) else {
                    throw ScriptError("\(call.name): no column of numbers to plot; name one with y = \"…\" (columns: \(table.names.joined(separator: ", ")))")
                }
                if kind == "bar" {
                    guard asSVG else {
                        call.pushString(try TextBars.render(table, x: x, y: y, title: options.title))
                        return 1
                    }
                    svg = try BarChart.svg(table, x: x, y: y, options: options)
                } else {
                    guard asSVG else {
                        throw ScriptError("\(call.name): a line chart is drawn as SVG only; give file = \"name.svg\" (bar charts and dispersion plots also print as text)")
                    }
                    svg = try LineChart.svg(table, x: x, y: y, series: a.string("series"), by: by, options: options)
                }
            case "dispersion":
                for k in ["x", "y", "series", "by"] where a[k] != nil {
                    throw ScriptError("\(call.name): a dispersion plot takes doc, position and length (columns), not \(k)")
                }
                let rows = try DispersionPlot.rows(table, doc: a.string("doc") ?? "doc",
                                                   position: a.string("position") ?? "start",
                                                   length: a.string("length") ?? "tokens")
                if options.title == nil { options.title = "Dispersion plot" }
                if rows.isEmpty, file != nil { throw PlotError.invalid("there are no hits to plot") }
                guard asSVG, !rows.isEmpty else {
                    call.pushString(rows.isEmpty ? "(no hits)" : DispersionPlot.text(rows, title: options.title))
                    return 1
                }
                svg = try DispersionPlot.svg(rows, options: options)
            default:
                throw ScriptError("\(call.name): kind must be \"bar\", \"line\" or \"dispersion\", got \(Arguments.describe(.string(kind)))")
            }
            guard let file else {                       // without a file: only for a host's display
                context.display?(.figure(svg: svg))
                return 0
            }
            let written = try PlotFile.write(svg, to: file, policy: context.policy, outputFolder: context.outputFolder, overwrite: overwrite)
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
