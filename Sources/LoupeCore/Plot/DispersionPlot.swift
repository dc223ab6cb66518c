import Foundation

/// One document of a dispersion plot: its label, its length in tokens and where its hits
/// start (0-based token positions).
public struct DispersionRow: Sendable, Equatable {
    public var label: String
    public var length: Int
    public var positions: [Int]

    public init(label: String, length: Int, positions: [Int]) {
        self.label = label; self.length = length; self.positions = positions
    }

    /// Where a hit is drawn, from 0 (the document's start) to 1 (its end): the middle of its
    /// first token, so a hit on the first token of a 100-token text is at 0.005.
    public func relative(_ position: Int) -> Double {
        (Double(position) + 0.5) / Double(max(1, length))
    }
}

/// A dispersion plot as AntConc draws one: a row per document, the document as a band from
/// its first token (left) to its last (right), a vertical stroke at each hit's relative
/// position. On the left the document's id, on the right its number of hits and of tokens.
/// Every document has the same width however long it is, so the plot shows *where* in each
/// text a word comes, and whether it comes in bursts or throughout.
public enum DispersionPlot {
    public static let defaultWidth = 800
    public static let rowHeight = 26.0

    /// Rows from a table of hits: one per value of the `doc` column (in order of first
    /// appearance), `position` the hit's 1-based token position (as hits:table()'s `start`),
    /// `length` the document's length in tokens.
    public static func rows(_ table: Table, doc: String, position: String, length: String) throws -> [DispersionRow] {
        let docs = try table.plotColumn(doc, role: "doc").map(\.plotLabel)
        let positions = try table.plotNumbers(position, role: "position")
        let lengths = try table.plotNumbers(length, role: "length")
        var order: [String] = []
        var rows: [String: DispersionRow] = [:]
        for r in docs.indices {
            let p = positions[r], n = lengths[r]
            guard n >= 1, n == n.rounded(), n < 1e15 else {
                throw PlotError.invalid("column '\(length)' (length) holds \(TablePrinter.cellText(.double(n))) in row \(r + 1); a document's length is a whole number of tokens, at least 1")
            }
            guard p >= 1, p == p.rounded(), p <= n else {
                throw PlotError.invalid("column '\(position)' (position) holds \(TablePrinter.cellText(.double(p))) in row \(r + 1); it must be a token position from 1 to the document's length (\(Int(n)), column '\(length)')")
            }
            if rows[docs[r]] == nil {
                order.append(docs[r])
                rows[docs[r]] = DispersionRow(label: docs[r], length: Int(n), positions: [])
            }
            guard rows[docs[r]]!.length == Int(n) else {
                throw PlotError.invalid("column '\(length)' (length) gives document \(docs[r]) two lengths: \(rows[docs[r]]!.length) and \(Int(n)) (row \(r + 1))")
            }
            rows[docs[r]]!.positions.append(Int(p) - 1)
        }
        return order.map { rows[$0]! }
    }

