import Foundation

/// A line chart: `y` over `x`, one line per value of a series column (each with a marker at
/// every point, in x order), a legend on the right when there are several. `x` holds numbers
/// or ISO dates (YYYY, YYYY-MM, YYYY-MM-DD, which may be mixed: a year stands for January 1,
/// a month for its first day), placed on a real time axis: the distance between two points
/// is the time between them. The y axis starts at zero unless values are negative.
public enum LineChart {
    public static let defaultWidth = 800
    public static let defaultHeight = 450

    enum XAxis {
        case numbers([Double])
        case dates([Int], PlotDate.Precision)
    }

    /// Reads the x column: all numbers, or all ISO dates (then day numbers).
    static func xValues(_ table: Table, _ x: String) throws -> XAxis {
        let cells = try table.plotColumn(x, role: "x")
        if cells.allSatisfy(\.isNumber) {
            return .numbers(try table.plotNumbers(x, role: "x"))
        }
        var days: [Int] = []
        var finest = PlotDate.Precision.year
        for (r, v) in cells.enumerated() {
            guard case .string(let s) = v, let d = PlotDate.parse(s) else {
                throw PlotError.notDate(column: x, role: "x", row: r + 1, value: v.plotDescription)
            }
            days.append(d.day)
            finest = max(finest, d.precision)
        }
        return .dates(days, finest)
    }

    /// `by`: sum y per period of the dates in x (per series), and break each line where a
    /// period has no data (PlotPeriod).
    public static func svg(_ table: Table, x: String, y: String, series: String? = nil, by: PlotPeriod? = nil,
                           options: PlotOptions = PlotOptions()) throws -> String {
        guard table.rowCount > 0 else {
            _ = try table.plotColumn(x, role: "x"); _ = try table.plotColumn(y, role: "y")
            throw PlotError.noRows
        }
        var xs = try xValues(table, x)
        var ys = try table.plotNumbers(y, role: "y")
        var groups = try series.map { try table.plotColumn($0, role: "series").map(\.plotLabel) }
        var xTexts = try table.plotColumn(x, role: "x").map(\.plotLabel)
        var o = options
        if let by {
            guard case .dates(let days, _) = xs else {
                throw PlotError.invalid("by = \"\(by.rawValue)\" groups dates, but column '\(x)' (x) holds numbers")
            }
            let t = PlotPeriod.totals(days: days, ys: ys, groups: groups, by: by)
            xs = .dates(t.days, by.precision)
            ys = t.ys
            groups = t.groups
            xTexts = t.days.map(by.label)
            if o.title == nil { o.title = "\(y) per \(by.rawValue)" + (series.map { " by \($0)" } ?? "") }
        }
        if o.title == nil { o.title = "\(y) over \(x)" + (series.map { " by \($0)" } ?? "") }
        if o.xLabel == nil { o.xLabel = by.map { "\(x) (per \($0.rawValue))" } ?? x }
        if o.yLabel == nil { o.yLabel = y }
        return try render(xs, xTexts: xTexts, ys: ys, groups: groups, period: by, options: o)
    }

