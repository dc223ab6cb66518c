import Foundation
import Hummingbird
import HummingbirdTesting
import LoupeCore
import Testing
@testable import LoupeServer

/// Every route's status and content, over a corpus built in memory; counts checked
/// against `corpus.search(q)` computed here, independently of the server.
@Suite struct ServerRoutesTests {
    @Test func theCorpusPageListsEveryDocumentWithItsMetadata() async throws {
        try await withServer { server, client in
            let r = try await client.get("/")
            #expect(r.status == .ok)
            #expect(r.headers[.contentType] == "text/html; charset=utf-8")
            let html = r.text
            for field in ["title", "outlet", "date", "genre", "tokens"] { #expect(html.contains("class=\"sort\">\(field)</a></th>"), "\(field)") }
            #expect(html.contains("<a href=\"/doc/d1\">NATO in Brussels</a>"))
            #expect(html.contains("<td>TASS</td>"))
            #expect(html.contains("href=\"/doc/odd%20id%2F%CE%B2\""), "ids are percent-encoded in links")
            #expect(html.contains("<form class=\"search\" method=\"get\" action=\"/search\""))
            for d in server.corpus.documents { #expect(html.contains("<td class=\"num\">\(d.tokenCount)</td>")) }
            let paged = try await client.get("/?offset=1&limit=2")
            #expect(occurrences(of: "<tr><td><a href=\"/doc/", in: paged.text) == 2)
            #expect(paged.text.contains("documents 2–3 of 4"))
            #expect(paged.text.contains("href=\"/?offset=3&amp;limit=2\""), "the next page keeps its limit")
            #expect(try await client.get("/?limit=0").status == .badRequest)
        }
    }

    @Test func aFacetListsEachValueWithItsDocumentsEscaped() async throws {
        var b = CorpusBuilder()
        for (id, outlet) in [("a", "<b>Evil</b> & Co"), ("b", "<b>Evil</b> & Co"), ("c", "RT")] {
            b.add(RawDocument(id: id, title: id, text: "text", meta: Metadata([("outlet", .string(outlet))]),
                              source: DocumentSource(file: "\(id).txt", firstLine: 1, lastLine: 1)))
        }
        try await withServer(b.build(root: "mem")) { _, client in
            let html = try await client.get("/").text
            #expect(html.contains("<div class=\"facet\"><h2>outlet</h2><ul><li><a href=\"/?field=outlet&amp;value=%3Cb%3EEvil%3C%2Fb%3E%20%26%20Co\">"
                                  + "&lt;b&gt;Evil&lt;/b&gt; &amp; Co</a> <span class=\"note\">2</span></li>"
                                  + "<li><a href=\"/?field=outlet&amp;value=RT\">RT</a> <span class=\"note\">1</span></li></ul></div>"))
            let evil = try await client.get("/?field=outlet&value=" + enc("<b>Evil</b> & Co")).text
            #expect(occurrences(of: "<tr><td><a href=\"/doc/", in: evil) == 2)
            #expect(evil.contains("<li class=\"chosen\">"), "the chosen value is marked")
        }
    }

    @Test func theCorpusPageFiltersByAFacetOrATitleAndSortsByAnyColumn() async throws {
        try await withServer { server, client in
            let corpus = server.corpus
            let html = try await client.get("/").text
            #expect(!html.contains("<h2>outlet</h2>"), "a field whose every value differs is no facet")
            let tass = try await client.get("/?field=outlet&value=TASS").text
            #expect(occurrences(of: "<tr><td><a href=\"/doc/", in: tass) == 1)
            #expect(tass.contains("1 of 4 documents have outlet = <strong>TASS</strong>"))
            let titled = try await client.get("/?text=NOTHING").text
            #expect(occurrences(of: "<tr><td><a href=\"/doc/", in: titled) == 1, "titles match whatever their case")
            #expect(titled.contains(">Nothing</a>"))
            // sorted by tokens, both ways, against the corpus's own counts
            func order(_ page: String) -> [String] {
                page.components(separatedBy: "<tr><td><a href=\"/doc/").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            }
            let byTokens = corpus.documents.sorted { ($0.tokenCount, corpus.documentIndex(id: $0.id) ?? 0) < ($1.tokenCount, corpus.documentIndex(id: $1.id) ?? 0) }
            #expect(order(try await client.get("/?sort=tokens").text) == byTokens.map { HTML.percentEncode($0.id) })
            let down = order(try await client.get("/?sort=tokens&desc=1").text)
            #expect(down.first == HTML.percentEncode(byTokens.last?.id ?? ""))
            // documents without the field go last, whichever way
            #expect(order(try await client.get("/?sort=genre").text).last == HTML.percentEncode(TestCorpus.oddID))
            // dates: a facet of years, and a year (or a month) shows the documents of its dates
            #expect(html.contains("<div class=\"facet\"><h2>date</h2><ul><li><a href=\"/?field=date&amp;value=2022\">2022</a> <span class=\"note\">2</span>"))
            #expect(occurrences(of: "<tr><td><a href=\"/doc/", in: try await client.get("/?field=date&value=2022-03").text) == 1)
            #expect(!html.contains("<h2>genre</h2>"))
            for (uri, message) in [("/?field=nope&value=x", "there is no field &#39;nope&#39;"),
                                   ("/?sort=%3Cb%3E", "&#39;sort&#39; must be title, tokens or a field")] {
                let r = try await client.get(uri)
                #expect(r.status == .badRequest)
                #expect(r.text.contains(message), "\(uri)")
            }
        }
    }

