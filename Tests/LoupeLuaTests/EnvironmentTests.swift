import Foundation
import Testing
import LoupeCore
@testable import LoupeLua
@testable import LuaRuntime

/// Many environments over one corpus, as a server makes one per visitor: each has
/// its own globals, its own copies of the plugins' functions and its own registrations,
/// and the plugins load once, before any corpus, where no `corpus` exists.
@Suite struct EnvironmentTests {
    static func corpus() -> Corpus {
        var b = CorpusBuilder()
        for (i, t) in ["NATO met. NATO spoke.", "Minsk, then NATO.", "Nothing here."].enumerated() {
            b.add(RawDocument(id: "d\(i + 1)", title: "D\(i + 1)", text: t, meta: Metadata(),
                              source: DocumentSource(file: "d\(i + 1).txt", firstLine: 1, lastLine: 1)))
        }
        return b.build(root: "mem")
    }

    static func environment(_ corpus: Corpus, plugins: PluginRegistry = PluginRegistry(), limits: LuaLimits = LuaLimits()) throws -> (LuaEnvironment, OutputBuffer) {
        let out = OutputBuffer()
        var options = EnvironmentOptions()
        options.output = { out.text += $0 }
        options.limits = limits
        options.paths = PathPolicy(readable: [], output: try scratchOutputFolder())
        return (try LuaEnvironment(corpus: corpus, options: options, plugins: plugins), out)
    }

    static func printed(_ e: (LuaEnvironment, OutputBuffer), _ code: String) throws -> String {
        e.1.text = ""
        try e.0.run(code, chunkName: "=test")
        return e.1.text
    }

    @Test func globalsOfOneEnvironmentAreNotSeenByAnother() throws {
        let corpus = Self.corpus()
        let a = try Self.environment(corpus), b = try Self.environment(corpus)
        try a.0.run("x = corpus:count('nato') string.upper = nil", chunkName: "=a")
        #expect(try Self.printed(a, "print(x, string.upper)") == "3\tnil\n")
        #expect(try Self.printed(b, "print(x, string.upper('ok'), corpus:count('nato'))") == "nil\tOK\t3\n")
    }

    @Test func aScriptsRegistrationStaysInItsEnvironment() throws {
        let corpus = Self.corpus()
        let a = try Self.environment(corpus), b = try Self.environment(corpus)
        try a.0.run("""
            loupe.register{name = "twice", run = function(c, args) return 2 * c:count(args[1]) end}
            loupe.register{name = "orgs", lexicon = {org = {"nato"}}}
            """, chunkName: "=a")
        // lookup: one row per document and category, zeros included
        #expect(try Self.printed(a, "print(corpus:twice{'nato'}, #corpus:lookup('orgs'))") == "6\t3\n")
        #expect(try Self.printed(b, "print(corpus.twice, loupe.lexicons().orgs)") == "nil\tnil\n")
        #expect(a.0.pluginNames == ["twice"] && b.0.pluginNames.isEmpty)
    }

    @Test func pluginsLoadBeforeAnyCorpusAndEachEnvironmentHasItsOwnFunctions() throws {
        let folder = try scratchOutputFolder()
        let counter = folder + "/counter.lua"
        try """
            local calls = 0
            loupe.register{name = "calls", help = "Counts its calls.", run = function(c, args) calls = calls + 1 return calls end}
            """.write(toFile: counter, atomically: true, encoding: .utf8)
        let peeking = folder + "/peeking.lua"
        try "local n = corpus:count('nato')\nloupe.register{name = 'peek', run = function() return n end}"
            .write(toFile: peeking, atomically: true, encoding: .utf8)
        let (registry, failures) = PluginRegistry.load(files: [counter, peeking], options: EnvironmentOptions())
        #expect(registry.plugins.map(\.name) == ["calls"])
        #expect(failures.count == 1 && failures.first?.file == peeking)
        #expect(failures.first?.error.message.contains("global 'corpus'") == true, "\(failures)")

        let corpus = Self.corpus()
        let a = try Self.environment(corpus, plugins: registry), b = try Self.environment(corpus, plugins: registry)
        #expect(try Self.printed(a, "print(corpus:calls(), corpus:calls(), corpus.peek)") == "1\t2\tnil\n")
        #expect(try Self.printed(b, "print(corpus:calls())") == "1\n", "b's plugin has its own upvalues")
        #expect(b.0.help("calls").contains("Counts its calls."))
    }

    @Test func environmentsOnSeveralThreadsShareOneCorpus() throws {
        let corpus = Self.corpus()
        let expected = try corpus.search("nato").hits.count
        let results = ResultSlots(count: 8)
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            do {
                let e = try Self.environment(corpus)
                results.set(i, try Self.printed(e, "local n = 0 for _ = 1, 200 do n = n + corpus:count('nato') end print(n)"))
            } catch { results.set(i, "\(error)") }
        }
        #expect(results.values == Array(repeating: "\(expected * 200)\n", count: 8))
    }

    @Test func aRunawayInOneEnvironmentStopsAtItsLimitWhileAnotherWorks() throws {
        let corpus = Self.corpus()
        let results = ResultSlots(count: 2)
        let start = DispatchTime.now()
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            do {
                let e = try Self.environment(corpus, limits: LuaLimits(timeMilliseconds: i == 0 ? 300 : 5_000))
                results.set(i, try Self.printed(e, i == 0 ? "while true do end" : "print(corpus:count('minsk'))"))
            } catch let e as LuaError { results.set(i, e.limit == .time ? "time" : e.message) } catch { results.set(i, "\(error)") }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        #expect(results.values == ["time", "1\n"])
        #expect(seconds < 3, "\(seconds) s")
    }
}

/// One result per concurrent iteration, written under a lock.
final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [String]
    init(count: Int) { slots = Array(repeating: "", count: count) }
    func set(_ i: Int, _ value: String) { lock.lock(); slots[i] = value; lock.unlock() }
    var values: [String] { lock.lock(); defer { lock.unlock() }; return slots }
}
