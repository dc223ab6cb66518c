import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import LoupeCore
import LoupeTestSupport

/// An SVG read back with Foundation's XMLParser: every element with its attributes, and for
/// each <text> the characters it shows (its <title> child, the tooltip, kept apart).
final class ParsedSVG: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""
        var tooltip: String?
        func number(_ key: String) -> Double? { attributes[key].flatMap(Double.init) }
        var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }
    }

    var elements: [Element] = []
    private var stack: [Int] = []
    private var inTitle = false
    var error: Error?

    init(_ svg: String) {
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        if !parser.parse() { error = parser.parserError ?? NSError(domain: "xml", code: 1) }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == "title", !stack.isEmpty { inTitle = true; return }
        elements.append(Element(name: name, attributes: attributes))
        stack.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "title", inTitle { inTitle = false; return }
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard let i = stack.last else { return }
        if inTitle { elements[i].tooltip = (elements[i].tooltip ?? "") + string } else { elements[i].text += string }
    }

    var root: Element? { elements.first }
    func all(_ name: String, class cls: String? = nil) -> [Element] {
        elements.filter { $0.name == name && (cls == nil || $0.classes.contains(cls!)) }
    }
    var viewBox: [Double] { (root?.attributes["viewBox"] ?? "").split(separator: " ").compactMap { Double($0) } }

    /// The estimated box of a text element (the layout's own estimate of its width; ascent
    /// 0.8 em, descent 0.25 em), rotated as its transform says.
    static func box(_ e: Element) -> (x0: Double, x1: Double, y0: Double, y1: Double) {
        let x = e.number("x") ?? 0, y = e.number("y") ?? 0, size = e.number("font-size") ?? 16
        let w = TextMeasure.width(e.text, size: size)
        let (a, b): (Double, Double)
        switch e.attributes["text-anchor"] ?? "start" {
        case "middle": (a, b) = (-w / 2, w / 2)
        case "end": (a, b) = (-w, 0)
        default: (a, b) = (0, w)
        }
        let ascent = 0.8 * size, descent = 0.25 * size
        if let t = e.attributes["transform"] {
            #expect(t.hasPrefix("rotate(-90 "), "only rotate(-90 x y) is expected, got \(t)")
            return (x - ascent, x + descent, y - b, y - a)
        }
        return (x + a, x + b, y - ascent, y + descent)
    }

    /// Text elements whose estimated box leaves the viewBox.
    func textsOutside() -> [String] {
        let vb = viewBox
        guard vb.count == 4 else { return ["no viewBox"] }
        return all("text").compactMap { e in
            let b = Self.box(e)
            let inside = b.x0 >= vb[0] - 0.01 && b.x1 <= vb[0] + vb[2] + 0.01 && b.y0 >= vb[1] - 0.01 && b.y1 <= vb[1] + vb[3] + 0.01
            return inside ? nil : "\"\(e.text)\" at \(b)"
        }
    }
}

@Suite struct PlotTests {
    static let words = ["nato", "minsk agreements", "Kiev’s", "<b>&amp;</b> \"quoted\" 'single'", "日本語のラベル",
                        "a very long category label that goes on and on and would never fit on the left of a bar chart",
                        "ctrl\u{1}char", "e\u{301}"]

    static func wellFormed(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) -> ParsedSVG {
        let p = ParsedSVG(svg)
        #expect(p.error == nil, "not well-formed XML: \(String(describing: p.error))", sourceLocation: sourceLocation)
        #expect(p.root?.name == "svg", sourceLocation: sourceLocation)
        #expect(p.root?.attributes["xmlns"] == "http://www.w3.org/2000/svg", sourceLocation: sourceLocation)
        #expect(p.root?.attributes["font-family"] == "sans-serif", sourceLocation: sourceLocation)
        let w = p.root?.number("width"), h = p.root?.number("height")
        #expect(p.viewBox == [0, 0, w ?? -1, h ?? -1], "viewBox is the size", sourceLocation: sourceLocation)
        #expect(p.textsOutside().isEmpty, "texts outside the viewBox: \(p.textsOutside())", sourceLocation: sourceLocation)
        return p
    }

    // MARK: ticks