    @Test func searchShowsTheCountTheConcordanceAndCountsByDocument() async throws {
        try await withServer { server, client in
            let q = "nato"
            let expected = try server.corpus.search(q).hits
            let r = try await client.get("/search?q=\(q)")
            #expect(r.status == .ok)
            let html = r.text
            #expect(html.contains("<strong class=\"count\">\(expected.count)</strong> hits"))
            #expect(occurrences(of: "<td class=\"node\">", in: html) == expected.count)
            // every line links to the reader at its hit: #hN counts within the document
            #expect(html.contains("<td class=\"node\"><a href=\"/doc/d1?q=nato#h1\">NATO</a></td>"))
            #expect(html.contains("<td class=\"node\"><a href=\"/doc/d1?q=nato#h3\">NATO</a></td>"))
            #expect(html.contains("<td class=\"left\"><span>NATO met in Brussels.</span></td>"), "a window of tokens on the left")
            // by document: d1 has 3, evil 2, odd 1
            #expect(html.contains("<h2>By document</h2>"))
            let byDoc = Dictionary(grouping: expected, by: \.document).mapValues(\.count)
            for (doc, n) in byDoc {
                let id = server.corpus.documents[doc].id
                #expect(html.contains("\(HTML.escape(HTML.documentURL(id, query: q, fragment: "h1")))\">\(HTML.escape(id))</a></td><td>"), "\(id)")
                #expect(html.contains("<td class=\"num\">\(n)</td>"))
            }
        }
    }

    @Test func theFullQueryLanguageAndFormEncoding() async throws {
        try await withServer { server, client in
            for q in ["minsk agreements", "nato OR minsk", "nato AND brussels", "minsk NEAR/3 nato", "~agreement", "nat*", "/min.k/", "\"nato met\"", "minsk _{0,2} nato"] {
                let expected = try server.corpus.search(q).hits.count
                let viaForm = try await client.get("/search?q=" + q.split(separator: " ", omittingEmptySubsequences: false).map { enc(String($0)) }.joined(separator: "+"))
                #expect(viaForm.status == .ok, "\(q)")
                #expect(viaForm.text.contains("<strong class=\"count\">\(expected)</strong>"), "\(q): \(expected)")
                let api = try await client.get("/api/count?q=\(enc(q))")
                #expect(api.json["count"] as? Int == expected, "\(q)")
            }
        }
    }

    @Test func aQueryErrorIsShownWithItsColumnPointedAt() async throws {
        try await withServer { server, client in
            let q = "nato AND (minsk"
            var column = 0
            do { _ = try server.corpus.search(q) } catch let e as QueryError { column = e.column }
            #expect(column > 0)
            let r = try await client.get("/search?q=\(enc(q))")
            #expect(r.status == .badRequest)
            let html = r.text
            #expect(html.contains("The query has an error at column \(column)"))
            #expect(html.contains("<pre class=\"query-error\">nato AND (minsk\n\(String(repeating: " ", count: column - 1))<span class=\"caret\">^</span></pre>"))
            #expect(html.contains("data-error-start=\"\(column - 1)\""))
            let api = try await client.get("/api/count?q=\(enc(q))")
            #expect(api.status == .badRequest)
            #expect(api.json["column"] as? Int == column)
            #expect((api.json["error"] as? String)?.isEmpty == false)
        }
    }

    @Test func searchIsPagedAndBadParametersAre400() async throws {
        try await withServer { server, client in
            let all = try server.corpus.search("nato").hits
            let r = try await client.get("/search?q=nato&offset=2&limit=2")
            #expect(r.status == .ok)
            #expect(occurrences(of: "<td class=\"node\">", in: r.text) == 2)
            #expect(r.text.contains("hits 3–4 of \(all.count)"))
            #expect(r.text.contains("href=\"/search?q=nato&amp;offset=0&amp;limit=2\""), "previous")
            #expect(r.text.contains("href=\"/search?q=nato&amp;offset=4&amp;limit=2\""), "next")
            let api = try await client.get("/api/search?q=nato&offset=1&limit=2")
            let hits = api.json["hits"] as? [[String: Any]] ?? []
            #expect(hits.count == 2)
            #expect(hits.first?["start"] as? Int == all[1].start)
            #expect(hits.first?["document"] as? String == server.corpus.documents[all[1].document].id)
            for bad in ["offset=-1", "offset=abc", "offset=1e3", "limit=0", "limit=100000", "window=99", "offset=99999999999999"] {
                let page = try await client.get("/search?q=nato&\(bad)")
                #expect(page.status == .badRequest, "\(bad)")
                #expect(page.text.contains("must be"), "\(bad)")
                let json = try await client.get("/api/search?q=nato&\(bad)")
                #expect(json.status == .badRequest, "\(bad)")
                #expect((json.json["error"] as? String)?.contains("must be") == true, "\(bad)")
            }
            let past = try await client.get("/api/search?q=nato&offset=1000")
            #expect(past.status == .ok)
            #expect((past.json["hits"] as? [Any])?.isEmpty == true)
            #expect(try await client.get("/search?q=%ZZ").status == .badRequest)
            #expect(try await client.get("/api/count").status == .badRequest)
        }
    }

