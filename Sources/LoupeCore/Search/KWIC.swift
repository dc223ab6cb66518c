/// A concordance line: context to the left, the match, context to the right.
public struct KWICLine: Equatable, Sendable {
    public var hit: Hit
    public var documentID: String
    public var left: String
    public var match: String
    public var right: String
}

/// How a concordance is cut and ordered. The hits stay the same, so a window
/// or a sort can change without searching again.
public struct KWICOptions: Equatable, Sendable {
    public enum Unit: String, Sendable { case characters = "chars", tokens }
    /// A sort key: the n-th token left (1L) or right (1R) of the match, the match itself, or the document.
    public enum SortKey: Equatable, Sendable {
        case left(Int), right(Int), node, document

        public init?(_ text: String) {
            let t = text.uppercased()
            if t == "NODE" || t == "0" || t == "KWIC" { self = .node; return }
            if t == "DOC" || t == "DOCUMENT" { self = .document; return }
            guard let side = t.last, side == "L" || side == "R", let n = Int(t.dropLast()), n >= 1, n <= 50 else { return nil }
            self = side == "L" ? .left(n) : .right(n)
        }
    }

    public var left = 40
    public var right = 40
    public var unit = Unit.characters
    public var sort: [SortKey] = []
    public init(left: Int = 40, right: Int = 40, unit: Unit = .characters, sort: [SortKey] = []) {
        self.left = left; self.right = right; self.unit = unit; self.sort = sort
    }
}

/// Key word in context.
public enum KWIC {
    public static func lines(_ corpus: Corpus, hits: [Hit], width: Int) throws -> [KWICLine] {
        try lines(corpus, hits: hits, options: KWICOptions(left: width, right: width))
    }

    /// Polls `Interruption.check()` every this many + 1 hits.
    static let checkMask = 0xFFF

    /// What a concordance's lines hold, estimated up front so that one too large for
    /// `--memory` is refused before it is built: per line the two contexts (up to 4
    /// bytes a character, or ~8 a token, in Swift's strings and again in Lua's) and
    /// ~160 bytes of line, id and match.
    public static func estimatedBytes(hits: Int, options o: KWICOptions) -> Int {
        let context = o.unit == .tokens ? 8 : 2
        let (perSide, o1) = (Swift.max(0, o.left) &+ Swift.max(0, o.right)).multipliedReportingOverflow(by: context * 2)
        return o1 ? Int.max : MemoryBudget.bytes(hits, each: perSide &+ 160)
    }

    public static func lines(_ corpus: Corpus, hits: [Hit], options o: KWICOptions) throws -> [KWICLine] {
        try MemoryBudget.reserve(estimatedBytes(hits: hits.count, options: o))
        // The bytes of every hit first, in the hits' own order (document
        // order): finding them reads the text near each hit, and in that
        // order the reads follow one another through memory.
        var places: [Place?] = []
        places.reserveCapacity(hits.count)
        for (i, hit) in hits.enumerated() {
            if i & checkMask == checkMask { try Interruption.check() }
            places.append(place(corpus, hit, o))
        }
        var scratch: [UInt8] = []
        var made = 0
        return try sortedOrder(corpus, hits, by: o.sort).map { i in
            made += 1
            if made & checkMask == 0 { try Interruption.check() }
            let hit = hits[i]
            let d = corpus.documents[hit.document]
            guard let p = places[i] else { return KWICLine(hit: hit, documentID: d.id, left: "", match: "", right: "") }
            let match = piece(d, p.start, p.end, .none, .none, &scratch)
            switch o.unit {
            case .characters:
                return KWICLine(hit: hit, documentID: d.id,
                                left: piece(d, p.start - o.left * 4 - 8, p.start, .trailingSpace, .last(o.left), &scratch), match: match,
                                right: piece(d, p.end, p.end + o.right * 4 + 8, .leadingSpace, .first(o.right), &scratch))
            case .tokens:
                return KWICLine(hit: hit, documentID: d.id, left: piece(d, p.windowStart, p.start, .trailingSpace, .none, &scratch),
                                match: match, right: piece(d, p.end, p.windowEnd, .leadingSpace, .none, &scratch))
            }
        }
    }

    /// Where a hit's line comes from in its document's bytes: the match, and
    /// (for a window in tokens) the window; nil for a hit that is not there.
    struct Place { var start, end, windowStart, windowEnd: Int }

