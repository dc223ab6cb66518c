/// The document-local byte spans of all the corpus's tokens, in about two
/// bytes per token instead of the eight of `[TokenSpan]`.
///
/// Tokens are short and close together, so each stores two bytes: the gap
/// since the previous token's end and its own length. Every block of
/// `blockSize` tokens also keeps its first token's start, so reading a span
/// walks at most one block. A gap or length that does not fit in a byte, and
/// the first token of each document (offsets start again at 0), store
/// `escape` and keep the full value aside.
public struct TokenSpans: RandomAccessCollection, Equatable, Sendable {
    static let blockSize = 32
    static let escape: UInt8 = 255

    /// Start of the first token of each block.
    private var blockStarts: [UInt32] = []
    private var gaps: [UInt8] = []
    private var lengths: [UInt8] = []
    /// Start or length of the tokens whose byte holds `escape`, by token index.
    private var wideStarts: [Int: UInt32] = [:]
    private var wideLengths: [Int: UInt32] = [:]

    init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { gaps.count }

    public subscript(i: Int) -> TokenSpan {
        let block = i / Self.blockSize
        var j = block * Self.blockSize
        var start = blockStarts[block]
        var end = start + length(of: j)
        while j < i {
            j += 1
            start = gaps[j] == Self.escape ? (wideStarts[j] ?? 0) : end + UInt32(gaps[j])
            end = start + length(of: j)
        }
        return TokenSpan(start: start, end: end)
    }

    @inline(__always)
    private func length(of i: Int) -> UInt32 {
        lengths[i] == Self.escape ? (wideLengths[i] ?? 0) : UInt32(lengths[i])
    }

    /// Walks the spans in order, each from the one before, instead of from its block's start.
    public struct Iterator: IteratorProtocol {
        private let spans: TokenSpans
        private var index = 0
        private var end: UInt32 = 0

        fileprivate init(_ spans: TokenSpans) { self.spans = spans }

        /// Starts at token `i`: a gap is relative to the previous token's end.
        fileprivate init(_ spans: TokenSpans, from i: Int) {
            self.spans = spans
            index = i
            if i > 0, i <= spans.endIndex { end = spans[i - 1].end }
        }

        public mutating func next() -> TokenSpan? {
            guard index < spans.endIndex else { return nil }
            let i = index
            let start = spans.gaps[i] == TokenSpans.escape ? (spans.wideStarts[i] ?? 0) : end + UInt32(spans.gaps[i])
            end = start + spans.length(of: i)
            index += 1
            return TokenSpan(start: start, end: end)
        }
    }

    public func makeIterator() -> Iterator { Iterator(self) }
    public func makeIterator(from i: Int) -> Iterator { Iterator(self, from: i) }

    /// One document's spans, encoded where they were found (on the thread
    /// that tokenized the document), ready to be appended.
    struct Piece {
        let spans: [TokenSpan]
        fileprivate let gaps: [UInt8]
        fileprivate let lengths: [UInt8]
        /// (document-local token index, value) where the byte is `escape`.
        fileprivate var wideStarts: [(Int, UInt32)] = []
        fileprivate var wideLengths: [(Int, UInt32)] = []

        init(_ spans: [TokenSpan]) {
            self.spans = spans
            let escape = UInt32(TokenSpans.escape)
            var wideStarts: [(Int, UInt32)] = [], wideLengths: [(Int, UInt32)] = []
            gaps = [UInt8](unsafeUninitializedCapacity: spans.count) { out, count in
                var previousEnd: UInt32 = 0
                for (k, span) in spans.enumerated() {
                    if k > 0, span.start >= previousEnd, span.start - previousEnd < escape {
                        out[k] = UInt8(span.start - previousEnd)
                    } else {
                        out[k] = TokenSpans.escape
                        wideStarts.append((k, span.start))
                    }
                    previousEnd = span.end
                }
                count = spans.count
            }
            lengths = [UInt8](unsafeUninitializedCapacity: spans.count) { out, count in
                for (k, span) in spans.enumerated() {
                    let length = span.end - span.start
                    if length < escape {
                        out[k] = UInt8(length)
                    } else {
                        out[k] = TokenSpans.escape
                        wideLengths.append((k, length))
                    }
                }
                count = spans.count
            }
            self.wideStarts = wideStarts
            self.wideLengths = wideLengths
        }
    }

    /// Adds a document's tokens after those already here.
    mutating func append(_ piece: Piece) {
        let base = gaps.count
        gaps.append(contentsOf: piece.gaps)
        lengths.append(contentsOf: piece.lengths)
        for (k, start) in piece.wideStarts { wideStarts[base + k] = start }
        for (k, length) in piece.wideLengths { wideLengths[base + k] = length }
        // The first token of every block that begins inside this document.
        var i = (base + Self.blockSize - 1) / Self.blockSize * Self.blockSize
        while i < gaps.count {
            blockStarts.append(piece.spans[i - base].start)
            i += Self.blockSize
        }
    }

    mutating func reserveCapacity(_ n: Int) {
        gaps.reserveCapacity(n)
        lengths.reserveCapacity(n)
        blockStarts.reserveCapacity(n / Self.blockSize + 1)
    }
}
