import Foundation
import Testing
@testable import LoupeLua

/// corpus:filter and corpus:group from Lua, on the harness's three documents
/// (d1 and d3 from "Even News", d2 from "Odd Post"; dates 2022-01-15, -02-15, -03-15).
@Suite struct SubcorpusAPITests {
    @Test func filterByValueListAndDateRange() throws {
        let h = try LuaHarness()
        #expect(try h.run("local s = corpus:filter{outlet = 'even news'} print(#s, s[1].id, s[2].id)") == "2\td1\td3\n")
        #expect(try h.run("print(#corpus:filter{outlet = {'Odd Post', 'Nobody'}})") == "1\n")
        #expect(try h.run("print(#corpus:filter{date = {'2022-02-01', '2022-03-15'}})") == "2\n")
        #expect(try h.run("print(#corpus:filter{date = {'2022', '2022-02'}})") == "2\n")       // a month bound includes the month
        #expect(try h.run("print(#corpus:filter{date = {from = '2022-02-16'}})") == "1\n")
        #expect(try h.run("print(#corpus:filter{outlet = 'Even News', date = {'2022-03', '2022-03'}})") == "1\n")
        #expect(try h.run("print(#corpus:filter{outlet = 'Nobody'})") == "0\n")
    }

    @Test func aSubCorpusAnswersEverythingACorpusDoes() throws {
        let h = try LuaHarness()
        // nato: 2 in d1, 1 in d2 (sampleTexts); the sub-corpus of d1 and d3 counts only d1's.
        #expect(try h.run("""
            local s = corpus:filter{outlet = 'Even News'}
            print(s:count('nato'), #s:search('nato'), #s:kwic('nato'), s:doc('d2'), s:info().documents)
            """) == "2\t2\t2\tnil\t2\n")
        #expect(try h.run("print(corpus:filter{outlet = 'Even News'}:filter{date = {'2022-03', '2022-03'}}:info().selection)")
                == "outlet = Even News; date 2022-03–2022-03\n")
    }

    @Test func filterByFunction() throws {
        let h = try LuaHarness()
        #expect(try h.run("local s = corpus:filter(function(d) return d.meta.outlet == 'Odd Post' or #d < 6 end) for d in s:docs() do print(d.id) end")
                == "d2\nd3\n")
        let e = h.error("corpus:filter(function(d) error('no good') end)")
        #expect(e?.contains("test:1: no good") == true, "\(e ?? "")")
        #expect(e?.components(separatedBy: "stack traceback").count ?? 0 <= 2)   // one traceback, not one per level
        #expect(try h.run("print(#corpus)") == "3\n")   // the session goes on
    }

    @Test func badFiltersAreErrorsThatSayWhatToGive() throws {
        let h = try LuaHarness()
        #expect(h.error("corpus:filter{outlet = {}}")?.contains("outlet must be a value, a list of values") == true)
        #expect(h.error("corpus:filter{'x'}")?.contains("field = value pairs") == true)
        #expect(h.error("corpus:filter(42)")?.contains("filter") == true)
    }

    @Test func groupsRunAnyCorpusMethodPerGroup() throws {
        let h = try LuaHarness()
        #expect(try h.run("local g = corpus:group('outlet') print(#g, g:values()[1], g:values()[2], #g[1])") == "2\tEven News\tOdd Post\t2\n")
        // One row per group: nato is 2 in Even News (d1) and 1 in Odd Post (d2).
        #expect(try h.run("""
            local t = corpus:group('outlet'):count('nato')
            print(#t, t[1].outlet, t[1].n, t[2].outlet, t[2].n, t[2].documents)
            """) == "2\tEven News\t2\tOdd Post\t1\t1\n")
        #expect(try h.run("for v, c in corpus:group('outlet'):each() do print(v, c:count('minsk')) end") == "Even News\t0\nOdd Post\t2\n")
        #expect(h.error("corpus:group('outlet'):docs()")?.contains("use `for value, sub in groups:each()") == true)
        #expect(try h.run("print(corpus:group('outlet').nonexistent)") == "nil\n")
    }
}

/// The verbs (docs/design.md §8): where keeps by values, filter by a function, on a corpus
/// and a Table alike; filter{…} with a table is the older spelling of where.
@Suite struct VerbTests {
    @Test func whereAndFilterMeanTheSameOnACorpusAndATable() throws {
        let h = try LuaHarness()
        for conditions in ["{outlet = 'Even News'}", "{outlet = {'Odd Post', 'Nobody'}}", "{date = {'2022', '2022-02'}}"] {
            let by = try h.run("local s = corpus:where\(conditions) print(#s, s:count('nato'), s:info().selection)")
            #expect(by == (try h.run("local s = corpus:filter\(conditions) print(#s, s:count('nato'), s:info().selection)")), "\(conditions)")
        }
        let byFunction = try h.run("print(#corpus:filter(function(d) return d.meta.outlet == 'Even News' end))")
        #expect(byFunction == (try h.run("print(#corpus:where{outlet = 'Even News'})")))
        let rows = "local t = corpus:search('nato'):table() "
        let counts = try h.run(rows + "print(#t:where{doc = 'd1'}, #t:filter{doc = 'd1'}, #t:filter(function(r) return r.doc == 'd1' end), #t)")
            .split(separator: "\t").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(counts.count == 4 && Set(counts.prefix(3)).count == 1, "\(counts)")
        #expect(counts[0] > 0 && counts[0] < counts[3], "some rows kept, not all: \(counts)")
    }

    @Test func theWrongKindOfArgumentPointsToTheOtherVerb() throws {
        let h = try LuaHarness()
        #expect(h.error("corpus:where(function(d) return true end)")?.contains("use corpus:filter(function(doc) … end)") == true)
        #expect(h.error("corpus:search('nato'):table():where(function(r) return true end)")?.contains("use t:filter(function(row) … end)") == true)
        #expect(h.error("corpus:where{outlt = 'x'}")?.contains("where: no document has a field 'outlt'; did you mean outlet?") == true)
    }
}
