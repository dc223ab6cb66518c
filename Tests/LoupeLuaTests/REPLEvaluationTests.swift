import Testing
@testable import LoupeLua
@testable import LuaRuntime

@Suite struct REPLEvaluationTests {
    @Test func expressionsPrintTheirValues() throws {
        let h = try LuaHarness()
        #expect(h.session.evaluate("1+1") == .expression(["2"]))
        #expect(h.session.evaluate("corpus:count('nato')") == .expression(["3"]))
        #expect(h.session.evaluate("1, 'a', nil") == .expression(["1", "a", "nil"]))
        #expect(h.session.evaluate("=2*3") == .expression(["6"]))
    }

    @Test func statementsRunAndGlobalsPersist() throws {
        let h = try LuaHarness()
        #expect(h.session.evaluate("x = 41") == .values([]))
        #expect(h.session.evaluate("x + 1") == .expression(["42"]))
    }

    @Test func incompleteInputAsksForMore() throws {
        let h = try LuaHarness()
        #expect(h.session.evaluate("for i = 1, 3 do") == .incomplete)
        #expect(h.session.evaluate("s = [[abc") == .incomplete)
        #expect(h.session.evaluate("f(") == .incomplete)
        #expect(h.session.evaluate("for i = 1, 3 do\n y = (y or 0) + i\nend") == .values([]))
        #expect(h.session.evaluate("y") == .expression(["6"]))
    }

    @Test func errorsAreReportedAndTheSessionGoesOn() throws {
        let h = try LuaHarness()
        guard case .error(let msg) = h.session.evaluate("error('oops')") else { Issue.record("expected an error"); return }
        #expect(msg.hasPrefix("stdin:1: oops"))
        guard case .error(let syntax) = h.session.evaluate("x = = 1") else { Issue.record("expected an error"); return }
        #expect(syntax.contains("unexpected symbol"))
        #expect(h.session.evaluate("1") == .expression(["1"]))
    }

    @Test func localsTypedAtThePromptPersist() throws {
        let h = try LuaHarness()
        #expect(h.session.evaluate("local n = corpus:count('nato')") == .values([]))
        #expect(h.session.evaluate("n * 2") == .expression(["6"]))
        #expect(h.session.evaluate("local a, b = 1, 2") == .values([]))
        #expect(h.session.evaluate("a + b") == .expression(["3"]))
        #expect(h.session.evaluate("local function twice(x) return 2 * x end") == .values([]))
        #expect(h.session.evaluate("twice(21)") == .expression(["42"]))
        // a local inside a block stays local
        #expect(h.session.evaluate("do local hidden = 1 end") == .values([]))
        #expect(h.session.evaluate("hidden") == .expression(["nil"]))
        #expect(REPLEvaluator.promotingLocals("local x <const> = 1") == "local x <const> = 1")
        #expect(REPLEvaluator.promotingLocals("  local y = 2") == "  y = 2")
    }

    @Test func tablesPrintReadablyWithCyclesAndDepthLimited() throws {
        let h = try LuaHarness()
        #expect(h.session.evaluate("{1, 2, x = 'y', [true] = 3}") == .expression(["{1, 2, [true] = 3, x = \"y\"}"]))
        #expect(h.session.evaluate("t = {} t.self = t") == .values([]))
        #expect(h.session.evaluate("t") == .expression(["{self = <cycle>}"]))
        #expect(h.session.evaluate("{a = {b = {c = {d = 1}}}}") == .expression(["{a = {b = {c = {…}}}}"]))
        #expect(h.session.evaluate("{}") == .expression(["{}"]))
    }

    @Test func listsOfRecordsPrintAsAlignedTables() throws {
        let h = try LuaHarness()
        let out = h.session.evaluate("{{word = 'nato', n = 3}, {word = 'minsk', n = 12}}")
        #expect(out == .expression(["word   n\n─────  ──\nnato   3\nminsk  12"]))
        guard case .values(let rows) = h.session.evaluate("do local t = {} for i = 1, 25 do t[i] = {n = i} end return t end") else {
            Issue.record("no values"); return
        }
        let lines = rows.first?.split(separator: "\n") ?? []
        #expect(lines.count == 23)          // header, rule, 20 rows, "… 5 more rows"
        #expect(lines.last == "… 5 more rows")
    }

    @Test func longOutputIsCutToTheWidth() throws {
        let h = try LuaHarness()
        guard case .expression(let v) = h.session.evaluate("string.rep('x', 300)", width: 40) else { Issue.record("no value"); return }
        #expect(v == [String(repeating: "x", count: 39) + "…"])
        guard case .expression(let k) = h.session.evaluate("corpus:kwic('nato', {width = 40})", width: 50) else { Issue.record("no value"); return }
        #expect(k.first?.split(separator: "\n").allSatisfy { $0.count <= 50 } == true)
    }

    @Test func completionOffersMethodsFieldsIdsAndGlobals() throws {
        let h = try LuaHarness()
        func complete(_ line: String) -> [String] { REPLEvaluator(h.session).completions(line: line, cursor: line.count) }
        #expect(complete("corpus:kw") == ["corpus:kwic("])
        #expect(complete("corpus:co") == ["corpus:collocates(", "corpus:count("])
        #expect(complete("corpus:cou") == ["corpus:count("])
        #expect(complete("x = corpus:se") == ["corpus:search("])
        #expect(complete("corpus[1].ti") == [])   // only plain names are resolved
        #expect(complete("corpus[\"d") == ["d1", "d2", "d3"])
        #expect(complete("print(corpus['d2") == ["d2"])
        #expect(complete("cor") == ["coroutine", "corpus"])
        #expect(complete("string.up") == ["string.upper"])
        #expect(complete("corpus[1].meta.ou") == [])
        #expect(complete("d.meta.ou") == ["d.meta.outlet"])
        #expect(complete(":he") == [":help"])
        #expect(complete(":help corpus:kw") == ["corpus:kwic"])
        #expect(complete(":help corpus:ke") == ["corpus:keyness"])
        #expect(complete("whi") == ["while"])
    }

    /// loupe.show prints what the REPL shows for the same values, whole.
    @Test func showPrintsWhatTheREPLShows() throws {
        let h = try LuaHarness()
        let expressions = ["{{word = 'nato', n = 69}, {word = 'kiev', n = 59}}", "1, 'x'", "loupe.table{{a = 1}}, 2", "{a = 1, b = {2, 3}}"]
        for e in expressions {
            guard case .expression(let shown) = h.session.evaluate(e, width: 200) else { Issue.record("\(e)"); continue }
            h.output.text = ""
            try h.run("loupe.show(\(e))")
            let joined = shown.contains { $0.contains("\n") } ? shown.joined(separator: "\n") : shown.joined(separator: "\t")
            #expect(h.output.text == joined + "\n", "\(e)")
        }
    }
}
