/// How wide a text is drawn in a sans-serif font, estimated without the font: Helvetica's
/// (= Arial's, Liberation Sans') advance widths for ASCII, 0.65 em for other letters, 1 em for
/// East Asian wide characters, 0 for combining marks — all times 1.12, which also covers
/// DejaVu Sans, the widest common fallback. The plots lay out labels with this estimate, so an
/// overestimate only costs some white space; an underestimate would clip.
public enum TextMeasure {
    public static let safety = 1.12

    /// Advance widths in 1/1000 em for U+0020…U+007E (Adobe's Helvetica AFM).
    private static let ascii: [Int] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,   // space … /
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,   // 0 … ?
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  // @ … O
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,   // P … _
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,   // ` … o
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,        // p … ~
    ]

    /// Estimated width in pixels of `s` at `size` pixels.
    public static func width(_ s: String, size: Double) -> Double {
        var em = 0.0
        for u in s.unicodeScalars { em += emWidth(u) }
        return em * size * safety
    }

    static func emWidth(_ u: Unicode.Scalar) -> Double {
        let v = u.value
        if v >= 0x20 && v <= 0x7E { return Double(ascii[Int(v - 0x20)]) / 1000 }
        if v < 0x20 || v == 0x7F { return 0.278 }    // drawn as a space by the escaper
        switch TextWidth.of(u) {
        case 0: return 0
        case 2: return 1.0
        default:
            if v == 0x2026 { return 1.0 }             // …
            if v == 0x2014 { return 1.0 }             // —
            return 0.65
        }
    }

    /// `s` as it fits in `maxWidth` pixels: itself, or cut and ending with "…" (then `cut` is true).
    public static func fit(_ s: String, maxWidth: Double, size: Double) -> (text: String, cut: Bool) {
        if width(s, size: size) <= maxWidth { return (s, false) }
        let ellipsis = width("…", size: size)
        var out = ""
        var used = 0.0
        for c in s {
            let w = width(String(c), size: size)
            if used + w + ellipsis > maxWidth { break }
            out.append(c)
            used += w
        }
        while out.last == " " { out.removeLast() }
        return (out + "…", true)
    }
}
