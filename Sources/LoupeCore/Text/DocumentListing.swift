/// A document as the terminal shows it (`doc:show{}`, `hit:show()`): its lines numbered,
/// stretches marked with `open` and `close` (reverse video on a terminal, `[[` `]]` elsewhere).
public enum DocumentListing {
    /// Lines `lines` (1-based, inclusive; nil: all) of the text, each after its number
    /// right-aligned, `marks` (byte ranges) wrapped in `open`/`close` — again on each line a
    /// mark continues on, so every marked line stands on its own.
    public static func render(_ text: String, marks: [Range<Int>], lines wanted: ClosedRange<Int>? = nil,
                              open: String, close: String) -> String {
        let starts = LineStarts(text)
        let all = 1...starts.count
        let shown = wanted.map { $0.clamped(to: all) } ?? all
        let width = String(shown.upperBound).count
        // where coverage by the marks changes, in byte order
        var delta: [Int: Int] = [:]
        for m in marks where !m.isEmpty { delta[m.lowerBound, default: 0] += 1; delta[m.upperBound, default: 0] -= 1 }
        let cuts = delta.keys.sorted()
        let bytes = Array(text.utf8)
        var depth = 0, c = 0
        var out = ""
        for line in shown {
            let start = starts.starts[line - 1]
            var end = line < starts.count ? starts.starts[line] - 1 : bytes.count
            if end > start && bytes[end - 1] == 0x0D { end -= 1 }   // a CRLF's CR
            while c < cuts.count, cuts[c] <= start { depth += delta[cuts[c]] ?? 0; c += 1 }
            let number = String(line)
            out += String(repeating: " ", count: width - number.count) + number + "  "
            if depth > 0 { out += open }
            var position = start
            while c < cuts.count, cuts[c] < end {
                out += piece(bytes, position, cuts[c])
                position = cuts[c]
                let before = depth
                depth += delta[cuts[c]] ?? 0
                if before == 0 && depth > 0 { out += open }
                if before > 0 && depth == 0 { out += close }
                c += 1
            }
            out += piece(bytes, position, end)
            if depth > 0 { out += close }
            out += "\n"
        }
        return out
    }

    private static func piece(_ bytes: [UInt8], _ from: Int, _ to: Int) -> String {
        guard to > from else { return "" }
        return String(decoding: bytes[from..<to], as: UTF8.self)
    }
}
