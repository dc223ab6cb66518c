import Foundation
import Testing
@testable import LoupeLua
@testable import LuaRuntime

@Suite struct SandboxTests {
    @Test(arguments: ["os.execute", "os.exit", "os.remove", "os.rename", "os.getenv", "os.tmpname", "io.popen",
                      "io.output", "io.input", "io.tmpfile", "package", "debug", "string.dump", "collectgarbage"])
    func dangerousFunctionsAreAbsent(_ name: String) throws {
        let h = try LuaHarness()
        #expect(try h.run("print(\(name) == nil)") == "true\n")
    }

    @Test func harmlessLibrariesRemain() throws {
        let h = try LuaHarness()
        #expect(try h.run("print(string.upper('a'), ('x'):rep(3), math.floor(2.5), table.concat({1,2}, '-'), utf8.len('ж'), type(os.time()))")
                == "A\txxx\t2\t1-2\t1\tnumber\n")
    }

    @Test func binaryChunksAreRefused() throws {
        let h = try LuaHarness()
        #expect(try h.run("print(load('\\27Lua'))").contains("attempt to load a binary chunk"))
    }

    @Test func theStringMetatableIsHidden() throws {
        let h = try LuaHarness()
        #expect(try h.run("print(getmetatable(''))") == "false\n")
        #expect(try h.run("print(getmetatable(corpus))") == "locked\n")
    }

    @Test func finalizersAreRefused() throws {
        let h = try LuaHarness()
        #expect(h.error("setmetatable({}, {__gc = function() end})")?.contains("__gc metamethods are not allowed here") == true)
    }

    @Test func aScriptCannotReplaceTheHostsLibraries() throws {
        let h = try LuaHarness()
        try h.run("string.upper = nil")
        #expect(try h.run("print(('a'):upper())") == "A\n")
    }

    @Test func unsafeModeHasTheFullLibrary() throws {
        let h = try LuaHarness(unsafe: true)
        #expect(try h.run("print(type(io), type(os.getenv), type(corpus))") == "table\tfunction\tuserdata\n")
    }

    @Test func instructionLimitStopsLoopsEvenInsidePcallAndCoroutines() throws {
        let h = try LuaHarness(limits: LuaLimits(instructions: 2_000_000))
        #expect(h.error("while true do end")?.contains("instruction limit exceeded") == true)
        #expect(h.error("while true do pcall(function() while true do end end) end")?.contains("instruction limit exceeded") == true)
        #expect(h.error("coroutine.wrap(function() while true do end end)()")?.contains("instruction limit exceeded") == true)
        #expect(try h.run("local s = 0 for i = 1, 1000 do s = s + i end print(s)") == "500500\n")
    }

    @Test func memoryLimitStopsGrowth() throws {
        let h = try LuaHarness(limits: LuaLimits(memoryBytes: 32 << 20))
        #expect(h.error("local t = {} for i = 1, 1e8 do t[i] = i end") == "memory limit exceeded (raise it with --memory)")
        #expect(h.error("local s = string.rep('x', 1e9)")?.hasSuffix("memory limit exceeded (raise it with --memory)") == true)
        // a script's own pcall cannot swallow it
        #expect(h.error("pcall(string.rep, 'x', 1e9) print('after')")?.contains("memory limit exceeded") == true)
        #expect(h.output.text.isEmpty)
        #expect(try h.run("print(corpus:count('nato'))") == "3\n")
    }

    @Test func filesOutsideTheAllowedFoldersCannotBeRead() throws {
        let h = try LuaHarness()   // no readable folders at all
        #expect(try h.run("print(io.open('/etc/passwd'))").hasPrefix("nil\t'/etc/passwd' is outside the folders scripts may read"))
        #expect(h.error("dofile('/etc/passwd')")?.contains("is outside the folders scripts may read") == true)
        #expect(try h.run("print(loadfile('/etc/passwd'))").hasPrefix("nil\t'/etc/passwd' is outside"))
        #expect(h.error("for l in io.lines('/etc/hostname') do end")?.contains("is outside") == true)
        #expect(try h.run("print(io.open('x.txt', 'w'))") == "nil\tfiles can only be opened for reading; write results with Loupe's writers (t:write)\n")
        #expect(h.error("require('os')")?.contains("module 'os' not found") == true)
        #expect(h.error("require('../../etc/passwd')")?.contains("bad module name") == true)
    }

    @Test func fileHandlesMetatableIsLocked() throws {
        let h = try LuaHarness(unsafe: false)
        #expect(try h.run("print(io.write('a', 1, '\\n') == io)") == "a1\ntrue\n")
    }

    @Test func pathologicalPatternsStopAtTheDeadline() throws {
        let h = try LuaHarness(limits: LuaLimits(timeMilliseconds: 300))
        let start = DispatchTime.now()
        #expect(h.error("local s = ('a'):rep(300) return s:find('.-.-.-.-b')")?.contains("time limit exceeded") == true)
        #expect(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 < 3)
        #expect(try h.run("print(('hello world'):gsub('o', '0'))") == "hell0 w0rld\t2\n")
    }
}
