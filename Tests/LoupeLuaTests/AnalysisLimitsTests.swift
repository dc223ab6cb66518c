import Foundation
import Testing
import LoupeCore
@testable import LoupeLua
@testable import LuaRuntime

/// Loupe's own analyses stop at the limits even inside one large document (F11 and
/// F13 of the red-team report): they poll by work done, not per document, and what
/// they build for Lua counts against --memory as it grows.
@Suite struct AnalysisLimitsTests {
    /// One document of "nato word " × 300,000: 3 MB, 600,000 tokens, on one line.
    /// Before the fix, at a 0.3 s limit: numbers + quotes ran 3.0 s, tokens with
    /// offsets 1.5 s, collocates 0.7 s, a kwic of width 100 2.2 s.
    static let bigText = String(repeating: "nato word ", count: 300_000)
    /// Built once: each test has a session of its own over it.
    static let bigCorpus = LuaHarness.corpus([bigText])

    private func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    /// The work after the limit is bounded by the calling thread's CPU time (a loaded machine
    /// stretches the wall time), and the wall time loosely, for work on other threads.
    @Test func analysesOfOneLargeDocumentStopAtTheTimeLimit() throws {
        let limit = 0.2, margin = 0.25, wallMargin = 2.0
        let h = try LuaHarness(corpus: Self.bigCorpus, limits: LuaLimits(timeMilliseconds: Int(limit * 1000)))
        for code in ["corpus:numbers()", "corpus:quotes()", "corpus[1]:tokens{offsets = true}", "corpus[1]:tokens()",
                     "corpus:collocates('nato', {window = 1000, min = 1})", "corpus:kwic('nato', {width = 100})",
                     "corpus:search('nato'):kwic{width = 100}", "corpus:kwic('nato', {width = 10, sort = {'1R', '1L'}})",
                     "corpus:ngrams{n = 8, min = 1}", "corpus:dispersion('nato', {parts = 200000})", "corpus:provenance()", "corpus:turns()"] {
            let start = DispatchTime.now(), cpu = threadCPUSeconds()
            let e = h.error("local t = \(code) print('after')")
            let took = seconds(since: start), worked = threadCPUSeconds() - cpu
            // Either it finished in time, or the limit stopped it promptly with its own message.
            if let e {
                #expect(e.contains("time limit exceeded (raise it with --timeout)"), "\(code): \(e)")
            }
            #expect(worked < limit + margin && took < limit + wallMargin,
                    "\(code) worked \(worked) s and took \(took) s under a \(limit) s limit")
        }
    }

    @Test func hitsInOneSentenceShareItsTextInHitsTable() throws {
        // A document without full stops is one sentence: before, hits:table() copied it
        // once per hit (500,000 hits of a 10 MB document filled 23 GB and were killed).
        let h = try LuaHarness([String(repeating: "nato word ", count: 2_000)])
        let corpus = h.session.corpus
        let hits = try corpus.search("nato").hits
        #expect(hits.count == 2_000)
        let table = try HitsBinding.table(HitsHandle(corpus: corpus, hits: hits, query: "nato"))
        let column = try #require(table.names.firstIndex(of: "sentence"))
        var buffers = Set<Int>()
        for case .string(var s) in table.columns[column] {
            #expect(s.utf8.count == 20_000 - 1)
            _ = s.withUTF8 { buffers.insert(Int(bitPattern: $0.baseAddress)) }
        }
        #expect(buffers.count == 1, "\(buffers.count) copies of the sentence")
    }

    @Test func tokensWithOffsetsCountAgainstTheMemoryLimitAsTheyGrow() throws {
        // 600,000 tokens with offsets are ~150 MB of Lua tables; the limit is 32 MB.
        // Before the fix the whole result was built (in Swift, then in Lua) first.
        let h = try LuaHarness(corpus: Self.bigCorpus, limits: LuaLimits(memoryBytes: 32 << 20))
        let e = h.error("local t = corpus[1]:tokens{offsets = true} print('after')")
        #expect(e?.contains("memory limit exceeded (raise it with --memory)") == true, "\(e ?? "no error")")
        #expect(!h.output.text.contains("after"))
        // It stopped as it grew: the state never held much more than the limit
        // (it polls every 4,096 tokens, ~1 MB here).
        #expect(h.session.memoryPeak < (32 + 8) << 20, "peak \(h.session.memoryPeak >> 20) MiB")
        // The entry after it works: nothing is left tripped, and the memory is free again.
        #expect(try h.run("print(#corpus[1])") == "600000\n")
    }

    @Test func aConcordanceTooLargeForTheLimitIsRefusedBeforeItIsBuilt() throws {
        // 300,000 lines of 2 × 500 characters: ~1.2 GB, against 32 MB.
        let h = try LuaHarness(corpus: Self.bigCorpus, limits: LuaLimits(memoryBytes: 32 << 20, timeMilliseconds: 20_000))
        let start = DispatchTime.now()
        let e = h.error("local k = corpus:kwic('nato', {width = 500})")
        #expect(e?.contains("memory limit exceeded (raise it with --memory)") == true, "\(e ?? "no error")")
        #expect(seconds(since: start) < 2, "refused only after \(seconds(since: start)) s")
    }

    @Test func hitsKeptByTheScriptCountAgainstTheMemoryLimit() throws {
        // Each Hits of 300,000 hits holds ~7 MB of Swift memory that Lua's allocator never
        // saw: before the fix, 200 of them (1.4 GB) fitted under a 32 MB limit.
        let h = try LuaHarness(corpus: Self.bigCorpus, limits: LuaLimits(memoryBytes: 32 << 20, timeMilliseconds: 60_000))
        let e = h.error("local t = {} for i = 1, 200 do t[i] = corpus:search('nato') end print('after')")
        #expect(e?.contains("memory limit exceeded (raise it with --memory)") == true, "\(e ?? "no error")")
        #expect(h.session.memoryPeak < (32 + 16) << 20, "peak \(h.session.memoryPeak >> 20) MiB")
        // Hits that are garbage are collected, not counted forever.
        let out = try h.run("for i = 1, 30 do local hits = corpus:search('nato') end print('done')")
        #expect(out == "done\n")
    }
}
