/// Where each line of a text starts: to number lines, and to find the line of a byte offset.
public struct LineStarts: Sendable {
    /// Byte offsets of the lines' starts; the first is 0.
    public private(set) var starts: [Int] = [0]

    public init(_ text: String) {
        var i = 0
        for b in text.utf8 {
            i += 1
            if b == 0x0A { starts.append(i) }
        }
    }

    /// Lines in the text (a text ending with a line break has an empty last line).
    public var count: Int { starts.count }

    /// The 1-based line holding byte offset `byte`.
    public func line(at byte: Int) -> Int {
        var lo = 0, hi = starts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid] <= byte { lo = mid + 1 } else { hi = mid }
        }
        return max(1, lo)
    }
}
