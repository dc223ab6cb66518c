import Foundation

/// A bar chart with horizontal bars: one row per category, its label on the left (words read
/// best horizontally, and a long list just makes the chart taller), the value axis at the
/// bottom with 1-2-5 ticks and grid lines, each bar's value at its end. Bars keep the order
/// of the rows. Labels too wide for a third of the width end in "…", the full text in a
/// tooltip (<title>). Negative values go left of a zero line.
public enum BarChart {
    public static let defaultWidth = 800
    /// Pixels per bar when the height is not given.
    public static let rowHeight = 24.0

    /// The bars of `y` per `x` in a table (`x` any column, shown as text; `y` numbers).
    public static func svg(_ table: Table, x: String, y: String, options: PlotOptions = PlotOptions()) throws -> String {
        let labels = try table.plotColumn(x, role: "x").map(\.plotLabel)
        let values = try table.plotNumbers(y, role: "y")
        var o = options
        if o.title == nil { o.title = "\(y) by \(x)" }
        if o.xLabel == nil { o.xLabel = x }
        if o.yLabel == nil { o.yLabel = y }
        return try svg(labels: labels, values: values, options: o)
    }

    /// Values as bar labels show them: whole numbers without decimals, others with as many
    /// decimals as the most precise needs (at most 4), as tables print.
    static func valueTexts(_ values: [Double]) -> [String] {
        let cells = values.map { v -> TableValue in v == v.rounded() && abs(v) < 1e15 ? .int(Int(v)) : .double(v) }
        let decimals = TablePrinter.decimalsFor(cells)
        return cells.map { TablePrinter.cellText($0, decimals: decimals) }
    }

    /// `xLabel` names the categories (shown above them), `yLabel` the values (under the axis).
    public static func svg(labels: [String], values: [Double], options: PlotOptions = PlotOptions()) throws -> String {
        guard !values.isEmpty else { throw PlotError.noRows }
        guard labels.count == values.count else { throw PlotError.invalid("\(labels.count) labels for \(values.count) values") }
        let width = try PlotStyle.size(options.width, defaultWidth, "width")
        let W = Double(width)
        let pad = 14.0
        let texts = valueTexts(values)

        // top: title, then the category header
        var top = pad
        let title = options.title ?? ""
        let titleBaseline = top + PlotStyle.titleSize
        if !title.isEmpty { top = titleBaseline + 10 }
        let header = options.xLabel ?? ""
        let headerBaseline = top + PlotStyle.labelSize
        if !header.isEmpty { top = headerBaseline + 8 } else { top += 4 }
        let plotTop = top
        // bottom: tick labels, then the axis label
        let tickBaseline = 6 + PlotStyle.tickSize
        let axisLabel = options.yLabel ?? ""
        let bottomBlock = tickBaseline + 4 + (axisLabel.isEmpty ? 0 : 8 + PlotStyle.labelSize) + pad

        let n = Double(values.count)
        let height: Int
        let slot: Double
        if let h = options.height {
            height = try PlotStyle.size(h, 0, "height")
            slot = (Double(h) - plotTop - bottomBlock) / n
            guard slot >= 8 else {
                throw PlotError.invalid("\(values.count) bars do not fit in \(h) pixels; give a larger height (or none, to fit them) or fewer rows (t:head)")
            }
        } else {
            slot = rowHeight
            height = Int((plotTop + n * slot + bottomBlock).rounded(.up))
            guard height <= PlotOptions.sizes.upperBound else {
                throw PlotError.invalid("\(values.count) bars make a plot taller than \(PlotOptions.sizes.upperBound) pixels; plot fewer rows (t:head)")
            }
        }
        let H = Double(height)
        let plotBottom = plotTop + n * slot
        let labelSize = min(PlotStyle.tickSize, max(7, slot * 0.6))
        let valueSize = min(PlotStyle.valueSize, max(7, slot * 0.55))

        // left: category labels (at most a third of the width), then room for negative values' labels
        let widest = labels.map { TextMeasure.width($0, size: labelSize) }.max() ?? 0
        let labelArea = min(widest, W * 0.33)
        var plotLeft = pad + labelArea + 10
        let negativeRoom = zip(values, texts).filter { $0.0 < 0 }.map { TextMeasure.width($0.1, size: valueSize) + 6 }.max() ?? 0
        plotLeft += negativeRoom
        let positiveRoom = zip(values, texts).filter { $0.0 >= 0 }.map { TextMeasure.width($0.1, size: valueSize) + 6 }.max() ?? 0

        // value axis: ticks as many as their labels allow
        let lo = min(0, values.min()!), hi = max(0, values.max()!)
        func axis(_ plotWidth: Double, maxCount: Int) -> (ticks: [Double], labels: [String]) {
            let (ticks, step) = NiceTicks.ticks(lo: lo, hi: hi, maxCount: maxCount)
            let d = NiceTicks.decimals(step: step)
            return (ticks, ticks.map { NiceTicks.label($0, decimals: d) })
        }
        var plotRight = W - pad - positiveRoom
        var (ticks, tickLabels) = axis(plotRight - plotLeft, maxCount: 10)
        for _ in 0..<3 {
            let lastHalf = TextMeasure.width(tickLabels.last ?? "", size: PlotStyle.tickSize) / 2
            let firstHalf = TextMeasure.width(tickLabels.first ?? "", size: PlotStyle.tickSize) / 2
            plotRight = W - pad - max(positiveRoom, lastHalf)
            plotLeft = max(plotLeft, pad + firstHalf)
            let widestTick = tickLabels.map { TextMeasure.width($0, size: PlotStyle.tickSize) }.max() ?? 10
            let fit = max(2, Int((plotRight - plotLeft) / (widestTick + 16)) + 1)
            (ticks, tickLabels) = axis(plotRight - plotLeft, maxCount: min(10, fit))
        }
        guard plotRight - plotLeft >= 40 else { throw PlotError.invalid("the plot is too narrow for its labels; give a larger width") }
        let d0 = ticks.first!, d1 = ticks.last!
        func px(_ v: Double) -> Double { plotLeft + PlotStyle.fraction(v, d0, d1) * (plotRight - plotLeft) }

        var svg = SVGBuilder(width: width, height: height)
        if !title.isEmpty {
            let t = TextMeasure.fit(title, maxWidth: W - 2 * pad, size: PlotStyle.titleSize)
            svg.text(t.text, x: W / 2, y: titleBaseline, size: PlotStyle.titleSize, anchor: .middle, bold: true,
                     tooltip: t.cut ? title : nil, cssClass: "title")
        }
        if !header.isEmpty {
            let t = TextMeasure.fit(header, maxWidth: W - 2 * pad, size: PlotStyle.labelSize)
            svg.text(t.text, x: pad, y: headerBaseline, size: PlotStyle.labelSize, bold: true, fill: PlotStyle.muted,
                     tooltip: t.cut ? header : nil, cssClass: "axis-label")
        }
        for (v, label) in zip(ticks, tickLabels) {
            let x = px(v)
            svg.line(x1: x, y1: plotTop, x2: x, y2: plotBottom, stroke: v == 0 ? PlotStyle.axis : PlotStyle.grid,
                     width: v == 0 ? 1.2 : 1, cssClass: "grid")
            svg.text(label, x: x, y: plotBottom + tickBaseline, size: PlotStyle.tickSize, anchor: .middle, fill: PlotStyle.muted, cssClass: "tick")
        }
        svg.line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, stroke: PlotStyle.axis, cssClass: "axis")
        if !axisLabel.isEmpty {
            let t = TextMeasure.fit(axisLabel, maxWidth: W - 2 * pad, size: PlotStyle.labelSize)
            svg.text(t.text, x: (plotLeft + plotRight) / 2, y: min(H - pad, plotBottom + tickBaseline + 8 + PlotStyle.labelSize),
                     size: PlotStyle.labelSize, anchor: .middle, bold: true, fill: PlotStyle.muted,
                     tooltip: t.cut ? axisLabel : nil, cssClass: "axis-label")
        }
        let zero = px(0)
        for (i, v) in values.enumerated() {
            let yTop = plotTop + Double(i) * slot
            let mid = yTop + slot / 2
            let thickness = max(3, slot * 0.7)
            let end = px(v)
            svg.rect(x: min(zero, end), y: mid - thickness / 2, width: abs(end - zero), height: thickness,
                     fill: PlotStyle.bar, cssClass: "bar", tooltip: "\(labels[i]): \(texts[i])")
            let fitted = TextMeasure.fit(labels[i], maxWidth: labelArea, size: labelSize)
            svg.text(fitted.text, x: plotLeft - negativeRoom - 8, y: mid + labelSize * 0.35, size: labelSize, anchor: .end,
                     tooltip: fitted.cut ? labels[i] : nil, cssClass: "category")
            svg.text(texts[i], x: v < 0 ? end - 4 : end + 4, y: mid + valueSize * 0.35, size: valueSize,
                     anchor: v < 0 ? .end : .start, fill: PlotStyle.muted, cssClass: "value")
        }
        return svg.render(title: title.isEmpty ? "bar chart" : title)
    }
}

