import Foundation

/// One line of the benchmark table: Loupe and one other tool on one task.
struct BenchRow {
    /// What a row must show to meet its issue's target.
    enum Target {
        /// other's time / Loupe's time at least this.
        case ratio(Double)
        /// A target on Loupe's own figure: its text and whether it was met (nil: unknown).
        case own(String, Bool?)
    }

    var task: String
    var loupe: Measurement
    var tool: String
    var other: Measurement
    var target: Target?

    /// other / Loupe, when both have a time.
    var ratio: Double? {
        guard let o = other.seconds, let l = loupe.seconds, l > 0 else { return nil }
        return o / l
    }

    var targetText: String {
        switch target {
        case .ratio(let r)?: return "≥ \(Format.ratio(r))"
        case .own(let text, _)?: return text
        case nil: return ""
        }
    }

    var met: String {
        switch target {
        case .ratio(let r)?: return ratio.map { $0 >= r ? "yes" : "no" } ?? "—"
        case .own(_, let ok)?: return ok.map { $0 ? "yes" : "no" } ?? "—"
        case nil: return ""
        }
    }
}

/// The table as aligned text or Markdown. Loupe's cells are shown on the first
/// row of each task only.
enum BenchTable {
    static let header = ["task", "Loupe", "Loupe's count", "other tool", "other's time, peak RSS", "other's count",
                         "other/Loupe", "target", "met?", "others' load", "note"]

    static func cells(_ rows: [BenchRow]) -> [[String]] {
        var previousTask = ""
        return rows.map { r in
            let first = r.task != previousTask
            previousTask = r.task
            let loupeTime = r.loupe.seconds.map(Format.seconds) ?? r.loupe.note
            let otherTime = r.other.seconds.map { Format.seconds($0) + (r.other.peakRSS.map { ", " + Format.megabytes($0) } ?? "") } ?? r.other.note
            let load = r.tool.isEmpty ? "" : "\(Format.busy(r.loupe.busy)) / \(Format.busy(r.other.busy))"
            return [first ? r.task : "", first ? loupeTime : "", first ? r.loupe.count : "", r.tool, otherTime,
                    r.other.seconds == nil ? "" : r.other.count, r.ratio.map(Format.ratio) ?? (r.tool.isEmpty ? "" : "—"), r.targetText, r.met,
                    load, r.other.seconds == nil ? "" : r.other.note]
        }
    }

    static func markdown(_ rows: [BenchRow]) -> String {
        let line = { (c: [String]) in "| " + c.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n" }
        return line(header) + line(header.map { _ in "---" }) + cells(rows).map(line).joined()
    }

    static func text(_ rows: [BenchRow]) -> String {
        let all = [header] + cells(rows)
        let widths = header.indices.map { i in all.map { $0[i].count }.max() ?? 0 }
        return all.map { row in
            row.indices.map { i in row[i].padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n") + "\n"
    }
}
