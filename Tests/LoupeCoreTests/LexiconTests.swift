import Foundation
import Testing
@testable import LoupeCore

/// Lexicons: the three file formats, their errors with line numbers, and corpus lookup.
@Suite struct LexiconTests {
    static func rows(_ t: Table) -> [[String: TableValue]] {
        (0..<t.rowCount).map { Dictionary(uniqueKeysWithValues: t.row($0)) }
    }

    static func n(_ t: Table, doc: String, category: String) -> TableValue? {
        rows(t).first { $0["doc"] == .string(doc) && $0["category"] == .string(category) }?["n"]
    }

    /// The error a parse throws, as "source:line: message".
    static func error(_ text: String, _ format: Lexicon.Format) -> LexiconError? {
        do { _ = try Lexicon.parse(text, format: format, source: "x"); return nil } catch let e as LexiconError { return e } catch { return nil }
    }

    // MARK: formats

    @Test func readsTheYAMLishFormat() throws {
        let text = """
        # a comment
        loaded:
          - regime
          - "kiev regime"
          - 'neo-nazi*'

        hedges:
        - allegedly   
          - so-called
        """
        let l = try Lexicon.parse(text, format: .yaml, source: "t.yaml")
        #expect(l.categories.map(\.name) == ["loaded", "hedges"])
        #expect(l.categories[0].entries.map(\.text) == ["regime", "kiev regime", "neo-nazi*"])
        #expect(l.categories[0].entries.map(\.line) == [3, 4, 5])
        #expect(l.categories[1].entries.map(\.text) == ["allegedly", "so-called"])
        #expect(l.categories[1].line == 7)
        #expect(l.entryCount == 5)
    }

    @Test func readsThePlainTextFormat() throws {
        let l = try Lexicon.parse("# loaded labels\nregime\njunta\n\n#hedges\nallegedly\r\n", format: .text)
        #expect(l.categories.map(\.name) == ["loaded labels", "hedges"])
        #expect(l.categories.map { $0.entries.map(\.text) } == [["regime", "junta"], ["allegedly"]])
        #expect(l.categories[1].entries[0].line == 6)
    }

    @Test func readsLIWCDicFiles() throws {
        let text = """
        %
        1\tloaded
        2\thedges
        3\tunused
        %
        regime\t1
        neo-nazi*\t1
        allegedly\t2
        kind of\t2\t1
        reportedly 2
        """
        let l = try Lexicon.parse(text, format: .dic, source: "t.dic")
        #expect(l.categories.map(\.name) == ["loaded", "hedges", "unused"])
        #expect(l.categories[0].entries.map(\.text) == ["regime", "neo-nazi*", "kind of"])
        #expect(l.categories[1].entries.map(\.text) == ["allegedly", "kind of", "reportedly"])
        #expect(l.categories[1].entries.map(\.line) == [8, 9, 10])
        #expect(l.categories[2].entries.isEmpty)
    }

    @Test func formatFollowsTheExtension() {
        #expect(Lexicon.Format.guess(path: "a/b.yaml") == .yaml)
        #expect(Lexicon.Format.guess(path: "b.YML") == .yaml)
        #expect(Lexicon.Format.guess(path: "b.dic") == .dic)
        #expect(Lexicon.Format.guess(path: "b.txt") == .text)
    }

