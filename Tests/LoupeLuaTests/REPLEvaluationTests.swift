import Testing
@testable import LoupeLua

@Suite struct REPLEvaluationTests {
    @Test func expressionsPrintTheirValues() throws {
        let h = try LuaHarness()
        #expect(h.session.evaluate("1+1") == .values(["2"]))
        #expect(h.session.evaluate("corpus:count('nato')") == .values(["3"]))
        #expect(h.session.evaluate("1, 'a', nil") == .values(["1", "a", "nil"]))
        #expect(h.session.evaluate("=2*3") == .values(["6"]))
    }

    @Test func statementsRunAndGlobalsPersist() throws {
        let h = try LuaHarness()
        #expect(h.session.evaluate("x = 41") == .values([]))
        #expect(h.session.evaluate("x + 1") == .values(["42"]))
    }

    @Test func incompleteInputAsksForMore() throws {
        let h = try LuaHarness()
        #expect(h.session.evaluate("for i = 1, 3 do") == .incomplete)
        #expect(h.session.evaluate("s = [[abc") == .incomplete)
        #expect(h.session.evaluate("f(") == .incomplete)
        #expect(h.session.evaluate("for i = 1, 3 do\n y = (y or 0) + i\nend") == .values([]))
        #expect(h.session.evaluate("y") == .values(["6"]))
    }

    @Test func errorsAreReportedAndTheSessionGoesOn() throws {
        let h = try LuaHarness()
        guard case .error(let msg) = h.session.evaluate("error('oops')") else { Issue.record("expected an error"); return }
        #expect(msg.hasPrefix("stdin:1: oops"))
        guard case .error(let syntax) = h.session.evaluate("x = = 1") else { Issue.record("expected an error"); return }
        #expect(syntax.contains("unexpected symbol"))
        #expect(h.session.evaluate("1") == .values(["1"]))
    }
}
