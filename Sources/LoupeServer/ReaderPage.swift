import LoupeCore

/// `/doc/ID?q=…`: the reader. The metadata, the whole text in paragraphs with line numbers
/// (boilerplate lines dimmed), every hit in `<mark>`, and in the margin the hits and what
/// source criticism finds in the document, each linked to its line.
extension Pages {
    public static func reader(_ corpus: Corpus, document doc: Int, query: String = "", hits: [Hit] = [],
                              error: RequestError? = nil) -> String {
        reader(corpus, document: doc, query: query, hits: hits, error: error, findings: ReaderFindings())
    }

    static func reader(_ corpus: Corpus, document doc: Int, query: String, hits: [Hit], error: RequestError?,
                       findings: ReaderFindings) -> String {
        let d = corpus.documents[doc]
        let lines = LineStarts(d.text)
        var body = "<article class=\"reader\">\n<h1>\(HTML.escape(d.title.isEmpty ? d.id : d.title))</h1>\n"
        body += "<dl class=\"metadata\">\n<dt>id</dt><dd>\(HTML.escape(d.id))</dd>\n"
        for (key, value) in d.meta where key != "title" && key != "id" {
            body += "<dt>\(HTML.escape(key))</dt><dd>\(HTML.escape(value.description))</dd>\n"
        }
        body += "<dt>file</dt><dd>\(HTML.escape(d.source.description))</dd>\n"
        body += "<dt>tokens</dt><dd>\(HTML.number(d.tokenCount))</dd>\n</dl>\n"
        body += HTML.searchForm(action: "/doc/" + HTML.percentEncode(d.id), query: query, label: "Highlight",
                                errorColumn: error?.column, id: "highlight")
        if let error {
            body += "<div class=\"error\" role=\"alert\"><p>\(HTML.escape(error.message))</p></div>\n"
        } else if !query.isEmpty {
            body += "<p class=\"summary hits-nav\"><strong class=\"count\">\(HTML.number(hits.count))</strong> "
                + (hits.count == 1 ? "hit" : "hits") + " of <span class=\"query\">\(HTML.escape(query))</span> here"
                + (hits.isEmpty ? "." : ": " + HTML.link("#h1", "first") + " · " + HTML.link("#h\(hits.count)", "last")
                   + " · " + HTML.link(HTML.url("/search", [("q", query)]), "all documents")
                   + " <button type=\"button\" id=\"prev-hit\" hidden>← previous</button>"
                   + " <button type=\"button\" id=\"next-hit\" hidden>next →</button> <span class=\"hint\">(keys p and n)</span>") + "</p>\n"
        }
        body += "<div class=\"text\">\n" + text(corpus, document: doc, hits: hits, lines: lines, boilerplate: findings.boilerplate)
            + "</div>\n"
        body += margin(corpus, document: doc, hits: hits, lines: lines, findings: findings)
        body += "</article>\n"
        return HTML.page(title: d.title.isEmpty ? d.id : d.title, corpusName: corpusName(corpus), body: body, bodyClass: "reader")
    }

    // MARK: the text

    /// The document's paragraphs as `<p>`, each line numbered (`<span class="ln" id="lN">`),
    /// hits marked. Hits may overlap and may cross paragraphs: every stretch covered by at
    /// least one hit is marked, and each hit's start gets an empty anchor `<span id="hN">`.
    static func text(_ corpus: Corpus, document doc: Int, hits: [Hit], lines: LineStarts? = nil,
                     boilerplate: [Range<Int>] = []) -> String {
        let d = corpus.documents[doc]
        let lines = lines ?? LineStarts(d.text)
        let spans = hits.isEmpty ? [] : corpus.tokenSpans(document: doc)
        // byte ranges of the hits, in hit order
        var marks: [(start: Int, end: Int)] = []
        for h in hits where h.document == doc && h.start < h.end && h.end <= spans.count {
            marks.append((Int(spans[h.start].start), Int(spans[h.end - 1].end)))
        }
        // events: where coverage starts and ends, and where anchors go
        var starts: [Int: Int] = [:], ends: [Int: Int] = [:], anchors: [Int: [Int]] = [:]
        for (i, m) in marks.enumerated() {
            starts[m.start, default: 0] += 1
            ends[m.end, default: 0] += 1
            anchors[m.start, default: []].append(i + 1)
        }
        let cuts = Set(starts.keys).union(ends.keys).sorted()
        var out = ""
        var cutIndex = 0
        var depth = 0
        for p in d.paragraphs {
            // what begins or ends between paragraphs (a hit ending at a paragraph's end)
            while cutIndex < cuts.count, cuts[cutIndex] < p.byteStart {
                depth += (starts[cuts[cutIndex]] ?? 0) - (ends[cuts[cutIndex]] ?? 0)
                cutIndex += 1
            }
            var line = lines.line(at: p.byteStart)
            out += (isCovered(p.byteStart..<p.byteEnd, by: boilerplate) ? "<p class=\"boilerplate\">" : "<p>") + lineNumber(line)
            var position = p.byteStart
            var open = depth > 0
            if open { out += "<mark>" }
            while cutIndex < cuts.count, cuts[cutIndex] < p.byteEnd {
                let c = cuts[cutIndex]
                out += paragraphText(d, position, c, line: &line)
                position = max(position, c)
                depth += (starts[c] ?? 0) - (ends[c] ?? 0)
                if open && depth == 0 { out += "</mark>"; open = false }
                for a in anchors[c] ?? [] { out += "<span id=\"h\(a)\" class=\"hit\"></span>" }
                if !open && depth > 0 { out += "<mark>"; open = true }
                cutIndex += 1
            }
            out += paragraphText(d, position, p.byteEnd, line: &line)
            if open { out += "</mark>" }
            out += "</p>\n"
        }
        return out
    }

