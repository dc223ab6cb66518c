import LoupeCore

/// The pages, as pure functions from the corpus, a query and its results to HTML.
/// Every piece of text from the corpus or the visitor goes through `HTML.escape`.
public enum Pages {
    /// The corpus's name for headings: its folder's last component.
    public static func corpusName(_ corpus: Corpus) -> String {
        let name = corpus.root.split(separator: "/").last.map(String.init) ?? ""
        return name.isEmpty ? "corpus" : name
    }

    /// Metadata fields shown as the corpus table's columns, most documents first.
    static func columns(_ corpus: Corpus) -> [String] {
        corpus.fieldNames.filter { $0 != "title" && $0 != "id" }
    }

    /// The fields `/` shows: not those holding links or a file's place (the reader shows them),
    /// which would make the table too wide to read.
    static func shownColumns(_ corpus: Corpus) -> [String] {
        columns(corpus).filter { field in
            field != "source" && field != "file" && !corpus.documents.contains { ($0.meta.string(field) ?? "").contains("://") }
        }
    }

    /// A field's value as `/` filters it: the value itself, or for a date, a year ("2022") or month ("2022-02").
    static func matches(_ value: String?, _ wanted: String) -> Bool {
        guard let value else { return false }
        if value == wanted { return true }
        return (wanted.count == 4 || wanted.count == 7) && wanted.first?.isNumber == true && value.hasPrefix(wanted + "-")
    }

    /// A field's facet: each value (a date's year) with its number of documents; nil for a
    /// field whose values are (nearly) all different, or too many.
    static func facet(_ corpus: Corpus, _ field: String) -> [(value: String, documents: Int)]? {
        var counts: [String: Int] = [:]
        var dates = true
        for d in corpus.documents {
            guard let v = MetadataFilter.value(of: d, field), !v.isEmpty else { continue }
            counts[v, default: 0] += 1
            if !(v.count >= 4 && v.prefix(4).allSatisfy(\.isNumber) && (v.count == 4 || v.dropFirst(4).first == "-")) { dates = false }
        }
        if dates && counts.count > 1 {
            var years: [String: Int] = [:]
            for (v, n) in counts { years[String(v.prefix(4)), default: 0] += n }
            counts = years
        }
        let documents = counts.values.reduce(0, +)
        guard counts.count > 1, counts.count <= facetValues, counts.count < documents else { return nil }
        return counts.map { ($0.key, $0.value) }.sorted { ($0.documents, $1.value) > ($1.documents, $0.value) }
    }

    // MARK: /

    /// What `/` shows of the documents: those with one value of a field, those whose title or
    /// id holds a text, in an order.
    public struct DocumentView: Sendable {
        public var field: String?
        public var value: String?
        public var text = ""
        /// "title", "tokens", or a metadata field; nil for corpus order.
        public var sort: String?
        public var descending = false
        public var offset = 0
        public var limit = 200
        public init() {}

        /// The parameters that show this view again, with `changes` applied (empty values left out).
        func parameters(_ changes: [(String, String)] = []) -> [(String, String)] {
            var p: [(String, String)] = [("field", field ?? ""), ("value", value ?? ""), ("text", text), ("sort", sort ?? ""),
                                         ("desc", descending ? "1" : "")]
            for (k, v) in changes {
                if let i = p.firstIndex(where: { $0.0 == k }) { p[i].1 = v } else { p.append((k, v)) }
            }
            return p
        }

