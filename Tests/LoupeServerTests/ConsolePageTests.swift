import Foundation
import Hummingbird
import HummingbirdTesting
import LoupeCore
import Testing
@testable import LoupeServer

/// `/console`: cells in the visitor's own environment, shown as HTML (tables, charts,
/// errors with their line), with the page's script or without it.
@Suite struct ConsolePageTests {
    @Test func aReturnedTableIsAnHTMLTableWithTheCountsOfTheCorpus() async throws {
        try await withServer { server, client in
            let cookie = try await client.newVisitor()
            let r = try await client.cell("return corpus:search(\"nato\"):count_by(\"outlet\")", cookie: cookie)
            #expect(r.status == .ok)
            let html = r.text
            #expect(html.hasPrefix("<div class=\"cell\" id=\"c1\">"), "the fragment is the cell alone")
            #expect(!html.contains("<html"))
            // counted here from the hits, independently of the Lua binding
            var expected: [String: Int] = [:]
            for h in try server.corpus.search("nato").hits {
                expected[server.corpus.documents[h.document].meta.string("outlet") ?? "", default: 0] += 1
            }
            let rows = resultRows(in: html)
            #expect(rows.count == expected.count)
            for row in rows {
                let outlet = row[0].replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                    .replacingOccurrences(of: "&amp;", with: "&")
                #expect(Int(row[1]) == expected[outlet], "\(outlet)")
            }
            #expect(html.contains("&lt;b&gt;Evil&lt;/b&gt; &amp; Co"), "a cell of markup is escaped")
            #expect(!html.contains("<b>Evil"))
        }
    }

    @Test func namesStayBetweenCellsAndTheHistoryComesBackWithThePage() async throws {
        try await withServer { _, client in
            let cookie = try await client.newVisitor()
            _ = try await client.cell("x = 41", cookie: cookie)
            let r = try await client.cell("return x + 1", cookie: cookie)
            #expect(r.text.contains("<pre class=\"value\">42</pre>"))
            #expect(r.text.contains("id=\"c2\""))
            let page = try await client.get("/console", cookie: cookie).text
            #expect(page.contains("<span class=\"line\">x = 41</span>"))
            #expect(page.contains("<pre class=\"value\">42</pre>"))
            // another visitor sees none of it
            let other = try await client.get("/console").text
            #expect(!other.contains("x = 41"))
        }
    }

    @Test func withoutTheScriptTheFormPostsAndTheAnswerIsTheConsoleAtTheNewCell() async throws {
        try await withServer { _, client in
            let cookie = try await client.newVisitor()
            let r = try await client.cell("return 6 * 7", cookie: cookie, fragment: false)
            #expect(r.status == .seeOther)
            #expect(r.headers[.location] == "/console#c1")
            #expect(try await client.get("/console", cookie: cookie).text.contains("<pre class=\"value\">42</pre>"))
        }
    }

    @Test func anErrorIsShownWithItsLineMarkedInTheCode() async throws {
        try await withServer { _, client in
            let cookie = try await client.newVisitor()
            let html = try await client.cell("x = 1\nerror(\"boom <b>\")\ny = 2", cookie: cookie).text
            #expect(html.contains("<span class=\"line\">x = 1</span>\n<span class=\"line error-line\">error(&quot;boom &lt;b&gt;&quot;)</span>"))
            #expect(html.contains("<div class=\"error\" role=\"alert\"><p>line 2: boom &lt;b&gt;</p>"))
            #expect(html.contains("<summary>traceback</summary>"))
        }
    }

    @Test func aChartIsAnImageOfItsSVGWithItsLabelsEscaped() async throws {
        try await withServer { _, client in
            let cookie = try await client.newVisitor()
            let html = try await client.cell("corpus:search(\"nato\"):count_by(\"outlet\"):plot{}", cookie: cookie).text
            let svgs = embeddedSVGs(in: html)
            #expect(svgs.count == 1)
            let svg = try #require(svgs.first)
            #expect(svg.contains("<svg"))
            #expect(svg.contains("TASS"))
            #expect(svg.contains("&lt;b&gt;Evil&lt;/b&gt; &amp; Co"), "a label of markup is text in the SVG")
            #expect(!svg.contains("<script"))
            // a line chart, which the terminal draws only into a file, is shown too
            let line = try await client.cell("loupe.table{{d = \"2022-01-01\", n = 1}, {d = \"2022-02-01\", n = 3}}:plot{kind = \"line\", x = \"d\", y = \"n\"}",
                                             cookie: cookie).text
            #expect(embeddedSVGs(in: line).count == 1, "\(line)")
        }
    }

