import Foundation
import Testing
import LoupeCore
@testable import LoupeLua
@testable import LuaRuntime

/// corpus:provenance/turns/speakers/quotes/numbers and doc:turns … from Lua, their
/// reference examples and the shared scripts, on the bundled corpus.
@Suite struct SourceCriticismBindingTests {
    static func run(_ code: String) throws -> String {
        let (s, out) = try bundledSession()
        try s.run(code, chunkName: "=test")
        return out.text
    }

    static let names = ["corpus:provenance", "corpus:turns", "corpus:speakers", "corpus:quotes", "corpus:numbers", "doc:turns"]

    @Test func referenceEntriesExistAndTheirExamplesRun() throws {
        let (s, out) = try bundledSession()
        for name in Self.names {
            let e = try #require(APIReference.entries.first { $0.name == name }, "\(name) has a reference entry")
            out.text = ""
            try s.run(e.example, chunkName: "=\(name)")
            #expect(!out.text.isEmpty, "example of \(name) prints something")
            #expect(!out.text.contains("error"), "\(name): \(out.text)")
        }
    }

    @Test func tablesMatchTheCore() throws {
        let (corpus, _) = try CorpusLoader.load(path: repositoryRoot.appendingPathComponent("corpus").path)
        let out = try Self.run("""
            print(#corpus:provenance(), #corpus:turns(), #corpus:speakers(), #corpus:quotes(), #corpus:numbers())
            print(#corpus:quotes{unclosed = true}, #corpus:numbers{words = false}, #corpus:turns{unlabeled = false})
            local d = corpus:doc("lavrov-carlson-2024")
            print(#d:turns(), #d:speakers(), #d:quotes(), #d:numbers(), #d:provenance())
            local t = d:turns()
            print(t[1].speaker, t[1].line, t[2].speaker, t:columns()[1])
            """)
        let lavrov = [try #require(corpus.documentIndex(id: "lavrov-carlson-2024"))]
        let expected = [
            [try corpus.provenance(), try corpus.turns(), try corpus.speakers(), try corpus.quotes(), try corpus.numbers()],
            [try corpus.quotes(options: QuoteOptions(unclosed: true)), try corpus.numbers(options: NumberOptions(words: false)),
             try corpus.turns(options: TurnOptions(unlabeled: false))],
            [try corpus.turns(documents: lavrov), try corpus.speakers(documents: lavrov), try corpus.quotes(documents: lavrov),
             try corpus.numbers(documents: lavrov), try corpus.provenance(documents: lavrov)],
        ].map { $0.map { String($0.rowCount) }.joined(separator: "\t") }
        #expect(out == expected.joined(separator: "\n") + "\n" + "Question\t7\tSergey Lavrov\tdoc\n")
        #expect(expected[2].hasPrefix("78\t2\t"))
    }

    @Test func quotesPerOutletThroughGroup() throws {
        let out = try Self.run("""
            local g = corpus:group("outlet"):quotes()
            print(g:columns()[1], g:columns()[2], #g == #corpus:quotes())
            print(#corpus:quotes():where{outlet = "RT"})
            """)
        #expect(out == "outlet\tdoc\ttrue\n9\n")
    }

    @Test func badOptionsAreErrors() throws {
        let (s, _) = try bundledSession()
        for (code, message) in [
            ("corpus:quotes{unclosd = true}", "unknown option 'unclosd'; did you mean unclosed? (options: unclosed)"),
            ("corpus:quotes{unclosed = 1}", "unclosed must be true or false"),
            ("corpus:turns{unlabeled = \"yes\"}", "unlabeled must be true or false"),
            ("corpus:numbers(5)", "bad argument #1 to 'numbers'"),
            ("corpus:provenance{x = 1}", "provenance takes no options"),
            ("corpus[1]:turns{speakers = true}", "unknown option 'speakers'"),
        ] {
            var error: String?
            do { try s.run(code, chunkName: "=test") } catch let e as LuaError { error = e.message } catch { Issue.record("\(error)") }
            #expect(error?.contains(message) == true, "\(code): \(error ?? "no error")")
        }
    }

    @Test func sharedScriptsRunOnTheBundledCorpus() throws {
        let expectations = [
            "provenance.lua": ["rt-genocide-denial-2022-02-18   [outlet: RT; date: 2022-02-18]", "translated   Greg Butterfield",
                               "first date   September 25,2022 = 2022-09-25"],
            "turns.lua": ["Sergey Lavrov", "(question)", "The five longest turns:"],
            "quotes.lua": ["Quotes per outlet:", "RT", "Scare quotes, by outlet:", "peace movement"],
            "numbers.lua": ["Money:", "ten billion dollars", "3,000", "troops"],
        ]
        for (file, needles) in expectations {
            let url = repositoryRoot.appendingPathComponent("scripts").appendingPathComponent(file)
            let code = try String(contentsOf: url, encoding: .utf8)
            #expect(code.hasPrefix("-- "), "\(file) opens with a comment saying which question it answers")
            let (s, out) = try bundledSession()
            try s.run(code, chunkName: "@scripts/\(file)", scriptName: url.path)
            for n in needles { #expect(out.text.contains(n), "\(file) prints \(n)") }
        }
    }
}
