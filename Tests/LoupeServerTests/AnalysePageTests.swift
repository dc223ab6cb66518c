import Foundation
import Hummingbird
import HummingbirdTesting
import LoupeCore
import Testing
@testable import LoupeServer

/// `/analyse`: each analysis is the Lua it shows, run; its tables download whole.
@Suite struct AnalysePageTests {
    /// Occurrences of `word` in the corpus's texts, counted here: whole words, any case.
    static func bruteCount(_ word: String, _ corpus: Corpus) -> Int {
        corpus.documents.reduce(0) { n, d in
            n + d.text.lowercased().split { !$0.isLetter && !$0.isNumber }.filter { $0 == word }.count
        }
    }

    @Test func theWordListCountsAsABruteForceCountAndShowsItsLua() async throws {
        try await withServer { server, client in
            let r = try await client.get("/analyse?kind=freq&min=1")
            #expect(r.status == .ok)
            #expect(r.text.contains("<pre class=\"lua\"><code>corpus:freq()</code></pre>"))
            let rows = resultRows(in: r.text)
            for word in ["nato", "minsk", "brussels"] {
                let row = try #require(rows.first { $0[0] == word }, "\(word)")
                #expect(Int(row[1]) == Self.bruteCount(word, server.corpus), "\(word)")
            }
            let stop = try await client.get("/analyse?kind=freq&min=2&stop=en").text
            #expect(stop.contains("<code>corpus:freq{min = 2, stop = &quot;en&quot;}</code>"))
            #expect(!resultRows(in: stop).contains { $0[0] == "the" }, "stop words left out")
        }
    }

    @Test func whatThePageShowsIsWhatItsLuaGivesInTheConsole() async throws {
        try await withServer { _, client in
            let page = try await client.get("/analyse?kind=collocates&q=nato&window=3&measure=mi&min=1&stop=none").text
            let lua = "corpus:collocates(\"nato\", {window = 3, measure = \"mi\", min = 1, stop = false})"
            #expect(page.contains("<code>\(HTML.escape(lua))</code>"))
            #expect(page.contains("href=\"/console?code=" + HTML.escape(HTML.percentEncode(lua)) + "\""), "a link puts it in the console")
            let cookie = try await client.newVisitor()
            let cell = try await client.cell("return " + lua, cookie: cookie).text
            #expect(!resultRows(in: page).isEmpty)
            #expect(resultRows(in: page) == resultRows(in: cell))
        }
    }

    @Test func keywordsCompareTheDocumentsOfAValueWithTheRestOrAnotherValue() async throws {
        try await withServer { _, client in
            let page = try await client.get("/analyse?kind=keyness&field=outlet&value=TASS&min=1").text
            #expect(page.contains("<code>corpus:where{outlet = &quot;TASS&quot;}:keyness(corpus, {min = 1})</code>"))
            #expect(resultRows(in: page).contains { $0[0] == "brussels" }, "brussels is only in TASS's document")
            let versus = try await client.get("/analyse?kind=keyness&field=outlet&value=TASS&ref=RT&measure=log_ratio&min=1").text
            #expect(versus.contains("corpus:where{outlet = &quot;TASS&quot;}:keyness(corpus:where{outlet = &quot;RT&quot;}, "
                                    + "{measure = &quot;log_ratio&quot;, min = 1})"))
        }
    }

    @Test func aValueCannotBreakOutOfItsStringLiteral() async throws {
        let hostile = "\"]] os.exit(1) --\\\n\u{01}é"
        let literal = Analysis.string(hostile)
        #expect(literal == "\"\\\"]] os.exit(1) --\\\\\\n\\001é\"")
        try await withServer { _, client in
            // Lua reads the literal back as exactly the bytes it was made from
            let r = try await client.run("return table.concat({string.byte(\(literal), 1, -1)}, \",\")", cookie: nil)
            #expect(r.json["value"] as? String == hostile.utf8.map(String.init).joined(separator: ","))
            let page = try await client.get("/analyse?kind=keyness&field=outlet&value=" + enc(hostile)).text
            #expect(page.contains(HTML.escape("corpus:where{outlet = \(literal)}")))
        }
    }

    @Test func dispersionShowsItsTwoTablesAndItsPlot() async throws {
        try await withServer { server, client in
            let page = try await client.get("/analyse?kind=dispersion&q=nato").text
            #expect(page.contains("corpus:dispersion(&quot;nato&quot;)\ncorpus:search(&quot;nato&quot;):plot{}"))
            #expect(occurrences(of: "<table class=\"result\">", in: page) == 2)
            let svg = try #require(embeddedSVGs(in: page).first)
            #expect(svg.contains("Dispersion of"))
            let summary = try #require(resultRows(in: page).first)
            #expect(Int(summary[0]) == Self.bruteCount("nato", server.corpus), "hits")
            #expect(page.contains("table=2&amp;format=csv"), "the second table downloads too")
        }
    }

    @Test func aDownloadIsTheWholeTableInItsFormat() async throws {
        try await withServer { server, client in
            let page = try await client.get("/analyse?kind=freq&rows=2").text
            let total = server.corpus.vocabulary.count
            #expect(resultRows(in: page).count == 2)
            #expect(page.contains("the first 2 of \(HTML.number(total)) rows"))
            let csv = try await client.get("/analyse?kind=freq&rows=2&format=csv")
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"loupe-freq.csv\"")
            let lines = csv.text.split(separator: "\n")
            #expect(lines.first == "form,n,per_10k,docs")
            #expect(lines.count == total + 1, "every row, not the page's two")
            let json = try await client.get("/analyse?kind=freq&format=json")
            let rows = try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [[String: Any]]
            #expect(rows?.count == total)
        }
    }

    @Test func badSettingsAreRefusedWithAClearMessage() async throws {
        try await withServer { _, client in
            for (uri, message) in [
                ("/analyse?kind=bogus", "'kind' must be one of freq, ngrams"),
                ("/analyse?kind=ngrams&n=9", "'n' must be from 2 to 8, got 9"),
                ("/analyse?kind=collocates&q=nato&measure=%3Cscript%3E", "'measure' must be one of logdice"),
                ("/analyse?kind=collocates", "Collocates needs a query"),
                ("/analyse?kind=keyness&field=nope&value=x", "there is no field 'nope' in this corpus"),
                ("/analyse?kind=keyness&field=outlet", "Keywords need a value of outlet"),
                ("/analyse?kind=freq&format=html", "'format' must be csv, tsv, json or jsonl"),
                ("/analyse?kind=freq&format=csv&table=2", "'table' must be from 1 to 1"),
                ("/analyse?kind=freq&rows=0", "'rows' must be from 1 to 1000"),
            ] {
                let r = try await client.get(uri)
                #expect(r.status == .badRequest, "\(uri)")
                #expect(r.text.contains(HTML.escape(message)), "\(uri): \(r.text.suffix(400))")
                #expect(!r.text.contains("<script>"))
            }
            let query = try await client.get("/analyse?kind=collocates&q=" + enc("\"nato"))
            #expect(query.status == .badRequest)
            #expect(query.text.contains("collocates: unclosed double quote at column 1"))
            #expect(!query.text.contains("stdin:1:"))
        }
    }
}
