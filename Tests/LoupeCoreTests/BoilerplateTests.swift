import Foundation
import Testing
@testable import LoupeCore

/// corpus:boilerplate and corpus:without_boilerplate.
@Suite struct BoilerplateTests {
    static func corpus(_ docs: [(id: String, outlet: String?, text: String)]) -> Corpus {
        var b = CorpusBuilder()
        for d in docs {
            var meta = Metadata()
            if let o = d.outlet { meta["outlet"] = .string(o) }
            b.add(RawDocument(id: d.id, title: d.id, text: d.text, meta: meta, source: DocumentSource(file: d.id, firstLine: 1, lastLine: 1)))
        }
        return b.build(root: "mem")
    }

    static func flagged(_ lines: [BoilerplateLine], _ c: Corpus) -> [String] {
        lines.map { "\(c.documents[$0.document].id):\($0.line)" }
    }

    @Test func linesRepeatedAcrossAnOutletsDocuments() throws {
        let c = Self.corpus([
            ("a1", "Alpha", "Alpha News\nFirst story here.\nFollow Alpha on Mastodon!"),
            ("a2", "ALPHA", "Alpha news\nSecond story.\nfollow alpha on mastodon"),
            ("a3", "Alpha", "Third story.\nFollow Alpha on Mastodon"),
            ("b1", "Beta", "Alpha News\nBeta story.\nFirst story here."),
            ("n1", nil, "Alpha News\nNo outlet."),
            ("n2", nil, "Alpha News\nNo outlet either."),
        ])
        let lines = try c.boilerplateLines()
        // Outlet values are compared ignoring case; the line by its tokens' matching forms.
        #expect(Self.flagged(lines, c) == ["a1:1", "a1:3", "a2:1", "a2:3", "a3:2"])
        #expect(lines.map(\.documents) == [2, 3, 2, 3, 3])
        #expect(lines[0].reason == "repeated in 2 documents of outlet Alpha")
        #expect(lines[0].pattern == nil && lines[0].text == "Alpha News")
        #expect(Self.flagged(try c.boilerplateLines(BoilerplateOptions(minDocuments: 3)), c) == ["a1:3", "a2:3", "a3:2"])
        #expect(try c.boilerplateLines(BoilerplateOptions(field: nil)).isEmpty)
        // Grouped by another field, the outlet-less documents still compare with none.
        #expect(Self.flagged(try c.boilerplateLines(BoilerplateOptions(field: "id")), c).isEmpty)
        #expect(throws: AnalysisError.self) { try c.boilerplateLines(BoilerplateOptions(minDocuments: 1)) }
    }

