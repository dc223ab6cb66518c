/// The pieces of a concordance line cut from a document's UTF-8 bytes:
/// whitespace runs flattened to one space (`KWIC.flatten`), an edge space
/// trimmed, the piece cut to a number of characters.
///
/// `KWIC.flatten` walks `Character`s, which costs a grapheme-breaking step per
/// character: a 100,000-line concordance spent seconds there. Here the bytes
/// are walked instead, which gives the same text whenever every scalar of the
/// piece is a character of its own and needs no Unicode table to say whether
/// it is whitespace: ASCII, Latin, Greek, Cyrillic, general punctuation and
/// currency signs (without their combining marks, ZWJ or ZWNJ): nearly all
/// text. For any other piece `piece` answers nil and the caller walks characters.
enum KWICText {
    enum Trim { case none, leadingSpace, trailingSpace }
    enum Cut { case none, first(Int), last(Int) }

    /// `bytes[start..<end]` as `KWIC` would make it (`slice`, `flatten`, the
    /// trim, then `prefix` or `suffix`), or nil when it has a scalar this does
    /// not handle. `start` and `end` are clamped and moved to scalar starts as
    /// `Document.slice` moves them.
    static func piece(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, trim: Trim, cut: Cut,
                      into out: inout [UInt8]) -> String? {
        var s = max(0, min(start, bytes.count)), e = max(s, min(end, bytes.count))
        while s < bytes.count, bytes[s] & 0xC0 == 0x80 { s += 1 }
        while e < bytes.count, bytes[e] & 0xC0 == 0x80 { e += 1 }
        e = max(s, e)
        // The flattened text is never longer than the slice, plus a space in
        // front (out[0], used when the slice begins with whitespace).
        if out.count < e - s + 2 { out = [UInt8](repeating: 0, count: 2 * (e - s + 2)) }
        return out.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let o = buffer.baseAddress, let b = bytes.baseAddress else { return "" }
            var w = 1                  // where the next byte goes
            var space = false          // whitespace since the last byte written
            var leadingSpace = false
            var i = s
            while i < e {
                let byte = b[i]
                if byte < 0x80 {
                    if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                        if i == s { leadingSpace = true }
                        space = true
                    } else {
                        if space && w > 1 { o[w] = 0x20; w += 1 }
                        space = false
                        o[w] = byte; w += 1
                    }
                    i += 1
                    continue
                }
                let (scalar, n) = Tokenizer.decode(bytes, at: i)
                guard let value = scalar?.value, i + n <= e, isSimple(value) else { return nil }
                if value == 0xA0 || (value >= 0x2000 && value <= 0x200A) || value == 0x2028 || value == 0x2029
                    || value == 0x202F || value == 0x205F {
                    if i == s { leadingSpace = true }
                    space = true
                } else {
                    if space && w > 1 { o[w] = 0x20; w += 1 }
                    space = false
                    for k in 0..<n { o[w + k] = b[i + k] }
                    w += n
                }
                i += n
            }
            if space && w > 1 { o[w] = 0x20; w += 1 }
            var from = 1, to = w
            if leadingSpace { o[0] = 0x20; from = 0 }
            switch trim {
            case .none: break
            case .leadingSpace: if from < to, o[from] == 0x20 { from += 1 }
            case .trailingSpace: if from < to, o[to - 1] == 0x20 { to -= 1 }
            }
            // Every scalar left is one character: cut at scalar starts.
            switch cut {
            case .none:
                break
            case .first(let n) where n <= 0, .last(let n) where n <= 0:
                to = from
            case .first(let n):
                var count = 0, k = from
                while k < to {
                    if o[k] & 0xC0 != 0x80 {
                        if count == n { break }
                        count += 1
                    }
                    k += 1
                }
                to = k
            case .last(let n):
                var count = 0, k = to
                while k > from, count < n {
                    k -= 1
                    if o[k] & 0xC0 != 0x80 { count += 1 }
                }
                from = k
            }
            return String(decoding: UnsafeBufferPointer(start: o + from, count: to - from), as: UTF8.self)
        }
    }

    /// A scalar above ASCII that is a character of its own, whatever follows
    /// or precedes it in such a piece, and whose whitespace-ness `piece` knows.
    @inline(__always)
    static func isSimple(_ v: UInt32) -> Bool {
        (v >= 0xA0 && v <= 0x2FF)            // Latin-1 Supplement, Latin Extended-A and -B, IPA, modifier letters
            || (v >= 0x370 && v <= 0x482)    // Greek and Coptic, Cyrillic letters (not U+0483-U+0489, its combining marks)
            || (v >= 0x48A && v <= 0x52F)    // the rest of Cyrillic, Cyrillic Supplement
            || (v >= 0x2000 && v <= 0x206F && v != 0x200C && v != 0x200D)   // general punctuation but ZWNJ and ZWJ
            || (v >= 0x20A0 && v <= 0x20CF)  // currency signs
    }
}
