import Foundation
import Testing
@testable import LoupeLua
@testable import LuaRuntime

/// Hostile chunks that only a limit can stop, in process: the same sandbox and limits as
/// `loupe -e` (a LuaHarness session), without a process per case. A few of them also run
/// through the binary (Tests/LoupeEndToEndTests/HostileScriptTests.swift), for the exit
/// status, the message on stderr and a plugin stopped while loading.
///
/// Each chunk is followed by `print("after")`; it must end with the limit's own message,
/// print nothing after the hostile part (`markers`), stop near the limit, and the same
/// session must then run another chunk (the limits reset).
@Suite struct HostileChunkTests {
    enum Limit: String, Sendable {
        case time, memory, instruction

        /// Short limits: what is asserted is that the chunk stops, near the limit.
        var limits: LuaLimits {
            switch self {
            case .time: LuaLimits(timeMilliseconds: 100)
            case .memory: LuaLimits(memoryBytes: 64 << 20)
            case .instruction: LuaLimits(instructions: 5_000_000)
            }
        }

        var message: String {
            let flag = ["time": "timeout", "memory": "memory", "instruction": "instructions"][rawValue] ?? rawValue
            return "\(rawValue) limit exceeded (raise it with --\(flag))"
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let limit: Limit
        let code: String
        var unsafe = false
        var testDescription: String { "\(limit)\(unsafe ? ", unsafe" : ""): " + code.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ").prefix(80) }
    }

    /// What hostile chunks print after the part that must be stopped.
    static let markers = ["after", "caught", "resumed"]

    /// Stopped with the limit's message, nothing printed after the hostile part, quickly; then
    /// the same session answers.
    static func expectStoppedAndSessionGoesOn(_ c: Case, within: Double = 5,
                                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let h = try LuaHarness(unsafe: c.unsafe, limits: c.limit.limits)
        let start = DispatchTime.now()
        let e = h.error(c.code + "\nprint(\"after\")")
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        #expect(e?.contains(c.limit.message) == true, "\(e ?? "not stopped"); printed: \(h.output.text)",
                sourceLocation: sourceLocation)
        #expect(!markers.contains { h.output.text.contains($0) }, "went on after the limit: \(h.output.text)",
                sourceLocation: sourceLocation)
        #expect(seconds < within, "took \(seconds) s", sourceLocation: sourceLocation)
        #expect(try h.run("print('alive', #corpus)") == "alive\t3\n", "the session did not go on",
                sourceLocation: sourceLocation)
    }

    static let memoryBombs = [
        #"local s = string.rep("x", 1e9)"#,
        #"""
        for i = 1, 100 do pcall(string.rep, "x", 1e9) end
        local ok, e = pcall(function() return ("x"):rep(1e9) end) print("caught", ok, e)
        """#,
        "local t = {} for i = 1, 1e9 do t[i] = {i} end",
        #"""
        local ok = pcall(function() local t = {} for i = 1, 1e9 do t[#t + 1] = tostring(i) end end)
        print("caught", ok)
        """#,
        #"""
        local co = coroutine.create(function() local t = {} for i = 1, 1e9 do t[i] = {i} end end)
        print("resumed", coroutine.resume(co))
        """#,
        // (Lua refuses results of 2^31 bytes or more outright; these are below that)
        #"local s = string.rep("ab", 1e8, ", ")"#,
        #"local s = ("").rep("", 1e9, ",")"#,
        #"error(setmetatable({}, {__tostring = function() return ("x"):rep(1e9) end}))"#,
    ]

    /// Loops the time limit must reach wherever they run: plain, inside pcall, coroutines,
    /// callbacks from C, metamethods, message handlers, __close, an error's __tostring.
    static let loops = [
        "while true do end",
        "local i = 0 repeat i = i + 1 until false",
        #"""
        for i = 1, 1e9 do
          local ok, e = pcall(function() while true do end end)
          print("caught", ok, e)
        end
        """#,
        #"""
        local function f() while true do end end
        while true do pcall(pcall, pcall, f) end
        """#,
        "coroutine.wrap(function() while true do end end)()",
        #"print("caught", pcall(coroutine.wrap(function() while true do end end)))"#,
        #"""
        local co = coroutine.create(function() while true do end end)
        print("resumed", coroutine.resume(co))
        """#,
        #"""
        local co = coroutine.create(function() while true do coroutine.yield() end end)
        while true do coroutine.resume(co) end
        """#,
        "table.sort({5, 4, 3, 2, 1}, function(a, b) while true do end end)",
        #"local s = ("abc"):gsub(".", function(c) while true do end end)"#,
        "local v = setmetatable({}, {__index = function(t, k) while true do end end}).x",
        "local v = setmetatable({}, {__add = function() while true do end end}) + 1",
        #"print(setmetatable({}, {__tostring = function() while true do end end}))"#,
        #"local s = tostring(setmetatable({}, {__tostring = function() while true do end end}))"#,
        // Lua runs a message handler with hooks off; the sandbox's xpcall skips it once a limit tripped
        #"print("caught", xpcall(function() while true do end end, function(m) while true do end end))"#,
        #"print("caught", xpcall(function() error("ordinary") end, function(m) while true do end end))"#,
        "do local x <close> = setmetatable({}, {__close = function() while true do end end}) end",
        #"""
        print("caught", pcall(function()
          local x <close> = setmetatable({}, {__close = function() while true do end end})
          error("first")
        end))
        """#,
        #"error(setmetatable({}, {__tostring = function() while true do end end}))"#,
        // Lua's pattern matcher runs in one C call: lstrmatch.c polls the limits
        #"local i = ("a"):rep(300):find(".-.-.-.-b")"#,
        #"print("caught", pcall(string.find, ("a"):rep(300), ".-.-.-.-b"))"#,
    ]

    /// The same loops under an instruction budget, where the budget is the only limit.
    static let budgetLoops = [
        "while true do end",
        #"for i = 1, 1e9 do print("caught", pcall(function() while true do end end)) end"#,
        "coroutine.wrap(function() while true do end end)()",
        // a trip inside a coroutine makes the main thread's hook sticky too (was a hole)
        #"""
        local co = coroutine.create(function() while true do end end)
        print("resumed", coroutine.resume(co))
        """#,
        #"print("caught", pcall(coroutine.wrap(function() while true do end end)))"#,
        #"print("caught", xpcall(function() while true do end end, function(m) while true do end end))"#,
        #"""
        print("caught", pcall(function()
          local x <close> = setmetatable({}, {__close = function() while true do end end})
        end))
        """#,
        #"""
        print("caught", pcall(error, setmetatable({}, {__tostring = function() while true do end end})))
        error(setmetatable({}, {__tostring = function() while true do end end}))
        """#,
        #"local s = ("a"):rep(300):gsub(".-.-.-.-b", "")"#,
    ]

    /// Was a hole (the table library, in C): these loop over a caller-chosen range of empty
    /// slots without calling anything, where no hook runs; ltablib_limited.c polls the limits.
    static let cTableLoops = [
        "table.move({}, 1, 1e15, 1, {})",
        "table.move({}, 1, 1e15, 2)",      // overlapping: the backward loop
        "table.insert(setmetatable({}, {__len = function() return 1e15 end}), 1, 'x')",
        "table.remove(setmetatable({}, {__len = function() return 1e15 end}), 1)",
        "print('caught', pcall(table.move, {}, 1, 1e15, 1, {}))",
        "print('caught', pcall(table.remove, setmetatable({}, {__len = function() return 1e15 end}), 1))",
    ]

    static let cases: [Case] =
        memoryBombs.map { Case(limit: .memory, code: $0) }
        + loops.map { Case(limit: .time, code: $0) }
        + budgetLoops.map { Case(limit: .instruction, code: $0) }
        + cTableLoops.flatMap { code in
            [Case(limit: .time, code: code), Case(limit: .time, code: code, unsafe: true), Case(limit: .instruction, code: code)]
        }

    @Test(arguments: cases)
    func stopsAtItsLimitAndTheSessionGoesOn(_ c: Case) throws {
        try Self.expectStoppedAndSessionGoesOn(c)
    }

    /// table.sort without a comparison function never runs Lua code: its comparisons are
    /// charged to the budget. The fill takes about 4 M instructions of the 10 M; the sort of
    /// a million numbers needs some 20 M comparisons: uncharged, it would finish and print.
    @Test func tableSortOfALargeArrayIsChargedToTheBudget() throws {
        try Self.expectStoppedAndSessionGoesOn(Case(
            limit: .instruction, code: "local t = {} for i = 1, 1e6 do t[i] = (i * 7919) % 1000003 end table.sort(t)"))
    }

    /// Under the limits, what Lua refuses outright is an ordinary error the script catches.
    @Test func refusalsUnderTheLimitsAreOrdinaryErrors() throws {
        let h = try LuaHarness(limits: LuaLimits(memoryBytes: 64 << 20, instructions: 5_000_000))
        #expect(try h.run(#"""
            print(pcall(string.format, "%99999d", 1))
            print(pcall(string.format, "%" .. ("9"):rep(100) .. "s", "x"))
            print(pcall(string.rep, "x", math.maxinteger))
            print(pcall(string.rep, "ab", 1e9, ", "))
            local s = 0 for i = 1, 1000 do s = s + i end print(s)
            """#) == """
            false\tinvalid conversion specification: '%99999d'
            false\tinvalid format (too long)
            false\tresulting string too large
            false\tresulting string too large
            500500

            """)
    }

    /// The vendored table functions (ltablib_limited.c) behave as Lua's own.
    @Test func theLimitedTableFunctionsBehaveAsLuas() throws {
        let h = try LuaHarness(limits: LuaLimits(instructions: 5_000_000))
        #expect(try h.run(#"""
            local s = {} for i = 1, 10 do s[i] = i end
            table.insert(s, 3, "x") table.insert(s, "y")
            print(table.concat(s, ","), table.remove(s, 3), table.remove(s), #s)
            print(table.unpack(table.move({1, 2, 3}, 1, 3, 2)))
            local t = {5, 2, 8, 1} table.sort(t) table.sort(s, function(a, b) return a > b end)
            print(table.concat(t, " "), table.concat(s, " "))
            print(pcall(table.insert, {}, 5, 1))
            print(pcall(table.sort, {3, 1, 2, 5, 4}, function(a, b) return true end))
            print(select("#", table.unpack({}, 1, 100)), pcall(table.unpack, {}, 1, 1e8))
            """#) == """
            1,2,x,3,4,5,6,7,8,9,10,y\tx\ty\t10
            1\t1\t2\t3
            1 2 5 8\t10 9 8 7 6 5 4 3 2 1
            false\tbad argument #2 to 'table.insert' (position out of bounds)
            false\tinvalid order function for sorting
            100\tfalse\ttoo many results to unpack

            """)
    }
}
