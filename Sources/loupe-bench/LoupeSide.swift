import Foundation
import LoupeCore
import LoupeLua
import LuaRuntime

/// Loupe measured in this process: loading the corpus, then queries through a
/// Lua session, as a user's script would run them.
final class LoupeSide {
    /// The load: median wall and CPU time over the loads, the peak RSS after the first.
    struct Load {
        var wall: Double
        var cpu: Double
        /// The first load's CPU time: a fresh process's, which pays a page
        /// fault for every page the corpus takes (later loads reuse the freed heap).
        var firstCPU: Double
        var peakRSS: Int
        var loads: Int
        var documents: Int
        var tokens: Int
        var summary: String
        var busy: Double?

        /// MB (10^6 bytes) of `bytes` per second of `seconds` (0 for no time):
        /// the load's rates, per core when the seconds are CPU time.
        static func rate(_ bytes: Int, _ seconds: Double) -> Double { seconds > 0 ? Double(bytes) / 1e6 / seconds : 0 }
    }

    let corpus: Corpus
    let load: Load
    private let session: LuaEnvironment
    private let output = CapturedOutput()

    /// Loads `path` `loads` times (the corpus of the last load stays) and starts a session.
    /// The peak RSS is read right after the first load, before any other allocation.
    init(path: String, loads: Int) throws {
        var walls: [Double] = [], cpus: [Double] = [], busy: [Double] = []
        var peak = 0
        var kept: (Corpus, LoadReport)?
        for i in 0..<max(1, loads) {
            kept = nil   // the previous corpus is freed before the next load
            let others = OtherLoad()
            let (wall0, cpu0) = (Clock.now(), Clock.cpuSelf())
            kept = try CorpusLoader.load(path: path)
            walls.append(Clock.now() - wall0)
            cpus.append(Clock.cpuSelf() - cpu0)
            if let b = others.cores() { busy.append(b) }
            if i == 0 { peak = Clock.peakRSSSelf() }
        }
        guard let (corpus, report) = kept else { throw BenchError("the corpus was not loaded") }
        self.corpus = corpus
        load = Load(wall: median(walls), cpu: median(cpus), firstCPU: cpus.first ?? 0, peakRSS: peak, loads: walls.count,
                    documents: report.documents, tokens: report.tokens, summary: report.summary,
                    busy: busy.isEmpty ? nil : busy.reduce(0, +) / Double(busy.count))
        var options = EnvironmentOptions()
        // The full standard library only for collectgarbage(), which the sandbox
        // lacks: between runs it frees the previous run's result (a trigram Table
        // holds about 1.4 GB that Lua's collector, seeing only a small userdata, keeps).
        options.unsafe = true
        let output = self.output
        options.output = { output.append($0) }
        options.paths = PathPolicy(readable: [corpus.root], output: NSTemporaryDirectory())
        session = try LuaEnvironment(corpus: corpus, options: options)
    }

    /// Runs `expression` (Lua yielding a number) once to warm up and read its value,
    /// then `runs` timed times; the median wall time of the chunk. A full garbage
    /// collection, untimed, precedes every run.
    /// `method`, when given, is a corpus method that must exist ("freq"); without it
    /// the measurement says "not available". `docs`, when given, is a Lua expression
    /// for the number of documents matched, run once untimed and added to the count
    /// (to check it against FTS5's count of documents).
    func measure(_ expression: String, method: String? = nil, docs: String? = nil, runs: Int) -> Measurement {
        if let method {
            guard let exists = try? printed("print(corpus.\(method) ~= nil)") else { return .missing("not available: cannot look up corpus:\(method)") }
            guard exists == "true" else { return .missing("not available: corpus:\(method) is not in this build") }
        }
        let chunk = "__bench = " + expression
        do {
            try session.run(chunk, chunkName: "=bench")
            var value = Format.count(try printed("print(__bench)"))
            if let docs { value += " (" + Format.count(try printed("print(\(docs))")) + " docs)" }
            // The others' load is read once over the whole series, and a quick
            // query runs until the series has lasted a second: /proc/stat counts
            // in 10 ms ticks, so over a few 2 ms runs one tick of anybody's work
            // read as several cores kept busy.
            var times: [Double] = []
            let others = OtherLoad()
            let seriesStart = Clock.now()
            while times.count < max(1, runs) || (Clock.now() - seriesStart < Self.shortestSeries && times.count < 2000) {
                try session.run("collectgarbage()", chunkName: "=bench")
                let start = Clock.now()
                try session.run(chunk, chunkName: "=bench")
                times.append(Clock.now() - start)
            }
            let busy = others.cores()
            try session.run("__bench = nil collectgarbage()", chunkName: "=bench")
            return Measurement(seconds: median(times), count: value, runs: times.count, busy: busy)
        } catch let e as LuaError {
            return .missing("failed: \(e.message)")
        } catch {
            return .missing("failed: \(error)")
        }
    }

    /// Seconds a quick query's series of runs lasts at least.
    static let shortestSeries = 1.0

    /// What a chunk prints, trimmed.
    private func printed(_ code: String) throws -> String {
        _ = output.take()
        try session.run(code, chunkName: "=bench")
        return output.take().trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// The session's printed output, collected (print may be called from any thread).
final class CapturedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""

    func append(_ s: String) { lock.lock(); text += s; lock.unlock() }

    func take() -> String {
        lock.lock(); defer { lock.unlock() }
        let t = text
        text = ""
        return t
    }
}
