import Foundation
import Hummingbird
import HummingbirdTesting
import LoupeCore
import Testing
@testable import LoupeServer

/// The reader's margin: the hits and what source criticism finds, each linked to its line.
@Suite struct ReaderPageTests {
    static func corpus() -> Corpus {
        var b = CorpusBuilder()
        let text = """
            From RT

            Question: Is <b>NATO</b> expanding?

            Answer: The minister said: "We will never accept this." The so-called "peace plan" is a trick.

            Some 3,000 troops arrived on February 24, 2022.
            """
        b.add(RawDocument(id: "i1", title: "Interview", text: text, meta: Metadata([("outlet", .string("RT")), ("genre", .string("interview"))]),
                          source: DocumentSource(file: "i1.txt", firstLine: 1, lastLine: 7)))
        b.add(RawDocument(id: "i2", title: "Other", text: "Nothing to see.", meta: Metadata([("outlet", .string("TASS"))]),
                          source: DocumentSource(file: "i2.txt", firstLine: 1, lastLine: 1)))
        return b.build(root: "mem")
    }

    @Test func theMarginListsFindingsWithLinksToTheirLines() async throws {
        try await withServer(Self.corpus()) { server, client in
            let html = try await client.get("/doc/i1?q=nato").text
            let margin = try #require(html.components(separatedBy: "<aside class=\"findings\">").dropFirst().first)
            // the hit, on line 3
            #expect(margin.contains("<h2>Hits</h2>\n<ol class=\"hits\"><li><a href=\"#h1\">line 3</a></li></ol>"))
            // provenance: the attribution line
            let provenance = try Provenance.findings(server.corpus, document: 0)
            #expect(!provenance.isEmpty)
            for p in provenance { #expect(margin.contains("<span class=\"kind\">\(p.kind.rawValue)</span> \(HTML.escape(p.value))"), "\(p)") }
            #expect(margin.contains("<a href=\"#l1\">line 1</a>"))
            // quotations: the quote, and the scare quote marked as one
            #expect(margin.contains("“We will never accept this.”"))
            #expect(margin.contains("<li class=\"scare-quote\"><span class=\"scare\">&quot;peace plan&quot;</span> <span class=\"note\">scare quote</span>"))
            // numbers: 3,000 on line 7
            #expect(margin.contains("3,000 <span class=\"note\">number"))
            #expect(margin.contains("<a href=\"#l7\">line 7</a>"))
            // every line the margin links to is numbered in the text
            for line in [1, 3, 5, 7] { #expect(html.contains("<span class=\"ln\" id=\"l\(line)\">\(line)</span>")) }
            // speakers of the interview
            #expect(margin.contains("<td>Question</td>"))
            #expect(!margin.contains("<b>NATO"), "the text's markup is escaped in the margin too")
        }
    }

    @Test func aDocumentWithNothingToFindHasAnEmptyMargin() async throws {
        try await withServer(Self.corpus()) { _, client in
            let html = try await client.get("/doc/i2").text
            #expect(html.contains("<aside class=\"findings\">\n</aside>"))
        }
    }

    @Test func boilerplateIsFoundOnceInTheBackgroundThenDimmed() async throws {
        var b = CorpusBuilder()
        for i in 1...3 {
            b.add(RawDocument(id: "r\(i)", title: "R\(i)", text: "Story number \(i) about talks in city \(i).\n\nFollow RT on Telegram for the latest news",
                              meta: Metadata([("outlet", .string("RT"))]), source: DocumentSource(file: "r\(i).txt", firstLine: 1, lastLine: 3)))
        }
        try await withServer(b.build(root: "mem")) { server, client in
            _ = try await client.get("/doc/r1")
            let deadline = Date().addingTimeInterval(10)
            while !server.boilerplate.isReady && Date() < deadline { try await Task.sleep(for: .milliseconds(10)) }
            #expect(server.boilerplate.isReady)
            let html = try await client.get("/doc/r2").text
            #expect(html.contains("<p class=\"boilerplate\"><span class=\"ln\" id=\"l3\">3</span>Follow RT on Telegram for the latest news</p>"))
            #expect(html.contains("<p><span class=\"ln\" id=\"l1\">1</span>Story number 2"), "the story itself is not dimmed")
            #expect(html.contains("<h2>Boilerplate</h2>"))
        }
    }
}
