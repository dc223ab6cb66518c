/// A token's place in its document's text: UTF-8 byte offsets, end exclusive.
public struct TokenSpan: Equatable, Sendable, BitwiseCopyable {
    public var start: UInt32
    public var end: UInt32
    public init(start: UInt32, end: UInt32) { self.start = start; self.end = end }
}

/// Splits text into tokens (docs/text.md, "Tokens"; docs/design.md §5).
///
/// A token is a maximal run of word characters (letters, decimal digits, and
/// marks that continue a letter, digit or mark — a mark cannot start a token);
/// a single apostrophe (' or ’) or hyphen (-, U+2010, U+2011) between two word
/// characters stays inside the token: `don’t`, `neo-Nazi`. Everything else —
/// spaces, punctuation, `_`, symbols — separates tokens.
public enum Tokenizer {
    /// Token spans over `text`'s UTF-8 bytes.
    public static func spans(in text: String) -> [TokenSpan] {
        var copy = text
        return copy.withUTF8 { spans(utf8: $0) }
    }

    /// The surface strings of the tokens in `text`.
    public static func tokens(in text: String) -> [String] {
        let utf8 = Array(text.utf8)
        return spans(in: text).map { String(decoding: utf8[Int($0.start)..<Int($0.end)], as: UTF8.self) }
    }

    /// Token spans over raw UTF-8. Invalid sequences (never present in a Swift
    /// String) are treated as separators.
    ///
    /// `from` and `limit` read only part of a text: the first `limit` tokens
    /// from byte `from` on. Started at the first byte of a token, this finds
    /// exactly the tokens a reading from the text's start finds there, because
    /// the reader's state outside a token is always the same: a token begins
    /// only when no token and no joiner is pending (`SpanCheckpoints` relies on it).
    ///
    /// A reading takes ASCII stretches 64 bytes at a time
    /// (`ASCIITokenMasks`) and reads byte by byte only around non-ASCII bytes,
    /// from the last ASCII separator before one to the first place outside a
    /// token after it; both ways find the same tokens (tested against `scalarSpans`).
    public static func spans(utf8 bytes: UnsafeBufferPointer<UInt8>, from: Int = 0, limit: Int = .max) -> [TokenSpan] {
        collect(bytes, from: from, limit: limit) { sink, from in readByBlocks(bytes, from: from, into: &sink) }
    }

    /// `spans(utf8:from:limit:)` read one byte or scalar at a time: the reference reading.
    static func scalarSpans(utf8 bytes: UnsafeBufferPointer<UInt8>, from: Int = 0, limit: Int = .max) -> [TokenSpan] {
        collect(bytes, from: from, limit: limit) { sink, from in _ = read(bytes, from: from, stopOutsideTokenPast: .max, into: &sink) }
    }

    /// The spans a reading from `from` writes into a sink that is full after
    /// `limit` of them (or all there can be).
    @inline(__always)
    private static func collect(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, limit: Int,
                                _ reading: (inout SpanSink, Int) -> Void) -> [TokenSpan] {
        let from = Swift.min(Swift.max(0, from), bytes.count)
        guard limit > 0 else { return [] }
        return [TokenSpan](unsafeUninitializedCapacity: Swift.min(limit, maxTokens(bytes.count - from))) { buffer, count in
            guard let base = buffer.baseAddress else { count = 0; return }
            var sink = SpanSink(base: base, capacity: buffer.count)
            reading(&sink, from)
            count = sink.count
        }
    }

    /// At most this many tokens fit in `byteCount` bytes (a token has a byte
    /// or more, and a byte or more separates two).
    static func maxTokens(_ byteCount: Int) -> Int { byteCount / 2 + 1 }

    /// The spans of all of `bytes`'s tokens, written from `base` on, which has
    /// room for `maxTokens(bytes.count)`; returns how many (for callers that
    /// keep one buffer for many texts).
    static func spans(utf8 bytes: UnsafeBufferPointer<UInt8>, into base: UnsafeMutablePointer<TokenSpan>) -> Int {
        var sink = SpanSink(base: base, capacity: maxTokens(bytes.count))
        readByBlocks(bytes, from: 0, into: &sink)
        return sink.count
    }

    /// Where the spans go: written in place, no capacity checked per token in
    /// a release build. The caller has made room for `maxTokens` of the bytes
    /// read, and no reading finds more: two tokens are always apart by a byte
    /// that belongs to neither (`maxTokensIsTight` checks the bound is met
    /// exactly by "a a a …"; every tokenizer test runs with the assertion on).
    struct SpanSink {
        let base: UnsafeMutablePointer<TokenSpan>
        let capacity: Int
        var count = 0
        @inline(__always)
        mutating func append(_ start: Int, _ end: Int) {
            assert(count < capacity, "more tokens than maxTokens allows")
            base[count] = TokenSpan(start: UInt32(truncatingIfNeeded: start), end: UInt32(truncatingIfNeeded: end))
            count += 1
        }
        /// No more spans are wanted (its capacity is a reading's limit), or fit.
        var isFull: Bool { count >= capacity }
    }