    @Test func malformedFilesNameTheLine() {
        // YAML
        #expect(Self.error("  - regime\nloaded:\n  - junta", .yaml)?.description == "x:1: an entry before any 'category:' line")
        #expect(Self.error("loaded: [regime, junta]", .yaml)?.line == 1)
        #expect(Self.error("loaded:\n  - regime\n  - \"kiev regime\n", .yaml)?.description
                == "x:3: entry '\"kiev regime' of category 'loaded' is not a valid query: unclosed double quote at column 1")
        #expect(Self.error("loaded:\n  - regime\nhedges:\n  - maybe\nloaded:\n  - junta", .yaml)?.description
                == "x:5: category 'loaded' is already defined at line 1")
        #expect(Self.error("loaded:\n  - regime\nhedges:\n", .yaml)?.description == "x:3: category 'hedges' has no entries")
        #expect(Self.error("loaded:\n  regime\n", .yaml)?.line == 2)
        #expect(Self.error("loaded:\n  - \n", .yaml)?.line == 2)
        #expect(Self.error("loaded:\n  - _\n", .yaml)?.line == 2)          // only a gap: not a query
        #expect(Self.error("# only a comment\n", .yaml)?.message == "the lexicon has no categories")
        // plain text
        #expect(Self.error("regime\n# loaded\njunta", .text)?.description == "x:1: an entry before any '# category' heading")
        #expect(Self.error("# loaded\nregime\n#\njunta", .text)?.line == 3)
        #expect(Self.error("# loaded\nregime AND\n", .text)?.line == 2)
        // LIWC
        #expect(Self.error("regime\t1\n", .dic)?.line == 1)
        #expect(Self.error("\n%\n1\tloaded\n2\thedges\n", .dic)?.description
                == "x:2: the category table opened here is not closed with a line holding only '%'")
        #expect(Self.error("\n%\n1\tloaded\nregime\t1\n", .dic)?.line == 4)
        #expect(Self.error("%\n1\tloaded\n%\nregime\t2\n", .dic)?.description
                == "x:4: category number 2 is not in the table at the top (entry 'regime')")
        #expect(Self.error("%\n1\tloaded\n%\nregime\tone\n", .dic)?.line == 4)
        #expect(Self.error("%\n1\tloaded\n%\n\nregime\n", .dic)?.line == 5)
        #expect(Self.error("%\nx\tloaded\n%\n", .dic)?.line == 2)
        #expect(Self.error("%\n1\tloaded\n1\thedges\n%\n", .dic)?.line == 3)
        #expect(Self.error("%\n1\tloaded\n%\n:)\t1\n", .dic)?.line == 4)
    }

    @Test func readsFilesAndReportsUnreadableOnes() throws {
        let folder = try TempFolder()
        try folder.write("l.yaml", "\u{FEFF}loaded:\n  - regime\n")
        try folder.write("bad.yaml", bytes: [0x6C, 0x3A, 0x0A, 0x20, 0x2D, 0x20, 0xFF, 0x0A])
        #expect(try Lexicon.read(path: folder.path + "/l.yaml").categories[0].entries[0].text == "regime")
        #expect(throws: LexiconError.self) { try Lexicon.read(path: folder.path + "/l.yaml", format: .text) }
        try folder.write("l.txt", "# loaded\nregime\n")
        #expect(try Lexicon.read(path: folder.path + "/l.txt").categories[0].name == "loaded")
        #expect(throws: LexiconError.self) { try Lexicon.read(path: folder.path + "/bad.yaml") }
        #expect(throws: LexiconError.self) { try Lexicon.read(path: folder.path + "/missing.yaml") }
    }

    @Test func lexiconsFromCategoriesCheckTheirEntries() throws {
        let l = try Lexicon(categories: [("b", ["x"]), ("a", ["y", "z w"])])
        #expect(l.categories.map(\.name) == ["b", "a"])
        #expect(throws: LexiconError.self) { try Lexicon(categories: [("a", ["x"]), ("a", ["y"])]) }
        #expect(throws: LexiconError.self) { try Lexicon(categories: [(" ", ["x"])]) }
        #expect(throws: LexiconError.self) { try Lexicon(categories: [("a", ["(x"])]) }
        #expect(throws: LexiconError.self) { try Lexicon(categories: []) }
    }

    // MARK: lookup

    @Test func wildcardAndPhraseEntriesCountOncePerOverlap() throws {
        let c = CorpusBuilder.corpus(texts: [
            "The Kiev regime and neo-Nazis, a neo-Nazi junta. The regime. Neo-nazism?",
            "Allegedly, the so-called regime is, of course, a regime.",
        ])
        let l = try Lexicon(categories: [
            ("loaded", ["regime", "kiev regime", "neo-nazi*", "junta"]),
            ("phrases", ["kiev regime"]),
            ("hedges", ["allegedly", "so-called"]),
            ("certainty", ["of course"]),
        ])
        let t = try c.lookup(l)
        #expect(t.names == ["doc", "outlet", "date", "category", "n", "tokens", "per_10k"])
        #expect(t.rowCount == 8)                                   // every document × category
        // doc1: "Kiev regime" once (not also "regime"), regime, neo-Nazis, neo-Nazi, junta, Neo-nazism
        #expect(Self.n(t, doc: "doc1", category: "loaded") == .int(6))
        #expect(Self.n(t, doc: "doc1", category: "phrases") == .int(1))
        #expect(Self.n(t, doc: "doc1", category: "hedges") == .int(0))
        #expect(Self.n(t, doc: "doc2", category: "loaded") == .int(2))
        #expect(Self.n(t, doc: "doc2", category: "hedges") == .int(2))
        #expect(Self.n(t, doc: "doc2", category: "certainty") == .int(1))
        let doc2 = Self.rows(t).first { $0["doc"] == .string("doc2") && $0["category"] == .string("hedges") }!
        // doc2 has 9 tokens: Allegedly the so-called regime is of course a regime
        #expect(doc2["tokens"] == .int(9))
        #expect(doc2["per_10k"] == .double(2.0 * 10_000 / 9))

        let byEntry = Self.rows(try c.lookupByEntry(l))
        #expect(byEntry.filter { $0["doc"] == .string("doc1") && $0["category"] == .string("loaded") }
                    .map { "\($0["entry"]!)=\($0["n"]!)" } == ["regime=1", "kiev regime=1", "neo-nazi*=3", "junta=1"])
        // by-entry counts add up to the category counts
        for r in Self.rows(t) {
            let sum = byEntry.filter { $0["doc"] == r["doc"] && $0["category"] == r["category"] }
                .reduce(0) { $0 + Int($1["n"]!.number!) }
            #expect(.int(sum) == r["n"])
        }
    }

    @Test func kwicListsEveryCountedMatch() throws {
        let c = CorpusBuilder.corpus(texts: ["One two the Kiev regime said, allegedly, three four."])
        let l = try Lexicon(categories: [("loaded", ["regime", "kiev regime"]), ("hedges", ["allegedly"])])
        let k = try c.lookupKWIC(l, options: KWICOptions(left: 10, right: 10))
        #expect(k.names == ["doc", "category", "entry", "start", "stop", "left", "match", "right"])
        let rows = Self.rows(k)
        #expect(rows.count == 2)
        #expect(rows[0]["entry"] == .string("kiev regime") && rows[0]["match"] == .string("Kiev regime"))
        #expect(rows[0]["start"] == .int(4) && rows[0]["stop"] == .int(5))
        #expect(rows[0]["left"] == .string("ne two the"))      // the last 10 characters
        #expect(rows[1]["category"] == .string("hedges") && rows[1]["right"] == .string(", three fo"))
    }

    @Test func booleanEntriesAndEmptyDocuments() throws {
        var b = CorpusBuilder()
        for (id, text) in [("a", "nato expansion"), ("b", "   ")] {
            b.add(RawDocument(id: id, title: id, text: text, meta: Metadata(), source: DocumentSource(file: id, firstLine: 1, lastLine: 1)))
        }
        let c = b.build()
        let t = try c.lookup(try Lexicon(categories: [("x", ["nato NEAR/1 expansion", "NOT nato"])]))
        #expect(Self.n(t, doc: "a", category: "x") == .int(1))          // NEAR gives one hit spanning both
        #expect(Self.n(t, doc: "b", category: "x") == .int(0))          // NOT selects documents, has no hits
        #expect(Self.rows(t).first { $0["doc"] == .string("b") }?["per_10k"] == .null)
    }

    /// The starter lexicon (scripts/lexicons/loaded-labels.yaml) on the bundled corpus,
    /// counted by hand with grep over the document texts (front matter left out), words
    /// bounded by characters that are not letters, digits, hyphens or apostrophes:
    /// - lavrov-carlson-2024: loaded labels 15 (regime 7, one of them in "the Nazi regime",
    ///   right after a Nazi hit; terrorists 4, terrorist 2 — a third "terrorist" is inside the
    ///   token non-terrorist, which terroris* does not match; Nazi 1; russophobic 1); hedges 6 (it seems 3, probably 2, apparently 1); certainty 19 (of course
    ///   11, clearly 3, certainly 2, it is obvious 2, no doubt 1).
    /// - strategic-stability-report-197: loaded 9 (regime 4, Nazi 2, neo-Nazi 1, collective West 1,
    ///   genocide 1); hedges 0; certainty 2 (clearly, no doubt).
    /// - rt-genocide-denial-2022-02-18: loaded 3 ("genocide" three times; the fourth grep hit is
    ///   inside the URL token 549870-accusing-us-genocide-denial, one token here).
    @Test func starterLexiconOnTheBundledCorpus() throws {
        let (c, _) = try CorpusLoader.load(path: repoRoot.appendingPathComponent("corpus").path)
        let l = try Lexicon.read(path: repoRoot.appendingPathComponent("scripts/lexicons/loaded-labels.yaml").path)
        #expect(l.categories.map(\.name) == ["loaded_labels", "hedges", "certainty"])
        let t = try c.lookup(l)
        #expect(t.rowCount == 13 * 3)
        #expect(Self.n(t, doc: "lavrov-carlson-2024", category: "loaded_labels") == .int(15))
        #expect(Self.n(t, doc: "lavrov-carlson-2024", category: "hedges") == .int(6))
        #expect(Self.n(t, doc: "lavrov-carlson-2024", category: "certainty") == .int(19))
        #expect(Self.n(t, doc: "strategic-stability-report-197", category: "loaded_labels") == .int(9))
        #expect(Self.n(t, doc: "strategic-stability-report-197", category: "hedges") == .int(0))
        #expect(Self.n(t, doc: "strategic-stability-report-197", category: "certainty") == .int(2))
        #expect(Self.n(t, doc: "rt-genocide-denial-2022-02-18", category: "loaded_labels") == .int(3))
    }
}