    static func render(_ xAxis: XAxis, xTexts: [String], ys: [Double], groups: [String]?, period: PlotPeriod? = nil,
                       options: PlotOptions) throws -> String {
        let width = try PlotStyle.size(options.width, defaultWidth, "width")
        let height = try PlotStyle.size(options.height, defaultHeight, "height")
        let W = Double(width), H = Double(height)
        let pad = 14.0

        let xs: [Double]
        switch xAxis {
        case .numbers(let v): xs = v
        case .dates(let d, _): xs = d.map(Double.init)
        }
        // the series, in order of first appearance; each one's rows in x order (stable)
        var order: [String] = []
        var rowsOf: [String: [Int]] = [:]
        for i in xs.indices {
            let key = groups?[i] ?? ""
            if rowsOf[key] == nil { order.append(key) }
            rowsOf[key, default: []].append(i)
        }
        let lines = order.map { key in (key, rowsOf[key]!.sorted { xs[$0] < xs[$1] }) }

        // top: title
        var top = pad
        let title = options.title ?? ""
        let titleBaseline = top + PlotStyle.titleSize
        if !title.isEmpty { top = titleBaseline + 14 } else { top += 6 }
        let plotTop = top

        // right: the legend, when there are several series
        let showLegend = groups != nil && lines.count > 1
        let legendLabels = lines.map(\.0)
        let legendTextWidth = min(W * 0.25, legendLabels.map { TextMeasure.width($0, size: PlotStyle.tickSize) }.max() ?? 0)
        let legendWidth = showLegend ? legendTextWidth + 34 : 0

        // bottom: x tick labels and the x axis label
        let tickBaseline = 8 + PlotStyle.tickSize
        let xLabel = options.xLabel ?? ""
        let plotBottom = H - pad - (xLabel.isEmpty ? 0 : PlotStyle.labelSize + 8) - tickBaseline - 4
        guard plotBottom - plotTop >= 60 else { throw PlotError.invalid("the plot is too low for its labels; give a larger height") }

        // y axis: nice ticks, zero included unless values are negative
        let yMin = ys.min()!, yMax = ys.max()!
        let maxYTicks = max(2, min(10, Int((plotBottom - plotTop) / 34) + 1))
        let (yTicks, yStep) = NiceTicks.ticks(lo: min(0, yMin), hi: max(0, yMax), maxCount: maxYTicks)
        let yDecimals = NiceTicks.decimals(step: yStep)
        let yTickLabels = yTicks.map { NiceTicks.label($0, decimals: yDecimals) }
        let yLabel = options.yLabel ?? ""
        let yLabelRoom = yLabel.isEmpty ? 0 : PlotStyle.labelSize + 10
        let widestYTick = yTickLabels.map { TextMeasure.width($0, size: PlotStyle.tickSize) }.max() ?? 0

        // x axis: the data's range; ticks as many as their labels allow
        var lo = xs.min()!, hi = xs.max()!
        if lo == hi {
            switch xAxis {
            case .numbers: let d = lo == 0 ? 1 : max(1e-9, abs(lo) * 0.1); lo -= d; hi += d
            case .dates(_, let p):
                let d = p == .year ? 183.0 : (p == .month ? 15 : 3)
                lo -= d; hi += d
            }
        }
        let integersOnly: Bool = {
            if case .numbers(let v) = xAxis { return v.allSatisfy { $0 == $0.rounded() } }
            return false
        }()
        func xTicks(maxCount: Int) -> [(Double, String)] {
            switch xAxis {
            case .numbers:
                var count = maxCount
                if integersOnly, hi - lo < 1e6 { count = min(count, Int(hi - lo) + 1) }
                let (t, step) = NiceTicks.ticks(lo: lo, hi: hi, maxCount: count)
                let d = NiceTicks.decimals(step: step)
                let eps = (hi - lo) * 1e-9
                return t.filter { $0 >= lo - eps && $0 <= hi + eps }.map { ($0, NiceTicks.label($0, decimals: d)) }
            case .dates:
                return PlotDate.ticks(lo: Int(lo.rounded(.up)), hi: Int(hi.rounded(.down)), maxCount: maxCount).map { (Double($0.day), $0.label) }
            }
        }
        var ticks = xTicks(maxCount: 10)
        var plotLeft = 0.0, plotRight = 0.0
        for _ in 0..<3 {
            let widestX = ticks.map { TextMeasure.width($0.1, size: PlotStyle.tickSize) }.max() ?? 0
            plotLeft = max(pad + yLabelRoom + widestYTick + 8, pad + widestX / 2)
            plotRight = W - pad - max(legendWidth, widestX / 2)
            let fit = max(2, Int((plotRight - plotLeft) / (widestX + 18)) + 1)
            ticks = xTicks(maxCount: min(10, fit))
        }
        guard plotRight - plotLeft >= 60 else { throw PlotError.invalid("the plot is too narrow for its labels; give a larger width") }
        let y0 = yTicks.first!, y1 = yTicks.last!
        // the first and last points stand a little inside the axes, not on them
        let inset = 10.0
        func px(_ v: Double) -> Double { plotLeft + inset + PlotStyle.fraction(v, lo, hi) * (plotRight - plotLeft - 2 * inset) }
        func py(_ v: Double) -> Double { plotBottom - PlotStyle.fraction(v, y0, y1) * (plotBottom - plotTop) }

        var svg = SVGBuilder(width: width, height: height)
        if !title.isEmpty {
            let t = TextMeasure.fit(title, maxWidth: W - 2 * pad, size: PlotStyle.titleSize)
            svg.text(t.text, x: W / 2, y: titleBaseline, size: PlotStyle.titleSize, anchor: .middle, bold: true,
                     tooltip: t.cut ? title : nil, cssClass: "title")
        }
        for (v, label) in zip(yTicks, yTickLabels) {
            let y = py(v)
            svg.line(x1: plotLeft, y1: y, x2: plotRight, y2: y, stroke: v == 0 ? PlotStyle.axis : PlotStyle.grid,
                     width: v == 0 ? 1.2 : 1, cssClass: "grid")
            svg.text(label, x: plotLeft - 8, y: y + PlotStyle.tickSize * 0.35, size: PlotStyle.tickSize, anchor: .end,
                     fill: PlotStyle.muted, cssClass: "tick y-tick")
        }
        for (v, label) in ticks {
            let x = px(v)
            svg.line(x1: x, y1: plotBottom, x2: x, y2: plotBottom + 5, stroke: PlotStyle.axis, cssClass: "x-tick-mark")
            svg.text(label, x: x, y: plotBottom + tickBaseline, size: PlotStyle.tickSize, anchor: .middle,
                     fill: PlotStyle.muted, cssClass: "tick x-tick")
        }
        svg.line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, stroke: PlotStyle.axis, cssClass: "axis")
        svg.line(x1: plotLeft, y1: plotTop, x2: plotLeft, y2: plotBottom, stroke: PlotStyle.axis, cssClass: "axis")
        if !xLabel.isEmpty {
            let t = TextMeasure.fit(xLabel, maxWidth: plotRight - plotLeft, size: PlotStyle.labelSize)
            svg.text(t.text, x: (plotLeft + plotRight) / 2, y: H - pad, size: PlotStyle.labelSize, anchor: .middle,
                     bold: true, fill: PlotStyle.muted, tooltip: t.cut ? xLabel : nil, cssClass: "axis-label")
        }
        if !yLabel.isEmpty {
            let t = TextMeasure.fit(yLabel, maxWidth: plotBottom - plotTop, size: PlotStyle.labelSize)
            svg.text(t.text, x: pad + PlotStyle.labelSize, y: (plotTop + plotBottom) / 2, size: PlotStyle.labelSize,
                     anchor: .middle, bold: true, rotate: -90, fill: PlotStyle.muted,
                     tooltip: t.cut ? yLabel : nil, cssClass: "axis-label")
        }

