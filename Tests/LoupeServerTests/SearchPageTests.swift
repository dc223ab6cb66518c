import Foundation
import Hummingbird
import HummingbirdTesting
import LoupeCore
import Testing
@testable import LoupeServer

/// The concordance's settings: its order, its context in tokens or characters, and the
/// counts by a metadata field, each checked against the hits worked out here.
@Suite struct SearchPageTests {
    /// The lowercased token after a hit, "" at the document's end, read from the text here.
    static func nextToken(_ corpus: Corpus, _ h: Hit) -> String {
        let spans = corpus.tokenSpans(document: h.document)
        guard h.end < spans.count else { return "" }
        return corpus.documents[h.document].slice(Int(spans[h.end].start), Int(spans[h.end].end)).lowercased()
    }

    @Test func sortingByTheFirstWordRightOrdersEveryLineAndKeepsItsReaderLink() async throws {
        try await withServer(TestCorpus.large(documents: 6, perDocument: 40)) { server, client in
            let corpus = server.corpus
            let hits = try corpus.search("nato").hits
            let json = try await client.get("/api/search?q=nato&sort=1R&limit=1000").json
            let lines = try #require(json["hits"] as? [[String: Any]])
            #expect(lines.count == hits.count)
            let sorted = lines.map { line -> Hit in
                let doc = corpus.documentIndex(id: line["document"] as? String ?? "") ?? -1
                return Hit(document: doc, start: line["start"] as? Int ?? -1, end: line["end"] as? Int ?? -1)
            }
            #expect(Set(sorted.map { "\($0.document):\($0.start)" }) == Set(hits.map { "\($0.document):\($0.start)" }), "the same hits")
            let following = sorted.map { Self.nextToken(corpus, $0) }
            #expect(following == following.sorted(), "ordered by the token after the match")
            // ties keep corpus order (a stable sort)
            for i in 1..<sorted.count where following[i] == following[i - 1] {
                #expect((sorted[i - 1].document, sorted[i - 1].start) < (sorted[i].document, sorted[i].start))
            }
            // the page's links name each hit's number within its document, in corpus order
            let html = try await client.get("/search?q=nato&sort=1R&limit=1000").text
            let links = html.components(separatedBy: "<td class=\"node\"><a href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            #expect(links.count == hits.count)
            for (line, link) in zip(sorted, links) {
                let n = hits.filter { $0.document == line.document && $0.start <= line.start }.count
                #expect(link == HTML.escape(HTML.documentURL(corpus.documents[line.document].id, query: "nato", fragment: "h\(n)")))
            }
            #expect(html.contains("<option value=\"1R\" selected>"))
            #expect(html.contains("class=\"sort current\">1R</a>"), "the header says which sort is on")
        }
    }

    @Test func aCharacterWindowCutsTheContextToThatManyCharacters() async throws {
        try await withServer { _, client in
            let json = try await client.get("/api/search?q=nato&unit=chars&window=7").json
            let lines = try #require(json["hits"] as? [[String: Any]])
            #expect(!lines.isEmpty)
            for l in lines {
                #expect((l["left"] as? String ?? "").count <= 7)
                #expect((l["right"] as? String ?? "").count <= 7)
            }
            #expect(lines.contains { ($0["left"] as? String ?? "").count == 7 }, "the window is filled where the text allows")
        }
    }

    @Test func countsByAFieldAddUpTheHitsOfEachValue() async throws {
        try await withServer { server, client in
            let corpus = server.corpus
            let html = try await client.get("/search?q=nato&by=outlet").text
            #expect(html.contains("<h2>By outlet</h2>"))
            var hits: [String: Int] = [:], docs: [String: Set<Int>] = [:], tokens: [String: Int] = [:]
            for d in corpus.documents.indices { tokens[corpus.documents[d].meta.string("outlet") ?? "", default: 0] += corpus.documents[d].tokenCount }
            for h in try corpus.search("nato").hits {
                let v = corpus.documents[h.document].meta.string("outlet") ?? ""
                hits[v, default: 0] += 1
                docs[v, default: []].insert(h.document)
            }
            for (value, n) in hits {
                let rate = Pages.formatRate(Double(n) * 10_000 / Double(tokens[value] ?? 1))
                #expect(html.contains("<tr><td>\(HTML.escape(value))</td><td class=\"num\">\(n)</td><td class=\"num\">\(docs[value]?.count ?? 0)</td>"
                                      + "<td class=\"num\">1</td><td class=\"num\">\(rate)</td></tr>"), "\(value)")
            }
            #expect(html.contains("<tr><td>RT</td><td class=\"num\">0</td>"), "a value without hits is listed with 0")
        }
    }

    @Test func badSettingsAreRefusedWithAClearMessage() async throws {
        try await withServer { _, client in
            for (uri, message) in [
                ("/search?q=nato&sort=bogus", "'sort' keys are 1L…50L, 1R…50R, node or doc, got 'bogus'"),
                ("/search?q=nato&sort=1R,2R,3R,4R,5R", "'sort' takes at most 4 keys"),
                ("/search?q=nato&unit=words", "'unit' must be tokens or chars, got 'words'"),
                ("/search?q=nato&window=51", "'window' must be from 0 to 50, got 51"),
                ("/search?q=nato&unit=chars&window=501", "'window' must be from 1 to 500, got 501"),
                ("/search?q=nato&by=nope", "there is no field 'nope' to count by"),
                ("/api/search?q=nato&sort=%3Cb%3E", "got '<b>'"),
            ] {
                let r = try await client.get(uri)
                #expect(r.status == .badRequest, "\(uri)")
                let text = uri.hasPrefix("/api/") ? (r.json["error"] as? String ?? "") : r.text
                #expect(text.contains(uri.hasPrefix("/api/") ? message : HTML.escape(message)), "\(uri): \(text.suffix(300))")
            }
        }
    }
}
