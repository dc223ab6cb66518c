import Foundation

/// What every plot may be given: a title, axis labels, a size in pixels (nil: the plot's own).
public struct PlotOptions: Sendable {
    public var title: String?
    public var xLabel: String?
    public var yLabel: String?
    public var width: Int?
    public var height: Int?

    public init(title: String? = nil, xLabel: String? = nil, yLabel: String? = nil, width: Int? = nil, height: Int? = nil) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.width = width; self.height = height
    }

    public static let sizes = 200...10_000
}

/// Why a plot cannot be drawn, with a message that names the column.
public enum PlotError: Error, Equatable, CustomStringConvertible {
    case missingColumn(String, role: String, columns: [String])
    case notNumeric(column: String, role: String, row: Int, value: String)
    case notDate(column: String, role: String, row: Int, value: String)
    case noRows
    case invalid(String)

    public var description: String {
        switch self {
        case .missingColumn(let n, let role, let all):
            return "no column '\(n)' for \(role) (columns: \(all.isEmpty ? "none" : all.joined(separator: ", ")))"
        case .notNumeric(let c, let role, let r, let v):
            return "column '\(c)' (\(role)) \(v.isEmpty ? "is empty" : "holds \(v)") in row \(r); it needs numbers"
        case .notDate(let c, let role, let r, let v):
            return "column '\(c)' (\(role)) \(v.isEmpty ? "is empty" : "holds \(v)") in row \(r); it needs numbers or dates written YYYY, YYYY-MM or YYYY-MM-DD"
        case .noRows: return "the table has no rows to plot"
        case .invalid(let m): return m
        }
    }
}

/// Shared pieces of the plots: fonts, colours, reading columns.
enum PlotStyle {
    static let titleSize = 16.0
    static let labelSize = 13.0
    static let tickSize = 12.0
    static let valueSize = 11.0
    static let text = "#222222"
    static let muted = "#555555"
    static let grid = "#e3e3e3"
    static let axis = "#444444"
    static let bar = "#4e79a7"
    /// Tableau 10: distinct, and readable on white.
    static let palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                          "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]
    static let dashes: [String?] = [nil, "6 3", "2 3", "8 3 2 3"]

    /// Where v lies between a and b, 0…1 (also when b - a overflows to infinity).
    static func fraction(_ v: Double, _ a: Double, _ b: Double) -> Double {
        let span = b - a
        if span.isFinite, span > 0 { return (v - a) / span }
        let half = b * 0.5 - a * 0.5
        return half > 0 && half.isFinite ? (v * 0.5 - a * 0.5) / half : 0.5
    }

    static func size(_ given: Int?, _ fallback: Int, _ what: String) throws -> Int {
        guard let given else { return fallback }
        guard PlotOptions.sizes.contains(given) else {
            throw PlotError.invalid("\(what) must be from \(PlotOptions.sizes.lowerBound) to \(PlotOptions.sizes.upperBound) pixels, got \(given)")
        }
        return given
    }
}

extension Table {
    /// A column for a plot, or an error naming it and the role it was to play.
    func plotColumn(_ name: String, role: String) throws -> [TableValue] {
        guard let c = column(named: name) else { throw PlotError.missingColumn(name, role: role, columns: names) }
        return c
    }

    /// A column of finite numbers, or an error naming the first cell that is not one (rows 1-based).
    func plotNumbers(_ name: String, role: String) throws -> [Double] {
        try plotColumn(name, role: role).enumerated().map { r, v in
            guard let d = v.number, d.isFinite else {
                throw PlotError.notNumeric(column: name, role: role, row: r + 1, value: v.plotDescription)
            }
            return d
        }
    }
}

extension TableValue {
    /// A cell as an error message shows it: strings quoted, empty cells as "".
    var plotDescription: String {
        switch self {
        case .null: return ""
        case .string(let s): return "\"\(s.count > 40 ? String(s.prefix(40)) + "…" : s)\""
        case .double(let d) where !d.isFinite: return d.isNaN ? "nan" : (d < 0 ? "-inf" : "inf")
        default: return description
        }
    }

    /// A cell as a label on a plot.
    var plotLabel: String { isNull ? "(empty)" : TablePrinter.cellText(self) }
}

/// Writing a finished SVG: the same rules as `Table.write` (inside the output folder unless
/// `policy` is nil, never over an existing file unless `overwrite`, atomically).
public enum PlotFile {
    @discardableResult
    public static func write(_ svg: String, to path: String, policy: PathPolicy?, outputFolder: String = ".", overwrite: Bool = false) throws -> String {
        let name = (path as NSString).lastPathComponent.lowercased()
        guard name.hasSuffix(".svg"), name.count > 4 else {
            throw PlotError.invalid("the file must be named …svg (a plot is written as SVG), got '\(path)'")
        }
        let target: String
        if let policy {
            target = try policy.writablePath(path)
        } else {
            target = path.hasPrefix("/") ? path : outputFolder + "/" + path
        }
        try TableFileWriter.write(Array(svg.utf8), to: target, overwrite: overwrite, wording: policy?.wording ?? .init())
        return target
    }
}