    @Test func ticksAreOneTwoFiveStepsCoveringTheRange() {
        var rng = LCG(seed: 42)
        for _ in 0..<2000 {
            let scale = pow(10, Double(rng.int(13)) - 6)
            let a = (Double(rng.int(20001)) - 10000) / 100 * scale
            let b = a + Double(rng.int(10000)) / 100 * scale
            let maxCount = 2 + rng.int(10)
            let (ticks, step) = NiceTicks.ticks(lo: a, hi: b, maxCount: maxCount)
            #expect(ticks.count >= 2 && ticks.count <= max(maxCount, a < 0 && b > 0 ? 3 : 2), "\(a)…\(b) max \(maxCount): \(ticks)")
            let mantissa = step / pow(10, floor(log10(step)))
            #expect([1.0, 2.0, 5.0].contains { abs(mantissa - $0) < 1e-9 }, "step \(step)")
            #expect(ticks.first! <= a + step * 1e-9 && ticks.last! >= b - step * 1e-9, "\(a)…\(b): \(ticks)")
            for (p, q) in zip(ticks, ticks.dropFirst()) { #expect(abs(q - p - step) <= step * 1e-6) }
            for t in ticks { #expect(abs(t / step - (t / step).rounded()) < 1e-6, "tick \(t) is a multiple of \(step)") }
        }
        #expect(NiceTicks.ticks(lo: 0, hi: 69, maxCount: 8).values == [0, 10, 20, 30, 40, 50, 60, 70])
        #expect(NiceTicks.ticks(lo: 0, hi: 1, maxCount: 6).values == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
        #expect(NiceTicks.ticks(lo: 5, hi: 5, maxCount: 5).values.contains(5))
    }

    @Test func tickLabels() {
        #expect(NiceTicks.label(0.6000000000000001, decimals: NiceTicks.decimals(step: 0.2)) == "0.6")
        #expect(NiceTicks.label(2022, decimals: 0) == "2022")
        #expect(NiceTicks.label(25000, decimals: 0) == "25,000")
        #expect(NiceTicks.label(-1234567.5, decimals: 1) == "-1,234,567.5")
        #expect(NiceTicks.label(-0.0, decimals: 1) == "0.0")
        #expect(NiceTicks.decimals(step: 0.25) == 2 && NiceTicks.decimals(step: 5) == 0 && NiceTicks.decimals(step: 0.001) == 3)
    }

    // MARK: dates

    @Test func isoDatesParseToDayNumbers() {
        #expect(PlotDate.parse("1970-01-01")?.day == 0)
        #expect(PlotDate.parse("2000-03-01")?.day == 11017)
        #expect(PlotDate.parse("2022")?.day == PlotDate.parse("2022-01-01")?.day)
        #expect(PlotDate.parse("2022-02")?.precision == .month)
        #expect(PlotDate.parse("2024-02-29") != nil)
        for bad in ["2023-02-29", "2022-13", "2022-00", "22-01-01", "2022-1-5", "2022/01/01", "March", "", "2022-01-32"] {
            #expect(PlotDate.parse(bad) == nil, "\(bad)")
        }
        // round trip over eight centuries, against Foundation's Gregorian calendar (from 1590:
        // before October 1582 it counts Julian dates; ISO 8601 and PlotDate stay Gregorian)
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        for day in stride(from: -139_000, to: 150_000, by: 97) {
            let c = PlotDate.civil(day)
            #expect(PlotDate.days(year: c.year, month: c.month, day: c.day) == day)
            let d = cal.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(day) * 86400))
            #expect(d.year == c.year && d.month == c.month && d.day == c.day, "day \(day)")
        }
    }

    @Test func timeTicksFitAndAreInOrder() {
        let cases: [(String, String, String)] = [("2022-01-01", "2022-01-09", "2022-01-01"), ("2021-11-15", "2022-06-15", "2021-12"),
                                                 ("2010", "2024", "2010"), ("1900", "2024", "1900")]
        for (a, b, first) in cases {
            let lo = PlotDate.parse(a)!.day, hi = PlotDate.parse(b)!.day
            let ticks = PlotDate.ticks(lo: lo, hi: hi, maxCount: 8)
            #expect(ticks.count >= 2 && ticks.count <= 8, "\(a)…\(b): \(ticks)")
            #expect(ticks.allSatisfy { $0.day >= lo && $0.day <= hi })
            #expect(zip(ticks, ticks.dropFirst()).allSatisfy { $0.day < $1.day })
            #expect(ticks.first?.label == first, "\(a)…\(b): \(ticks.map(\.label))")
            #expect(ticks.allSatisfy { PlotDate.parse($0.label)?.day == $0.day }, "labels name the tick's own day")
        }
    }

