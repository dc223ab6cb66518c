import Foundation

/// A small SVG document builder for the plots: a white background, `viewBox` equal to the
/// size, `font-family="sans-serif"` on the root, every text escaped. Coordinates are written
/// with at most two decimals. Each text element carries its own x, y, font-size and
/// text-anchor (and a rotation, when it has one), so a reader can tell where it lies.
public struct SVGBuilder {
    public let width: Int
    public let height: Int
    private var body: [String] = []

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public enum Anchor: String { case start, middle, end }

    /// A text whose baseline starts (or centres, or ends) at (x, y). `tooltip` becomes a
    /// `<title>` child: browsers show it on hover (the full text of a shortened label).
    public mutating func text(_ s: String, x: Double, y: Double, size: Double, anchor: Anchor = .start,
                              bold: Bool = false, rotate: Double? = nil, fill: String = "#222",
                              tooltip: String? = nil, cssClass: String? = nil) {
        var a = "x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-size=\"\(Self.n(size))\""
        if anchor != .start { a += " text-anchor=\"\(anchor.rawValue)\"" }
        if bold { a += " font-weight=\"bold\"" }
        if let rotate { a += " transform=\"rotate(\(Self.n(rotate)) \(Self.n(x)) \(Self.n(y)))\"" }
        a += " fill=\"\(fill)\""
        if let cssClass { a += " class=\"\(cssClass)\"" }
        let title = tooltip.map { "<title>\(Self.escape($0))</title>" } ?? ""
        body.append("<text \(a)>\(title)\(Self.escape(s))</text>")
    }

    public mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                              stroke: String? = nil, cssClass: String? = nil, tooltip: String? = nil) {
        var a = "x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(max(0, width)))\" height=\"\(Self.n(max(0, height)))\" fill=\"\(fill)\""
        if let stroke { a += " stroke=\"\(stroke)\"" }
        if let cssClass { a += " class=\"\(cssClass)\"" }
        if let tooltip {
            body.append("<rect \(a)><title>\(Self.escape(tooltip))</title></rect>")
        } else {
            body.append("<rect \(a)/>")
        }
    }

    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String,
                              width: Double = 1, dash: String? = nil, cssClass: String? = nil) {
        var a = "x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\""
        if let dash { a += " stroke-dasharray=\"\(dash)\"" }
        if let cssClass { a += " class=\"\(cssClass)\"" }
        body.append("<line \(a)/>")
    }

    public mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2,
                                  dash: String? = nil, cssClass: String? = nil) {
        let pts = points.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
        var a = "points=\"\(pts)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\" stroke-linejoin=\"round\""
        if let dash { a += " stroke-dasharray=\"\(dash)\"" }
        if let cssClass { a += " class=\"\(cssClass)\"" }
        body.append("<polyline \(a)/>")
    }

    public mutating func circle(cx: Double, cy: Double, r: Double, fill: String, cssClass: String? = nil, tooltip: String? = nil) {
        var a = "cx=\"\(Self.n(cx))\" cy=\"\(Self.n(cy))\" r=\"\(Self.n(r))\" fill=\"\(fill)\""
        if let cssClass { a += " class=\"\(cssClass)\"" }
        if let tooltip {
            body.append("<circle \(a)><title>\(Self.escape(tooltip))</title></circle>")
        } else {
            body.append("<circle \(a)/>")
        }
    }

    /// A path of vertical strokes, one per x, from y1 to y2 (many hits in one element).
    public mutating func verticalTicks(_ xs: [Double], y1: Double, y2: Double, stroke: String, width: Double = 1, cssClass: String? = nil) {
        guard !xs.isEmpty else { return }
        let d = xs.map { "M\(Self.n($0)) \(Self.n(y1))V\(Self.n(y2))" }.joined()
        var a = "d=\"\(d)\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\" fill=\"none\""
        if let cssClass { a += " class=\"\(cssClass)\"" }
        body.append("<path \(a)/>")
    }

    /// The finished document, `title` as the SVG's own <title> (a browser tab shows it).
    public func render(title: String) -> String {
        var s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        s += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"sans-serif\">\n"
        s += "<title>\(Self.escape(title))</title>\n"
        s += "<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>\n"
        for e in body { s += e + "\n" }
        s += "</svg>\n"
        return s
    }

    /// Text for XML: &, <, >, " and ' escaped; control characters (invalid in XML 1.0) become spaces.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                let v = u.value
                if v < 0x20 || v == 0x7F || v == 0xFFFE || v == 0xFFFF || (0xD800...0xDFFF).contains(v) {
                    out += " "
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }

    /// A coordinate: at most two decimals, no trailing zeros.
    static func n(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let r = (v * 100).rounded() / 100
        if r == r.rounded(), abs(r) < 1e15 { return String(Int(r)) }
        var s = String(format: "%.2f", r)
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }
}
