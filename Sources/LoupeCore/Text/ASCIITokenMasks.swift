import CByteClasses

/// The tokenizer's rules for pure ASCII text, 64 bytes at a time: each byte's
/// class becomes one bit of a mask (a word character, a joiner), computed
/// eight bytes per machine word, and tokens are the runs of set bits of
///
///     token = word | (joiner & word before & word after)
///
/// — a single `'` or `-` between two word characters stays inside a token,
/// everything else separates (docs/text.md, "Tokens"; docs/design.md §5). No
/// byte is branched on, so word lengths cannot mislead the branch predictor
/// the way they do a byte loop.
enum ASCIITokenMasks {
    /// An ASCII byte that is neither a word character nor a joiner: after it,
    /// a reader is always outside a token.
    @inline(__always)
    static func isSeparator(_ b: UInt8) -> Bool {
        b < 0x80 && !CharacterClass.isASCIIWord(b) && b != 0x27 && b != 0x2D
    }

    /// Index of the first byte ≥ 0x80 at or after `i` and before `end`, or `end`.
    static func firstNonASCII(_ bytes: UnsafeBufferPointer<UInt8>, from i: Int, upTo end: Int) -> Int {
        var i = i
        guard let base = bytes.baseAddress else { return end }
        let raw = UnsafeRawPointer(base)
        let high: UInt64 = 0x8080_8080_8080_8080
        while i + 32 <= end {
            let a = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self), b = raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
            let c = raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self), d = raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
            if (a | b | c | d) & high != 0 { break }
            i += 32
        }
        while i < end, base[i] < 0x80 { i += 1 }
        return i
    }

    /// Appends the spans of the tokens in `bytes[start..<end]`, all ASCII, read
    /// as if nothing came before or after it: the caller starts outside a token
    /// (or at a token's first byte) and ends at the text's end or after a
    /// separator. Stops early when `result` is full.
    static func appendSpans(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, into result: inout Tokenizer.SpanSink) {
        guard start < end, let base = bytes.baseAddress else { return }
        var block = start
        var wordBefore: UInt64 = 0     // the word bit of the byte before the block
        var tokenBefore: UInt64 = 0    // the token bit of the byte before the block
        var open = -1                  // start of a token that runs into the block
        while block < end {
            let count = Swift.min(64, end - block)
            var (word, joiner) = masks(base, at: block, count: count, available: bytes.count - block)
            if count < 64 {
                let keep = (UInt64(1) << UInt64(count)) - 1
                word &= keep; joiner &= keep
            }
            let wordAfter: UInt64 = block + 64 < end && CharacterClass.isASCIIWord(base[block + 64]) ? 1 : 0
            let token = word | (joiner & ((word << 1) | wordBefore) & ((word >> 1) | (wordAfter << 63)))
            let before = (token << 1) | tokenBefore
            var starts = token & ~before
            var ends = ~token & before
            if count < 64 { ends &= (UInt64(1) << UInt64(count)) - 1 }
            if open >= 0, ends != 0 {
                result.append(open, block + ends.trailingZeroBitCount)
                if result.isFull { return }
                ends &= ends &- 1
                open = -1
            }
            while starts != 0 {
                let s = block + starts.trailingZeroBitCount
                starts &= starts &- 1
                if ends != 0 {
                    result.append(s, block + ends.trailingZeroBitCount)
                    if result.isFull { return }
                    ends &= ends &- 1
                } else {
                    open = s
                }
            }
            wordBefore = word >> 63
            tokenBefore = token >> 63
            block += 64
        }
        if open >= 0 { result.append(open, end) }
    }

    /// The word and joiner bits of the `count` (1...64) bytes at `offset`
    /// (bit i for byte offset + i; bits past `count` are garbage). Reads whole
    /// words where `available` bytes allow, else copies the tail first.
    @inline(__always)
    private static func masks(_ base: UnsafePointer<UInt8>, at offset: Int, count: Int, available: Int) -> (word: UInt64, joiner: UInt64) {
        var word: UInt64 = 0, joiner: UInt64 = 0
        if available >= 64 {
            // Most blocks: sixteen bytes an instruction (SSE2), not eight a word.
            loupe_ascii_classes64(base + offset, &word, &joiner)
            return (word, joiner)
        }
        let raw = UnsafeRawPointer(base)
        var k = 0
        while k < count {
            let x: UInt64
            if offset + k + 8 <= offset + available {
                x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + k, as: UInt64.self))
            } else {
                var tail: UInt64 = 0
                for j in 0..<Swift.min(8, available - k) { tail |= UInt64(base[offset + k + j]) << UInt64(8 * j) }
                x = tail
            }
            let (w, j) = classify(x)
            word |= w << UInt64(k)
            joiner |= j << UInt64(k)
            k += 8
        }
        return (word, joiner)
    }

    /// One bit per byte of eight ASCII bytes (little-endian): is it a word
    /// character, is it `'` or `-`. Bytes ≥ 0x80 count as neither.
    @inline(__always)
    static func classify(_ x: UInt64) -> (word: UInt64, joiner: UInt64) {
        let high: UInt64 = 0x8080_8080_8080_8080
        let low7 = x & ~high
        // In each byte, b + k sets the high bit exactly when b ≥ 0x80 - k
        // (b < 0x80, so nothing carries into the next byte).
        let folded = low7 | 0x2020_2020_2020_2020                                              // 'A'...'Z' → 'a'...'z'
        let letter = (folded &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(folded &+ 0x0505_0505_0505_0505)   // 'a'...'z'
        let digit = (low7 &+ 0x5050_5050_5050_5050) & ~(low7 &+ 0x4646_4646_4646_4646)       // '0'...'9'
        let apostrophe = ~((low7 ^ 0x2727_2727_2727_2727) &+ 0x7F7F_7F7F_7F7F_7F7F)            // == 0x27
        let hyphen = ~((low7 ^ 0x2D2D_2D2D_2D2D_2D2D) &+ 0x7F7F_7F7F_7F7F_7F7F)                // == 0x2D
        let ascii = ~x & high
        return (gather((letter | digit) & ascii), gather((apostrophe | hyphen) & ascii))
    }

    /// The high bit of each byte, gathered into the low eight bits.
    @inline(__always)
    private static func gather(_ m: UInt64) -> UInt64 {
        (((m & 0x8080_8080_8080_8080) >> 7) &* 0x0102_0408_1020_4080) >> 56
    }
}
