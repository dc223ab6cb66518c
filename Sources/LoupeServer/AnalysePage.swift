import LoupeCore

/// `/analyse`: a form for each analysis; the one asked for is run and shown with the Lua
/// that computes it, so the page teaches the scripting it stands for.
extension Pages {
    static func analyse(_ corpus: Corpus, _ analysis: Analysis?, _ result: RunResult?) -> String {
        var body = "<h1>Analyse</h1>\n<p class=\"summary\">Each analysis below is one line of Lua: the page shows it with the "
            + "result, and the console runs it too. Every table downloads as CSV or JSON.</p>\n"
        let s = analysis?.settings ?? [:]
        for kind in Analysis.Kind.allCases {
            let open = analysis?.kind == kind
            let v = open ? s : [:]
            body += "<details class=\"analysis\"\(open || analysis == nil && kind == .freq ? " open" : "")><summary>\(kind.title)</summary>\n"
                + "<form class=\"analyse\" method=\"get\" action=\"/analyse\"><input type=\"hidden\" name=\"kind\" value=\"\(kind.rawValue)\">\n"
            switch kind {
            case .freq:
                body += number("min", "at least (occurrences)", v["min"] ?? "1") + stopChoice(v["stop"] ?? "", collocates: false)
            case .ngrams:
                body += select("n", "tokens", (2...8).map(String.init), v["n"] ?? "2") + number("min", "at least (occurrences)", v["min"] ?? "2")
                    + select("within", "not crossing", ["sentence", "document"], v["within"] ?? "sentence")
            case .collocates:
                body += text("q", "query", v["q"] ?? "") + number("window", "window (tokens each side)", v["window"] ?? "5")
                    + select("measure", "measure", Analysis.collocationMeasures, v["measure"] ?? "logdice")
                    + number("min", "at least (co-occurrences)", v["min"] ?? "2") + stopChoice(v["stop"] ?? "", collocates: true)
            case .keyness:
                let fields = columns(corpus)
                body += select("field", "documents whose", fields, v["field"] ?? (fields.contains("outlet") ? "outlet" : fields.first ?? ""))
                    + text("value", "is", v["value"] ?? "", list: "field-values")
                    + text("ref", "against those whose value is (empty: the whole corpus)", v["ref"] ?? "", list: "field-values")
                    + select("measure", "measure", Analysis.keynessMeasures, v["measure"] ?? "ll")
                    + number("min", "at least (occurrences)", v["min"] ?? "5")
                body += "<datalist id=\"field-values\">" + fieldValues(corpus).map { "<option value=\"\(HTML.escape($0))\">" }.joined() + "</datalist>\n"
            case .dispersion:
                body += text("q", "query", v["q"] ?? "") + text("parts", "parts (documents, or a number of equal slices)", v["parts"] ?? "documents")
            }
            body += "<span></span><p><button type=\"submit\">Run</button></p>\n</form>\n</details>\n"
        }
        if let analysis, let result { body += outcome(analysis, result) }
        return HTML.page(title: analysis.map { "Analyse: \($0.kind.title)" } ?? "Analyse", corpusName: corpusName(corpus), body: body,
                         bodyClass: "analyse")
    }

    /// The Lua, then what it showed (each Table with its downloads), or its error.
    static func outcome(_ analysis: Analysis, _ result: RunResult) -> String {
        let code = analysis.lua.joined(separator: "\n")
        var out = "<section class=\"outcome\">\n<h2>\(analysis.kind.title)</h2>\n<p>The Lua that computes it "
            + HTML.link(HTML.url("/console", [("code", code)]), "(open it in the console)") + ":</p>\n"
            + "<pre class=\"lua\"><code>\(HTML.escape(code))</code></pre>\n"
        var tableNumber = 0
        for block in result.blocks {
            switch block {
            case .text(let t): out += "<pre class=\"output\">\(HTML.escape(t))</pre>\n"
            case .figure(let svg): out += ResultHTML.figure(svg, alt: "\(analysis.kind.title) chart")
            case .table(let t, let rows):
                tableNumber += 1
                let base = analysis.parameters + (tableNumber > 1 ? [("table", String(tableNumber))] : [])
                out += "<p class=\"downloads\">Download: " + HTML.link(HTML.url("/analyse", base + [("format", "csv")]), "CSV") + " · "
                    + HTML.link(HTML.url("/analyse", base + [("format", "json")]), "JSON") + "</p>\n"
                out += ResultHTML.table(t, total: rows)
                if rows > t.rowCount && t.rowCount < Limits.tableRows {
                    out += "<p>" + HTML.link(HTML.url("/analyse", analysis.parameters + [("rows", String(Limits.tableRows))]),
                                             "Show \(HTML.number(min(rows, Limits.tableRows))) rows") + "</p>\n"
                }
            }
        }
        if let v = result.value { out += "<pre class=\"value\">\(HTML.escape(v))</pre>\n" }
        if let e = result.errorMessage { out += "<div class=\"error\" role=\"alert\"><p>\(HTML.escape(e))</p></div>\n" }
        return out + "</section>\n"
    }

    // MARK: form fields

    private static func label(_ name: String, _ text: String) -> String {
        "<label for=\"f-\(name)\">\(HTML.escape(text))</label>"
    }

    private static func number(_ name: String, _ text: String, _ value: String) -> String {
        label(name, text) + "<input type=\"number\" id=\"f-\(name)\" name=\"\(name)\" value=\"\(HTML.escape(value))\" min=\"0\">\n"
    }

    private static func text(_ name: String, _ text: String, _ value: String, list: String? = nil) -> String {
        label(name, text) + "<input type=\"text\" id=\"f-\(name)\" name=\"\(name)\" value=\"\(HTML.escape(value))\" size=\"40\""
            + " maxlength=\"\(Limits.queryCharacters)\"" + (list.map { " list=\"\($0)\"" } ?? "") + ">\n"
    }

    private static func select(_ name: String, _ text: String, _ options: [String], _ chosen: String, labels: [String]? = nil) -> String {
        var out = label(name, text) + "<select id=\"f-\(name)\" name=\"\(name)\">"
        for (i, o) in options.enumerated() {
            out += "<option value=\"\(HTML.escape(o))\"\(o == chosen ? " selected" : "")>\(HTML.escape(labels?[i] ?? o))</option>"
        }
        return out + "</select>\n"
    }

    private static func stopChoice(_ chosen: String, collocates: Bool) -> String {
        collocates
            ? select("stop", "leave out", ["", "en", "ru", "none"], chosen,
                     labels: ["English and Russian stop words", "English stop words", "Russian stop words", "nothing"])
            : select("stop", "leave out", ["", "en", "ru"], chosen, labels: ["nothing", "English stop words", "Russian stop words"])
    }

    /// The distinct values of the table's fields, for the keyword form's suggestions (at most 500).
    static func fieldValues(_ corpus: Corpus) -> [String] {
        var seen = Set<String>(), out: [String] = []
        for c in columns(corpus) {
            for d in corpus.documents {
                guard let v = d.meta.string(c), !v.isEmpty, v.count <= 80, seen.insert(v).inserted else { continue }
                out.append(v)
                if out.count == 500 { return out.sorted() }
            }
        }
        return out.sorted()
    }
}
