/// Provenance (`corpus:provenance()`): what a text says about where it comes
/// from — links and their domains, attribution lines ("From RT", "Transcript
/// from …"), bylines, translators, republication notes, truncation markers and
/// every date it mentions. The exact rules are in docs/source-criticism.md.
public struct ProvenanceFinding: Equatable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case url, domain, from, transcript, by, translated, republished, truncated, date
    }
    public var document: Int
    public var kind: Kind
    /// What was found: the URL, the domain, the outlet or name, the note, the date as written.
    public var value: String
    /// A date's ISO 8601 form where the text allows it (YYYY-MM-DD, YYYY-MM, --MM-DD).
    public var iso: String?
    /// 1-based line in the document's text.
    public var line: Int
    /// That line, whitespace collapsed, cut to 120 characters.
    public var text: String
    /// Scalar offset in the text, for ordering.
    var position: Int
}

public enum Provenance {
    /// Every finding in one document, in text order.
    public static func findings(_ corpus: Corpus, document d: Int) throws -> [ProvenanceFinding] {
        let t = try DocText(corpus, d)
        var out: [ProvenanceFinding] = []
        func add(_ kind: ProvenanceFinding.Kind, _ value: String, at p: Int, iso: String? = nil) {
            let value = DocText.cut(value.trimmingSpaces(), 200)
            guard !value.isEmpty else { return }
            let line = t.line(of: p)
            out.append(ProvenanceFinding(document: d, kind: kind, value: value, iso: iso, line: line,
                                         text: t.lineText(line), position: p))
        }
        let urls = try URLMentions.find(t)
        for u in urls {
            let url = t.string(u)
            add(.url, url, at: u.lowerBound)
            let host = URLMentions.host(url)
            if !host.isEmpty { add(.domain, host, at: u.lowerBound) }
        }
        for r in try URLMentions.domains(t, skip: urls) {
            add(.domain, URLMentions.host(t.string(r)), at: r.lowerBound)
        }
        for n in 1...t.lineCount {
            if n & 0x3FF == 0 { try Interruption.check() }
            let r = t.trimmed(t.lineRange(n))
            guard !r.isEmpty, mayHaveFindings(t, r) else { continue }
            for f in lineFindings(t.collapsed(r)) { add(f.kind, f.value, at: r.lowerBound + f.offset) }
        }
        let lx = try Lexemes(t)
        for m in try DateMentions.find(lx, skip: urls) {
            add(.date, t.string(m.range), at: m.range.lowerBound, iso: m.iso)
        }
        // text order; at one position, in the order found (url before its domain)
        return out.enumerated().sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }.map(\.element)
    }

    // MARK: line rules

    /// Words that open a line with a finding ("From RT", "By …", "Source: …", "Continue reading").
    static let openingTriggers: Set<String> = ["from", "transcript", "by", "written", "posted", "reported", "edited",
                                               "compiled", "interview", "interviewed", "text", "photo", "photos", "words",
                                               "story", "source", "sources", "continue", "continued", "read", "to"]
    /// Words anywhere in a line with a finding.
    static let anywhereTriggers: Set<String> = ["interview", "translated", "translation", "republished", "re-published",
                                                "republish", "reprinted", "reprint", "reposted", "re-posted", "cross-posted",
                                                "crossposted", "originally", "appeared", "published", "courtesy", "reproduced",
                                                "publish", "publishes", "publishing"]

    /// A cheap test on the line's tokens before the string rules run.
    static func mayHaveFindings(_ t: DocText, _ r: Range<Int>) -> Bool {
        let toks = t.tokens(in: r)
        guard let first = toks.first else { return false }
        if openingTriggers.contains(t.form(first)) { return true }
        for k in toks where anywhereTriggers.contains(t.form(k)) { return true }
        return false
    }

    struct LineFinding { var kind: ProvenanceFinding.Kind; var value: String; var offset: Int }

    static let bylineVerbs = ["written by", "posted by", "reported by", "edited by", "compiled by", "interview by",
                              "interviewed by", "text by", "photo by", "photos by", "words by", "story by"]
    static let republicationTriggers = [
        "republished", "re-published", "republish", "reprinted", "reprint", "reposted", "re-posted", "cross-posted",
        "crossposted", "originally appeared", "originally published", "originally posted", "originally ran",
        "first appeared", "first published", "reproduced with permission", "published with permission",
        "reproduced from", "reprinted from", "republished from", "courtesy of",
    ]
    static let publishThis = ["publish this ", "publishes this ", "published this ", "are publishing this ", "is publishing this "]
    static let publishedThings: Set<String> = ["interview", "article", "piece", "text", "report", "post", "statement",
                                               "speech", "essay", "analysis", "transcript", "letter", "story", "video"]

    /// The findings of one line (whitespace collapsed, trimmed); offsets are in characters of that string,
    /// which equal scalar offsets of the trimmed line only when no whitespace was collapsed, so they
    /// are used for ordering within a line only.
    static func lineFindings(_ line: String) -> [LineFinding] {
        var out: [LineFinding] = []
        // ASCII lowercase only: one Character for one Character, so offsets in `lower` are offsets in `line`
        let lower = String(line.map { $0.isASCII && $0.isUppercase ? Character($0.lowercased()) : $0 })
        let words = line.split(separator: " ")
        let endsWithPeriod = line.hasSuffix(".")

        // "From RT", "From the Kremlin": a short line naming an outlet
        if line.hasPrefix("From "), words.count >= 2, words.count <= 13, !endsWithPeriod {
            let rest = line.dropFirst(5)
            let first = rest.hasPrefix("the ") ? rest.dropFirst(4) : rest
            if let c = first.unicodeScalars.first, c.properties.isUppercase {
                out.append(LineFinding(kind: .from, value: String(rest), offset: 5))
            }
        }
        // "Transcript from …", "Transcript of …", "Transcript courtesy of …"
        for p in ["transcript from ", "transcript of ", "transcript by ", "transcript courtesy of ", "transcript: "]
        where lower.hasPrefix(p) && words.count <= 16 {
            out.append(LineFinding(kind: .transcript, value: String(line.dropFirst(p.count)), offset: p.count))
            break
        }
        // "By Alexey Viryasov", "by Bruce Gagnon": a short line that is a byline
        if lower.hasPrefix("by "), words.count <= 10, let names = nameList(line.dropFirst(3)), names.whole {
            out.append(LineFinding(kind: .by, value: names.text, offset: 3))
        }
        // "Written by …", "Posted by …" at the start of a line
        for p in bylineVerbs where lower.hasPrefix(p + " ") {
            if let names = nameList(line.dropFirst(p.count + 1)) {
                out.append(LineFinding(kind: .by, value: names.text, offset: p.count + 1))
            }
            break
        }
        // "an interview with Boris Kagarlitsky by Feyzi Ismail"
        if let r = lower.range(of: "interview with ") {
            let after = suffix(line, from: lower.distance(from: lower.startIndex, to: r.upperBound))
            if let interviewee = nameList(after), !interviewee.whole {
                let rest = after.dropFirst(interviewee.text.count)
                if rest.hasPrefix(" by "), let by = nameList(rest.dropFirst(4)) {
                    out.append(LineFinding(kind: .by, value: by.text, offset: line.count - rest.count + 4))
                }
            }
        }
        // "Translated by Greg Butterfield", "translated from the Russian by …"
        var searchFrom = lower.startIndex
        while let r = lower.range(of: "translat", range: searchFrom..<lower.endIndex) {
            searchFrom = r.upperBound
            let tail = lower[r.lowerBound...]
            guard tail.hasPrefix("translated") || tail.hasPrefix("translation") else { continue }
            guard let by = tail.range(of: " by ") ?? tail.range(of: " by: ") else { continue }
            let between = tail[tail.startIndex..<by.lowerBound]
            guard between.split(separator: " ").count <= 4 else { continue }
            let offset = lower.distance(from: lower.startIndex, to: by.upperBound)
            let after = suffix(line, from: offset)
            if let names = nameList(after) {
                out.append(LineFinding(kind: .translated, value: names.text, offset: offset))
            }
        }
        // republication notes
        for trigger in republicationTriggers {
            if let r = lower.range(of: trigger), isWordStart(lower, r.lowerBound) {
                out.append(LineFinding(kind: .republished, value: clause(line, lower, r), offset: lower.distance(from: lower.startIndex, to: r.lowerBound)))
                break
            }
        }
        for p in publishThis {
            if let r = lower.range(of: p), isWordStart(lower, r.lowerBound) {
                let next = lower[r.upperBound...].prefix { $0.isLetter }
                if publishedThings.contains(String(next)) {
                    out.append(LineFinding(kind: .republished, value: clause(line, lower, r), offset: lower.distance(from: lower.startIndex, to: r.lowerBound)))
                }
                break
            }
        }
        // "Source: …", "Sources: …" at the start of a line
        for p in ["source: ", "sources: ", "source : "] where lower.hasPrefix(p) {
            out.append(LineFinding(kind: .republished, value: line, offset: 0))
            break
        }
        // "Continue reading": the rest of the piece is elsewhere
        let bare = lower.trimming([".", "…", "→", ">", " ", "»"])
        if ["continue reading", "read more", "read the full article", "read the full story", "read the rest",
            "read full article", "read the full text", "(continued)", "to be continued"].contains(bare) {
            out.append(LineFinding(kind: .truncated, value: line, offset: 0))
        }
        return out
    }

    static func suffix(_ s: String, from offset: Int) -> Substring {
        s[(s.index(s.startIndex, offsetBy: max(0, offset), limitedBy: s.endIndex) ?? s.endIndex)...]
    }

    static func isWordStart(_ s: String, _ i: String.Index) -> Bool {
        i == s.startIndex || !s[s.index(before: i)].isLetter
    }

    /// The clause around a match: back to the previous `.` `;` `!` `?` or the line start, on to the next
    /// `.` `;` `!` `?` ` - ` ` – ` or the line end.
    static func clause(_ line: String, _ lower: String, _ r: Range<String.Index>) -> String {
        let chars = Array(line)
        let a = min(chars.count, lower.distance(from: lower.startIndex, to: r.lowerBound))
        var s = a
        while s > 0, !".;!?".contains(chars[s - 1]) { s -= 1 }
        var e = a
        while e < chars.count {
            if ".;!?".contains(chars[e]) { break }
            if e + 2 < chars.count, chars[e] == " ", chars[e + 1] == "-" || chars[e + 1] == "\u{2013}" || chars[e + 1] == "\u{2014}", chars[e + 2] == " " { break }
            e += 1
        }
        return String(chars[s..<e]).trimmingSpaces()
    }

    /// Names at the start of `s`: capitalised words (initials, hyphens and
    /// apostrophes inside; particles such as "de" or "van" between), several
    /// names joined by ", ", " and " or " & ". `whole` when nothing follows.
    static func nameList(_ s: Substring) -> (text: String, whole: Bool)? {
        let particles: Set<String> = ["de", "da", "di", "van", "von", "der", "den", "la", "le", "du", "bin", "al", "el", "y", "ter"]
        let notNames: Set<String> = ["the", "a", "an", "this", "that", "our", "their", "his", "her", "its", "my", "your"]
        let words = s.split(separator: " ", omittingEmptySubsequences: true)
        var taken: [Substring] = []
        var namesInRun = 0
        var capitalsInName = 0
        for w in words {
            var core = w
            var trailingComma = false
            if core.hasSuffix(",") { core = core.dropLast(); trailingComma = true }
            let lw = core.lowercased()
            if lw == "and" || lw == "&" {
                guard capitalsInName > 0 else { break }
                taken.append(w); capitalsInName = 0; continue
            }
            if particles.contains(lw), capitalsInName > 0 {
                taken.append(w); continue
            }
            guard let first = core.unicodeScalars.first, first.properties.isUppercase,
                  !notNames.contains(lw), DateMentions.months[lw.trimming(["."])] == nil,
                  core.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0 == "." || $0 == "-" || $0 == "'" || $0 == "\u{2019}" }),
                  capitalsInName < 4 else { break }
            if capitalsInName == 0 { namesInRun += 1 }
            capitalsInName += 1
            taken.append(w)
            if trailingComma { capitalsInName = 0 }
        }
        // drop a dangling "and" / "&" / particle / comma at the end
        while let last = taken.last {
            let l = String(last.lowercased()).trimming([","])
            if l == "and" || l == "&" || particles.contains(l) { taken.removeLast() } else { break }
        }
        guard namesInRun > 0, !taken.isEmpty else { return nil }
        var text = taken.joined(separator: " ")
        if text.hasSuffix(",") { text.removeLast() }
        // a sentence's full stop after the last name ("by Ivan Petrov."), not an initial's ("A.")
        if text.hasSuffix("."), let last = taken.last, last.count > 2, last.dropLast().allSatisfy({ $0 != "." }) { text.removeLast() }
        return (text, taken.count == words.count)
    }
}

extension String {
    /// Without spaces (and no-break spaces) at either end.
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }

    func trimming(_ set: Set<Character>) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return String(s)
    }
}

extension Corpus {
    /// Provenance findings of every document (or of `documents`), as a Table:
    /// doc, kind, value, iso, line, text — one row per finding, in text order.
    public func provenance(documents: [Int]? = nil) throws -> Table {
        var doc: [TableValue] = [], kind: [TableValue] = [], value: [TableValue] = [], iso: [TableValue] = []
        var line: [TableValue] = [], text: [TableValue] = []
        for d in documents ?? Array(self.documents.indices) {
            try Interruption.check()
            for f in try Provenance.findings(self, document: d) {
                doc.append(.string(self.documents[d].id)); kind.append(.string(f.kind.rawValue))
                value.append(.string(f.value)); iso.append(.text(f.iso))
                line.append(.int(f.line)); text.append(.string(f.text))
            }
        }
        return Table(columns: [("doc", doc), ("kind", kind), ("value", value), ("iso", iso), ("line", line), ("text", text)])
    }
}