    @Test func chromePatterns() throws {
        let text = """
        Headline
        Share this article
        The text mentions cookies and says it will subscribe to nothing, in a long sentence of prose.
        We use cookies
        Continue reading…
        Leave a Reply
        Twitter picture
        © 2024 Example Media. All rights reserved.
        Read more about the talks in Minsk and Geneva, which were long.
        , ,
        Posted in
        """
        let c = Self.corpus([("d", "X", text)])
        let lines = try c.boilerplateLines()
        #expect(lines.map(\.line) == [2, 4, 5, 6, 7, 8, 11])
        #expect(lines.map { $0.pattern ?? "" } == ["share prompt", "cookie notice", "continue reading", "comment form", "social button",
                                                    "rights notice", "byline chrome"])
        #expect(lines[2].reason == "chrome: continue reading" && lines[2].text == "Continue reading…")
        #expect(try c.boilerplateLines(BoilerplateOptions(chrome: false)).isEmpty)
        let own = try c.boilerplateLines(BoilerplateOptions(chrome: false, patterns: ["^headline$", "minsk"]))
        #expect(own.map(\.line) == [1, 9])
        #expect(own[1].reason == "chrome: pattern minsk")
        #expect(throws: AnalysisError.self) { try c.boilerplateLines(BoilerplateOptions(patterns: ["(unclosed"])) }
    }

    @Test func crlfAndNoBreakSpaces() throws {
        let c = Self.corpus([("d", nil, "Story line.\r\n\u{00A0}Continue reading\u{00A0}\r\nEnd.")])
        let lines = try c.boilerplateLines()
        #expect(lines.map(\.line) == [2])
        #expect(lines[0].text == "Continue reading")
        #expect(c.documents[0].slice(lines[0].byteStart, lines[0].byteEnd) == "\u{00A0}Continue reading\u{00A0}")
    }

    @Test func removingKeepsLineNumbersAndRecordsWhatWasRemoved() throws {
        let c = Self.corpus([
            ("a1", "Alpha", "Story one about Minsk.\nShare this article\nMore of story one.\nSubscribe to Alpha"),
            ("a2", "Alpha", "Story two.\nSubscribe to Alpha"),
            ("b1", "Beta", "Nothing to remove here."),
        ])
        let (clean, removed) = try c.withoutBoilerplate()
        #expect(removed == (try c.boilerplate()))
        #expect(removed.column(named: "doc") == [.string("a1"), .string("a1"), .string("a2")])
        #expect(clean.documents.map(\.text) == ["Story one about Minsk.\n\nMore of story one.\n", "Story two.\n", "Nothing to remove here."])
        #expect(clean.documents.map { $0.meta["boilerplate_removed"] } == [.int(2), .int(1), .int(0)])
        #expect(clean.documents.map(\.tokenCount) == [c.documents[0].tokenCount - 6, c.documents[1].tokenCount - 3, c.documents[2].tokenCount])
        #expect(try clean.search("subscribe").hits.isEmpty)
        #expect(try clean.search("minsk").hits.count == 1)
        #expect(clean.documents[0].paragraphs.count == 2)       // the emptied line separates paragraphs
        #expect(clean.selection == "boilerplate removed: 3 lines")
        #expect(clean.documents.map(\.id) == c.documents.map(\.id) && clean.documents[0].source == c.documents[0].source)
        // On a sub-corpus the label keeps how it was chosen.
        let sub = try c.subset([0, 1], selection: "outlet = Alpha")
        #expect(try sub.withoutBoilerplate().corpus.selection == "outlet = Alpha; boilerplate removed: 3 lines")
    }

    /// The bundled corpus, checked by hand (docs/corpus.md lists the chrome; grep -n over the
    /// document texts for "Share", "Subscribe", "Leave a", "comment", "Continue reading", "cookies"):
    /// - chalenko-lugansk-international-work: the WordPress comment form, lines 44–58, every
    ///   other line (44 Leave a Reply, 46 Fill in your details…, 48/52/56 You are commenting
    ///   using…, 50 Twitter picture, 54 Facebook photo, 58 Connecting to %s): 8 lines.
    /// - kirillova-anti-western-coalitions: 2 "No tracking. No cookies", 14 "Share this article",
    ///   38 "Written by", 40 "This article was filed under", 43 "Subscribe to Byline Times",
    ///   45/47/49 the subscription appeal: 8 lines. Not line 1 ("Free from fear or favour",
    ///   a slogan no pattern knows and no other Byline Times document repeats) nor 41 (", ,",
    ///   no tokens).
    /// - "Continue reading": putin line 38, report 145 line 27, 146 line 51, 197 line 46; the
    ///   three Strategic Stability reports also repeat it (3 documents of the outlet).
    /// - "From Strategic Stability": lines 3 of reports 145 and 146 (report 197 has the
    ///   misspelling "From Strategis Stability").
    /// - Other lines with these words are prose and not flagged: e.g. lavrov line 157 "…would
    ///   like to leave a legacy…", the OSCE 02-10 line 22 "…distributed cookies…", RT line 12
    ///   "…in response to a comment made by…".
    @Test func bundledCorpusValuesCheckedByHand() throws {
        let (c, _) = try CorpusLoader.load(path: repoRoot.appendingPathComponent("corpus").path)
        let lines = try c.boilerplateLines()
        #expect(Self.flagged(lines, c) == [
            "chalenko-lugansk-international-work:44", "chalenko-lugansk-international-work:46",
            "chalenko-lugansk-international-work:48", "chalenko-lugansk-international-work:50",
            "chalenko-lugansk-international-work:52", "chalenko-lugansk-international-work:54",
            "chalenko-lugansk-international-work:56", "chalenko-lugansk-international-work:58",
            "kirillova-anti-western-coalitions:2", "kirillova-anti-western-coalitions:14",
            "kirillova-anti-western-coalitions:38", "kirillova-anti-western-coalitions:40",
            "kirillova-anti-western-coalitions:43", "kirillova-anti-western-coalitions:45",
            "kirillova-anti-western-coalitions:47", "kirillova-anti-western-coalitions:49",
            "putin-accession-treaties-2022-09-30:38",
            "strategic-stability-report-145:3", "strategic-stability-report-145:27",
            "strategic-stability-report-146:3", "strategic-stability-report-146:51",
            "strategic-stability-report-197:46",
        ])
        let report145 = lines.filter { c.documents[$0.document].id == "strategic-stability-report-145" }
        #expect(report145.map(\.reason) == ["repeated in 2 documents of outlet Strategic Stability",
                                            "chrome: continue reading; repeated in 3 documents of outlet Strategic Stability"])
        // Removing them: every flagged line's tokens go, counted with the independent tokenizer.
        let (clean, _) = try c.withoutBoilerplate()
        let removedTokens = lines.reduce(0) { $0 + ReferenceTokenizer.tokens($1.text).count }
        #expect(c.tokenCount - clean.tokenCount == removedTokens)
        #expect(clean.documents.first { $0.id == "chalenko-lugansk-international-work" }?.meta["boilerplate_removed"] == .int(8))
        #expect(try clean.search("\"continue reading\"").hits.isEmpty)
        #expect(try c.search("\"continue reading\"").hits.count == 4)
    }
}
