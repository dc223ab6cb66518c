import LoupeCore

/// HTML text: the one escaping helper every page uses, URLs, and the page frame.
/// Everything here is a pure function from values to `String`.
public enum HTML {
    /// Escapes text for HTML, in element content and in quoted attribute values alike.
    /// Every piece of corpus text, metadata, query, URL and Lua output goes through it.
    public static func escape(_ text: String) -> String {
        // A NUL is not allowed in HTML text: it is shown as U+FFFD.
        TextEscaping.html(text.contains("\0") ? text.replacingOccurrences(of: "\0", with: "\u{FFFD}") : text)
    }

    /// Percent-encodes a URL component: every byte but A–Z a–z 0–9 - . _ ~.
    public static func percentEncode(_ text: String) -> String {
        var out = ""
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                out += "%" + String(b >> 4, radix: 16, uppercase: true) + String(b & 0xF, radix: 16, uppercase: true)
            }
        }
        return out
    }

    /// A URL: a path and its query parameters (empty values left out), not yet HTML-escaped.
    public static func url(_ path: String, _ parameters: [(String, String)] = [], fragment: String? = nil) -> String {
        let query = parameters.filter { !$0.1.isEmpty }.map { percentEncode($0.0) + "=" + percentEncode($0.1) }
        return path + (query.isEmpty ? "" : "?" + query.joined(separator: "&")) + (fragment.map { "#" + $0 } ?? "")
    }

    /// The reader's URL for a document id.
    public static func documentURL(_ id: String, query: String = "", fragment: String? = nil) -> String {
        url("/doc/" + percentEncode(id), [("q", query)], fragment: fragment)
    }

    /// `<a href="url">text</a>`, both escaped.
    static func link(_ url: String, _ text: String, class cls: String? = nil) -> String {
        "<a href=\"\(escape(url))\"" + (cls.map { " class=\"\($0)\"" } ?? "") + ">\(escape(text))</a>"
    }

    /// The search form, `action` its target (a query box and a button; `column`: a query error's column).
    static func searchForm(action: String = "/search", query: String, label: String = "Search", errorColumn: Int? = nil,
                           hidden: [(String, String)] = [], id: String = "q") -> String {
        var attributes = ""
        if let c = errorColumn {
            // UTF-16 offsets, as the input's selection counts them (the column counts characters)
            let before = String(query.prefix(max(0, c - 1)))
            let at = query.dropFirst(max(0, c - 1)).first.map { String($0).utf16.count } ?? 0
            attributes = " data-error-start=\"\(before.utf16.count)\" data-error-end=\"\(before.utf16.count + at)\" aria-invalid=\"true\""
        }
        let extra = hidden.filter { !$0.1.isEmpty }.map { "<input type=\"hidden\" name=\"\(escape($0.0))\" value=\"\(escape($0.1))\">" }.joined()
        return "<form class=\"search\" method=\"get\" action=\"\(escape(action))\" role=\"search\">"
            + "<input type=\"search\" name=\"q\" id=\"\(id)\" value=\"\(escape(query))\" size=\"50\" maxlength=\"\(Limits.queryCharacters)\""
            + " placeholder=\"nato, minsk agreements, sanction*, ~negotiate, ceasefire NEAR/10 ukraine\" aria-label=\"Query\"\(attributes)>"
            + extra + " <button type=\"submit\">\(escape(label))</button></form>"
    }

    /// A whole page: the header with the corpus's name and the search box, then `body`.
    /// `refresh`: seconds after which the browser reloads the page (the teacher's dashboard).
    static func page(title: String, corpusName: String, query: String = "", body: String, errorColumn: Int? = nil,
                     bodyClass: String = "", refresh: Int? = nil) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">\(refresh.map { "\n<meta http-equiv=\"refresh\" content=\"\($0)\">" } ?? "")
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="same-origin">
        <title>\(escape(title)) — Loupe</title>
        <link rel="stylesheet" href="/static/style.css">
        <script src="/static/app.js" defer></script>
        </head>
        <body\(bodyClass.isEmpty ? "" : " class=\"\(escape(bodyClass))\"")>
        <header>
        <nav><a href="/" class="home">Loupe</a> <span class="corpus-name">\(escape(corpusName))</span> \
        <a href="/">Documents</a> <a href="/analyse">Analyse</a> <a href="/console">Console</a></nav>
        \(searchForm(query: query, errorColumn: errorColumn))
        </header>
        <main>
        \(body)
        </main>
        </body>
        </html>

        """
    }

    /// Numbers with thousands separators (12,345).
    static func number(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}
