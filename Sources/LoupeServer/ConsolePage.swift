import LoupeCore

/// `/console`: Lua cells run in the visitor's own environment, their results below the code.
extension Pages {
    static let consoleExamples = [
        "corpus:count(\"nato\")",
        "corpus:freq{stop = \"en\"}:head(10)",
        "corpus:search(\"minsk agreements\"):count_by(\"outlet\")",
        "corpus:search(\"sanction*\"):count_by(\"outlet\"):plot{}",
    ]

    /// The page: the visitor's cells so far, then the box for the next one.
    static func console(_ corpus: Corpus, cells: [ConsoleCell], code: String = "") -> String {
        var body = "<h1>Console</h1>\n<p class=\"summary\">Lua against the corpus, in a sandbox of your own: a name you set "
            + "stays for the next cell; a Table a cell returns is shown as a table, a chart as a picture. "
            + "Ctrl-Enter runs the cell. The reference: <code>help()</code>, <code>help(\"corpus:search\")</code>.</p>\n"
        body += "<section id=\"cells\" aria-live=\"polite\">\n" + cells.map(cell).joined() + "</section>\n"
        body += """
            <form id="console-form" class="console" method="post" action="/console">
            <label for="code">Lua</label>
            <textarea id="code" name="code" rows="6" spellcheck="false" autocapitalize="off" autocomplete="off" \
            placeholder="return corpus:freq():head(10)">\(HTML.escape(code))</textarea>
            <p><button type="submit" id="run">Run</button> <span class="hint">Ctrl-Enter</span> <span id="console-status" role="status"></span></p>
            </form>
            <h2>Try</h2>
            <ul class="examples">

            """
        // links that put the example in the box (`?code=`), with or without the script
        for e in consoleExamples { body += "<li><a href=\"\(HTML.escape(HTML.url("/console", [("code", e)])))\"><code>\(HTML.escape(e))</code></a></li>\n" }
        body += "</ul>\n"
        return HTML.page(title: "Console", corpusName: corpusName(corpus), body: body, bodyClass: "console")
    }

    /// One cell: its number, the code with line numbers (the error's line marked), then what
    /// it printed and showed in order, its values, its error.
    static func cell(_ cell: ConsoleCell) -> String {
        let r = cell.result
        var out = "<div class=\"cell\" id=\"c\(cell.number)\">\n<div class=\"cell-head\">[\(cell.number)] "
            + "<span class=\"ms\">\(HTML.number(r.milliseconds)) ms</span></div>\n<pre class=\"code\">"
        for (i, line) in cell.code.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            out += "<span class=\"line\(r.line == i + 1 && r.error != nil ? " error-line" : "")\">\(HTML.escape(String(line)))</span>\n"
        }
        out += "</pre>\n"
        for block in r.blocks {
            switch block {
            case .text(let t): out += "<pre class=\"output\">\(HTML.escape(t))</pre>\n"
            case .table(let t, let rows): out += ResultHTML.table(t, total: rows)
            case .figure(let svg): out += ResultHTML.figure(svg)
            }
        }
        if r.truncated { out += "<p class=\"note\">The output was cut at the server's limits.</p>\n" }
        if let v = r.value { out += "<pre class=\"value\">\(HTML.escape(v))</pre>\n" }
        if let message = r.errorMessage {
            out += "<div class=\"error\" role=\"alert\"><p>" + (r.line.map { "line \($0): " } ?? "") + "\(HTML.escape(message))</p>"
            if let t = r.traceback { out += "<details><summary>traceback</summary><pre>\(HTML.escape(t))</pre></details>" }
            out += "</div>\n"
        }
        return out + "</div>\n"
    }
}
