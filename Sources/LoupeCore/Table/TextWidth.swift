/// How many terminal columns text takes: East Asian wide and fullwidth characters and
/// emoji shown as pictures take 2, combining marks, format characters and zero-width
/// joiners 0, control characters 0, everything else 1 (as wcwidth(3) would say, from
/// Unicode's East_Asian_Width ranges).
public enum TextWidth {
    public static func of(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    public static func of(_ c: Character) -> Int {
        c.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    public static func of(_ u: Unicode.Scalar) -> Int {
        let v = u.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if v < 0x300 { return 1 }
        switch u.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if (0x1160...0x11FF).contains(v) || (0xFE00...0xFE0F).contains(v) || (0xE0100...0xE01EF).contains(v) { return 0 }
        if isWide(v) || u.properties.isEmojiPresentation { return 2 }
        return 1
    }

    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
        0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
        0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4,
        0x17000...0x18CD5, 0x1AFF0...0x1B2FB, 0x1F200...0x1F2FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    private static func isWide(_ v: UInt32) -> Bool {
        guard v >= 0x1100 else { return false }
        return wideRanges.contains { $0.contains(v) }
    }

    /// `s` cut to at most `width` columns, ending in "…" when something was cut.
    public static func truncate(_ s: String, to width: Int) -> String {
        guard of(s) > width else { return s }
        guard width > 0 else { return "" }
        var out = ""
        var used = 0
        for c in s {
            let w = of(c)
            if used + w > width - 1 { break }
            out.append(c); used += w
        }
        return out + "…"
    }

    /// `s` padded with spaces to `width` columns, on the right (left-aligned) or on the left.
    public static func pad(_ s: String, to width: Int, right: Bool = false) -> String {
        let gap = String(repeating: " ", count: max(0, width - of(s)))
        return right ? gap + s : s + gap
    }
}
