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
    public static func lines(_ corpus: Corpus, hits: [Hit], width: Int) -> [KWICLine] {
        lines(corpus, hits: hits, options: KWICOptions(left: width, right: width))
    }

    public static func lines(_ corpus: Corpus, hits: [Hit], options o: KWICOptions) -> [KWICLine] {
        let ordered = sorted(corpus, hits, by: o.sort)
        return ordered.map { hit in
            let d = corpus.documents[hit.document]
            // One read of the tokens from the window's first to its last (or the match's).
            let first = o.unit == .tokens ? max(0, hit.start - o.left) : hit.start
            let last = o.unit == .tokens ? min(d.tokenCount, hit.end + o.right) : hit.end
            let spans = corpus.tokenSpans(document: hit.document, tokens: first..<last)
            guard spans.count == last - first, hit.start < hit.end else {
                return KWICLine(hit: hit, documentID: d.id, left: "", match: "", right: "")
            }
            let s = Int(spans[hit.start - first].start)
            let e = Int(spans[hit.end - 1 - first].end)
            let match = flatten(d.slice(s, e))
            switch o.unit {
            case .characters:
                let left = trimEnd(flatten(d.slice(max(0, s - o.left * 4 - 8), s)))
                let right = trimStart(flatten(d.slice(e, e + o.right * 4 + 8)))
                return KWICLine(hit: hit, documentID: d.id, left: String(left.suffix(o.left)), match: match, right: String(right.prefix(o.right)))
            case .tokens:
                let ls = first < hit.start ? Int(spans[0].start) : s
                let re = last > hit.end ? Int(spans[spans.count - 1].end) : e
                return KWICLine(hit: hit, documentID: d.id, left: trimEnd(flatten(d.slice(ls, s))), match: match,
                                right: trimStart(flatten(d.slice(e, re))))
            }
        }
    }

    /// A stable sort of hits by their matching forms at the keys; absent tokens sort first.
    static func sorted(_ corpus: Corpus, _ hits: [Hit], by keys: [KWICOptions.SortKey]) -> [Hit] {
        guard !keys.isEmpty else { return hits }
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
        return keyed.sorted { a, b in a.key != b.key ? a.key.lexicographicallyPrecedes(b.key) : a.offset < b.offset }.map(\.hit)
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
    /// (most of a concordance's characters; the lookup was a fifth of its time).
    @inline(__always)
    static func isSpace(_ c: Character) -> Bool {
        if let a = c.asciiValue { return a == 0x20 || (0x09...0x0D).contains(a) }
        return c.isWhitespace
    }
}