    // MARK: bar chart

    @Test func barChartHasABarAndALabelPerRowAndNothingOutside() throws {
        let values = Self.words.indices.map { Double($0 * 7 + 3) }
        let svg = try BarChart.svg(labels: Self.words, values: values, options: PlotOptions(title: "Counts & <things>", xLabel: "word", yLabel: "n"))
        let p = Self.wellFormed(svg)
        let bars = p.all("rect", class: "bar")
        #expect(bars.count == Self.words.count)
        #expect(p.all("text", class: "category").count == Self.words.count)
        #expect(p.all("text", class: "value").map(\.text) == values.map { String(Int($0)) })
        // bar lengths are proportional to the values
        let widths = bars.map { $0.number("width")! }
        for i in values.indices { #expect(abs(widths[i] / widths.last! - values[i] / values.last!) < 0.005) }
        // bars go down the page in row order
        #expect(zip(bars, bars.dropFirst()).allSatisfy { $0.number("y")! < $1.number("y")! })
        // the long label is cut with an ellipsis, its full text in the tooltip
        let long = p.all("text", class: "category").first { $0.tooltip == Self.words[5] }
        #expect(long?.text.hasSuffix("…") == true)
        #expect(p.all("text", class: "category").first { $0.text.hasPrefix("<b>") }?.text == Self.words[3])
        #expect(p.all("text", class: "title").first?.text == "Counts & <things>")
        // ticks: 1-2-5 steps, from zero past the largest value
        let ticks = p.all("text", class: "tick").map { Double($0.text.replacingOccurrences(of: ",", with: ""))! }
        #expect(ticks.first == 0 && ticks.last! >= values.max()!)
        let step = ticks[1] - ticks[0]
        #expect([1.0, 2.0, 5.0].contains(step / pow(10, floor(log10(step)))))
    }

    @Test func barChartWithNegativeValuesHugeNumbersAndManyRows() throws {
        let labels = (1...60).map { "row \($0) " + String(repeating: "x", count: $0 % 17) }
        let values = (1...60).map { Double($0 % 7 - 3) * 123_456.789 }
        let p = Self.wellFormed(try BarChart.svg(labels: labels, values: values))
        #expect(p.all("rect", class: "bar").count == 60)
        let zero = p.all("line", class: "grid").first { $0.attributes["stroke"] == "#444444" }
        #expect(zero != nil, "a zero line")
        // a given height that is too small is refused, a narrow width too
        #expect(throws: PlotError.self) { try BarChart.svg(labels: labels, values: values, options: PlotOptions(height: 300)) }
        #expect(throws: PlotError.self) { try BarChart.svg(labels: ["a"], values: [1], options: PlotOptions(width: 50)) }
        // extreme numbers draw something (never a crash)
        _ = Self.wellFormed(try BarChart.svg(labels: ["a", "b", "c"], values: [1.7e308, -1.7e308, .leastNonzeroMagnitude]))
        let huge = Table(columns: [("x", [.double(0), .double(1e300), .double(-1e300)]), ("y", [.double(.leastNonzeroMagnitude), .double(0), .double(-1e-300)])])
        _ = Self.wellFormed(try LineChart.svg(huge, x: "x", y: "y"))
        let small = Self.wellFormed(try BarChart.svg(labels: Array(labels.prefix(3)), values: [1, 2, 3], options: PlotOptions(width: 200, height: 200)))
        #expect(small.all("rect", class: "bar").count == 3)
    }

    @Test func barChartFromATableNamesTheColumnsInErrors() throws {
        let t = Table(columns: [("outlet", [.string("RT"), .string("TASS"), .null]), ("n", [.int(3), .double(1.5), .int(0)]),
                                ("note", [.string("x"), .string("y"), .string("z")])])
        let p = Self.wellFormed(try BarChart.svg(t, x: "outlet", y: "n"))
        #expect(p.all("text", class: "category").map(\.text) == ["RT", "TASS", "(empty)"])
        #expect(p.all("text", class: "value").map(\.text) == ["3", "1.5", "0"])
        #expect(p.all("text", class: "title").first?.text == "n by outlet")
        #expect(throws: PlotError.missingColumn("count", role: "y", columns: ["outlet", "n", "note"])) { try BarChart.svg(t, x: "outlet", y: "count") }
        #expect(throws: PlotError.notNumeric(column: "note", role: "y", row: 1, value: "\"x\"")) { try BarChart.svg(t, x: "outlet", y: "note") }
        #expect(PlotError.notNumeric(column: "note", role: "y", row: 1, value: "\"x\"").description == "column 'note' (y) holds \"x\" in row 1; it needs numbers")
        #expect(throws: PlotError.noRows) { try BarChart.svg(Table(columns: [("a", []), ("n", [])]), x: "a", y: "n") }
    }

    // MARK: text bars

    @Test func textBarsAreAlignedAndProportional() throws {
        let text = TextBars.render(labels: ["nato", "minsk agreements", "日本", "zero", "neg"], values: [40, 10, 5.5, 0, -2], title: "n by word", barWidth: 40)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 6 && lines[0] == "n by word")
        let bars = lines.dropFirst().map { line in line.unicodeScalars.filter { (0x2588...0x258F).contains($0.value) } }
        let eighths = bars.map { bar in bar.reduce(0) { $0 + ($1.value == 0x2588 ? 8 : Int(0x2590 - $1.value)) } }
        #expect(eighths == [320, 80, 44, 0, 0])
        // the bars start in the same terminal column
        let starts = lines.dropFirst().prefix(3).map { line in TextWidth.of(String(line.prefix { !(0x2588...0x258F).contains($0.unicodeScalars.first!.value) })) }
        #expect(Set(starts).count == 1, "\(starts)")
        #expect(lines[1].hasSuffix(" 40") && lines[3].hasSuffix(" 5.5") && lines[4].hasSuffix("0") && lines[5].hasSuffix("-2"))
    }

