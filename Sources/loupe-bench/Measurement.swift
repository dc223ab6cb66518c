import Foundation
import LoupeCore

/// What one tool did on one task: the median wall time of its runs, what it
/// counted and its peak resident set — or why there is no time.
struct Measurement {
    var seconds: Double?
    var count: String = "—"
    var peakRSS: Int?
    var runs = 0
    /// Cores that other processes kept busy on average while this was measured.
    var busy: Double?
    /// "not run: …", "failed: …", "not available: …", or a remark on the figure.
    var note = ""

    static func missing(_ why: String) -> Measurement { Measurement(note: why) }

    /// The median of the runs' wall times, the largest peak RSS, the mean load of others.
    /// A failed run makes the whole measurement a failure naming its reason.
    static func of(_ runs: [ChildRun], count: (ChildRun) -> String?) -> Measurement {
        guard let last = runs.last else { return .missing("not run") }
        if let bad = runs.first(where: { !$0.succeeded }) { return .missing("failed: \(bad.reason)") }
        let busy = runs.compactMap(\.othersBusy)
        return Measurement(seconds: median(runs.map(\.wall)), count: count(last) ?? "—",
                           peakRSS: runs.map(\.peakRSS).max(), runs: runs.count,
                           busy: busy.isEmpty ? nil : busy.reduce(0, +) / Double(busy.count))
    }
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    guard !s.isEmpty else { return 0 }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// How the benchmark writes numbers.
enum Format {
    /// 0.000213 → "0.213 ms", 0.0213 → "21.3 ms", 2.13 → "2.13 s".
    static func seconds(_ s: Double) -> String {
        if s < 0.001 { return String(format: "%.3f ms", s * 1000) }
        if s < 0.1 { return String(format: "%.1f ms", s * 1000) }
        if s < 100 { return String(format: "%.2f s", s) }
        return String(format: "%.0f s", s)
    }

    /// Bytes in MB (10^6).
    static func megabytes(_ b: Int) -> String { String(format: "%.0f MB", Double(b) / 1e6) }

    /// Other/Loupe: "152×", "3.4×", "0.41×".
    static func ratio(_ r: Double) -> String {
        if r >= 100 { return String(format: "%.0f×", r) }
        if r >= 10 { return String(format: "%.1f×", r) }
        return String(format: "%.2f×", r)
    }

    static func count(_ n: Int) -> String { LoadReport.grouped(n) }

    /// A count printed by a tool ("23061\n") grouped ("23,061"); other text as it is.
    static func count(_ s: String) -> String {
        let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        return Int(t).map { count($0) } ?? (t.isEmpty ? "—" : t)
    }

    static func busy(_ b: Double?) -> String { b.map { String(format: "%.1f", $0) } ?? "?" }
}
