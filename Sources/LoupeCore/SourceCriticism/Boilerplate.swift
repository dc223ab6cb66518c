import Foundation

/// Boilerplate (`corpus:boilerplate`, `corpus:without_boilerplate`): lines
/// that are page furniture rather than the piece itself.
///
/// A line is a stretch of a document's text between line feeds (a CR before
/// the LF is not part of it), numbered from 1 in `doc.text`. Only lines with
/// at least one token are considered. A line is flagged when
/// - **repeated**: the same tokens (same matching forms, so case and
///   punctuation do not matter) make up a whole line in at least `minDocuments`
///   documents that share a value of `field` (default: the same outlet);
///   documents without the field are compared with none; or
/// - **chrome**: the line, trimmed, matches one of the patterns of
///   `Boilerplate.chrome` (case ignored, `’` read as `'`) and has at most that
///   pattern's number of tokens, or matches one of the script's own patterns.
public struct BoilerplateOptions: Equatable, Sendable {
    /// A line in at least this many documents with the same `field` value is boilerplate (≥ 2).
    public var minDocuments = 2
    /// The field documents are grouped by for repeated lines; nil: no repeated-line rule.
    public var field: String? = "outlet"
    /// Use the built-in chrome patterns.
    public var chrome = true
    /// More patterns (ICU regular expressions, case ignored) tried on every trimmed line, whatever its length.
    public var patterns: [String] = []

    public init(minDocuments: Int = 2, field: String? = "outlet", chrome: Bool = true, patterns: [String] = []) {
        self.minDocuments = minDocuments; self.field = field; self.chrome = chrome; self.patterns = patterns
    }
}

/// One flagged line.
public struct BoilerplateLine: Equatable, Sendable {
    public var document: Int
    /// 1-based line number in the document's text.
    public var line: Int
    /// UTF-8 byte range of the line in the text (without its line feed).
    public var byteStart: Int
    public var byteEnd: Int
    /// The line, trimmed.
    public var text: String
    /// The chrome pattern's name, if one matched.
    public var pattern: String?
    /// In how many documents of the same `field` value the line stands, if that rule flagged it.
    public var documents: Int?
    public var reason: String
}

public enum Boilerplate {
    /// A chrome pattern: a name (shown as the reason), a regular expression over
    /// the trimmed line, and the most tokens the line may have.
    public struct Pattern: Sendable {
        public let name: String
        public let regex: String
        public let maxTokens: Int
    }

