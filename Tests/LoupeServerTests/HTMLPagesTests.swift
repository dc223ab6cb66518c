import Foundation
import LoupeCore
import Testing
@testable import LoupeServer

/// The pure parts, without a server: escaping, URLs, query strings, the reader's
/// marks, JSON, the visitors' table.
@Suite struct HTMLPagesTests {
    @Test func escapeCoversTextAndAttributes() {
        #expect(HTML.escape("<a href=\"x\" title='y'>&amp;</a>") == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;")
        #expect(HTML.escape("plain ☃ text") == "plain ☃ text")
        #expect(HTML.escape("a\0b") == "a\u{FFFD}b")
    }

    @Test func urlsArePercentEncoded() {
        #expect(HTML.documentURL("odd id/β", query: "a b&c", fragment: "h2") == "/doc/odd%20id%2F%CE%B2?q=a%20b%26c#h2")
        #expect(HTML.url("/search", [("q", "x"), ("offset", "")]) == "/search?q=x")
    }

    @Test func queryStringsDecodeAsFormsDo() throws {
        let p = try QueryParameters("q=%22peace+talks%22+NEAR%2F5+ukraine&offset=10&q=second&flag")
        #expect(p["q"] == "\"peace talks\" NEAR/5 ukraine")
        #expect(p["offset"] == "10")
        #expect(p["flag"] == "")
        #expect(throws: RequestError.self) { try QueryParameters("q=%E0%A4") }
        #expect(throws: RequestError.self) { try QueryParameters("q=%2") }
        #expect(QueryParameters.decodePath("a+b%2Fc") == "a+b/c")
        let blank = try QueryParameters("q=+++")
        #expect(try blank.query() == nil)
        #expect(try QueryParameters("offset=7").integer("offset", default: 0, in: 0...10) == 7)
        do {
            _ = try QueryParameters("offset=-3").integer("offset", default: 0, in: 0...10)
            Issue.record("a negative offset was accepted")
        } catch { #expect(error.status == 400 && error.message.contains("'offset' must be from 0 to 10")) }
    }

    @Test func theReaderMarksOverlappingHitsAndHitsAcrossParagraphs() throws {
        var b = CorpusBuilder()
        b.add(RawDocument(id: "p", title: "P", text: "one two three\n\nfour five <i>six</i>", meta: Metadata(),
                          source: DocumentSource(file: "p.txt", firstLine: 1, lastLine: 3)))
        let corpus = b.build(root: "mem")
        // overlapping: tokens 0-2 and 1-3; crossing the paragraph break: 2-4
        let hits = [Hit(document: 0, start: 0, end: 2), Hit(document: 0, start: 1, end: 3), Hit(document: 0, start: 2, end: 4)]
        let html = Pages.text(corpus, document: 0, hits: hits)
        #expect(html == """
            <p><span class="ln" id="l1">1</span><span id="h1" class="hit"></span><mark>one <span id="h2" class="hit"></span>two \
            <span id="h3" class="hit"></span>three</mark></p>
            <p><span class="ln" id="l3">3</span><mark>four</mark> five &lt;i&gt;six&lt;/i&gt;</p>

            """)
        #expect(occurrences(of: "<mark>", in: html) == occurrences(of: "</mark>", in: html))
        let none = Pages.text(corpus, document: 0, hits: [])
        #expect(none == "<p><span class=\"ln\" id=\"l1\">1</span>one two three</p>\n<p><span class=\"ln\" id=\"l3\">3</span>four five &lt;i&gt;six&lt;/i&gt;</p>\n")
    }

    @Test func everyLineOfAParagraphIsNumberedAndBoilerplateParagraphsAreDimmed() throws {
        var b = CorpusBuilder()
        let text = "Title line\n\nfirst line\nsecond line\nthird <b>line</b>\n\nSubscribe to our channel"
        b.add(RawDocument(id: "p", title: "P", text: text, meta: Metadata(), source: DocumentSource(file: "p.txt", firstLine: 1, lastLine: 7)))
        let corpus = b.build(root: "mem")
        let last = text.utf8.count
        let start = last - "Subscribe to our channel".utf8.count
        let html = Pages.text(corpus, document: 0, hits: [], boilerplate: [start..<last])
        #expect(html == """
            <p><span class="ln" id="l1">1</span>Title line</p>
            <p><span class="ln" id="l3">3</span>first line<br>
            <span class="ln" id="l4">4</span>second line<br>
            <span class="ln" id="l5">5</span>third &lt;b&gt;line&lt;/b&gt;</p>
            <p class="boilerplate"><span class="ln" id="l7">7</span>Subscribe to our channel</p>

            """)
        // the line of a byte offset, against counting line breaks by hand
        let lines = LineStarts(text)
        for offset in [0, 5, 11, 12, 23, start, last - 1] {
            #expect(lines.line(at: offset) == text.utf8.prefix(offset).filter { $0 == 0x0A }.count + 1, "\(offset)")
        }
    }

    @Test func searchResultsCountByDocumentAndNumberHitsWithinIt() throws {
        let corpus = TestCorpus.make()
        let r = try SearchResults(corpus: corpus, query: "nato", offset: 3, limit: 2, window: 2)
        let hits = try corpus.search("nato").hits
        #expect(r.count == hits.count)
        #expect(r.byDocument.map(\.count) == [3, 2, 1])
        #expect(r.lines.map(\.index) == [3, 4])
        #expect(r.lines.map(\.numberInDocument) == [1, 2], "the evil document's first and second hits")
        #expect(r.lines.first?.left == "script> after", "two tokens of context, the text between them kept")
    }

    @Test func pagesEscapeWhatTheyAreGiven() {
        let corpus = TestCorpus.make()
        let page = Pages.queryError(corpus, query: "<b>x", message: "unexpected <b>", column: 1)
        #expect(page.contains("<strong>unexpected &lt;b&gt;</strong>"))
        #expect(page.contains("<pre class=\"query-error\">&lt;b&gt;x\n<span class=\"caret\">^</span></pre>"))
        let error = Pages.error(status: 404, message: "no <page>")
        #expect(error.contains("<p>no &lt;page&gt;</p>"))
    }

    @Test func jsonEscapesMarkupAndControlCharacters() {
        let j = JSON.object([("t", .string("<a href='x'>&\n\u{1}\u{2028}")), ("n", .double(.infinity)), ("b", .bool(true))])
        #expect(j.text == #"{"t":"\u003ca href=\u0027x\u0027\u003e\u0026\n\u0001\u2028","n":null,"b":true}"#)
    }

    @Test func visitorsAreReleasedWhenIdleAndTheLongestIdleMakesRoom() {
        let now = Locked(0.0)
        let visitors = Visitors(capacity: 2, idleSeconds: 100, clock: { now.withLock { $0 } })
        guard case .claimed(let a) = visitors.claim("a").claim else { Issue.record("a"); return }
        if case .busy = visitors.claim("a").claim {} else { Issue.record("a second claim while busy") }
        visitors.release(a)
        now.withLock { $0 = 10 }
        guard case .claimed(let b) = visitors.claim("b").claim else { Issue.record("b"); return }
        visitors.release(b)
        now.withLock { $0 = 20 }
        let (claim, evicted) = visitors.claim("c")
        if case .claimed = claim {} else { Issue.record("c") }
        #expect(evicted?.id == "a", "the longest idle")
        now.withLock { $0 = 200 }
        #expect(visitors.sweep().map(\.id) == ["b"], "c is busy")
        #expect(visitors.count == 1)
        #expect(Visitors.isWellFormed(Visitors.newID()[...]))
        #expect(!Visitors.isWellFormed("../../etc"))
    }

    @Test func serveSourcesUseNoCrashPrimitives() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/LoupeServer").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        #expect(!files.isEmpty)
        for f in files {
            let text = try String(contentsOf: folder.appendingPathComponent(f), encoding: .utf8)
            for bad in ["fatalError(", "try!", "precondition("] { #expect(!text.contains(bad), "\(f): \(bad)") }
        }
    }
}