    static func place(_ corpus: Corpus, _ hit: Hit, _ o: KWICOptions) -> Place? {
        let d = corpus.documents[hit.document]
        // One read of the tokens from the window's first to its last (or the match's).
        let first = o.unit == .tokens ? max(0, hit.start - o.left) : hit.start
        let last = o.unit == .tokens ? min(d.tokenCount, hit.end + o.right) : hit.end
        let spans = corpus.tokenSpans(document: hit.document, tokens: first..<last)
        guard spans.count == last - first, hit.start < hit.end else { return nil }
        let s = Int(spans[hit.start - first].start)
        let e = Int(spans[hit.end - 1 - first].end)
        return Place(start: s, end: e,
                     windowStart: first < hit.start ? Int(spans[0].start) : s,
                     windowEnd: last > hit.end ? Int(spans[spans.count - 1].end) : e)
    }

    /// The text of `d` between two byte offsets, flattened, trimmed and cut:
    /// on the bytes when `KWICText` can, else character by character.
    static func piece(_ d: Document, _ start: Int, _ end: Int, _ trim: KWICText.Trim, _ cut: KWICText.Cut,
                      _ scratch: inout [UInt8]) -> String {
        if let fast = d.text.utf8.withContiguousStorageIfAvailable({
            KWICText.piece($0, start, end, trim: trim, cut: cut, into: &scratch)
        }) ?? nil {
            return fast
        }
        return characterPiece(d.slice(start, end), trim, cut)
    }

    /// `piece` of a sliced text, walking its characters (the reference `KWICText` must agree with).
    static func characterPiece(_ text: String, _ trim: KWICText.Trim, _ cut: KWICText.Cut) -> String {
        var t = flatten(text)
        switch trim {
        case .none: break
        case .leadingSpace: t = trimStart(t)
        case .trailingSpace: t = trimEnd(t)
        }
        switch cut {
        case .none: return t
        case .first(let n): return String(t.prefix(max(0, n)))
        case .last(let n): return String(t.suffix(max(0, n)))
        }
    }

    /// A stable sort of hits by their matching forms at the keys (absent tokens
    /// first), as the hits' indices in sorted order.
    /// Many hits are sorted by the forms' ranks in code point order (kept per
    /// corpus), which is the order of the strings: a form's scalars are all
    /// above the space that joins a node's forms, so comparing a node's forms
    /// one by one, a shorter node first, orders as comparing the joined strings.
    public static func sortedOrder(_ corpus: Corpus, _ hits: [Hit], by keys: [KWICOptions.SortKey]) throws -> [Int] {
        guard !keys.isEmpty else { return Array(hits.indices) }
        if hits.count >= rankedSortThreshold {
            // A limit stops the sort; any other failure falls back to comparing strings.
            do { return try sortedByRank(corpus, hits, by: keys) } catch let stop as Interrupted { throw stop } catch {}
        }
        return sortedByString(corpus, hits, by: keys)
    }

    /// From this many hits on, working out the corpus's form order once pays.
    static let rankedSortThreshold = 2_000

    static func sortedByString(_ corpus: Corpus, _ hits: [Hit], by keys: [KWICOptions.SortKey]) -> [Int] {
        func form(_ hit: Hit, _ k: Int) -> String {
            let d = corpus.documents[hit.document]
            guard k >= 0, k < d.tokenCount else { return "" }
            return corpus.vocabulary.form(of: corpus.tokens[d.tokenBase + k])
        }
        func key(_ hit: Hit) -> [String] {
            keys.map { key in
                switch key {
                case .left(let n): return form(hit, hit.start - n)
                case .right(let n): return form(hit, hit.end - 1 + n)
                case .node: return (hit.start..<hit.end).map { form(hit, $0) }.joined(separator: " ")
                case .document: return corpus.documents[hit.document].id
                }
            }
        }
        let keyed = hits.enumerated().map { (offset: $0.offset, hit: $0.element, key: key($0.element)) }
        return keyed.sorted { a, b in a.key != b.key ? a.key.lexicographicallyPrecedes(b.key) : a.offset < b.offset }.map(\.offset)
    }