    static func lineNumber(_ n: Int) -> String { "<span class=\"ln\" id=\"l\(n)\">\(n)</span>" }

    /// A paragraph's text between two byte offsets, escaped, each line break followed by
    /// the next line's number (`line` counts them).
    private static func paragraphText(_ d: Document, _ from: Int, _ to: Int, line: inout Int) -> String {
        guard to > from else { return "" }
        let text = HTML.escape(d.slice(from, to))
        guard text.contains("\n") else { return text }
        var out = ""
        for (i, piece) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if i > 0 { line += 1; out += "<br>\n" + lineNumber(line) }
            out += piece
        }
        return out
    }

    /// Whether boilerplate lines cover (nearly) all of a paragraph.
    static func isCovered(_ p: Range<Int>, by ranges: [Range<Int>]) -> Bool {
        guard !ranges.isEmpty, !p.isEmpty else { return false }
        let covered = ranges.reduce(0) { $0 + $1.clamped(to: p).count }
        return covered * 10 >= p.count * 9
    }

    // MARK: the margin

    static func margin(_ corpus: Corpus, document doc: Int, hits: [Hit], lines: LineStarts, findings f: ReaderFindings) -> String {
        var out = "<aside class=\"findings\">\n"
        func more(_ n: Int) -> String { n > ReaderFindings.listed ? "<li class=\"note\">and \(HTML.number(n - ReaderFindings.listed)) more</li>" : "" }
        func at(_ line: Int) -> String { HTML.link("#l\(line)", "line \(line)") }
        if !hits.isEmpty {
            let spans = corpus.tokenSpans(document: doc)
            out += "<h2>Hits</h2>\n<ol class=\"hits\">"
            for (i, h) in hits.prefix(ReaderFindings.listed).enumerated() where h.start < spans.count {
                out += "<li>" + HTML.link("#h\(i + 1)", "line \(lines.line(at: Int(spans[h.start].start)))") + "</li>"
            }
            out += more(hits.count) + "</ol>\n"
        }
        if !f.provenance.isEmpty {
            out += "<h2>Provenance</h2>\n<ul class=\"provenance\">"
            for p in f.provenance.prefix(ReaderFindings.listed) {
                out += "<li><span class=\"kind\">\(p.kind.rawValue)</span> \(HTML.escape(p.value))"
                    + (p.iso.map { " <span class=\"note\">(\(HTML.escape($0)))</span>" } ?? "") + " · \(at(p.line))</li>"
            }
            out += more(f.provenance.count) + "</ul>\n"
        }
        if !f.speakers.isEmpty {
            out += "<h2>Speakers</h2>\n<table class=\"speakers\"><thead><tr><th>speaker</th><th class=\"num\">turns</th>"
                + "<th class=\"num\">words</th><th class=\"num\">share</th></tr></thead><tbody>"
            for s in f.speakers {
                out += "<tr><td>\(HTML.escape(s.speaker))</td><td class=\"num\">\(s.turns)</td><td class=\"num\">\(HTML.number(s.words))</td>"
                    + "<td class=\"num\">\(Int((s.share * 100).rounded())) %</td></tr>"
            }
            out += "</tbody></table>\n"
        }
        if !f.quotations.isEmpty {
            let scare = f.quotations.filter(\.scare).count
            out += "<h2>Quotations</h2>\n<p class=\"note\">\(f.quotations.count) quoted, \(scare) of them scare quotes "
                + "(a few words in quotation marks, no one said to speak).</p>\n<ul class=\"quotes\">"
            for q in f.quotations.prefix(ReaderFindings.listed) {
                out += "<li" + (q.scare ? " class=\"scare-quote\"" : "") + ">"
                    + (q.scare ? "<span class=\"scare\">\(HTML.escape(q.marks.isEmpty ? "“" : String(q.marks.prefix(1))))\(HTML.escape(q.text))"
                                 + "\(HTML.escape(q.marks.count > 1 ? String(q.marks.suffix(1)) : "”"))</span> <span class=\"note\">scare quote</span>"
                               : "“\(HTML.escape(String(q.text.prefix(160))))”")
                    + (q.speaker.map { " — " + HTML.escape($0) + (q.verb.map { " (\(HTML.escape($0)))" } ?? "") } ?? "")
                    + " · \(at(q.line))</li>"
            }
            out += more(f.quotations.count) + "</ul>\n"
        }
        if !f.numbers.isEmpty {
            out += "<h2>Numbers and claims</h2>\n<ul class=\"numbers\">"
            for n in f.numbers.prefix(ReaderFindings.listed) {
                out += "<li>\(HTML.escape(n.value)) <span class=\"note\">\(n.kind.rawValue)\(n.unit.map { ", " + HTML.escape($0) } ?? "")</span> · \(at(n.line))</li>"
            }
            out += more(f.numbers.count) + "</ul>\n"
        }
        if !f.boilerplate.isEmpty {
            out += "<h2>Boilerplate</h2>\n<p class=\"note\">\(f.boilerplate.count) "
                + (f.boilerplate.count == 1 ? "line repeats" : "lines repeat")
                + " across documents of the same outlet or looks like page furniture; shown dimmed. "
                + HTML.link(HTML.url("/console", [("code", "corpus:boilerplate()")]), "All of them") + ".</p>\n"
        }
        return out + "</aside>\n"
    }
}
