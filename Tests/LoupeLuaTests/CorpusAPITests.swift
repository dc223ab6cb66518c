import Testing
import LoupeCore
@testable import LoupeLua

@Suite struct CorpusAPITests {
    @Test func lengthIndexAndIds() throws {
        let h = try LuaHarness()
        #expect(try h.run("print(#corpus)") == "3\n")
        #expect(try h.run("print(corpus[2].id, corpus['d3'].title, corpus[4], corpus[0], corpus.nosuch)") == "d2\tDoc 3\tnil\tnil\tnil\n")
        #expect(try h.run("print(corpus:doc('d1').id, corpus:doc('zzz'))") == "d1\tnil\n")
    }

    @Test func docsIteratesEveryDocumentInOrder() throws {
        let h = try LuaHarness()
        #expect(try h.run("local ids = {} for d in corpus:docs() do ids[#ids+1] = d.id end print(table.concat(ids, ','))") == "d1,d2,d3\n")
    }

    @Test func countMatchesHandCount() throws {
        let h = try LuaHarness()
        // "NATO" twice in d1, "nato" once in d2
        #expect(try h.run("print(corpus:count('nato'), corpus:count('NATO'), corpus:count('minsk'), corpus:count('\"minsk agreements\"'), corpus:count('absent'))")
                == "3\t3\t2\t1\t0\n")
        // curly apostrophe in the text, straight in the query
        #expect(try h.run("print(corpus:count(\"kiev's\"), corpus:count('kiev’s plans'))") == "1\t1\n")
    }

    @Test func searchHitsCarryDocumentPositionTextAndSentence() throws {
        let h = try LuaHarness()
        let out = try h.run("""
            local hits = corpus:search('nato')
            print(#hits)
            for i, hit in ipairs(hits) do print(hit.doc, hit.start, hit.stop, hit.text, hit.sentence) end
            """)
        #expect(out == """
            3
            d1\t1\t1\tNATO\tNATO expansion was discussed.
            d1\t6\t6\tNATO\tThen NATO met again.
            d2\t7\t7\tnato\tMinsk was mentioned; nato too.

            """)
    }

    @Test func hitsDocsAreDistinctDocuments() throws {
        let h = try LuaHarness()
        #expect(try h.run("local ds = corpus:search('nato'):docs() print(#ds, ds[1].id, ds[2].id)") == "2\td1\td2\n")
    }

    @Test func kwicAlignsMatches() throws {
        let h = try LuaHarness()
        let out = try h.run("print(corpus:kwic('nato', {width = 10}))")
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        let positions = lines.map { line in line.distance(from: line.startIndex, to: line.firstIndex(of: "[")!) }
        #expect(Set(positions).count == 1, "matches line up: \(out)")
        #expect(lines[1].hasSuffix("ssed. Then [NATO] met again."))
        #expect(try h.run("local k = corpus:kwic('nato', {width = 5}) print(#k, k[1].match, k[1].right, k[3].doc)") == "3\tNATO\texpan\td2\n")
    }

    @Test func documentFields() throws {
        let h = try LuaHarness()
        let out = try h.run("""
            local d = corpus[2]
            print(#d, d.meta.outlet, d.meta.date, d.source, d.text == "The Minsk agreements. Minsk was mentioned; nato too.")
            """)
        #expect(out == "8\tOdd Post\t2022-02-15\td2.txt:1\ttrue\n")
    }

    @Test func sentencesParagraphsTokens() throws {
        let h = try LuaHarness()
        #expect(try h.run("local s = corpus[1]:sentences() print(#s, s[1], s[3])")
                == "3\tNATO expansion was discussed.\tA new paragraph about Kiev’s plans.\n")
        #expect(try h.run("local p = corpus[1]:paragraphs() print(#p, p[2])") == "2\tA new paragraph about Kiev’s plans.\n")
        #expect(try h.run("local t = corpus[2]:tokens() print(#t, t[1], t[#t])") == "8\tThe\ttoo\n")
        // offsets are 1-based inclusive byte positions usable with string.sub
        #expect(try h.run("""
            local d = corpus[1]
            for _, t in ipairs(d:tokens{offsets = true}) do
              assert(d.text:sub(t.start, t.stop) == t.text, t.text)
            end
            local s = d:sentences{offsets = true}[2]
            print(d.text:sub(s.start, s.stop), s.first_token, s.last_token)
            local k = d:tokens{offsets = true}[13]
            print(k.text, k.form)
            """) == "Then NATO met again.\t5\t8\nKiev’s\tkiev's\n")
    }

    @Test func infoDescribesTheCorpus() throws {
        let h = try LuaHarness()
        #expect(try h.run("local i = corpus:info() print(i.documents, i.tokens, i.fields[1], i.fields[2], i.path)")
                == "3\t27\tdate\toutlet\tmem\n")
    }

    @Test func tostringOfEveryObjectSaysWhatItIs() throws {
        let h = try LuaHarness()
        #expect(try h.run("print(corpus)") == "Corpus: 3 documents, 27 tokens from mem\n")
        #expect(try h.run("print(corpus[1])") == "Document d1: \"Doc 1\" (Even News), 14 tokens\n")
        #expect(try h.run("print(tostring(corpus:search('minsk')):match('^[^\\n]*'))") == "Hits: 2 matches of \"minsk\" in 1 document\n")
        #expect(try h.run("print(corpus:kwic('absent'))") == "(no matches)\n")
    }

    @Test func documentsCompareEqualByIdentity() throws {
        let h = try LuaHarness()
        #expect(try h.run("print(corpus[1] == corpus['d1'], corpus[1] == corpus[2])") == "true\tfalse\n")
    }

    @Test func argumentsAreScriptArgs() throws {
        let h = try LuaHarness()
        h.output.text = ""
        try h.session.run("print(arg[0], arg[1], arg[2], select('#', ...), ...)", chunkName: "@s.lua", scriptName: "s.lua", args: ["a", "b"])
        #expect(h.output.text == "s.lua\ta\tb\t2\ta\tb\n")
    }

    @Test func kwicWindowsInTokensAndSortsWithoutSearchingAgain() throws {
        let h = try LuaHarness(["b x a. c x b", "a x c"])
        // token windows: one token each side
        #expect(try h.run("local k = corpus:search('x'):kwic{unit = 'tokens', width = 1} print(#k, k[1].left, k[1].right, k[2].left, k[2].right)")
                == "3\tb\ta\tc\tb\n")
        // sorted by the first token to the right, then the first to the left; stable
        #expect(try h.run("""
            local k = corpus:search('x'):kwic{unit = 'tokens', width = 1, sort = {'1R', '1L'}}
            for i = 1, #k do io.write(k[i].right, '/', k[i].left, ' ') end print()
            """) == "a/b b/c c/a \n")
        #expect(try h.run("local k = corpus:kwic('x', {left = 2, right = 0, unit = 'tokens'}) print(k[1].left, k[1].right == '')") == "b\ttrue\n")
        #expect(h.error("corpus:kwic('x', {unit = 'words'})")?.contains("unit must be \"chars\" or \"tokens\"") == true)
        #expect(h.error("corpus:kwic('x', {sort = {'3X'}})")?.contains("sort keys are") == true)
        #expect(h.error("corpus:kwic('x', {unit = 'tokens', width = 99})")?.contains("from 0 to 50") == true)
    }

    @Test func hitsCountByFieldAndTable() throws {
        let h = try LuaHarness()
        #expect(try h.run("for _, r in ipairs(corpus:search('nato|minsk'):count_by('outlet')) do print(r.outlet, r.n) end")
                == "Even News\t2\nOdd Post\t3\n".split(separator: "\n").reversed().joined(separator: "\n") + "\n")
        #expect(try h.run("local t = corpus:search('nato'):table() print(#t, t[3].doc, t[3].text)") == "3\td2\tnato\n")
        #expect(try h.run("print(corpus:search('nato'):count_by('doc')[1].doc)") == "d1\n")
    }
}
