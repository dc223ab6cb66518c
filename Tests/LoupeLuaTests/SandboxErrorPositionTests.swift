import Testing
@testable import LoupeLua
@testable import LuaRuntime

/// The sandbox wraps some library functions (string.rep, setmetatable, io.write, load).
/// An error raised inside a wrapper, or a limit tripping there, names the script's line,
/// never the wrapper's own "sandbox:NN" (red-team report, unclear message 9).
@Suite struct SandboxErrorPositionTests {
    @Test func limitsTrippingInsideAWrapperNameTheScriptsLine() throws {
        // small: load's reader function fills a chunk until the limit trips
        let h = try LuaHarness(limits: LuaLimits(memoryBytes: 16 << 20))
        #expect(h.error("local x = 1\nlocal s = ('x'):rep(1e9)") == "test:2: memory limit exceeded (raise it with --memory)")
        #expect(h.error("\n\nlocal s = string.rep('x', 1e9)") == "test:3: memory limit exceeded (raise it with --memory)")
        #expect(h.error("local f = load(function() return 1 end)") == "test:1: memory limit exceeded (raise it with --memory)")
    }

    @Test func argumentErrorsOfWrappersNameTheFunctionAndTheScriptsLine() throws {
        let h = try LuaHarness()
        #expect(h.error("\nsetmetatable(1, {})") == "test:2: bad argument #1 to 'setmetatable' (table expected, got number)")
        #expect(h.error("io.write({})") == "test:1: bad argument #1 to 'io.write' (string expected, got table)")
        #expect(h.error("local s = ('x'):rep(2, {})") == "test:1: bad argument #3 to 'rep' (string expected, got table)")
        // caught by the script's own pcall: no wrapper position either
        #expect(try h.run("print(pcall(setmetatable, 1, {}))") == "false\tbad argument #1 to 'setmetatable' (table expected, got number)\n")
        #expect(try h.run("print(pcall(function() io.write({}) end))") == "false\ttest:1: bad argument #1 to 'io.write' (string expected, got table)\n")
    }

    @Test func wrappersStillWork() throws {
        let h = try LuaHarness()
        #expect(try h.run("io.write('a', 'b', 1, '\\n') print(('ab'):rep(3, ',')) print(getmetatable(setmetatable({}, {x = 1})).x)") == "ab1\nab,ab,ab\n1\n")
        #expect(h.error("setmetatable({}, {__gc = print})") == "test:1: __gc metamethods are not allowed here")
    }
}