    @Test func twentyThousandHitsPageQuickly() async throws {
        let corpus = TestCorpus.large(documents: 40, perDocument: 1_000)
        let expected = try corpus.search("nato").hits.count
        #expect(expected == 20_000)
        try await withServer(corpus) { _, client in
            _ = try await client.get("/search?q=nato")
            let start = DispatchTime.now()
            let r = try await client.get("/search?q=nato&offset=19950&limit=50")
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            #expect(r.status == .ok)
            #expect(r.text.contains("hits 19,951–20,000 of 20,000"))
            #expect(occurrences(of: "<td class=\"node\">", in: r.text) == 50)
            #expect(r.text.contains("href=\"/doc/doc39?q=nato#h500\""))
            #expect(seconds < 3, "\(seconds) s")
            let count = try await client.get("/api/count?q=nato")
            #expect(count.json["count"] as? Int == 20_000)
        }
    }

    @Test func theReaderMarksEveryHitAndUnknownIdsAre404() async throws {
        try await withServer { server, client in
            let hits = try server.corpus.search("nato").hits.filter { $0.document == 0 }
            let r = try await client.get("/doc/d1?q=nato")
            #expect(r.status == .ok)
            let html = r.text
            #expect(occurrences(of: "<mark>", in: html) == hits.count)
            #expect(occurrences(of: "</mark>", in: html) == hits.count)
            for n in 1...hits.count { #expect(html.contains("<span id=\"h\(n)\" class=\"hit\"></span>")) }
            #expect(html.contains("<p><span class=\"ln\" id=\"l1\">1</span><span id=\"h1\" class=\"hit\"></span><mark>NATO</mark> met in Brussels."),
                    "paragraphs")
            #expect(occurrences(of: "<p><span class=\"ln\"", in: html) == 2)
            #expect(html.contains("<dt>outlet</dt><dd>TASS</dd>"))
            #expect(html.contains("<strong class=\"count\">\(hits.count)</strong> hits"))
            let plain = try await client.get("/doc/d1")
            #expect(plain.status == .ok && !plain.text.contains("<mark>"))
            let odd = try await client.get("/doc/odd%20id%2F%CE%B2?q=minsk")
            #expect(odd.status == .ok)
            #expect(occurrences(of: "<mark>", in: odd.text) == 2)
            let missing = try await client.get("/doc/nope")
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("there is no document &#39;nope&#39;"))
            let bad = try await client.get("/doc/d1?q=%22open")
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("<dt>outlet</dt><dd>TASS</dd>"), "the reader, with the query's error")
            #expect(bad.text.contains("data-error-start=\"0\""))
            #expect(try await client.get("/doc/%E0%A4").status == .badRequest)
        }
    }

    @Test func theDocumentAPI() async throws {
        try await withServer { server, client in
            let r = try await client.get("/api/doc/d1?q=nato")
            #expect(r.status == .ok)
            #expect(r.headers[.contentType] == "application/json; charset=utf-8")
            let j = r.json
            #expect(j["id"] as? String == "d1")
            #expect(j["text"] as? String == server.corpus.documents[0].text)
            #expect((j["metadata"] as? [String: Any])?["outlet"] as? String == "TASS")
            let hits = j["hits"] as? [[String: Any]] ?? []
            #expect(hits.map { $0["start"] as? Int } == (try server.corpus.search("nato").hits.filter { $0.document == 0 }.map { $0.start }))
            let missing = try await client.get("/api/doc/nope")
            #expect(missing.status == .notFound)
            #expect((missing.json["error"] as? String)?.contains("nope") == true)
            let list = try await client.get("/api/corpus")
            #expect((list.json["documents"] as? [Any])?.count == server.corpus.documents.count)
        }
    }

    @Test func staticFilesUnknownPagesAndMethods() async throws {
        try await withServer { _, client in
            let js = try await client.get("/static/app.js")
            #expect(js.status == .ok)
            #expect(js.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(js.text.contains("DOMContentLoaded"))
            #expect(try await client.get("/static/style.css").headers[.contentType] == "text/css; charset=utf-8")
            #expect(try await client.get("/static/nope.js").status == .notFound)
            let missing = try await client.get("/no/such/page")
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("<h1>404"))
            #expect(try await client.get("/api/nothing").json["status"] as? Int == 404)
            #expect(try await client.get("/api/run").status == .methodNotAllowed)
            let help = try await client.get("/search")
            #expect(help.status == .ok && help.text.contains("<h1>Search</h1>"))
        }
    }
}
