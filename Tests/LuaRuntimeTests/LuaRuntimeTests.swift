import Foundation
import Testing
import LuaRuntime

/// A Lua state from Swift, without Loupe: values crossing the stack, classes and
/// their method lookup, errors, and the limits.
@Suite struct LuaRuntimeTests {
    /// Runs `code` with `print` collecting into the returned buffer.
    final class Run {
        let lua: LuaState
        var printed: [String] = []
        init(limits: LuaLimits = LuaLimits()) throws {
            lua = try LuaState(limits: limits)
            let s = lua.stack
            lua.pushGlobals()
            s.setField(s.top, "print") {
                s.pushFunction("print") { [unowned self] call in
                    self.printed.append((1...max(1, call.argumentCount)).map { call.safeToString($0) }.joined(separator: "\t"))
                    return 0
                }
            }
            s.pop()
        }

        /// The chunk's results as values.
        func values(_ code: String) throws -> [LuaValue] {
            let s = lua.stack
            let base = s.top
            defer { s.setTop(base) }
            try s.load(code, chunkName: "=test", env: nil)
            let n = try lua.asOneChunk { try s.call() }
            return (0..<n).map { s.value(base + 1 + $0) }
        }
    }

    @Test func valuesCrossTheStackUnchanged() throws {
        let r = try Run()
        let s = r.lua.stack
        let samples: [LuaValue] = [
            .nil, .bool(true), .int(Int.max), .int(-7), .number(0.5), .string("a\0b — ü"),
            .array([.int(1), .string("x"), .array([.bool(false)])]),
            .record([("a", .int(1)), ("b", .record([("c", .string("d"))]))]),
        ]
        for v in samples {
            s.push(v)
            #expect(s.value(-1) == v, "\(v)")
            s.pop()
        }
        #expect(try r.values("return 3, 3.0, '3'") == [.int(3), .number(3), .string("3")])
    }

    final class Counter {
        var fieldLookups = 0
        var hits = 0
    }

    /// Methods come from a table Lua reads itself: calling one never enters Swift to find
    /// it; only a key that is not a method asks the class's `index`.
    @Test func methodLookupStaysInLua() throws {
        let r = try Run()
        var cls = LuaClass<Counter>("test.Counter", variable: "c") { "Counter(\($0.hits))" }
        cls.method("hit") { c, call in c.hits += 1; call.pushInteger(c.hits); return 1 }
        cls.index = { c, call in
            c.fieldLookups += 1
            guard call.stringKey(2) == "lookups" else { return 0 }
            call.pushInteger(c.fieldLookups)
            return 1
        }
        cls.fields = ["lookups"]
        r.lua.register(cls)
        let counter = Counter()
        let s = r.lua.stack
        r.lua.pushGlobals()
        s.setField(s.top, "c") { s.pushObject(counter, typeName: "test.Counter") }
        s.pop()
        #expect(try r.values("for _ = 1, 999 do c:hit() end return c:hit(), tostring(c)") == [.int(1000), .string("Counter(1000)")])
        #expect(counter.fieldLookups == 0)
        #expect(try r.values("return c.lookups, c.nothing, getmetatable(c)") == [.int(1), .nil, .string("locked")])
        #expect(counter.fieldLookups == 2)
        #expect(r.lua.classes["test.Counter"]?.methods == ["hit"])
    }

    @Test func aMethodCalledWithADotSaysToUseAColon() throws {
        let r = try Run()
        var cls = LuaClass<Counter>("test.Counter", variable: "c") { _ in "Counter" }
        cls.method("hit") { c, _ in c.hits += 1; return 0 }
        r.lua.register(cls)
        let s = r.lua.stack
        r.lua.pushGlobals()
        s.setField(s.top, "c") { s.pushObject(Counter(), typeName: "test.Counter") }
        s.pop()
        let e = try #require(throws: LuaError.self) { try r.values("c.hit()") }
        #expect(e.message == "test:1: 'hit' needs a Counter: call it with a colon, c:hit(...)")
    }

    @Test func aSwiftErrorBecomesALuaErrorAtTheCallersLine() throws {
        let r = try Run()
        let s = r.lua.stack
        r.lua.pushGlobals()
        s.setField(s.top, "fail") { s.pushFunction("fail") { call in throw call.argumentError(1, "number") } }
        s.pop()
        let base = s.top
        let caught = try r.values("return pcall(fail, {})")
        #expect(caught == [.bool(false), .string("bad argument #1 to 'fail' (number expected, got table)")])
        let e = try #require(throws: LuaError.self) { try r.values("local x = 1\nfail('x')") }
        #expect(e.message == "test:2: bad argument #1 to 'fail' (number expected, got string)")
        #expect(e.limit == nil && !e.traceback.isEmpty)
        #expect(s.top == base, "the stack is as it was")
        let syntax = try #require(throws: LuaError.self) { try r.values("return +") }
        #expect(syntax.isSyntaxError)
        #expect(syntax.message == "test:1: unexpected symbol near '+'")
    }

    @Test(arguments: [
        ("while true do end", LuaLimits(timeMilliseconds: 200), LuaError.Limit.time),
        ("local t = {} while true do t[#t + 1] = ('x'):rep(1000) .. #t end", LuaLimits(memoryBytes: 16 << 20), .memory),
        ("local n = 0 while true do n = n + 1 end", LuaLimits(instructions: 1_000_000), .instructions),
    ])
    func limitsStopAChunkAndSayWhich(code: String, limits: LuaLimits, limit: LuaError.Limit) throws {
        let r = try Run(limits: limits)
        let e = try #require(throws: LuaError.self) { try r.values("pcall(function() \(code) end) return 'swallowed'") }
        #expect(e.limit == limit, "\(e.message)")
        if limit == .memory { #expect(r.lua.memoryPeak < 20 << 20) }
        #expect(try r.values("return 1 + 1") == [.int(2)], "the next chunk runs")
    }

    @Test func theSandboxPreludeGivesAWhitelistedEnvironment() throws {
        let lua = try LuaState(limits: LuaLimits())
        let s = lua.stack
        try lua.pushSandboxEnvironment(prelude: sandboxPrelude) { s in
            s.push(.record([("moduleFolders", .array([]))]))
            s.setField(s.top, "readable") { s.pushFunction("readable") { call in call.push(.nil); call.push(.string("no")); return 2 } }
            s.setField(s.top, "write") { s.pushFunction("write") { _ in 0 } }
        }
        let env = s.ref(-1)
        s.pop()
        try s.load("return type(io and io.popen), type(os.execute), type(debug), type(string.dump), type(require), io.open('/etc/passwd')", chunkName: "=t", env: env)
        let n = try s.call()
        #expect((0..<n).map { s.value(-n + $0) } == [.string("nil"), .string("nil"), .string("nil"), .string("nil"), .string("function"), .nil, .string("no")])
    }
}
