import Foundation
import Testing
import LoupeCore
@testable import LoupeLua
@testable import LuaRuntime

/// Long Swift-side work (LoupeCore's loops) polls `Interruption.check()`; the session installs
/// the probe, so the time limit, the instruction budget's trip and Ctrl-C reach into it, and
/// the function-call trampoline turns `Interrupted` into the limit's own error.
@Suite struct InterruptionTests {
    /// A session whose environment has `spin()`: a Swift function that loops, polling
    /// Interruption.check() as LoupeCore does, until it is stopped (or 20 s pass: the test fails).
    private func harness(_ limits: LuaLimits) throws -> LuaHarness {
        let h = try LuaHarness(limits: limits)
        let vm = h.session.stack
        vm.pushRef(h.session.environmentRef)
        vm.setField(vm.top, "spin") {
            vm.pushFunction("spin") { call in
                let end = DispatchTime.now().uptimeNanoseconds + 20_000_000_000
                var n = 0
                while DispatchTime.now().uptimeNanoseconds < end {
                    n += 1
                    if n & 1023 == 0 { try Interruption.check() }
                }
                call.push(.string("not stopped"))
                return 1
            }
        }
        vm.pop()
        return h
    }

    private func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    @Test func swiftWorkStopsAtTheTimeLimit() throws {
        let h = try harness(LuaLimits(timeMilliseconds: 300))
        let start = DispatchTime.now()
        let e = h.error("spin() print('after')")
        #expect(e?.hasSuffix("time limit exceeded (raise it with --timeout)") == true, "\(e ?? "no error")")
        #expect(seconds(since: start) < 5)
        #expect(h.output.text.isEmpty)
        // the session goes on, limits reset
        #expect(try h.run("print('alive')") == "alive\n")
    }

    @Test func pcallCannotSwallowTheStop() throws {
        let h = try harness(LuaLimits(timeMilliseconds: 300))
        let start = DispatchTime.now()
        let e = h.error("print('caught', pcall(spin)) print('after')")
        #expect(e?.hasSuffix("time limit exceeded (raise it with --timeout)") == true, "\(e ?? "no error")")
        #expect(seconds(since: start) < 5)
        #expect(h.output.text.isEmpty, "the script went on: \(h.output.text)")
    }

    @Test func theProbeIsQuietOutsideAChunkAndWhenNoLimitIsNear() throws {
        let h = try harness(LuaLimits(timeMilliseconds: 60_000))
        #expect(Interruption.probe != nil)
        #expect(!Interruption.requested)
        #expect(try h.run("print(#corpus)") == "3\n")
        #expect(!Interruption.requested)
    }

    /// The REPL shows values under the entry's own limits (one budget for the entry and the
    /// display of its values); a renderer stopped by a limit says so. (The instruction budget here:
    /// the SIGALRM deadline is per process, and tests run sessions in parallel; the end-to-end
    /// tests check the time limit.)
    @Test func showingAResultSharesTheEntrysBudget() throws {
        let h = try LuaHarness(limits: LuaLimits(instructions: 2_000_000))
        #expect(h.session.evaluate("k = {} for i = 1, 20 do k[setmetatable({}, {__tostring = function() while true do end end})] = i end") == .values([]))
        let start = DispatchTime.now()
        let outcome = h.session.evaluate("k")
        #expect(outcome == .error("instruction limit exceeded (raise it with --instructions), while showing the result"), "\(outcome)")
        #expect(seconds(since: start) < 3)
        #expect(h.session.evaluate("1 + 1") == .expression(["2"]))
    }
}