    // MARK: line chart

    @Test func lineChartPlacesDatesOnARealTimeAxis() throws {
        // gaps of 31, 28 (February), 365 days and then a year given as a year
        let dates = ["2022-01-01", "2022-02", "2022-03-01", "2023-03-01", "2024"]
        let t = Table(columns: [("date", dates.map { .string($0) }), ("n", [.int(5), .int(9), .double(2.5), .int(0), .int(12)])])
        let p = Self.wellFormed(try LineChart.svg(t, x: "date", y: "n"))
        let points = p.all("circle", class: "point")
        #expect(points.count == 5)
        let xs = points.map { $0.number("cx")! }
        #expect(zip(xs, xs.dropFirst()).allSatisfy { $0.0 < $0.1 }, "in date order")
        let days = dates.map { Double(PlotDate.parse($0)!.day) }
        for i in 1..<5 {
            let expected = (days[i] - days[0]) / (days[4] - days[0])
            let actual = (xs[i] - xs[0]) / (xs[4] - xs[0])
            #expect(abs(actual - expected) < 0.001, "point \(i): \(actual) vs \(expected)")
        }
        // y: zero at the bottom, higher values higher up
        let ys = points.map { $0.number("cy")! }
        #expect(ys[3] > ys[2] && ys[2] > ys[0] && ys[0] > ys[1] && ys[1] > ys[4])
        let xTicks = p.all("text", class: "x-tick").map(\.text)
        #expect(!xTicks.isEmpty && xTicks.allSatisfy { PlotDate.parse($0) != nil }, "\(xTicks)")
        #expect(p.all("polyline", class: "series").count == 1)
    }

