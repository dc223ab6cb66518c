/// A concordance line: context to the left, the match, context to the right.
public struct KWICLine: Equatable, Sendable {
    public var hit: Hit
    public var documentID: String
    public var left: String
    public var match: String
    public var right: String
}

/// Key word in context, with contexts measured in characters.
public enum KWIC {
    public static func lines(_ corpus: Corpus, hits: [Hit], width: Int) -> [KWICLine] {
        hits.map { hit in
            let d = corpus.documents[hit.document]
            let s = Int(corpus.spans[d.tokenBase + hit.start].start)
            let e = Int(corpus.spans[d.tokenBase + hit.end - 1].end)
            let left = trimEnd(flatten(d.slice(max(0, s - width * 4 - 8), s)))
            let right = trimStart(flatten(d.slice(e, e + width * 4 + 8)))
            return KWICLine(hit: hit, documentID: d.id, left: String(left.suffix(width)),
                            match: flatten(d.slice(s, e)), right: String(right.prefix(width)))
        }
    }

    /// Aligned text: the left context right-aligned to `width`, so matches line up.
    public static func format(_ lines: [KWICLine], width: Int) -> String {
        let idWidth = min(lines.map(\.documentID.count).max() ?? 0, 32)
        return lines.map { l in
            let id = l.documentID.count > idWidth ? String(l.documentID.prefix(idWidth - 1)) + "…" : l.documentID
            let pad = String(repeating: " ", count: max(0, idWidth - id.count))
            let leftPad = String(repeating: " ", count: max(0, width - l.left.count))
            return "\(id)\(pad)  \(leftPad)\(l.left) [\(l.match)] \(l.right)"
        }.joined(separator: "\n")
    }

    static func trimEnd(_ s: String) -> String { s.last == " " ? String(s.dropLast()) : s }
    static func trimStart(_ s: String) -> String { s.first == " " ? String(s.dropFirst()) : s }

    /// Line breaks and runs of whitespace become single spaces.
    static func flatten(_ s: String) -> String {
        var out = ""
        var space = false
        for c in s {
            if c.isWhitespace { space = true; continue }
            if space && !out.isEmpty { out.append(" ") }
            space = false
            out.append(c)
        }
        if space && !out.isEmpty { out.append(" ") }
        if let f = s.first, f.isWhitespace { out = " " + out }
        return out
    }
}
