import Foundation

/// Tick marks on a number axis: steps of 1, 2 or 5 times a power of ten.
public enum NiceTicks {
    /// The ticks for the range lo…hi: the smallest 1-2-5 step giving at most `maxCount` ticks
    /// (at least 2, or 3 when the range runs from below zero to above it),
    /// the first at or below lo, the last at or above hi (so the axis, extended to them, holds
    /// every value). lo == hi gets a range of one step around it.
    public static func ticks(lo: Double, hi: Double, maxCount: Int) -> (values: [Double], step: Double) {
        var lo = lo, hi = hi
        if lo > hi { swap(&lo, &hi) }
        if lo == hi {
            let d = lo == 0 ? 1 : max(abs(lo) * 0.1, 1e-9)
            lo -= d; hi += d
        }
        let count = max(lo < 0 && hi > 0 ? 3 : 2, maxCount)     // a range across zero needs -step, 0, step
        let rough = (hi - lo) / Double(count - 1)
        guard rough.isFinite, rough > 1e-290 else { return ([lo, hi], hi - lo) }   // beyond what a plot can show
        var power = pow(10, floor(log10(rough)))
        var chosen: (Double, Int, Int)?
        outer: for _ in 0..<4 {
            for m in [1.0, 2.0, 5.0] {
                let step = m * power
                let firstIndex = Int(floor(lo / step + 1e-9))
                let lastIndex = Int(ceil(hi / step - 1e-9))
                if lastIndex - firstIndex + 1 <= count {
                    chosen = (step, firstIndex, lastIndex)
                    break outer
                }
            }
            power *= 10
        }
        guard let (step, a, b) = chosen else { return ([lo, hi], hi - lo) }
        return ((a...b).map { Double($0) * step }, step)
    }

    /// The decimals a tick label needs for this step (0.25 → 2, 0.5 → 1, 20 → 0).
    public static func decimals(step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        var d = 0
        var s = step
        while d < 10 && abs(s - s.rounded()) > 1e-6 * max(1, abs(s)) { s *= 10; d += 1 }
        return d
    }

    /// A tick label: `decimals` decimals, thousands grouped with commas from 10,000 on
    /// (so years such as 2022 stay as they are), scientific notation for huge or tiny numbers.
    public static func label(_ v: Double, decimals: Int) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        let a = abs(v)
        if a != 0 && (a >= 1e15 || a < 1e-6) { return String(format: "%.3g", v) }
        var text = String(format: "%.\(decimals)f", v)
        if text.hasPrefix("-"), Double(text) == 0 { text.removeFirst() }       // -0
        guard a >= 10_000 else { return text }
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        let parts = text.split(separator: ".", maxSplits: 1)
        var digits = Array(parts[0])
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + String(digits.suffix(3)) + grouped
            digits.removeLast(3)
        }
        grouped = String(digits) + grouped
        if parts.count > 1 { grouped += "." + parts[1] }
        return (negative ? "-" : "") + grouped
    }
}

/// Dates written as in ISO 8601 (YYYY, YYYY-MM, YYYY-MM-DD), as day numbers on a time axis.
/// A year stands for its first day, a month for its first day.
public enum PlotDate {
    public enum Precision: Int, Comparable, Sendable {
        case year, month, day
        public static func < (a: Precision, b: Precision) -> Bool { a.rawValue < b.rawValue }
    }

    /// Days since 1970-01-01 and how precise the text was; nil when it is not such a date.
    public static func parse(_ s: String) -> (day: Int, precision: Precision)? {
        let parts = s.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4,
              parts.dropFirst().allSatisfy({ $0.count == 2 }),
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(parts[0]) else { return nil }
        let m = parts.count > 1 ? Int(parts[1])! : 1
        let d = parts.count > 2 ? Int(parts[2])! : 1
        guard (1...12).contains(m), d >= 1, d <= daysIn(year: y, month: m) else { return nil }
        return (days(year: y, month: m, day: d), Precision(rawValue: parts.count - 1)!)
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The date of a day number (civil_from_days).
    public static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public static func text(_ day: Int, precision: Precision) -> String {
        let c = civil(day)
        let y = String(format: "%04d", c.year)
        switch precision {
        case .year: return y
        case .month: return y + String(format: "-%02d", c.month)
        case .day: return y + String(format: "-%02d-%02d", c.month, c.day)
        }
    }

    /// Ticks on a time axis from day lo to day hi, at most `maxCount`: every 1 or 2 days from lo, every 7 or 14 from a Monday,
    /// every 1, 2, 3 or 6 months (on the first), or every 1, 2, 5, 10, 20, 50 … years (on
    /// January 1) — the finest that fits — each with its label (YYYY-MM-DD, YYYY-MM or YYYY).
    public static func ticks(lo: Int, hi: Int, maxCount: Int) -> [(day: Int, label: String)] {
        let count = max(lo < 0 && hi > 0 ? 3 : 2, maxCount)     // a range across zero needs -step, 0, step
        for step in [1, 2, 7, 14] {
            guard (hi - lo) / step + 1 <= count else { continue }
            var first = lo
            if step == 7 || step == 14 {
                // Mondays: 1970-01-05 was one
                let offset = ((lo - 4) % 7 + 7) % 7
                first = offset == 0 ? lo : lo + 7 - offset
            }
            return stride(from: first, through: hi, by: step).map { ($0, text($0, precision: .day)) }
        }
        let a = civil(lo), b = civil(hi)
        let firstMonth = a.year * 12 + (a.month - 1) + (a.day == 1 ? 0 : 1)
        let lastMonth = b.year * 12 + (b.month - 1)
        for step in [1, 2, 3, 6] {
            let start = firstMonth % step == 0 ? firstMonth : firstMonth + step - firstMonth % step
            let n = lastMonth >= start ? (lastMonth - start) / step + 1 : 0
            guard n <= count else { continue }
            return stride(from: start, through: lastMonth, by: step).map {
                let d = days(year: $0 / 12, month: $0 % 12 + 1, day: 1)
                return (d, text(d, precision: .month))
            }
        }
        let firstYear = a.year + (a.month == 1 && a.day == 1 ? 0 : 1)
        var step = 1
        while true {
            for m in [1, 2, 5] {
                let s = step * m
                let start = firstYear % s == 0 ? firstYear : firstYear + s - ((firstYear % s) + s) % s
                let n = b.year >= start ? (b.year - start) / s + 1 : 0
                if n <= count {
                    return stride(from: start, through: b.year, by: s).map {
                        let d = days(year: $0, month: 1, day: 1)
                        return (d, String(format: "%04d", $0))
                    }
                }
            }
            step *= 10
        }
    }
}