    @Test func lineChartSortsByXAndDrawsOneLinePerSeries() throws {
        var rows: [[(String, TableValue)]] = []
        let outlets = ["RT", "TASS", "Strategic Stability with a long name for the legend that will be shortened", "Kremlin"]
        for (k, o) in outlets.enumerated() {
            for year in [2024, 2019, 2021, 2020, 2022, 2023] where !(k == 3 && year > 2021) {
                rows.append([("year", .int(year)), ("outlet", .string(o)), ("n", .int((year * 7 + k * 13) % 40))])
            }
        }
        let t = Table(rows: rows)
        let p = Self.wellFormed(try LineChart.svg(t, x: "year", y: "n", series: "outlet"))
        #expect(p.all("polyline", class: "series").count == 4)
        #expect(p.all("circle", class: "point").count == rows.count)
        #expect(p.all("text", class: "legend").count == 4)
        let first = p.all("polyline", class: "series")[0].attributes["points"]!.split(separator: " ").map { Double($0.split(separator: ",")[0])! }
        #expect(first == first.sorted() && first.count == 6)
        // integer years: ticks are whole years, never 2019.5
        #expect(p.all("text", class: "x-tick").allSatisfy { Int($0.text) != nil })
        #expect(throws: PlotError.notDate(column: "outlet", role: "x", row: 1, value: "\"RT\"")) { try LineChart.svg(t, x: "outlet", y: "n") }
        #expect(throws: PlotError.missingColumn("group", role: "series", columns: ["year", "outlet", "n"])) { try LineChart.svg(t, x: "year", y: "n", series: "group") }
    }

    /// by = "month": documents dated within one month make one point (their sum), and a
    /// line joins only neighbouring months, so documents months apart are not drawn as a
    /// trend and an empty month is a gap, never a zero (the user audit's line chart).
    @Test func lineChartByPeriodSumsPerPeriodAndBreaksAtEmptyPeriods() throws {
        let dates = ["2022-01-05", "2022-01-20", "2022-02-11", "2022-05-01", "2022-05-31", "2022-06-15", "2022-01-07"]
        let outlets = ["RT", "RT", "RT", "RT", "RT", "RT", "TASS"]
        let t = Table(columns: [("date", dates.map { .string($0) }), ("outlet", outlets.map { .string($0) }),
                                ("n", [.int(1), .int(2), .int(4), .int(8), .int(16), .int(32), .int(64)])])
        let p = Self.wellFormed(try LineChart.svg(t, x: "date", y: "n", series: "outlet", by: .month))
        let tips = p.all("circle", class: "point").compactMap(\.tooltip).sorted()
        #expect(tips == ["RT: 2022-01, 3", "RT: 2022-02, 4", "RT: 2022-05, 24", "RT: 2022-06, 32", "TASS: 2022-01, 64"], "\(tips)")
        // RT: January–February joined, a gap for March and April, May–June joined; TASS: one point, no line
        let lines = p.all("polyline", class: "series").map { $0.attributes["points"]!.split(separator: " ").count }
        #expect(lines == [2, 2], "\(lines)")
        // weeks start on Monday: 2022-01-05 (Wed) and 2022-01-07 (Fri) share the week of 2022-01-03
        let weekly = Self.wellFormed(try LineChart.svg(t, x: "date", y: "n", by: .week))
        #expect(weekly.all("circle", class: "point").compactMap(\.tooltip).contains("week of 2022-01-03, 65"))
        let yearly = Self.wellFormed(try LineChart.svg(t, x: "date", y: "n", by: .year))
        #expect(yearly.all("circle", class: "point").compactMap(\.tooltip) == ["2022, 127"])
        let numbers = Table(columns: [("x", [.int(1), .int(2)]), ("n", [.int(1), .int(2)])])
        #expect(throws: PlotError.self) { try LineChart.svg(numbers, x: "x", y: "n", by: .month) }
    }

    @Test func periodsAgainstACalendarWalk() {
        // every day of 1999-2025 against a day-by-day walk of the calendar
        var previousMonthStart = PlotDate.days(year: 1999, month: 1, day: 1)
        for day in PlotDate.days(year: 1999, month: 1, day: 1)...PlotDate.days(year: 2025, month: 12, day: 31) {
            let c = PlotDate.civil(day)
            let monthStart = PlotDate.days(year: c.year, month: c.month, day: 1)
            #expect(PlotPeriod.month.start(of: day) == monthStart)
            if monthStart != previousMonthStart {
                #expect(PlotPeriod.month.next(after: previousMonthStart) == monthStart)
                previousMonthStart = monthStart
            }
            let weekStart = PlotPeriod.week.start(of: day)
            #expect(day - weekStart >= 0 && day - weekStart < 7)
            #expect((weekStart - PlotDate.days(year: 2024, month: 1, day: 1)) % 7 == 0, "2024-01-01 was a Monday")
        }
    }

