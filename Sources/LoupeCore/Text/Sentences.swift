/// Sentence boundaries inside paragraphs (docs/text.md, "Paragraphs and
/// sentences"; docs/design.md §5).
///
/// A sentence ends at `.`, `!`, `?` or `…` (or a run of them, possibly followed
/// by closing quotes or brackets) when whitespace follows and then either an
/// opening quote or bracket, or a token starting with an uppercase letter or a
/// digit. A single `.` after a known abbreviation (Mr., Dr., U.S., Gen., No., …)
/// or after a single capital letter (an initial) does not end a sentence;
/// "No.", "Nos." and "Art." are also words, so they count only before a number.
/// Every paragraph boundary is a sentence boundary.
public enum Sentences {
    public static let abbreviations: Set<String> = [
        "mr.", "mrs.", "ms.", "dr.", "prof.", "sr.", "jr.", "st.", "mt.", "gen.", "lt.", "col.", "maj.",
        "capt.", "cmdr.", "adm.", "sgt.", "gov.", "sen.", "rep.", "pres.", "rev.", "hon.", "amb.",
        "no.", "nos.", "vol.", "vols.", "p.", "pp.", "para.", "art.", "fig.", "ch.", "sec.", "ed.", "eds.",
        "u.s.", "u.k.", "u.n.", "e.u.", "u.s.s.r.", "u.s.a.", "d.c.", "a.m.", "p.m.",
        "e.g.", "i.e.", "etc.", "vs.", "cf.", "approx.", "ca.", "est.", "inc.", "ltd.", "co.", "corp.",
        "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.",
    ]

    /// Abbreviations that are also ordinary words ("he said no."): they only
    /// hold a sentence together when a number follows ("No. 5", "Art. 51").
    public static let numberedAbbreviations: Set<String> = ["no.", "nos.", "art."]

    // Switches rather than sets: no hashing in a loop that runs for every sentence.

    /// `.` `!` `?` `…`
    static func isTerminator(_ s: Unicode.Scalar) -> Bool {
        switch s.value { case 0x2E, 0x21, 0x3F, 0x2026: true; default: false }
    }

    /// `"` `'` `)` `]` `”` `’` `»` `›`
    static func isCloser(_ s: Unicode.Scalar) -> Bool {
        switch s.value { case 0x22, 0x27, 0x29, 0x5D, 0x201D, 0x2019, 0xBB, 0x203A: true; default: false }
    }

    /// `"` `'` `(` `[` `“` `‘` `«` `‹` `„`
    static func isOpener(_ s: Unicode.Scalar) -> Bool {
        switch s.value { case 0x22, 0x27, 0x28, 0x5B, 0x201C, 0x2018, 0xAB, 0x2039, 0x201E: true; default: false }
    }

    public static func spans(text: String, tokens: [TokenSpan], paragraphs: [TextSpan]) -> [TextSpan] {
        var text = text
        return text.withUTF8 { spans(utf8: $0, tokens: tokens, paragraphs: paragraphs) }
    }

    /// Sentence spans over a document's UTF-8 bytes (valid UTF-8, as a `String` holds).
    static func spans(utf8 bytes: UnsafeBufferPointer<UInt8>, tokens: [TokenSpan], paragraphs: [TextSpan]) -> [TextSpan] {
        tokens.withUnsafeBufferPointer { spans(utf8: bytes, tokens: $0, paragraphs: paragraphs) }
    }

    static func spans(utf8 bytes: UnsafeBufferPointer<UInt8>, tokens: UnsafeBufferPointer<TokenSpan>, paragraphs: [TextSpan]) -> [TextSpan] {
        var result: [TextSpan] = []
        for para in paragraphs where para.tokenCount > 0 {
            var sentenceStart = para.byteStart
            var sentenceFirstToken = para.tokenStart
            var t = para.tokenStart
            while t + 1 < para.tokenEnd {
                // Most gaps are a space or a comma: only '.', '!', '?' and '…' (E2 …) can start a boundary.
                let first = bytes[Int(tokens[t].end)]
                if first == 0x2E || first == 0x21 || first == 0x3F || first == 0xE2,
                   let end = boundary(bytes, previousToken: tokens[t], nextToken: tokens[t + 1]) {
                    result.append(TextSpan(byteStart: sentenceStart, byteEnd: end.sentenceEnd,
                                           tokenStart: sentenceFirstToken, tokenEnd: t + 1))
                    sentenceStart = end.nextStart
                    sentenceFirstToken = t + 1
                }
                t += 1
            }
            result.append(TextSpan(byteStart: sentenceStart, byteEnd: para.byteEnd,
                                   tokenStart: sentenceFirstToken, tokenEnd: para.tokenEnd))
        }
        return result
    }