/// A bar chart as text for the terminal:
///
///     n by outlet
///     Strategic Stability  ████████████████████████████████████████ 23
///     RT                   ████████████▏ 7
///
/// Labels left-aligned and cut to 30 columns, bars in eighths of a cell (U+2588…U+258F)
/// scaled so the largest is `barWidth` cells, then the value. Zero and negative values get
/// no bar; their value still shows.
public enum TextBars {
    public static func render(labels: [String], values: [Double], title: String? = nil, barWidth: Int = 40) -> String {
        let shown = labels.map { TextWidth.truncate(TablePrinter.clean($0), to: 30) }
        let labelWidth = shown.map(TextWidth.of).max() ?? 0
        let texts = BarChart.valueTexts(values)
        let top = values.filter(\.isFinite).max() ?? 0
        var lines: [String] = []
        if let title, !title.isEmpty { lines.append(title) }
        for i in values.indices {
            var bar = ""
            if top > 0, values[i] > 0, values[i].isFinite {
                let eighths = Int((values[i] / top * Double(barWidth * 8)).rounded())
                bar = String(repeating: "█", count: eighths / 8)
                let part = eighths % 8
                if part > 0 { bar += String(Character(Unicode.Scalar(0x2590 - UInt32(part))!)) }
                if bar.isEmpty { bar = "▏" }
            }
            lines.append(TextWidth.pad(shown[i], to: labelWidth) + "  " + bar + (bar.isEmpty ? "" : " ") + texts[i])
        }
        return lines.joined(separator: "\n")
    }

    /// The bars of `y` per `x` in a table; the title says which ("n by outlet").
    public static func render(_ table: Table, x: String, y: String, title: String? = nil) throws -> String {
        let labels = try table.plotColumn(x, role: "x").map(\.plotLabel)
        let values = try table.plotNumbers(y, role: "y")
        guard !values.isEmpty else { throw PlotError.noRows }
        return render(labels: labels, values: values, title: title ?? "\(y) by \(x)")
    }
}
