import Foundation
import Testing
import LoupeCore
@testable import LoupeLua
@testable import LuaRuntime

/// corpus:freq, :ngrams, :collocates, :keyness, :dispersion from Lua. The numbers
/// are worked out by hand on LuaHarness.sampleTexts (27 tokens):
///   d1: nato expansion was discussed | then nato met again | a new paragraph about kiev's plans (14)
///   d2: the minsk agreements | minsk was mentioned nato too (8)
///   d3: nothing relevant here at all (5)
@Suite struct AnalysisBindingTests {
    /// A harness over the three sample documents (the corpus class has the analyses).
    static func harness(unsafe: Bool = false) throws -> LuaHarness {
        try LuaHarness(unsafe: unsafe)
    }

    @Test func freq() throws {
        let h = try Self.harness()
        do { let out = try h.run("local t = corpus:freq() print(#t, t[1].form, t[1].n, t[1].docs, string.format('%.9f', t[1].per_10k), t[2].form, t[3].form)"); #expect(out
                == "23\tnato\t3\t2\t\(String(format: "%.9f", 3.0 * 10_000 / 27))\tminsk\twas\n") }
        // was, then, again, a, about, the, too, here, at, all are English stop words.
        do { let out = try h.run("local t = corpus:freq{stop = 'en'} print(#t, t[1].form)"); #expect(out == "13\tnato\n") }
        do { let out = try h.run("print(corpus:freq{stop = {'NATO', 'Minsk'}, min = 2}[1].form, #corpus:freq{min = 2})"); #expect(out == "was\t3\n") }
        #expect(h.error("corpus:freq{stop = 'de'}")?.contains("freq: stop must be \"en\" or \"ru\", a list of words or false") == true)
        #expect(h.error("corpus:freq{mn = 2}")?.contains("freq: unknown option 'mn'; did you mean min? (options: min, stop)") == true)
        #expect(h.error("corpus:freq{min = 'x'}")?.contains("freq: min must be a whole number 0 or more, got \"x\"") == true)
    }

    @Test func ngrams() throws {
        let h = try Self.harness()
        let has = "local function has(t, g) for r in t:rows() do if r.ngram == g then return r.n end end return 0 end\n"
        do { let out = try h.run(has + "print(has(corpus:ngrams{min = 1}, 'discussed then'), has(corpus:ngrams{min = 1, within = 'document'}, 'discussed then'))"); #expect(out == "0\t1\n") }
        do { let out = try h.run(has + "print(has(corpus:ngrams{n = 3, min = 1, within = 'document'}, 'plans the minsk'))"); #expect(out == "0\n") }   // never across documents
        do { let out = try h.run("print(#corpus:ngrams(), #corpus:ngrams{min = 1})"); #expect(out == "0\t21\n") }
        #expect(h.error("corpus:ngrams{n = 9}")?.contains("ngrams: n must be a whole number from 2 to 8, got 9") == true)
        #expect(h.error("corpus:ngrams{within = 'paragraph'}")?.contains("ngrams: within must be \"sentence\" or \"document\"") == true)
    }

    @Test func collocates() throws {
        let h = try Self.harness()
        // Windows of 1: expansion | then, met | mentioned, too — each once; R1 = 5, all ties, by form.
        do { let out = try h.run("local t = corpus:collocates('nato', {window = 1, min = 1, stop = false}) print(#t, t[1].collocate, t[1].o11, t[1].f_node, string.format('%.9f %.9f', t[1].e11, t[1].logdice), t[5].collocate)"); #expect(out
                == "5\texpansion\t1\t3\t\(String(format: "%.9f %.9f", 5.0 / 27, 14 + log2(2.0 / 6)))\ttoo\n") }
        do { let out = try h.run("local t = corpus:collocates('nato', {left = 0, right = 1, measure = 'MI', min = 1, stop = false}) print(#t, string.format('%.9f', t[1].mi), table.concat(t:columns(), ','))"); #expect(out
                == "3\t\(String(format: "%.9f", log2(27.0 / 3)))\tcollocate,o11,e11,f_node,f_collocate,docs,mi\n") }
        // Windows of 5: minsk twice in d2, was once in d1 and once in d2 (R1 = 9 + 6 = 15); the rest once.
        do { let out = try h.run("local t = corpus:collocates('nato', {stop = false}) print(#t, t[1].collocate, t[1].docs, t[2].collocate, t[2].docs, string.format('%.9f', t[1].logdice))")
             #expect(out == "2\tminsk\t1\twas\t2\t\(String(format: "%.9f", 14 + log2(4.0 / 17)))\n") }
        #expect(h.error("corpus:collocates('nato', {measure = 'foo'})")?.contains("collocates: unknown measure \"foo\"") == true)
        #expect(h.error("corpus:collocates('\"nato', {})")?.hasPrefix("test:1: collocates:") == true)
    }

    /// The user audit: collocates ranked and, in, a, the first. By default the English and Russian
    /// stop words are left out of the rows, and only out of the rows: every other row is what it
    /// is without the list (the words still fill their window positions).
    @Test func collocatesLeaveStopWordsOutOfTheRowsOnly() throws {
        let (s, out) = try bundledSession()
        try s.run("""
            local all = corpus:collocates('nato', {min = 1, stop = false})
            local default = corpus:collocates('nato', {min = 1})
            local stop = {}
            for _, w in ipairs({'and', 'the', 'in', 'of', 'a', 'to', 'и', 'в'}) do stop[w] = true end
            local kept, same, dropped = 0, true, 0
            local byForm = {}
            for _, r in ipairs(default) do byForm[r.collocate] = r end
            for _, r in ipairs(all) do
              local d = byForm[r.collocate]
              if d then
                kept = kept + 1
                same = same and d.o11 == r.o11 and d.e11 == r.e11 and d.logdice == r.logdice
              else
                dropped = dropped + 1
              end
            end
            local top = {}
            for i = 1, 4 do top[#top + 1] = all[i].collocate end
            print(kept == #default, same, dropped > 20, table.concat(top, ' '), byForm['and'] == nil and byForm['the'] == nil)
            local own = corpus:collocates('nato', {min = 1, stop = {'military', 'WAR'}})
            print(#own == #all - 2, own[1].collocate ~= 'military')
            """, chunkName: "=test")
        #expect(out.text == "true\ttrue\ttrue\tand in a the\ttrue\ntrue\ttrue\n", "\(out.text)")
        do {
            try s.run("corpus:collocates('nato', {stop = 'fr'})", chunkName: "=test")
            Issue.record("stop = 'fr' accepted")
        } catch let e as LuaError {
            #expect(e.message == "test:1: collocates: stop must be \"en\" or \"ru\", a list of words or false, got \"fr\"")
        }
    }

    @Test func keyness() throws {
        let h = try Self.harness()
        // nato: 3 of 27 here, 1 of 1000 there.
        let out = try h.run("local t = corpus:keyness({NATO = 1, zzz = 40}, {total = 1000, min = 1}) print(t[1].form, t[1].f_focus, t[1].f_ref, t[1].key, t[#t].form, t[#t].key)")
        #expect(out == "nato\t3\t1\t+\tzzz\t-\n")
        let even = "local even = corpus:filter{outlet = 'Even News'}\n"
        do { let out = try h.run(even + "local t = even:keyness(corpus, {measure = 'log_ratio', min = 1}) print(t:columns()[6], t[1].key)"); #expect(out == "log_ratio\t+\n") }
        #expect(h.error("corpus:keyness(corpus, {measure = 'mi'})")?.contains("keyness: unknown keyness measure \"mi\"") == true)
        #expect(h.error("corpus:keyness(42)")?.contains("bad argument #1 to 'keyness' (Corpus, file name or table of counts expected") == true)
        #expect(h.error("corpus:keyness({a = -1})")?.contains("keyness: the count of \"a\" must be a whole number 0 or more") == true)
        #expect(h.error("corpus:keyness({a = 5}, {total = 2})")?.contains("keyness: total (2) is smaller than the sum of the counts (5)") == true)
    }

    @Test func keynessReadsFrequencyListsThroughTheReadCheck() throws {
        let dir = try scratchOutputFolder()
        let file = dir + "/ref.tsv"
        try "word\tcount\nnato\t1\nzzz\t40\n# total: 1000\n".write(toFile: file, atomically: true, encoding: .utf8)
        try "nato\tmany\n".write(toFile: dir + "/bad.tsv", atomically: true, encoding: .utf8)
        let sandboxed = try Self.harness()
        #expect(sandboxed.error("corpus:keyness('\(file)')")?.contains("outside the folders scripts may read") == true)
        #expect(sandboxed.error("corpus:keyness('/no/such/file.tsv')")?.contains("keyness: cannot read '/no/such/file.tsv': no such file") == true)
        let trusted = try Self.harness(unsafe: true)
        #expect(try trusted.run("local t = corpus:keyness('\(file)', {min = 1}) print(t[1].form, t[1].f_ref, t[#t].form)") == "nato\t1\tzzz\n")
        #expect(trusted.error("corpus:keyness('\(dir)/bad.tsv')")?.contains("keyness: \(dir)/bad.tsv:1: the count must be") == false)
        #expect(trusted.error("corpus:keyness('\(dir)/bad.tsv')")?.contains("keyness: \(dir)/bad.tsv: no entries") == true)   // line 1 is read as a header
    }

    @Test func dispersion() throws {
        let h = try Self.harness()
        do { let out = try h.run("local s, p = corpus:dispersion('nato') print(s[1].hits, s[1].parts, s[1].range, #p, p[1].part, p[1].hits, p[3].hits)"); #expect(out
                == "3\t3\t2\t3\td1\t2\t0\n") }
        // Two equal parts: tokens 1–13 and 14–27; nato at 1, 6 and 21.
        do { let out = try h.run("local s, p = corpus:dispersion('nato', {parts = 2}) print(p[1].part, p[1].size, p[1].hits, p[2].size, p[2].hits)"); #expect(out
                == "1\t13\t2\t14\t1\n") }
        do { let out = try h.run("local s = corpus:dispersion('zzz') print(s[1].hits, s[1].dp)"); #expect(out == "0\tnil\n") }
        #expect(h.error("corpus:dispersion('nato', {parts = 'x'})")?.contains("dispersion: parts must be \"documents\" or a whole number") == true)
        #expect(h.error("corpus:dispersion('nato', {parts = 0})")?.contains("dispersion: parts must be") == true)
    }

    /// The reference's examples of the five methods run on the bundled corpus.
    @Test func referenceExamplesRun() throws {
        let (session, out) = try bundledSession()
        let names = ["corpus:freq", "corpus:ngrams", "corpus:collocates", "corpus:keyness", "corpus:dispersion"]
        let entries = APIReference.entries.filter { names.contains($0.name) }
        #expect(entries.map(\.name) == names)
        for e in entries {
            out.text = ""
            try session.run(e.example, chunkName: "=\(e.name)")
            #expect(out.text.split(separator: "\n").count >= 3, "\(e.name): \(out.text)")
        }
    }
}