    /// `sortedByString` with every key made of numbers: a form is its rank + 1
    /// (0: no token there), a node its forms and then 0s, a document the rank of its id.
    static func sortedByRank(_ corpus: Corpus, _ hits: [Hit], by keys: [KWICOptions.SortKey]) throws -> [Int] {
        let rank = try corpus.formOrder().rank
        let documentRank: [UInt32] = keys.contains(.document) ? {
            let ids = corpus.documents.map(\.id)
            var r = [UInt32](repeating: 0, count: ids.count)
            for (i, d) in ids.indices.sorted(by: { ids[$0] < ids[$1] }).enumerated() { r[d] = UInt32(i) }
            return r
        }() : []
        func form(_ hit: Hit, _ k: Int) -> UInt32 {
            let d = corpus.documents[hit.document]
            guard k >= 0, k < d.tokenCount else { return 0 }
            return rank[Int(corpus.tokens[d.tokenBase + k])] + 1
        }
        // All keys in one array, `width` numbers a hit (a node padded with 0s
        // after its terminating 0), so that no hit needs an array of its own.
        let longestNode = keys.contains(.node) ? (hits.map { $0.end - $0.start }.max() ?? 0) : 0
        let width = keys.reduce(0) { $0 + ($1 == .node ? longestNode + 1 : 1) }
        var flat = [UInt32](repeating: 0, count: hits.count * width)
        for (h, hit) in hits.enumerated() {
            if h & checkMask == checkMask { try Interruption.check() }
            var w = h * width
            for k in keys {
                switch k {
                case .left(let n): flat[w] = form(hit, hit.start - n); w += 1
                case .right(let n): flat[w] = form(hit, hit.end - 1 + n); w += 1
                case .node:
                    for (i, p) in (hit.start..<hit.end).enumerated() { flat[w + i] = form(hit, p) }
                    w += longestNode + 1
                case .document: flat[w] = documentRank[hit.document]; w += 1
                }
            }
        }
        if width <= 2, hits.count < Int(UInt32.max) {
            // Keys of one or two numbers pack into a UInt64: a stable radix sort, which
            // polls the limits between passes, gives the same order (ties in hit order).
            var keys = [UInt64](repeating: 0, count: hits.count)
            var order = (0..<hits.count).map { UInt32($0) }
            for h in hits.indices {
                if h & checkMask == checkMask { try Interruption.check() }
                keys[h] = width == 1 ? UInt64(flat[h]) : UInt64(flat[2 * h]) << 32 | UInt64(flat[2 * h + 1])
            }
            try RadixSort.sort(keys: &keys, payload: &order)
            return order.map { Int($0) }
        }
        return flat.withUnsafeBufferPointer { flat in
            hits.indices.sorted { a, b in
                for i in 0..<width where flat[a * width + i] != flat[b * width + i] {
                    return flat[a * width + i] < flat[b * width + i]
                }
                return a < b
            }
        }
    }

    /// Aligned text: the left contexts right-aligned, so the matches line up.
    public static func format(_ lines: [KWICLine], width: Int? = nil) -> String {
        let idWidth = min(lines.map(\.documentID.count).max() ?? 0, 32)
        let leftWidth = width ?? (lines.map(\.left.count).max() ?? 0)
        return lines.map { l in
            let id = l.documentID.count > idWidth ? String(l.documentID.prefix(idWidth - 1)) + "…" : l.documentID
            let pad = String(repeating: " ", count: max(0, idWidth - id.count))
            let leftPad = String(repeating: " ", count: max(0, leftWidth - l.left.count))
            // no space after an opening bracket or before closing punctuation; matches stay in one column
            let opens = l.left.last.map { "([{«“‘\"".contains($0) } == true
            let after = l.right.isEmpty || l.right.first.map { ".,;:!?)]}»”’\"".contains($0) } == true ? "" : " "
            return "\(id)\(pad)  \(leftPad)\(opens ? " " : "")\(l.left)\(opens ? "" : " ")[\(l.match)]\(after)\(l.right)"
        }.joined(separator: "\n")
    }

    static func trimEnd(_ s: String) -> String { s.last == " " ? String(s.dropLast()) : s }
    static func trimStart(_ s: String) -> String { s.first == " " ? String(s.dropFirst()) : s }

    /// Line breaks and runs of whitespace become single spaces.
    static func flatten(_ s: String) -> String {
        var out = ""
        var space = false
        for c in s {
            if isSpace(c) { space = true; continue }
            if space && !out.isEmpty { out.append(" ") }
            space = false
            out.append(c)
        }
        if space && !out.isEmpty { out.append(" ") }
        if let f = s.first, isSpace(f) { out = " " + out }
        return out
    }

    /// `Character.isWhitespace` without a Unicode property lookup for ASCII
    /// (most of a concordance's characters, and the lookup is dear).
    @inline(__always)
    static func isSpace(_ c: Character) -> Bool {
        if let a = c.asciiValue { return a == 0x20 || (0x09...0x0D).contains(a) }
        return c.isWhitespace
    }
}