        let dense = Double(xs.count) / Double(max(1, lines.count)) > (plotRight - plotLeft) / 8
        let radius = dense ? 1.5 : 3.2
        for (k, (name, rows)) in lines.enumerated() {
            let colour = PlotStyle.palette[k % PlotStyle.palette.count]
            let dash = PlotStyle.dashes[(k / PlotStyle.palette.count) % PlotStyle.dashes.count]
            let points = rows.map { (px(xs[$0]), py(ys[$0])) }
            // with periods, a line joins only neighbouring periods: an empty one is a gap, not a zero
            var segment: [(Double, Double)] = []
            for (j, r) in rows.enumerated() {
                if let period, j > 0, Int(xs[r]) != period.next(after: Int(xs[rows[j - 1]])) {
                    if segment.count > 1 { svg.polyline(segment, stroke: colour, width: 2, dash: dash, cssClass: "series") }
                    segment = []
                }
                segment.append(points[j])
            }
            if segment.count > 1 { svg.polyline(segment, stroke: colour, width: 2, dash: dash, cssClass: "series") }
            let yTexts = BarChart.valueTexts(rows.map { ys[$0] })
            for (j, r) in rows.enumerated() {
                svg.circle(cx: points[j].0, cy: points[j].1, r: radius, fill: colour, cssClass: "point",
                           tooltip: (name.isEmpty ? "" : name + ": ") + "\(xTexts[r]), \(yTexts[j])")
            }
        }
        if showLegend {
            let x0 = W - pad - legendWidth + 10
            let rowHeight = 18.0
            let fits = max(1, Int((plotBottom - plotTop) / rowHeight))
            for (k, (name, _)) in lines.enumerated() {
                if k == fits - 1 && lines.count > fits {
                    svg.text("+\(lines.count - k) more", x: x0, y: plotTop + Double(k) * rowHeight + 12, size: PlotStyle.tickSize,
                             fill: PlotStyle.muted, cssClass: "legend")
                    break
                }
                let colour = PlotStyle.palette[k % PlotStyle.palette.count]
                let dash = PlotStyle.dashes[(k / PlotStyle.palette.count) % PlotStyle.dashes.count]
                let y = plotTop + Double(k) * rowHeight + 8
                svg.line(x1: x0, y1: y, x2: x0 + 18, y2: y, stroke: colour, width: 2.5, dash: dash, cssClass: "legend-line")
                let t = TextMeasure.fit(name, maxWidth: legendTextWidth, size: PlotStyle.tickSize)
                svg.text(t.text, x: x0 + 24, y: y + PlotStyle.tickSize * 0.35, size: PlotStyle.tickSize,
                         tooltip: t.cut ? name : nil, cssClass: "legend")
            }
        }
        return svg.render(title: title.isEmpty ? "line chart" : title)
    }
}