        /// The documents this view shows, in its order (all of them, before paging).
        func documents(_ corpus: Corpus) -> [Int] {
            var docs = Array(corpus.documents.indices)
            if let field, let value {
                docs = docs.filter { Pages.matches(MetadataFilter.value(of: corpus.documents[$0], field), value) }
            }
            let needle = text.lowercased()
            if !needle.isEmpty {
                docs = docs.filter { corpus.documents[$0].title.lowercased().contains(needle) || corpus.documents[$0].id.lowercased().contains(needle) }
            }
            if let sort {
                func key(_ d: Int) -> String {
                    let doc = corpus.documents[d]
                    return sort == "title" ? (doc.title.isEmpty ? doc.id : doc.title) : sort == "tokens" ? String(doc.tokenCount)
                        : MetadataFilter.value(of: doc, sort) ?? ""
                }
                let keys = Dictionary(uniqueKeysWithValues: docs.map { ($0, key($0)) })
                docs.sort { a, b in
                    let ka = keys[a] ?? "", kb = keys[b] ?? ""
                    if ka == kb { return a < b }
                    if ka.isEmpty != kb.isEmpty { return kb.isEmpty }      // documents without the field go last
                    return descending ? MetadataFilter.valueOrder(kb, ka) : MetadataFilter.valueOrder(ka, kb)
                }
            }
            return docs
        }
    }

    /// Values shown as facets: fields with at most this many distinct values.
    static let facetValues = 40