    @Test func lineChartOfOnePointAndOfNegativeValues() throws {
        let one = Table(columns: [("date", [.string("2022-05")]), ("n", [.int(3)])])
        let p = Self.wellFormed(try LineChart.svg(one, x: "date", y: "n"))
        #expect(p.all("circle", class: "point").count == 1)
        let neg = Table(columns: [("x", (0..<200).map { .double(Double($0) / 10) }), ("y", (0..<200).map { .double(sin(Double($0) / 10) * 1e6) })])
        let q = Self.wellFormed(try LineChart.svg(neg, x: "x", y: "y", options: PlotOptions(title: String(repeating: "A long title ", count: 20), width: 400, height: 250)))
        #expect(q.all("circle", class: "point").count == 200)
        #expect(q.all("text", class: "title").first?.text.hasSuffix("…") == true)
    }

    // MARK: dispersion

    @Test func dispersionPlotHasARowPerDocumentAndATickPerHit() throws {
        let rows = [DispersionRow(label: "lavrov-carlson-2024", length: 1000, positions: [0, 10, 500, 999]),
                    DispersionRow(label: Self.words[5], length: 7, positions: [3]),
                    DispersionRow(label: "<&>", length: 20_000, positions: Array(stride(from: 0, to: 20_000, by: 250)))]
        let p = Self.wellFormed(try DispersionPlot.svg(rows, options: PlotOptions(title: "Dispersion of \"nato\"")))
        let bands = p.all("rect", class: "document")
        #expect(bands.count == 3)
        let paths = p.all("path", class: "hits")
        #expect(paths.count == 3)
        for (row, (band, path)) in zip(rows, zip(bands, paths)) {
            let xs = path.attributes["d"]!.split(separator: "M").map { Double($0.split(separator: " ")[0])! }
            #expect(xs.count == row.positions.count)
            let x0 = band.number("x")!, w = band.number("width")!
            for (x, pos) in zip(xs, row.positions) {
                #expect(abs((x - x0) / w - (Double(pos) + 0.5) / Double(row.length)) < 0.002)
            }
        }
        #expect(p.all("text", class: "count").map(\.text) == ["4", "1", "80"])
        #expect(p.all("text", class: "length").map(\.text) == ["1000", "7", "20,000"])
        #expect(p.all("text", class: "doc").map(\.text)[2] == "<&>")
    }

    @Test func dispersionRowsFromATable() throws {
        let t = Table(columns: [("doc", ["b", "a", "b"].map { .string($0) }), ("start", [.int(1), .int(5), .int(100)]),
                                ("tokens", [.int(100), .int(5), .int(100)])])
        let rows = try DispersionPlot.rows(t, doc: "doc", position: "start", length: "tokens")
        #expect(rows == [DispersionRow(label: "b", length: 100, positions: [0, 99]), DispersionRow(label: "a", length: 5, positions: [4])])
        let bad = Table(columns: [("doc", [.string("a")]), ("start", [.int(6)]), ("tokens", [.int(5)])])
        #expect(throws: PlotError.self) { try DispersionPlot.rows(bad, doc: "doc", position: "start", length: "tokens") }
        #expect(throws: PlotError.missingColumn("length", role: "length", columns: ["doc", "start", "tokens"])) {
            try DispersionPlot.rows(t, doc: "doc", position: "start", length: "length")
        }
        let text = DispersionPlot.text(rows, title: "t", width: 10)
        #expect(text == "t\nb  [|        |]  2\na  [         |]  1")
    }

    // MARK: builder

    @Test func escapingAndNumbers() {
        #expect(SVGBuilder.escape("a<b>&\"c'\u{1}") == "a&lt;b&gt;&amp;&quot;c&apos; ")
        #expect(SVGBuilder.n(1.0) == "1" && SVGBuilder.n(1.234) == "1.23" && SVGBuilder.n(-0.5) == "-0.5" && SVGBuilder.n(.nan) == "0")
        #expect(TextMeasure.fit("abcdef", maxWidth: 1000, size: 12) == ("abcdef", false))
        let cut = TextMeasure.fit("abcdefghijklmnop", maxWidth: 40, size: 12)
        #expect(cut.cut && cut.text.hasSuffix("…") && TextMeasure.width(cut.text, size: 12) <= 40)
    }
}
