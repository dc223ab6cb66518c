/// A document's text prepared for the source-criticism scanners (provenance,
/// speaker turns, quotations, numbers): its Unicode scalars with their UTF-8
/// offsets, its lines, tokens, sentences and paragraphs, all as scalar indices,
/// so a scanner can look left and right of any position cheaply.
struct DocText {
    let corpus: Corpus
    let index: Int
    let scalars: [Unicode.Scalar]
    /// UTF-8 offset of each scalar, plus the text's byte length at the end.
    let byteOffsets: [Int]
    /// Scalar index where each line starts (line n is `lineStarts[n - 1]`).
    let lineStarts: [Int]
    /// Scalar ranges of the document's tokens, in order.
    let tokenStarts: [Int]
    let tokenEnds: [Int]
    let sentences: [Range<Int>]
    let paragraphs: [Range<Int>]

    var doc: Document { corpus.documents[index] }
    var count: Int { scalars.count }

    /// Polls the limits every this many + 1 scalars or tokens: one document may be
    /// 4 GB, so the walk over it must stop on time.
    static let checkMask = 0xFFFF

    init(_ corpus: Corpus, _ index: Int) throws {
        self.corpus = corpus
        self.index = index
        let d = corpus.documents[index]
        // 4 bytes a scalar and 8 an offset for each byte (at most), 16 a token.
        try MemoryBudget.reserve(MemoryBudget.bytes(d.text.utf8.count, each: 12) &+ MemoryBudget.bytes(d.tokenCount, each: 16))
        var sc: [Unicode.Scalar] = [], off: [Int] = [], lines = [0]
        sc.reserveCapacity(d.text.utf8.count)
        off.reserveCapacity(d.text.utf8.count + 1)
        var b = 0
        for s in d.text.unicodeScalars {
            if sc.count & Self.checkMask == Self.checkMask { try Interruption.check() }
            sc.append(s); off.append(b)
            b += UTF8.width(s)
            if s == "\n" { lines.append(sc.count) }
        }
        off.append(b)
        scalars = sc; byteOffsets = off; lineStarts = lines
        var ts: [Int] = [], te: [Int] = []
        ts.reserveCapacity(d.tokenCount); te.reserveCapacity(d.tokenCount)
        var cursor = 0
        func advance(to byte: Int) -> Int {   // offsets only grow: walk forward
            while cursor < off.count - 1, off[cursor] < byte { cursor += 1 }
            return cursor
        }
        for span in corpus.tokenSpans(document: index) {
            if ts.count & Self.checkMask == Self.checkMask { try Interruption.check() }
            ts.append(advance(to: Int(span.start)))
            te.append(advance(to: Int(span.end)))
        }
        tokenStarts = ts; tokenEnds = te
        func ranges(_ spans: [TextSpan]) -> [Range<Int>] {
            spans.map { s in
                let a = Self.lowerBound(off, s.byteStart), e = Self.lowerBound(off, s.byteEnd)
                return a..<max(a, e)
            }
        }
        sentences = ranges(d.sentences)
        paragraphs = ranges(d.paragraphs)
    }

