/// A line chart's `by`: dates counted per period (documents dated within one month make one
/// point for that month), so that single documents months apart are not joined as if they
/// were a trend, and a period without data breaks the line instead of being drawn at zero.
public enum PlotPeriod: String, CaseIterable, Sendable {
    case year, month, week, day

    /// The day number of the period holding `day` (weeks start on Monday, as ISO 8601's do).
    func start(of day: Int) -> Int {
        switch self {
        case .day: return day
        case .week: return day - ((day - 4) % 7 + 7) % 7        // 1970-01-05 was a Monday
        case .month: let c = PlotDate.civil(day); return PlotDate.days(year: c.year, month: c.month, day: 1)
        case .year: return PlotDate.days(year: PlotDate.civil(day).year, month: 1, day: 1)
        }
    }

    /// The start of the period after the one starting on `start`.
    func next(after start: Int) -> Int {
        switch self {
        case .day: return start + 1
        case .week: return start + 7
        case .month:
            let c = PlotDate.civil(start)
            return c.month == 12 ? PlotDate.days(year: c.year + 1, month: 1, day: 1) : PlotDate.days(year: c.year, month: c.month + 1, day: 1)
        case .year: return PlotDate.days(year: PlotDate.civil(start).year + 1, month: 1, day: 1)
        }
    }

    /// The period as a reader names it: 2022, 2022-03, the week's Monday 2022-03-07, 2022-03-09.
    func label(_ start: Int) -> String {
        switch self {
        case .year: return PlotDate.text(start, precision: .year)
        case .month: return PlotDate.text(start, precision: .month)
        case .week: return "week of " + PlotDate.text(start, precision: .day)
        case .day: return PlotDate.text(start, precision: .day)
        }
    }

    var precision: PlotDate.Precision {
        switch self {
        case .year: return .year
        case .month: return .month
        case .week, .day: return .day
        }
    }

    /// Rows summed per period and series: the points of the chart, in order of first appearance.
    static func totals(days: [Int], ys: [Double], groups: [String]?, by period: PlotPeriod)
        -> (days: [Int], ys: [Double], groups: [String]?) {
        var order: [(String, Int)] = []
        var sums: [String: [Int: Double]] = [:]
        for i in days.indices {
            let key = groups?[i] ?? ""
            let p = period.start(of: days[i])
            if sums[key]?[p] == nil { order.append((key, p)) }
            sums[key, default: [:]][p, default: 0] += ys[i]
        }
        return (order.map(\.1), order.map { sums[$0.0]?[$0.1] ?? 0 }, groups.map { _ in order.map(\.0) })
    }
}
