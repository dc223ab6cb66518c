import Foundation
import Hummingbird
import HummingbirdTesting
import LoupeCore
import Testing
@testable import LoupeServer

/// Hostile documents and hostile visitors: markup in the corpus shown as text everywhere,
/// the security headers, size limits, and visitors' Lua kept apart and bounded.
@Suite struct ServerSafetyTests {
    static let escapedScript = "&lt;script&gt;alert(1)&lt;/script&gt;"

    @Test func markupInADocumentIsShownEscapedOnEveryPage() async throws {
        try await withServer { _, client in
            let pages = ["/", "/search?q=alert", "/search?q=nato", "/doc/evil", "/doc/evil?q=script", "/search?q=\(enc("<script>"))"]
            for uri in pages {
                let r = try await client.get(uri)
                let html = r.text
                #expect(!html.contains("<script>alert"), "\(uri)")
                #expect(!html.contains("<b>"), "\(uri)")
                #expect(!html.contains("<img"), "\(uri)")
                #expect(occurrences(of: "<script", in: html) == 1, "\(uri): only the page's own script tag")
                #expect(html.contains("<script src=\"/static/app.js\" defer></script>"))
            }
            let index = try await client.get("/").text
            #expect(index.contains(">\(Self.escapedScript) news</a>"), "the title")
            #expect(index.contains("<td>&lt;b&gt;Evil&lt;/b&gt; &amp; Co</td>"), "metadata")
            #expect(index.contains("<td>&lt;img src=x onerror=alert(2)&gt;</td>"))
            let reader = try await client.get("/doc/evil?q=alert").text
            #expect(reader.contains("<h1>\(Self.escapedScript) news</h1>"))
            #expect(reader.contains("<dd>&lt;b&gt;Evil&lt;/b&gt; &amp; Co</dd>"))
            #expect(reader.contains("Before &lt;script&gt;<span id=\"h1\" class=\"hit\"></span><mark>alert</mark>(1)&lt;/script&gt; after"))
            #expect(reader.contains("nato &amp; &lt;b&gt;bold&lt;/b&gt; claims."))
            let concordance = try await client.get("/search?q=alert").text
            #expect(concordance.contains("<td class=\"left\"><span>Before &lt;script&gt;</span></td>") || concordance.contains("Before &lt;script&gt;"))
            #expect(concordance.contains("(1)&lt;/script&gt; after"))
            let query = try await client.get("/search?q=\(enc("\"><script>x"))").text
            #expect(query.contains("value=\"&quot;&gt;&lt;script&gt;x\""), "the query in the search box")
        }
    }

    @Test func theAPIEscapesMarkupInJSON() async throws {
        try await withServer { server, client in
            for uri in ["/api/doc/evil", "/api/search?q=alert", "/api/corpus", "/api/doc/evil?q=alert"] {
                let r = try await client.get(uri)
                #expect(r.status == .ok, "\(uri)")
                #expect(!r.text.contains("<"), "\(uri): no raw markup at all")
                #expect(r.text.contains("\\u003cscript\\u003e"), "\(uri)")
                #expect(r.headers[.xContentTypeOptions] == "nosniff")
            }
            let doc = try await client.get("/api/doc/evil").json
            #expect(doc["title"] as? String == TestCorpus.evilTitle, "decodes to the original text")
            #expect(doc["text"] as? String == server.corpus.documents[1].text)
            let hits = try await client.get("/api/search?q=alert").json["hits"] as? [[String: Any]] ?? []
            #expect(hits.first?["left"] as? String == "Before <script>")
        }
    }

    @Test func everyResponseCarriesTheSecurityHeadersAndTheVisitorCookie() async throws {
        try await withServer { _, client in
            for uri in ["/", "/search?q=nato", "/doc/d1", "/doc/nope", "/api/count?q=nato", "/api/count", "/static/app.js", "/nope"] {
                let r = try await client.get(uri)
                let csp = r.headers[.contentSecurityPolicy] ?? ""
                #expect(csp.contains("script-src 'self'"), "\(uri)")
                #expect(!csp.contains("unsafe-inline"), "\(uri)")
                #expect(csp.contains("frame-ancestors 'none'"), "\(uri)")
                #expect(r.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
            }
            let first = try await client.get("/")
            let setCookie = first.headers[.setCookie] ?? ""
            #expect(setCookie.hasPrefix("loupe_visitor="))
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Lax"))
            let cookie = try #require(first.visitorCookie)
            #expect(try await client.get("/", cookie: cookie).headers[.setCookie] == nil, "a known visitor keeps the cookie")
            #expect(try await client.get("/", cookie: "loupe_visitor=<script>").headers[.setCookie] != nil, "a malformed one is replaced")
            // no inline script anywhere: the only script is the file
            let html = first.text
            #expect(!html.contains("onload=") && !html.contains("onclick=") && !html.contains("style=\""))
        }
    }

    @Test func runPrintsReturnsAndReportsErrorsWithTheirLine() async throws {
        try await withServer { server, client in
            let first = try await client.run("print('hello', corpus:count('nato'))\nreturn 1 + 1", cookie: nil)
            #expect(first.status == .ok)
            let j = first.json
            #expect(j["output"] as? String == "hello\t\(try server.corpus.search("nato").hits.count)\n")
            #expect(j["value"] as? String == "2")
            #expect(j["error"] is NSNull)
            let cookie = try #require(first.visitorCookie)
            let error = try await client.run("local a = 1\nlocal b = nil\nreturn a + b.c", cookie: cookie).json
            #expect(error["ok"] as? Bool == false)
            #expect((error["error"] as? String)?.contains("attempt to index") == true)
            #expect(error["line"] as? Int == 3)
            let syntax = try await client.run("x = = 1", cookie: cookie).json
            #expect(syntax["line"] as? Int == 1)
            let incomplete = try await client.run("for i = 1, 3 do\nprint(i)", cookie: cookie).json
            #expect((incomplete["error"] as? String)?.contains("middle of a statement") == true)
            let markup = try await client.run("print('<script>alert(1)</script>') return '<b>'", cookie: cookie)
            #expect(!markup.text.contains("<"))
            #expect(markup.json["output"] as? String == "<script>alert(1)</script>\n")
            let write = try await client.run("local t = loupe.table{ {a = 1} } t:write('x.csv')", cookie: cookie).json
            #expect((write["error"] as? String ?? "").contains("cannot write"), "\(write)")
            let io = try await client.run("return io.open('/etc/passwd')", cookie: cookie).json
            #expect((io["value"] as? String ?? "").contains("nil"), "\(io)")
        }
    }

    @Test func memoryAndOutputAreBoundedPerVisitor() async throws {
        try await withServer { _, client in
            let first = try await client.run("kept = 'yes'", cookie: nil)
            let cookie = try #require(first.visitorCookie)
            let hog = try await client.run("local t = {} for i = 1, 1e9 do t[i] = i end", cookie: cookie).json
            #expect((hog["error"] as? String)?.hasPrefix("memory limit exceeded") == true, "\(hog)")
            #expect(try await client.run("return kept", cookie: cookie).json["value"] as? String == "yes", "the environment lives on")
            let chatty = try await client.run("for i = 1, 30000 do print(string.rep('x', 99)) end return 'done'", cookie: cookie).json
            #expect(chatty["truncated"] as? Bool == true)
            #expect((chatty["output"] as? String)?.utf8.count == Limits.outputBytes)
            #expect(chatty["value"] as? String == "done")
        }
    }

    @Test func twoVisitorsVariablesDoNotMix() async throws {
        try await withServer { server, client in
            let a = try await client.run("x = 'a'", cookie: nil)
            let b = try await client.run("x = 'b'", cookie: nil)
            let ca = try #require(a.visitorCookie), cb = try #require(b.visitorCookie)
            #expect(ca != cb)
            _ = try await client.run("local y = 10", cookie: ca)   // a REPL's top-level local: kept for the next call
            let va = try await client.run("return x .. y", cookie: ca).json["value"] as? String
            let vb = try await client.run("return x .. tostring(y)", cookie: cb).json["value"] as? String
            #expect(va == "a10")
            #expect(vb == "bnil")
            #expect(server.visitorCount == 2)
        }
    }

    @Test func aRunawayStopsAtItsLimitWhileOtherVisitorsAreAnswered() async throws {
        try await withServer(options: testOptions(timeout: 2)) { server, client in
            let expected = try server.corpus.search("nato").hits.count
            let start = DispatchTime.now()
            async let runaway = client.run("while true do end", cookie: nil)
            try await Task.sleep(nanoseconds: 150_000_000)
            let countStart = DispatchTime.now()
            let count = try await client.get("/api/count?q=nato")
            let countSeconds = Double(DispatchTime.now().uptimeNanoseconds - countStart.uptimeNanoseconds) / 1e9
            let other = try await client.run("return corpus:count('nato')", cookie: nil)
            let otherSeconds = Double(DispatchTime.now().uptimeNanoseconds - countStart.uptimeNanoseconds) / 1e9
            let r = try await runaway
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            #expect(count.json["count"] as? Int == expected)
            #expect(countSeconds < 0.8, "\(countSeconds) s: not kept waiting for the 2 s runaway")
            #expect(other.json["value"] as? String == "\(expected)")
            #expect(otherSeconds < 1.2, "\(otherSeconds) s")
            #expect((r.json["error"] as? String)?.contains("time limit") == true, "\(r.text)")
            #expect(seconds < 4, "\(seconds) s: about the limit")
        }
    }

    @Test func oneEvaluationAtATimePerVisitorAndTheEnvironmentOutlivesALimit() async throws {
        try await withServer(options: testOptions(timeout: 1)) { _, client in
            let first = try await client.run("x = 1", cookie: nil)
            let cookie = try #require(first.visitorCookie)
            async let slow = client.run("while true do end", cookie: cookie)
            try await Task.sleep(nanoseconds: 200_000_000)
            let second = try await client.run("return 2", cookie: cookie)
            #expect(second.status == .tooManyRequests)
            #expect((second.json["error"] as? String)?.contains("still running") == true)
            let stopped = try await slow.json
            #expect((stopped["error"] as? String)?.hasPrefix("time limit exceeded") == true, "\(stopped)")
            #expect(stopped["line"] as? Int == 1)
            #expect(try await client.run("return x", cookie: cookie).json["value"] as? String == "1")
        }
    }

    @Test func oversizeBodiesAndForeignOriginsAreRefused() async throws {
        try await withServer { _, client in
            let big = String(repeating: "-- padding\n", count: Limits.bodyBytes / 11 + 10)
            let r = try await client.run(big, cookie: nil)
            #expect(r.status == .contentTooLarge)
            #expect((r.json["error"] as? String)?.contains("longer than") == true)
            var headers = HTTPFields()
            headers[.origin] = "http://evil.example"
            let foreign = try await client.run("return 1", cookie: nil, headers: headers)
            #expect(foreign.status == .forbidden)
            headers[.origin] = "http://localhost"
            #expect(try await client.run("return 1", cookie: nil, headers: headers).status == .ok, "the test client's own authority")
            let long = try await client.get("/search?q=" + String(repeating: "a", count: Limits.queryStringBytes + 1))
            #expect(long.status == .uriTooLong)
            let longQuery = try await client.get("/api/count?q=" + String(repeating: "a+", count: Limits.queryCharacters))
            #expect(longQuery.status == .badRequest)
            let binary = try await client.execute(uri: "/api/run", method: .post, body: ByteBuffer(bytes: [0xFF, 0xFE, 0x00]))
            #expect(binary.status == .badRequest)
        }
    }
}