    public static func svg(_ rows: [DispersionRow], options: PlotOptions = PlotOptions()) throws -> String {
        guard !rows.isEmpty else { throw PlotError.noRows }
        let width = try PlotStyle.size(options.width, defaultWidth, "width")
        let W = Double(width)
        let pad = 14.0
        let size = PlotStyle.tickSize

        var top = pad
        let title = options.title ?? "Dispersion plot"
        let titleBaseline = top + PlotStyle.titleSize
        if !title.isEmpty { top = titleBaseline + 12 }
        let headerBaseline = top + size
        let plotTop = headerBaseline + 8
        let tickBaseline = 6 + size
        let xLabel = options.xLabel ?? "position in the document (share of its tokens)"
        let bottomBlock = tickBaseline + 4 + (xLabel.isEmpty ? 0 : 8 + PlotStyle.labelSize) + pad

        let n = Double(rows.count)
        let height: Int
        let slot: Double
        if let h = options.height {
            height = try PlotStyle.size(h, 0, "height")
            slot = (Double(h) - plotTop - bottomBlock) / n
            guard slot >= 8 else {
                throw PlotError.invalid("\(rows.count) documents do not fit in \(h) pixels; give a larger height (or none, to fit them)")
            }
        } else {
            slot = rowHeight
            height = Int((plotTop + n * slot + bottomBlock).rounded(.up))
            guard height <= PlotOptions.sizes.upperBound else {
                throw PlotError.invalid("\(rows.count) documents make a plot taller than \(PlotOptions.sizes.upperBound) pixels")
            }
        }
        let plotBottom = plotTop + n * slot
        let labelSize = min(size, max(7, slot * 0.5))

        let docHeader = options.yLabel ?? "document"
        let labelArea = min(W * 0.3, max(TextMeasure.width(docHeader, size: size),
                                         rows.map { TextMeasure.width($0.label, size: labelSize) }.max() ?? 0))
        let hitTexts = rows.map { NiceTicks.label(Double($0.positions.count), decimals: 0) }
        let lengthTexts = rows.map { NiceTicks.label(Double($0.length), decimals: 0) }
        let hitsWidth = max(TextMeasure.width("hits", size: size), hitTexts.map { TextMeasure.width($0, size: labelSize) }.max() ?? 0)
        let lengthWidth = max(TextMeasure.width("tokens", size: size), lengthTexts.map { TextMeasure.width($0, size: labelSize) }.max() ?? 0)
        let lengthRight = W - pad
        let hitsRight = lengthRight - lengthWidth - 14
        let plotLeft = pad + labelArea + 12
        let plotRight = hitsRight - hitsWidth - 14
        guard plotRight - plotLeft >= 60 else { throw PlotError.invalid("the plot is too narrow for its labels; give a larger width") }
        func px(_ r: Double) -> Double { plotLeft + r * (plotRight - plotLeft) }

        var svg = SVGBuilder(width: width, height: height)
        if !title.isEmpty {
            let t = TextMeasure.fit(title, maxWidth: W - 2 * pad, size: PlotStyle.titleSize)
            svg.text(t.text, x: W / 2, y: titleBaseline, size: PlotStyle.titleSize, anchor: .middle, bold: true,
                     tooltip: t.cut ? title : nil, cssClass: "title")
        }
        let header = TextMeasure.fit(docHeader, maxWidth: labelArea, size: size)
        svg.text(header.text, x: pad, y: headerBaseline, size: size, bold: true, fill: PlotStyle.muted, cssClass: "header")
        svg.text("hits", x: hitsRight, y: headerBaseline, size: size, anchor: .end, bold: true, fill: PlotStyle.muted, cssClass: "header")
        svg.text("tokens", x: lengthRight, y: headerBaseline, size: size, anchor: .end, bold: true, fill: PlotStyle.muted, cssClass: "header")

        for (i, share) in [0.0, 0.25, 0.5, 0.75, 1.0].enumerated() {
            let x = px(share)
            svg.line(x1: x, y1: plotTop, x2: x, y2: plotBottom + 4, stroke: PlotStyle.grid, cssClass: "grid")
            svg.text(["0%", "25%", "50%", "75%", "100%"][i], x: x, y: plotBottom + tickBaseline, size: size,
                     anchor: .middle, fill: PlotStyle.muted, cssClass: "tick")
        }
        if !xLabel.isEmpty {
            let t = TextMeasure.fit(xLabel, maxWidth: W - 2 * pad, size: PlotStyle.labelSize)
            svg.text(t.text, x: min(max((plotLeft + plotRight) / 2, pad + TextMeasure.width(t.text, size: PlotStyle.labelSize) / 2),
                                    W - pad - TextMeasure.width(t.text, size: PlotStyle.labelSize) / 2),
                     y: plotBottom + tickBaseline + 8 + PlotStyle.labelSize, size: PlotStyle.labelSize, anchor: .middle,
                     bold: true, fill: PlotStyle.muted, tooltip: t.cut ? xLabel : nil, cssClass: "axis-label")
        }
        for (i, row) in rows.enumerated() {
            let mid = plotTop + (Double(i) + 0.5) * slot
            let band = max(4, slot * 0.72)
            let count = row.positions.count
            svg.rect(x: plotLeft, y: mid - band / 2, width: plotRight - plotLeft, height: band, fill: "#f7f7f7",
                     stroke: "#9a9a9a", cssClass: "document",
                     tooltip: "\(row.label): \(count) hit\(count == 1 ? "" : "s") in \(lengthTexts[i]) tokens")
            svg.verticalTicks(row.positions.map { px(row.relative($0)) }, y1: mid - band / 2 + 1, y2: mid + band / 2 - 1,
                              stroke: "#1f3b73", width: 1.2, cssClass: "hits")
            let t = TextMeasure.fit(row.label, maxWidth: labelArea, size: labelSize)
            let baseline = mid + labelSize * 0.35
            svg.text(t.text, x: pad, y: baseline, size: labelSize, tooltip: t.cut ? row.label : nil, cssClass: "doc")
            svg.text(hitTexts[i], x: hitsRight, y: baseline, size: labelSize, anchor: .end, cssClass: "count")
            svg.text(lengthTexts[i], x: lengthRight, y: baseline, size: labelSize, anchor: .end, fill: PlotStyle.muted, cssClass: "length")
        }
        return svg.render(title: title.isEmpty ? "dispersion plot" : title)
    }

    /// The plot as text for the terminal: a line per document, its label, then `width` cells
    /// between brackets standing for equal parts of the document, `|` where a part holds a hit,
    /// then the number of hits.
    ///
    ///     lavrov-carlson-2024  [ |   ||    |          |||  ]  9
    public static func text(_ rows: [DispersionRow], title: String? = nil, width: Int = 50) -> String {
        let labels = rows.map { TextWidth.truncate(TablePrinter.clean($0.label), to: 30) }
        let labelWidth = labels.map(TextWidth.of).max() ?? 0
        var lines: [String] = []
        if let title, !title.isEmpty { lines.append(title) }
        for (row, label) in zip(rows, labels) {
            var cells = [Character](repeating: " ", count: width)
            for p in row.positions {
                cells[min(width - 1, max(0, Int(row.relative(p) * Double(width))))] = "|"
            }
            lines.append(TextWidth.pad(label, to: labelWidth) + "  [" + String(cells) + "]  " + String(row.positions.count))
        }
        return lines.joined(separator: "\n")
    }
}