    /// The built-in page-chrome patterns (docs/source-criticism.md lists them).
    public static let chrome: [Pattern] = [
        Pattern(name: "continue reading", regex: #"^(continue|keep) reading\b"#, maxTokens: 8),
        Pattern(name: "read more", regex: #"^(read more|read the (full|rest)\b|click here\b)"#, maxTokens: 10),
        Pattern(name: "share prompt", regex: #"^share( this\b| on\b| via\b|:|$)"#, maxTokens: 8),
        Pattern(name: "social button", regex: #"^(facebook|twitter|x|telegram|vk|vkontakte|whatsapp|linkedin|reddit|pinterest|tumblr|pocket|email|e-mail|print|tweet)( (photo|picture|icon|logo|button))?:?$"#, maxTokens: 3),
        Pattern(name: "follow prompt", regex: #"^follow (us|\S+ on (twitter|telegram|facebook|x|vk|instagram|youtube))\b"#, maxTokens: 20),
        Pattern(name: "subscribe prompt", regex: #"^subscribe\b|\bsubscrib(e|ing) (to|for) (our|the)\b|\bsubscriber-funded\b"#, maxTokens: 40),
        Pattern(name: "newsletter prompt", regex: #"\b(our|the|a) newsletter\b|\bsign up (for|to)\b"#, maxTokens: 40),
        Pattern(name: "support appeal", regex: #"\bsupport (us|our (work|journalism)|independent journalism)\b|\bdonate (now|today|here)\b|^donate$|\bbecome a (patron|member|supporter)\b"#, maxTokens: 40),
        Pattern(name: "paywall notice", regex: #"\bpaywall\b"#, maxTokens: 80),
        Pattern(name: "cookie notice", regex: #"\bcookies?\b"#, maxTokens: 12),
        Pattern(name: "cookie notice", regex: #"\b(this (web)?site|we) uses? cookies\b|\bcookie (policy|settings|preferences)\b|\baccept (all )?cookies\b"#, maxTokens: 40),
        Pattern(name: "comment form", regex: #"^leave a (reply|comment)\b|^(post|add|write) a comment\b|\byou are commenting using\b|^fill in your details below\b|^connecting to %s$|\bnotify me of (new|follow-up) (comments|posts)\b|^\d+ (comments?|responses?|replies)$|^comments?( \(\d+\))?:?$|^cancel reply$|^(log in|login|sign in) to (reply|comment)\b"#, maxTokens: 30),
        Pattern(name: "login prompt", regex: #"\b(log|sign) (in|out)\b"#, maxTokens: 8),
        Pattern(name: "rights notice", regex: #"\ball rights reserved\b|^©|^copyright\b|\(c\) (19|20)\d\d\b"#, maxTokens: 30),
        Pattern(name: "byline chrome", regex: #"^(written|posted|published) by:?$|^this (article|entry|post) was (filed|posted) under\b|^(tags|tagged|filed under|categories|posted in):?( |$)"#, maxTokens: 30),
        Pattern(name: "related links", regex: #"^(related( (articles|posts|stories|news|content))?|more on this( topic)?|you may also like|recommended( for you)?|most read|trending( now)?|see also|read also|also read):?$"#, maxTokens: 5),
        Pattern(name: "navigation", regex: #"^(skip to (main )?content|main menu|menu|home|search|advertisement|back to top|next post|previous post|next article|previous article|print this (page|article)|email this (page|article))$"#, maxTokens: 4),
        Pattern(name: "like button", regex: #"^(like this:?|like loading\W*|loading(\.\.\.|…)?)$"#, maxTokens: 4),
    ]

    struct Compiled {
        let name: String
        let regex: NSRegularExpression
        let maxTokens: Int
    }

    static func compile(_ o: BoilerplateOptions) throws -> [Compiled] {
        var out: [Compiled] = []
        if o.chrome {
            for p in chrome {
                out.append(Compiled(name: p.name, regex: try NSRegularExpression(pattern: p.regex, options: [.caseInsensitive]),
                                    maxTokens: p.maxTokens))
            }
        }
        for p in o.patterns {
            guard let re = try? NSRegularExpression(pattern: p, options: [.caseInsensitive]) else {
                throw AnalysisError("pattern '\(p)' is not a valid regular expression")
            }
            out.append(Compiled(name: "pattern \(p)", regex: re, maxTokens: Int.max))
        }
        return out
    }

    /// A document's lines with at least one token: number, byte range, token range (document-local, end exclusive).
    struct Line {
        var number: Int
        var byteStart: Int, byteEnd: Int
        var tokenStart: Int, tokenEnd: Int
    }

    static func lines(_ corpus: Corpus, _ doc: Int) throws -> [Line] {
        let d = corpus.documents[doc]
        var out: [Line] = []
        let spans = corpus.tokenSpans(document: doc)
        var next = spans.first
        var k = 0                      // document-local index of `next`
        var number = 0
        var start = 0
        let bytes = Array(d.text.utf8)
        var i = 0
        while i <= bytes.count {
            // One document may be one 4 GB line: poll by bytes walked, not by line.
            if i & 0xFFFF == 0xFFFF { try Interruption.check() }
            guard i == bytes.count || bytes[i] == 0x0A else { i += 1; continue }
            number += 1
            var end = i
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            let first = k
            while let s = next, Int(s.start) < i {
                if k & 0xFFFF == 0xFFFF { try Interruption.check() }
                k += 1
                next = k < spans.count ? spans[k] : nil
            }
            if k > first { out.append(Line(number: number, byteStart: start, byteEnd: end, tokenStart: first, tokenEnd: k)) }
            if i == bytes.count { break }
            i += 1
            start = i
        }
        return out
    }

    static func trimmed(_ s: String) -> String {
        s.trimmingCharacters(in: CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{00A0}\u{FEFF}")))
    }
}

extension Corpus {
    /// The flagged lines, in corpus order, then line order.
    public func boilerplateLines(_ o: BoilerplateOptions = BoilerplateOptions()) throws -> [BoilerplateLine] {
        guard o.minDocuments >= 2 else { throw AnalysisError("min_docs must be 2 or more, got \(o.minDocuments)") }
        let patterns = try Boilerplate.compile(o)
        let allLines = try documents.indices.map { d -> [Boilerplate.Line] in
            if d & 0xFF == 0xFF { try Interruption.check() }
            return try Boilerplate.lines(self, d)
        }
        // Repeated lines: per field value, the documents each line's token ids appear in.
        var repeatedIn: [Int: [Int: Int]] = [:]      // doc → line number → documents
        if let field = o.field {
            var byValue: [String: [Int]] = [:]
            for (d, doc) in documents.enumerated() {
                if let v = MetadataFilter.value(of: doc, field) { byValue[v.lowercased(), default: []].append(d) }
            }
            for docs in byValue.values where docs.count >= o.minDocuments {
                try Interruption.check()
                var where_: [ArraySlice<UInt32>: [Int]] = [:]     // line tokens → documents (ascending, once each)
                for d in docs {
                    let base = documents[d].tokenBase
                    for l in allLines[d] {
                        let key = tokens[(base + l.tokenStart)..<(base + l.tokenEnd)]
                        if where_[key]?.last != d { where_[key, default: []].append(d) }
                    }
                }
                for d in docs {
                    let base = documents[d].tokenBase
                    for l in allLines[d] {
                        let n = where_[tokens[(base + l.tokenStart)..<(base + l.tokenEnd)]]?.count ?? 0
                        if n >= o.minDocuments { repeatedIn[d, default: [:]][l.number] = n }
                    }
                }
            }
        }
        var out: [BoilerplateLine] = []
        let longestPattern = patterns.map(\.maxTokens).max() ?? 0
        for (d, doc) in documents.enumerated() {
            if d & 0xFF == 0xFF { try Interruption.check() }
            for l in allLines[d] {
                // A line longer than every pattern allows and not repeated is not
                // boilerplate: skip it before copying its text (it may be 4 GB).
                guard l.tokenEnd - l.tokenStart <= longestPattern || repeatedIn[d]?[l.number] != nil else { continue }
                let text = Boilerplate.trimmed(doc.slice(l.byteStart, l.byteEnd))
                let probe = text.replacingOccurrences(of: "\u{2019}", with: "'")
                let range = NSRange(probe.startIndex..., in: probe)
                let count = l.tokenEnd - l.tokenStart
                let pattern = patterns.first { count <= $0.maxTokens && $0.regex.firstMatch(in: probe, range: range) != nil }
                let repeated = repeatedIn[d]?[l.number]
                guard pattern != nil || repeated != nil else { continue }
                var reasons: [String] = []
                if let p = pattern { reasons.append("chrome: \(p.name)") }
                if let n = repeated, let field = o.field {
                    reasons.append("repeated in \(n) documents of \(field) \(MetadataFilter.value(of: doc, field) ?? "")")
                }
                out.append(BoilerplateLine(document: d, line: l.number, byteStart: l.byteStart, byteEnd: l.byteEnd, text: text,
                                           pattern: pattern?.name, documents: repeated, reason: reasons.joined(separator: "; ")))
            }
        }
        return out
    }

    /// `corpus:boilerplate{…}`: doc, line, text, reason, pattern, documents.
    public func boilerplate(_ o: BoilerplateOptions = BoilerplateOptions()) throws -> Table {
        Self.boilerplateTable(self, try boilerplateLines(o))
    }

    static func boilerplateTable(_ c: Corpus, _ lines: [BoilerplateLine]) -> Table {
        Table(columns: [
            ("doc", lines.map { .string(c.documents[$0.document].id) }),
            ("line", lines.map { .int($0.line) }),
            ("text", lines.map { .string($0.text) }),
            ("reason", lines.map { .string($0.reason) }),
            ("pattern", lines.map { $0.pattern.map { .string($0) } ?? .null }),
            ("documents", lines.map { $0.documents.map { .int($0) } ?? .null }),
        ])
    }

    /// `corpus:without_boilerplate{…}`: a new corpus of the same documents with
    /// every flagged line emptied (its line feed kept, so line numbers stay and
    /// a removed line separates paragraphs), each document's metadata gaining
    /// `boilerplate_removed` (how many of its lines were emptied, 0 included);
    /// and the table of what was removed (as `boilerplate`). The new corpus
    /// has its own type table, as a freshly loaded one does.
    public func withoutBoilerplate(_ o: BoilerplateOptions = BoilerplateOptions()) throws -> (corpus: Corpus, removed: Table) {
        let lines = try boilerplateLines(o)
        var byDoc: [Int: [BoilerplateLine]] = [:]
        for l in lines { byDoc[l.document, default: []].append(l) }
        var builder = CorpusBuilder()
        for (d, doc) in documents.enumerated() {
            if d & 0xFF == 0xFF { try Interruption.check() }
            let cut = byDoc[d] ?? []
            var text = doc.text
            if !cut.isEmpty {
                var bytes = Array(doc.text.utf8)
                for l in cut.reversed() { bytes.removeSubrange(l.byteStart..<l.byteEnd) }
                text = String(decoding: bytes, as: UTF8.self)
            }
            var meta = doc.meta
            meta["boilerplate_removed"] = .int(cut.count)
            var raw = RawDocument(id: doc.id, title: doc.title, text: text, meta: meta, source: doc.source)
            raw.titleIsGuessed = doc.titleIsGuessed
            builder.add(raw)
        }
        let built = builder.build(root: root)
        let label = "boilerplate removed: \(lines.count) line\(lines.count == 1 ? "" : "s")"
        let clean = Corpus(root: root, documents: built.documents, tokens: built.tokens, checkpoints: built.checkpoints,
                           vocabulary: built.vocabulary, selection: selection.map { "\($0); \(label)" } ?? label)
        return (clean, Self.boilerplateTable(self, lines))
    }
}