    /// If the gap between two tokens ends a sentence: where the sentence ends
    /// (after its punctuation) and where the next begins (after the whitespace).
    static func boundary(_ bytes: UnsafeBufferPointer<UInt8>,
                         previousToken: TokenSpan, nextToken: TokenSpan) -> (sentenceEnd: Int, nextStart: Int)? {
        let gapStart = Int(previousToken.end), gapEnd = Int(nextToken.start)
        // Only '.', '!', '?' and '…' (E2 80 A6) can start a boundary.
        guard gapStart < gapEnd else { return nil }
        let first = bytes[gapStart]
        guard first == 0x2E || first == 0x21 || first == 0x3F
                || (first == 0xE2 && gapStart + 2 < gapEnd && bytes[gapStart + 1] == 0x80 && bytes[gapStart + 2] == 0xA6)
        else { return nil }

        var i = gapStart
        func scalar() -> (Unicode.Scalar, Int)? {
            guard i < gapEnd, case let (s?, length) = Tokenizer.decode(bytes, at: i) else { return nil }
            return (s, length)
        }
        var terminatorCount = 0
        var onlyPeriods = true
        while let (s, length) = scalar(), isTerminator(s) {
            if s != "." { onlyPeriods = false }
            terminatorCount += 1
            i += length
        }
        guard terminatorCount > 0 else { return nil }
        while let (s, length) = scalar(), isCloser(s) { i += length }
        let sentenceEnd = i
        var sawSpace = false
        while let (s, length) = scalar(), isWhitespace(s) {
            sawSpace = true
            i += length
        }
        guard sawSpace else { return nil }
        let nextStart = i
        var opened = false
        while let (s, length) = scalar(), isOpener(s) {
            opened = true
            i += length
        }
        guard i == gapEnd else { return nil }   // other punctuation before the next token
        guard case let (first?, _) = Tokenizer.decode(bytes, at: gapEnd) else { return nil }
        let isNumber = isNumeric(first)
        if !opened {
            guard isNumber || startsSentence(first) else { return nil }
        }
        if onlyPeriods && terminatorCount == 1 {
            func isAbbreviation(_ s: Int, _ e: Int) -> Bool {
                isListed(bytes, s, e, abbreviations, packed: packedAbbreviations)
                    && (isNumber || !isListed(bytes, s, e, numberedAbbreviations, packed: packedNumberedAbbreviations))
            }
            let tokenStart = Int(previousToken.start)
            if isAbbreviation(tokenStart, gapStart) { return nil }
            if isInitial(bytes, tokenStart, gapStart) { return nil }   // "J."
            // "U.S." is tokenized U / S: look back over the whole non-space word.
            if let s = wordBeforeStart(bytes, previousToken: previousToken), isAbbreviation(s, gapStart) { return nil }
        }
        return (sentenceEnd, nextStart)
    }

    /// Whether the text in [s, e), lowercased and followed by ".", is in `list`.
    /// An ASCII word is packed into a UInt64 and looked for in `packed` (the
    /// list packed the same way), with no String made; other text goes the long way.
    static func isListed(_ bytes: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int,
                         _ list: Set<String>, packed: PackedWordSet?) -> Bool {
        let word = UnsafeBufferPointer(rebasing: bytes[s..<e])
        guard let packed, word.allSatisfy({ $0 != 0 && $0 < 0x80 }) else {
            return list.contains(lowered(bytes, s, e) + ".")
        }
        guard word.count < 8 else { return false }   // longer than any packed entry
        var key: UInt64 = 0x2E << (8 * UInt64(word.count))
        for (k, b) in word.enumerated() { key |= UInt64((b &- 0x41) < 26 ? b | 0x20 : b) << (8 * UInt64(k)) }
        return packed.contains(key)
    }

    static let packedAbbreviations = pack(abbreviations)
    static let packedNumberedAbbreviations = pack(numberedAbbreviations)

    /// The entries' bytes as little-endian UInt64s; nil unless every entry
    /// is ASCII without NUL and at most 8 bytes (then only the long way is exact).
    static func pack(_ list: Set<String>) -> PackedWordSet? {
        var out: [UInt64] = []
        for entry in list {
            let bytes = Array(entry.utf8)
            guard bytes.count <= 8, bytes.allSatisfy({ $0 != 0 && $0 < 0x80 }) else { return nil }
            out.append(bytes.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) })
        }
        return PackedWordSet(out)
    }

    /// The token in [s, e) is one letter, an initial: `lowered + "."` is two
    /// `Character`s and the first is a letter.
    static func isInitial(_ bytes: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        let token = UnsafeBufferPointer(rebasing: bytes[s..<e])
        if token.allSatisfy({ $0 < 0x80 }) { return token.count == 1 && (token[0] | 0x20) &- 0x61 < 26 }
        let word = lowered(bytes, s, e) + "."
        guard word.count == 2, let c = word.first else { return false }
        return c.isLetter
    }

    // Unicode properties, answered for ASCII without a table lookup.

    static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        s.isASCII ? s.value == 0x20 || (0x09...0x0D).contains(s.value) : s.properties.isWhitespace
    }

    static func isNumeric(_ s: Unicode.Scalar) -> Bool {
        s.isASCII ? (0x30...0x39).contains(s.value) : s.properties.numericType != nil
    }

    /// Uppercase or titlecase: a capital that can start a sentence.
    static func startsSentence(_ s: Unicode.Scalar) -> Bool {
        s.isASCII ? (0x41...0x5A).contains(s.value) : s.properties.isUppercase || s.properties.generalCategory == .titlecaseLetter
    }

    /// Where the run of non-space text that ends with the previous token
    /// starts; nil when that run is over 16 bytes (too long for an abbreviation).
    static func wordBeforeStart(_ bytes: UnsafeBufferPointer<UInt8>, previousToken: TokenSpan) -> Int? {
        let tokenStart = Int(previousToken.start)
        let limit = max(0, tokenStart - 16)
        var k = tokenStart
        while k > limit, bytes[k - 1] != 0x20, bytes[k - 1] != 0x0A, bytes[k - 1] != 0x09 { k -= 1 }
        if k == limit && tokenStart >= 16 { return nil }
        return k
    }

    /// `String.lowercased()` of the text in [s, e), without Unicode work for ASCII.
    static func lowered(_ bytes: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[s..<e])
        if slice.allSatisfy({ $0 < 0x80 }) { return Folding.asciiLowercased(slice) }
        return String(decoding: slice, as: UTF8.self).lowercased()
    }
}