    @Test func theAPIGivesTheSameBlocksAsJSON() async throws {
        try await withServer { _, client in
            let r = try await client.run("print(\"before\")\nreturn loupe.table{{word = \"nato\", n = 2}, {word = \"<i>\", n = 1}}", cookie: nil)
            let json = r.json
            #expect(json["ok"] as? Bool == true)
            #expect(json["output"] as? String == "before\n")
            let blocks = try #require(json["blocks"] as? [[String: Any]])
            #expect(blocks.count == 2)
            #expect(blocks[0]["type"] as? String == "text")
            #expect(blocks[1]["type"] as? String == "table")
            #expect(blocks[1]["columns"] as? [String] == ["word", "n"])
            let rows = try #require(blocks[1]["rows"] as? [[Any]])
            #expect(rows.count == 2)
            #expect(rows[1][0] as? String == "<i>")
            #expect(rows[1][1] as? Int == 1)
            #expect(!r.text.contains("<i>"), "markup in JSON is \\u-escaped")
        }
    }

    @Test func aLongTableShowsItsFirstThousandRowsAndSaysHowManyThereWere() async throws {
        try await withServer { _, client in
            let cookie = try await client.newVisitor()
            let html = try await client.cell("local rows = {} for i = 1, 2500 do rows[i] = {i = i} end return loupe.table(rows)", cookie: cookie).text
            #expect(resultRows(in: html).count == Limits.tableRows)
            #expect(html.contains("the first 1,000 of 2,500 rows"))
        }
    }

    @Test func theHistoryKeepsTheLastThirtyCells() async throws {
        try await withServer { _, client in
            let cookie = try await client.newVisitor()
            for i in 1...(Limits.consoleCells + 2) { _ = try await client.cell("return \(i)", cookie: cookie) }
            let page = try await client.get("/console", cookie: cookie).text
            #expect(occurrences(of: "<div class=\"cell\"", in: page) == Limits.consoleCells)
            #expect(!page.contains("id=\"c2\""))
            #expect(page.contains("id=\"c\(Limits.consoleCells + 2)\""))
        }
    }

    @Test func aRunawayCellStopsAtTheServersLimitAndSaysSo() async throws {
        try await withServer(options: testOptions(timeout: 0.5)) { _, client in
            let cookie = try await client.newVisitor()
            let html = try await client.cell("while true do end", cookie: cookie).text
            #expect(html.contains("time limit exceeded (this server&#39;s limit is 0.5 s an evaluation)"), "\(html)")
            #expect(!html.contains("--timeout"))
        }
    }

    @Test func badCellsAreRefusedWithAClearMessage() async throws {
        try await withServer { _, client in
            let cookie = try await client.newVisitor()
            let empty = try await client.cell("   ", cookie: cookie)
            #expect(empty.status == .badRequest)
            #expect(empty.text.contains("the form has no code"))
            var headers = HTTPFields()
            headers[.contentType] = "application/x-www-form-urlencoded"
            headers[.cookie] = cookie
            let malformed = try await client.execute(uri: "/console", method: .post, headers: headers, body: ByteBuffer(string: "code=%zz"))
            #expect(malformed.status == .badRequest)
            #expect(malformed.text.contains("malformed percent-encoding in the form"))
            let big = try await client.cell(String(repeating: "x", count: Limits.bodyBytes + 1), cookie: cookie)
            #expect(big.status == .contentTooLarge)
            var foreign = HTTPFields()
            foreign[.origin] = "http://evil.example"
            let crossSite = try await client.cell("return 1", cookie: cookie, headers: foreign)
            #expect(crossSite.status == .forbidden)
        }
    }

    @Test func theCodeParameterFillsTheBoxEscaped() async throws {
        try await withServer { _, client in
            let html = try await client.get("/console?code=" + enc("return \"</textarea><script>\"")).text
            #expect(html.contains(">return &quot;&lt;/textarea&gt;&lt;script&gt;&quot;</textarea>"))
        }
    }
}