    /// Reads until the text ends or the sink is full: ASCII stretches by
    /// `ASCIITokenMasks`, the bytes around a non-ASCII one by `read`.
    @inline(__always)
    private static func readByBlocks(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, into sink: inout SpanSink) {
        let n = bytes.count
        var position = from
        while position < n, !sink.isFull {
            // A reading with a limit looks only about as far ahead as its
            // remaining tokens need, not for the next non-ASCII byte in the
            // rest of the text; a whole reading always has room for the rest.
            let remaining = sink.capacity - sink.count
            let windowEnd = remaining >= (n - position) / 2 ? n : Swift.min(n, position + Swift.max(256, remaining * 8))
            let stop = ASCIITokenMasks.firstNonASCII(bytes, from: position, upTo: windowEnd)
            // Back off to just after the last ASCII separator before it: the
            // bytes up to there are tokenized alone, and the reading by scalars
            // starts outside a token.
            var cut = stop
            if stop < n {
                while cut > position, !ASCIITokenMasks.isSeparator(bytes[cut - 1]) { cut -= 1 }
            }
            ASCIITokenMasks.appendSpans(bytes, from: position, to: cut, into: &sink)
            if stop == n || sink.isFull { break }
            position = read(bytes, from: cut, stopOutsideTokenPast: stop, into: &sink)
        }
    }

    /// Reads from `from` (outside a token) and appends the spans found, until
    /// the sink is full, the text ends, or (once byte `stop` is read) the
    /// reader is outside a token again; returns where it stopped.
    @inline(__always)
    private static func read(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, stopOutsideTokenPast stop: Int,
                             into result: inout SpanSink) -> Int {
        let n = bytes.count
        var i = Swift.max(0, from)
        var tokenStart = -1          // start of the current token, -1 when outside one
        var pendingJoinerEnd = -1    // end of a joiner that follows a word char, waiting for the next
        var lastWordEnd = 0
        while i < n {
            let b = bytes[i]
            let kind: CharacterClass.Kind
            let isJoiner: Bool
            var next = i + 1
            if b < 0x80 {
                // ASCII, most of most text: no decoding, no Unicode property lookup.
                kind = CharacterClass.isASCIIWord(b) ? .word : .other
                isJoiner = b == 0x27 || b == 0x2D
            } else {
                let (scalar, length) = decode(bytes, at: i)
                next = i + length
                kind = scalar.map(CharacterClass.kind) ?? .other
                isJoiner = scalar.map { CharacterClass.isJoiner($0.value) } ?? false
            }
            if kind == .word || (kind == .mark && tokenStart >= 0 && pendingJoinerEnd < 0) {
                if tokenStart < 0 { tokenStart = i }
                pendingJoinerEnd = -1
                // The rest of an ASCII word changes nothing but where it ends.
                next = CharacterClass.asciiWordRunEnd(bytes, from: next)
                lastWordEnd = next
            } else if isJoiner, tokenStart >= 0, pendingJoinerEnd < 0 {
                pendingJoinerEnd = next   // keep only if a word character follows directly
            } else if tokenStart >= 0 {
                result.append(tokenStart, lastWordEnd)
                if result.isFull { return next }
                tokenStart = -1
                pendingJoinerEnd = -1
            }
            i = next
            if tokenStart < 0, i > stop { return i }
        }
        if tokenStart >= 0 { result.append(tokenStart, lastWordEnd) }
        return n
    }

    /// Decodes one scalar at `i`; returns nil (and length 1) on an invalid byte.
    @inline(__always)
    static func decode(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar?, Int) {
        let b0 = b[i]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        let n = b.count
        if b0 & 0xE0 == 0xC0, i + 1 < n {
            let v = (UInt32(b0 & 0x1F) << 6) | UInt32(b[i + 1] & 0x3F)
            return (Unicode.Scalar(v), 2)
        }
        if b0 & 0xF0 == 0xE0, i + 2 < n {
            let v = (UInt32(b0 & 0x0F) << 12) | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F)
            return (Unicode.Scalar(v), 3)
        }
        if b0 & 0xF8 == 0xF0, i + 3 < n {
            let v = (UInt32(b0 & 0x07) << 18) | (UInt32(b[i + 1] & 0x3F) << 12)
                | (UInt32(b[i + 2] & 0x3F) << 6) | UInt32(b[i + 3] & 0x3F)
            return (Unicode.Scalar(v), 4)
        }
        return (nil, 1)
    }
}