    /// `/`: the facets (each field's values and how many documents have each), a filter box,
    /// and the documents as a table (title, every metadata field, tokens) whose headers sort it.
    public static func corpus(_ corpus: Corpus, view: DocumentView = DocumentView()) -> String {
        let name = corpusName(corpus)
        let columns = shownColumns(corpus)
        let all = corpus.documents
        let docs = view.documents(corpus)
        let range = min(view.offset, docs.count) ..< min(docs.count, view.offset + view.limit)
        var body = "<h1>\(HTML.escape(name))</h1>\n"
        body += "<p class=\"summary\">\(HTML.number(all.count)) documents, \(HTML.number(corpus.tokenCount)) tokens, "
            + "\(HTML.number(corpus.vocabulary.count)) distinct forms. Search with the box above "
            + "(the query language: words, \"phrases\", wild*cards, /regex/, ~stem, AND, OR, NOT, NEAR/n).</p>\n"
        body += facets(corpus, columns: Pages.columns(corpus), view: view)
        body += "<form class=\"filter\" method=\"get\" action=\"/\">"
            + (view.field.map { "<input type=\"hidden\" name=\"field\" value=\"\(HTML.escape($0))\">" } ?? "")
            + (view.value.map { "<input type=\"hidden\" name=\"value\" value=\"\(HTML.escape($0))\">" } ?? "")
            + "<label>titles holding <input type=\"search\" name=\"text\" value=\"\(HTML.escape(view.text))\" size=\"30\" maxlength=\"200\"></label>"
            + " <button type=\"submit\">Filter</button>"
            + (view.field != nil || !view.text.isEmpty ? " " + HTML.link("/", "show all") : "") + "</form>\n"
        if let field = view.field, let value = view.value {
            body += "<p class=\"summary\">\(HTML.number(docs.count)) of \(HTML.number(all.count)) documents have "
                + "\(HTML.escape(field)) = <strong>\(HTML.escape(value))</strong>.</p>\n"
        } else if !view.text.isEmpty {
            body += "<p class=\"summary\">\(HTML.number(docs.count)) of \(HTML.number(all.count)) documents.</p>\n"
        }
        body += pager(path: "/", parameters: view.parameters(), offset: range.lowerBound, shown: range.count, total: docs.count,
                      limit: view.limit, defaultLimit: 200, noun: "documents")
        func header(_ key: String, _ label: String, numeric: Bool = false) -> String {
            let current = view.sort == key
            let url = HTML.url("/", view.parameters([("sort", key), ("desc", current && !view.descending ? "1" : ""), ("offset", "")]))
            return "<th\(numeric ? " class=\"num\"" : "")\(current ? " aria-sort=\"\(view.descending ? "descending" : "ascending")\"" : "")>"
                + HTML.link(url, label, class: "sort") + "</th>"
        }
        body += "<table class=\"documents\">\n<thead><tr>" + header("title", "title")
            + columns.map { header($0, $0) }.joined() + header("tokens", "tokens", numeric: true) + "</tr></thead>\n<tbody>\n"
        for i in range {
            let d = all[docs[i]]
            body += "<tr><td>" + HTML.link(HTML.documentURL(d.id), d.title.isEmpty ? d.id : d.title) + "</td>"
            for c in columns { body += "<td>" + HTML.escape(d.meta.string(c) ?? "") + "</td>" }
            body += "<td class=\"num\">\(HTML.number(d.tokenCount))</td></tr>\n"
        }
        body += "</tbody>\n</table>\n"
        return HTML.page(title: name, corpusName: name, body: body, bodyClass: "corpus")
    }

    /// Each field with few values (`facet`): its values, most documents first, each a link that shows those documents.
    static func facets(_ corpus: Corpus, columns: [String], view: DocumentView) -> String {
        var out = ""
        for field in columns {
            guard let counts = facet(corpus, field) else { continue }
            out += "<div class=\"facet\"><h2>\(HTML.escape(field))</h2><ul>"
            for (value, n) in counts {
                let chosen = view.field == field && view.value == value
                let url = HTML.url("/", chosen ? [] : [("field", field), ("value", value)])
                out += "<li\(chosen ? " class=\"chosen\"" : "")>" + HTML.link(url, value) + " <span class=\"note\">\(n)</span></li>"
            }
            out += "</ul></div>\n"
        }
        return out.isEmpty ? "" : "<nav class=\"facets\" aria-label=\"metadata\">\n" + out + "</nav>\n"
    }

    // MARK: /search

    /// `/search` with no query: the form and a few words on the query language.
    public static func searchHelp(_ corpus: Corpus) -> String {
        let body = """
            <h1>Search</h1>
            <p>Type a query above. Words match whatever their case; <code>"two words"</code> or <code>two words</code> \
            is a phrase; <code>sanction*</code> a wildcard; <code>/colou?r/</code> a regular expression; <code>~negotiate</code> \
            a stem; <code>_</code> any one token and <code>_{0,3}</code> a gap; <code>a AND b</code>, <code>a OR b</code>, \
            <code>NOT a</code> choose documents; <code>a NEAR/10 b</code> finds the two at most ten tokens apart.</p>
            """
        return HTML.page(title: "Search", corpusName: corpusName(corpus), body: body, bodyClass: "search")
    }

    /// `/search?q=…`: counts, the concordance's settings, a page of it (its headers sort it),
    /// the counts by document, and by a metadata field when `by` names one.
    public static func search(_ corpus: Corpus, _ results: SearchResults, by field: String? = nil) -> String {
        let q = results.query
        var body = "<h1>Search: <span class=\"query\">\(HTML.escape(q))</span></h1>\n"
        body += "<p class=\"summary\"><strong class=\"count\">\(HTML.number(results.count))</strong> "
            + (results.count == 1 ? "hit" : "hits") + " in \(HTML.number(results.byDocument.count)) of "
            + "\(HTML.number(corpus.documents.count)) documents.</p>\n"
        guard results.count > 0 else {
            return HTML.page(title: "Search: \(q)", corpusName: corpusName(corpus), query: q, body: body, bodyClass: "search")
        }
        let sortText = results.sort.map(sortKeyText).joined(separator: ",")
        let defaultWindow = results.unit == .tokens ? 8 : 60
        // what every link of this page keeps (defaults left out)
        func parameters(sort: String? = nil) -> [(String, String)] {
            [("q", q), ("unit", results.unit == .tokens ? "" : "chars"),
             ("window", results.window == defaultWindow ? "" : String(results.window)), ("sort", sort ?? sortText), ("by", field ?? "")]
        }
        body += settingsForm(corpus, results, sortText: sortText, by: field)
        let pager = pager(path: "/search", parameters: parameters(), offset: results.offset, shown: results.lines.count,
                          total: results.count, limit: results.limit, defaultLimit: 50, noun: "hits")
        body += pager
        func sortLink(_ key: String) -> String {
            let current = sortText.uppercased() == key.uppercased()
            return HTML.link(HTML.url("/search", parameters(sort: current ? "" : key)), key, class: current ? "sort current" : "sort")
        }
        body += "<table class=\"kwic\">\n<thead><tr><th class=\"n\">#</th>"
            + "<th class=\"left\">left " + ["3L", "2L", "1L"].map(sortLink).joined(separator: " ") + "</th>"
            + "<th class=\"node\">" + sortLink("node") + "</th>"
            + "<th class=\"right\">" + ["1R", "2R", "3R"].map(sortLink).joined(separator: " ") + " right</th>"
            + "<th class=\"doc\">" + sortLink("doc") + "</th></tr></thead>\n<tbody>\n"
        for line in results.lines {
            let d = corpus.documents[line.hit.document]
            let reader = HTML.documentURL(d.id, query: q, fragment: "h\(line.numberInDocument)")
            body += "<tr><td class=\"n\">\(line.index + 1)</td>"
                + "<td class=\"left\"><span>\(HTML.escape(line.left))</span></td>"
                + "<td class=\"node\">\(HTML.link(reader, line.match))</td>"
                + "<td class=\"right\">\(HTML.escape(line.right))</td>"
                + "<td class=\"doc\">\(HTML.link(reader, d.id))</td></tr>\n"
        }
        body += "</tbody>\n</table>\n" + pager
        if let field {
            body += "<h2>By \(HTML.escape(field))</h2>\n<table class=\"counts by-field\">\n<thead><tr><th>\(HTML.escape(field))</th>"
                + "<th class=\"num\">hits</th><th class=\"num\">documents with hits</th><th class=\"num\">documents</th>"
                + "<th class=\"num\">per 10,000 tokens</th></tr></thead>\n<tbody>\n"
            for c in results.counts(by: field, in: corpus) {
                let rate = c.tokens > 0 ? Double(c.hits) * 10_000 / Double(c.tokens) : 0
                body += "<tr><td>\(c.value.isEmpty ? "<span class=\"note\">(none)</span>" : HTML.escape(c.value))</td>"
                    + "<td class=\"num\">\(HTML.number(c.hits))</td><td class=\"num\">\(HTML.number(c.documentsWithHits))</td>"
                    + "<td class=\"num\">\(HTML.number(c.documents))</td><td class=\"num\">\(formatRate(rate))</td></tr>\n"
            }
            body += "</tbody>\n</table>\n"
        }
        body += "<h2>By document</h2>\n<table class=\"counts\">\n<thead><tr><th>document</th><th>title</th>"
            + "<th class=\"num\">hits</th><th class=\"num\">per 10,000 tokens</th></tr></thead>\n<tbody>\n"
        for c in results.byDocument {
            let d = corpus.documents[c.document]
            let rate = d.tokenCount > 0 ? Double(c.count) * 10_000 / Double(d.tokenCount) : 0
            body += "<tr><td>\(HTML.link(HTML.documentURL(d.id, query: q, fragment: "h1"), d.id))</td>"
                + "<td>\(HTML.escape(d.title))</td><td class=\"num\">\(HTML.number(c.count))</td>"
                + "<td class=\"num\">\(formatRate(rate))</td></tr>\n"
        }
        body += "</tbody>\n</table>\n"
        return HTML.page(title: "Search: \(q)", corpusName: corpusName(corpus), query: q, body: body, bodyClass: "search")
    }

    /// A sort key as the URL writes it.
    static func sortKeyText(_ k: KWICOptions.SortKey) -> String {
        switch k {
        case .left(let n): "\(n)L"
        case .right(let n): "\(n)R"
        case .node: "node"
        case .document: "doc"
        }
    }

    /// The concordance's settings as a form (it works without the script): order, context, count by.
    static func settingsForm(_ corpus: Corpus, _ results: SearchResults, sortText: String, by field: String?) -> String {
        func option(_ value: String, _ label: String, _ chosen: String) -> String {
            "<option value=\"\(HTML.escape(value))\"\(value.uppercased() == chosen.uppercased() ? " selected" : "")>\(HTML.escape(label))</option>"
        }
        var out = "<form class=\"kwic-settings\" method=\"get\" action=\"/search\">"
            + "<input type=\"hidden\" name=\"q\" value=\"\(HTML.escape(results.query))\">"
        out += "<label>order <select name=\"sort\">" + option("", "as in the corpus", sortText)
        for (v, label) in [("1L", "1st word left"), ("2L", "2nd word left"), ("3L", "3rd word left"), ("node", "the match"),
                           ("1R", "1st word right"), ("1R,2R", "1st, then 2nd word right"), ("2R", "2nd word right"),
                           ("3R", "3rd word right"), ("doc", "document")] {
            out += option(v, label, sortText)
        }
        if !sortText.isEmpty, !["1L", "2L", "3L", "NODE", "1R", "1R,2R", "2R", "3R", "DOC"].contains(sortText.uppercased()) {
            out += option(sortText, sortText, sortText)
        }
        out += "</select></label> <label>context <input type=\"number\" name=\"window\" min=\"0\" max=\"\(Limits.windowCharacters)\" "
            + "value=\"\(results.window)\" size=\"4\"></label> <select name=\"unit\" aria-label=\"unit\">"
            + option("tokens", "tokens", results.unit == .tokens ? "tokens" : "chars")
            + option("chars", "characters", results.unit == .tokens ? "tokens" : "chars") + "</select>"
        out += " <label>count by <select name=\"by\">" + option("", "—", field ?? "")
        for c in columns(corpus) { out += option(c, c, field ?? "") }
        out += "</select></label> <button type=\"submit\">Show</button></form>\n"
        return out
    }

    /// A query the parser refused: the message, and the query with its column pointed at.
    public static func queryError(_ corpus: Corpus, query: String, message: String, column: Int?) -> String {
        var body = "<h1>Search</h1>\n<div class=\"error\" role=\"alert\"><p>The query has an error"
            + (column.map { " at column \($0)" } ?? "") + ": <strong>\(HTML.escape(message))</strong></p>\n"
        if let column {
            body += "<pre class=\"query-error\">\(HTML.escape(query))\n"
                + String(repeating: " ", count: max(0, column - 1)) + "<span class=\"caret\">^</span></pre>\n"
        }
        body += "<p>See the query language's rules: phrases, wildcards, /regex/, ~stem, AND, OR, NOT, NEAR/n.</p></div>\n"
        return HTML.page(title: "Query error", corpusName: corpusName(corpus), query: query, body: body,
                         errorColumn: column, bodyClass: "search")
    }

    // MARK: errors

    /// An error page: its status, a title and the message.
    public static func error(status: Int, message: String, corpusName: String = "") -> String {
        let title = status == 404 ? "Not found" : status >= 500 ? "Server error" : "Bad request"
        let body = "<h1>\(status) — \(HTML.escape(title))</h1>\n<div class=\"error\" role=\"alert\"><p>\(HTML.escape(message))</p></div>\n"
            + "<p>\(HTML.link("/", "Back to the corpus"))</p>\n"
        return HTML.page(title: title, corpusName: corpusName, body: body, bodyClass: "error-page")
    }

    // MARK: pieces

    /// "hits 51–100 of 2,345" with links to the previous and next pages.
    static func pager(path: String, parameters: [(String, String)], offset: Int, shown: Int, total: Int, limit: Int,
                      defaultLimit: Int, noun: String) -> String {
        let limitText = limit == defaultLimit ? "" : String(limit)
        guard total > shown || offset > 0 else { return "" }
        var out = "<nav class=\"pager\">"
        if offset > 0 {
            out += HTML.link(HTML.url(path, parameters + [("offset", String(max(0, offset - limit))), ("limit", limitText)]),
                             "← previous", class: "prev") + " "
        }
        out += shown > 0 ? "\(noun) \(HTML.number(offset + 1))–\(HTML.number(offset + shown)) of \(HTML.number(total))"
                         : "no \(noun) from \(HTML.number(offset + 1)); there are \(HTML.number(total))"
        if offset + shown < total {
            out += " " + HTML.link(HTML.url(path, parameters + [("offset", String(offset + limit)), ("limit", limitText)]),
                                   "next →", class: "next")
        }
        return out + "</nav>\n"
    }

    static func formatRate(_ rate: Double) -> String {
        let tenths = (rate * 10).rounded()
        return String(Int(tenths) / 10) + "." + String(Int(tenths) % 10)
    }
}