    /// The first index whose value is ≥ x (values sorted ascending).
    static func lowerBound(_ a: [Int], _ x: Int) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if a[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    // MARK: text

    func string(_ r: Range<Int>) -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars[max(0, r.lowerBound)..<min(count, max(r.lowerBound, r.upperBound))])
        return String(v)
    }

    /// Text with every run of whitespace (line breaks too) shown as one space, trimmed.
    func collapsed(_ r: Range<Int>) -> String {
        var v = String.UnicodeScalarView()
        var pendingSpace = false
        for i in max(0, r.lowerBound)..<min(count, max(r.lowerBound, r.upperBound)) {
            let s = scalars[i]
            if Self.isSpace(s) { pendingSpace = !v.isEmpty; continue }
            if pendingSpace { v.append(" "); pendingSpace = false }
            v.append(s)
        }
        return String(v)
    }

    /// Whitespace, no-break space included.
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0xA0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    func isSpace(_ i: Int) -> Bool { i >= 0 && i < count && Self.isSpace(scalars[i]) }

    /// A letter, digit or mark (the tokenizer's word characters).
    func isWord(_ i: Int) -> Bool { i >= 0 && i < count && CharacterClass.kind(scalars[i]) != .other }
    static func isWord(_ s: Unicode.Scalar) -> Bool { CharacterClass.kind(s) != .other }

    func isDigit(_ i: Int) -> Bool { i >= 0 && i < count && scalars[i].value >= 0x30 && scalars[i].value <= 0x39 }

    func isUpper(_ i: Int) -> Bool { i >= 0 && i < count && scalars[i].properties.isUppercase }

    /// `r` without whitespace at either end.
    func trimmed(_ r: Range<Int>) -> Range<Int> {
        var a = r.lowerBound, e = r.upperBound
        while a < e, isSpace(a) { a += 1 }
        while e > a, isSpace(e - 1) { e -= 1 }
        return a..<e
    }

    /// Cut to at most `limit` characters (whitespace collapsed), with "…" when cut.
    static func cut(_ s: String, _ limit: Int) -> String {
        guard s.count > limit else { return s }
        return String(s.prefix(limit - 1)) + "…"
    }

    // MARK: lines

    /// The 1-based line that holds scalar `i`.
    func line(of i: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= i { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    /// Line n (1-based) without its line break (nor a CR before it).
    func lineRange(_ n: Int) -> Range<Int> {
        let a = lineStarts[n - 1]
        var e = n < lineStarts.count ? lineStarts[n] - 1 : count
        if e > a, scalars[e - 1] == "\r" { e -= 1 }
        return a..<max(a, e)
    }

    var lineCount: Int { lineStarts.count }

    /// The line's text, whitespace collapsed, cut to 120 characters.
    func lineText(_ n: Int) -> String { Self.cut(collapsed(lineRange(n)), 120) }

    // MARK: sentences and tokens

    /// The sentence holding scalar `i`, else the last one starting before it.
    func sentence(containing i: Int) -> Range<Int>? {
        guard !sentences.isEmpty else { return nil }
        var lo = 0, hi = sentences.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if sentences[mid].lowerBound <= i { lo = mid } else { hi = mid - 1 }
        }
        return sentences[lo]
    }

    func sentenceIndex(containing i: Int) -> Int? {
        guard !sentences.isEmpty else { return nil }
        var lo = 0, hi = sentences.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if sentences[mid].lowerBound <= i { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Indices of the tokens that lie wholly inside `r`.
    func tokens(in r: Range<Int>) -> Range<Int> {
        let a = Self.lowerBound(tokenStarts, r.lowerBound)
        var e = Self.lowerBound(tokenStarts, r.upperBound)
        while e > a, tokenEnds[e - 1] > r.upperBound { e -= 1 }
        return a..<max(a, e)
    }

    func wordCount(_ r: Range<Int>) -> Int { tokens(in: r).count }

    /// A token's matching form (lowercase, ’ as ').
    func form(_ k: Int) -> String {
        let d = doc
        return corpus.vocabulary.form(of: corpus.tokens[d.tokenBase + k])
    }

    func surface(_ k: Int) -> String { string(tokenStarts[k]..<tokenEnds[k]) }

    /// The token begins with an uppercase letter.
    func isCapitalized(_ k: Int) -> Bool { isUpper(tokenStarts[k]) }

    /// The scalars between token k and token k + 1.
    func gap(after k: Int) -> Range<Int> { tokenEnds[k]..<(k + 1 < tokenStarts.count ? tokenStarts[k + 1] : count) }

    /// Whether a stretch holds anything but whitespace (punctuation, quote marks, symbols).
    func hasPunctuation(_ r: Range<Int>) -> Bool {
        for i in r where !isSpace(i) { return true }
        return false
    }

    // MARK: punctuation

    /// `"` `'` `)` `]` `}` `”` `’` `»` `›`
    static func isCloser(_ s: Unicode.Scalar) -> Bool {
        switch s.value { case 0x22, 0x27, 0x29, 0x5D, 0x7D, 0x201D, 0x2019, 0xBB, 0x203A: return true; default: return false }
    }

    /// The last character of `r` that is neither whitespace nor a closing quote or bracket.
    func lastSignificant(_ r: Range<Int>) -> Unicode.Scalar? {
        var e = r.upperBound
        while e > r.lowerBound, isSpace(e - 1) { e -= 1 }
        while e > r.lowerBound, Self.isCloser(scalars[e - 1]) { e -= 1 }
        return e > r.lowerBound ? scalars[e - 1] : nil
    }

    /// Ends with `.` `!` `?` `…` (closing quotes or brackets may follow).
    func endsSentence(_ r: Range<Int>) -> Bool {
        guard let s = lastSignificant(r) else { return false }
        return s == "." || s == "!" || s == "?" || s == "\u{2026}"
    }

    /// Ends with `.` `!` `?` `…` `:` `;` `,` (closing quotes or brackets may follow).
    func endsWithPunctuation(_ r: Range<Int>) -> Bool {
        guard let s = lastSignificant(r) else { return false }
        return s == "." || s == "!" || s == "?" || s == "\u{2026}" || s == ":" || s == ";" || s == ","
    }

    func endsWithQuestionMark(_ r: Range<Int>) -> Bool { lastSignificant(r) == "?" }
}

extension TableValue {
    /// A metadata field as a cell (empty when the document lacks it).
    static func meta(_ d: Document, _ key: String) -> TableValue {
        d.meta.string(key).map { .string($0) } ?? .null
    }

    static func text(_ s: String?) -> TableValue { s.map { .string($0) } ?? .null }
}
