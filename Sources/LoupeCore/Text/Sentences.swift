/// Sentence boundaries inside paragraphs (DESIGN.md §5).
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

    static let terminators: Set<Unicode.Scalar> = [".", "!", "?", "\u{2026}"]
    static let closers: Set<Unicode.Scalar> = ["\"", "'", ")", "]", "\u{201D}", "\u{2019}", "\u{BB}", "\u{203A}"]
    static let openers: Set<Unicode.Scalar> = ["\"", "'", "(", "[", "\u{201C}", "\u{2018}", "\u{AB}", "\u{2039}", "\u{201E}"]

    public static func spans(text: String, tokens: [TokenSpan], paragraphs: [TextSpan]) -> [TextSpan] {
        let utf8 = text.utf8
        let base = utf8.startIndex
        func scalars(_ s: Int, _ e: Int) -> Substring.UnicodeScalarView {
            let lo = utf8.index(base, offsetBy: s), hi = utf8.index(base, offsetBy: e)
            return text.unicodeScalars[lo..<hi]
        }
        func lowered(_ s: Int, _ e: Int) -> String {
            String(String.UnicodeScalarView(scalars(s, e))).lowercased()
        }

        var result: [TextSpan] = []
        for para in paragraphs where para.tokenCount > 0 {
            var sentenceStart = para.byteStart
            var sentenceFirstToken = para.tokenStart
            var t = para.tokenStart
            while t + 1 < para.tokenEnd {
                let gapStart = Int(tokens[t].end), gapEnd = Int(tokens[t + 1].start)
                if let end = boundary(gap: scalars(gapStart, gapEnd), gapStart: gapStart, text: text,
                                      previousToken: tokens[t], nextToken: tokens[t + 1], lowered: lowered) {
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
    static func boundary(gap: Substring.UnicodeScalarView, gapStart: Int, text: String,
                         previousToken: TokenSpan, nextToken: TokenSpan,
                         lowered: (Int, Int) -> String) -> (sentenceEnd: Int, nextStart: Int)? {
        var it = gap.startIndex
        var offset = gapStart
        var terminatorCount = 0
        var onlyPeriods = true
        while it != gap.endIndex, terminators.contains(gap[it]) {
            if gap[it] != "." { onlyPeriods = false }
            terminatorCount += 1
            offset += gap[it].utf8.count
            it = gap.index(after: it)
        }
        guard terminatorCount > 0 else { return nil }
        while it != gap.endIndex, closers.contains(gap[it]) {
            offset += gap[it].utf8.count
            it = gap.index(after: it)
        }
        let sentenceEnd = offset
        var sawSpace = false
        while it != gap.endIndex, gap[it].properties.isWhitespace {
            sawSpace = true
            offset += gap[it].utf8.count
            it = gap.index(after: it)
        }
        guard sawSpace else { return nil }
        let nextStart = offset
        var opened = false
        while it != gap.endIndex, openers.contains(gap[it]) {
            opened = true
            it = gap.index(after: it)
        }
        guard it == gap.endIndex else { return nil }   // other punctuation before the next token
        let lo = text.utf8.index(text.utf8.startIndex, offsetBy: Int(nextToken.start))
        guard let first = text.unicodeScalars[lo...].first else { return nil }
        let p = first.properties
        if !opened {
            guard p.isUppercase || p.generalCategory == .titlecaseLetter || p.numericType != nil else { return nil }
        }
        if onlyPeriods && terminatorCount == 1 {
            // "U.S." is tokenized U / S: look back over the whole non-space word.
            let word = lowered(Int(previousToken.start), gapStart) + "."
            func isAbbreviation(_ w: String) -> Bool {
                abbreviations.contains(w) && (!numberedAbbreviations.contains(w) || p.numericType != nil)
            }
            if isAbbreviation(word) { return nil }
            if word.count == 2, let c = word.first, c.isLetter { return nil }   // an initial: "J."
            if wordBefore(previousToken: previousToken, text: text, lowered: lowered).map(isAbbreviation) == true {
                return nil
            }
        }
        return (sentenceEnd, nextStart)
    }

    /// The lowercased run of non-space text ending at the previous token, plus the period.
    static func wordBefore(previousToken: TokenSpan, text: String, lowered: (Int, Int) -> String) -> String? {
        let utf8 = Array(text.utf8[text.utf8.index(text.utf8.startIndex, offsetBy: max(0, Int(previousToken.start) - 16))..<text.utf8.index(text.utf8.startIndex, offsetBy: Int(previousToken.start))])
        var k = utf8.count
        while k > 0, utf8[k - 1] != 0x20, utf8[k - 1] != 0x0A, utf8[k - 1] != 0x09 { k -= 1 }
        if k == 0 && Int(previousToken.start) >= 16 { return nil }   // too long for an abbreviation
        let start = Int(previousToken.start) - (utf8.count - k)
        return lowered(start, Int(previousToken.end)) + "."
    }
}
