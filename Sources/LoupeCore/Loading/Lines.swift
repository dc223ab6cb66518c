import Foundation

/// The lines of a text, one at a time: the same lines as
/// `text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }`
/// (a line break is always a `Character` of its own, so finding it among the
/// UTF-8 bytes gives the same cuts), but without walking the text by
/// `Character` and without making them all when the caller needs a few.
struct Lines: Sequence, IteratorProtocol {
    private let text: Substring
    /// Where the next line starts; nil after the last line.
    private var position: String.Index?

    init(_ text: Substring) {
        self.text = text
        position = text.startIndex
    }

    init(_ text: String) { self.init(text[...]) }

    /// The next line, without its line break, and where the line after it
    /// starts (the end of the text after the last line).
    mutating func next() -> (line: Substring, nextStart: String.Index)? {
        guard let start = position else { return nil }
        let utf8 = text.utf8
        guard let newline = utf8[start...].firstIndex(of: 0x0A) else {
            position = nil
            return (text[start...], text.endIndex)
        }
        var end = newline
        if end > start, utf8[utf8.index(before: end)] == 0x0D { end = utf8.index(before: end) }
        let after = utf8.index(after: newline)
        position = after
        return (text[start..<end], after)
    }

    /// How many lines end with a break ("\n" or "\r\n" as one `Character`).
    static func breakCount(_ text: String) -> Int {
        var text = text   // shares the storage: withUTF8 does not copy a native string
        return text.withUTF8 { bytes in
            guard var p = bytes.baseAddress.map(UnsafeRawPointer.init) else { return 0 }
            let end = p + bytes.count
            var n = 0
            while p < end, let nl = memchr(p, 0x0A, end - p) {
                n += 1
                p = UnsafeRawPointer(nl) + 1
            }
            return n
        }
    }

    /// `text.hasSuffix("\n")`: the last `Character` is a lone "\n" ("\r\n" is another one).
    static func endsWithLineFeed(_ text: String) -> Bool {
        var it = text.utf8.reversed().makeIterator()
        guard it.next() == 0x0A else { return false }
        return it.next() != 0x0D
    }
}
