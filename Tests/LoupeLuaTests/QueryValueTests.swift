import Testing
import LoupeCore
@testable import LoupeLua

/// loupe.query: a query parsed once, taken wherever a query string is.
@Suite struct QueryValueTests {
    static let text = "nato|minsk"

    @Test func aQueryGivesWhatItsTextGivesEverywhere() throws {
        let h = try LuaHarness()
        try h.run("q = loupe.query('\(Self.text)') s = '\(Self.text)'")
        for call in ["corpus:count(Q)", "#corpus:search(Q)", "#corpus:kwic(Q)", "corpus:kwic(Q, {width = 10})[1].left",
                     "corpus:search(Q)[1].doc", "corpus:collocates(Q, {min = 1}):format('csv')",
                     "select(2, corpus:dispersion(Q)):format('csv')", "corpus:group('outlet'):count(Q):format('csv')",
                     "corpus:where{outlet = 'Even News'}:count(Q)"] {
            let fromQuery = try h.run("print(" + call.replacingOccurrences(of: "Q", with: "q") + ")")
            let fromText = try h.run("print(" + call.replacingOccurrences(of: "Q", with: "s") + ")")
            #expect(fromQuery == fromText, "\(call)")
            #expect(!fromQuery.isEmpty && fromQuery != "0\n", "\(call) finds something")
        }
    }

    @Test func itShowsItsTextAndComparesByIt() throws {
        let h = try LuaHarness()
        #expect(try h.run("local q = loupe.query('\(Self.text)') print(tostring(q), q.text)") == "\(Self.text)\t\(Self.text)\n")
        #expect(try h.run("print(loupe.query('nato') == loupe.query('nato'), loupe.query('nato') == loupe.query('minsk'))") == "true\tfalse\n")
        #expect(try h.run("print(corpus:search(loupe.query('nato')))").contains(" of \"nato\" in "), "hits show the query's text")
    }

    /// A bad query fails where it is made, with the message (and column) a method would give.
    @Test func aBadQueryIsAnErrorAtOnceWithItsColumn() throws {
        let h = try LuaHarness()
        for bad in ["(nato", "nato AND", "/[/"] {
            let made = h.error("local q = loupe.query('\(bad)')")
            let used = h.error("corpus:count('\(bad)')")
            #expect(made != nil && made?.hasPrefix("test:1: loupe.query: ") == true, "\(bad): \(made ?? "no error")")
            #expect(made?.replacingOccurrences(of: "loupe.query: ", with: "count: ") == used, "\(bad)")
        }
        #expect(h.error("corpus:count({})")?.contains("query string or Query expected, got table") == true)
    }
}
