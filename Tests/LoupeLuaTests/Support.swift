import Foundation
import LoupeCore
@testable import LoupeLua
@testable import LuaRuntime

/// The repository's root folder, from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A session over the bundled corpus, with print() captured.
func bundledSession() throws -> (LuaEnvironment, OutputBuffer) {
    let (corpus, report) = try CorpusLoader.load(path: repositoryRoot.appendingPathComponent("corpus").path)
    guard report.warnings.isEmpty else { throw ScriptError("bundled corpus has warnings: \(report.warnings)") }
    let out = OutputBuffer()
    var options = EnvironmentOptions()
    options.output = { out.text += $0 }
    // t:write in examples: not into the repository; the examples run as with --overwrite
    options.paths = PathPolicy(readable: [], output: try scratchOutputFolder(), mayReplace: true)
    return (try LuaEnvironment(corpus: corpus, options: options), out)
}

/// A fresh, empty folder for writers, inside this test process's own scratch folder.
func scratchOutputFolder() throws -> String {
    let path = scratchRoot + "/out-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// One folder under the temporary directory holds every scratch folder of
/// this test process; it is removed when the process exits, so runs of the
/// suite do not pile up folders in /tmp.
let scratchRoot: String = {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-lua-tests-\(getpid())").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    atexit { removeScratchRoot() }
    return path
}()

private func removeScratchRoot() { try? FileManager.default.removeItem(atPath: scratchRoot) }

/// CPU time the calling thread has used: how much a call worked, which a loaded machine
/// does not stretch as it stretches the wall time.
func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// Collects what print() writes.
final class OutputBuffer: @unchecked Sendable {
    var text = ""
}

/// A session over small in-memory documents, with print() captured; plugins
/// loaded with `loadPlugin` are in the environment from then on.
final class LuaHarness {
    private(set) var session: LuaEnvironment
    let output: OutputBuffer
    let plugins: PluginRegistry

    convenience init(_ texts: [String] = LuaHarness.sampleTexts, unsafe: Bool = false, limits: LuaLimits = LuaLimits()) throws {
        try self.init(corpus: Self.corpus(texts), unsafe: unsafe, limits: limits)
    }

    /// A session over a corpus built once and shared by several tests (a Corpus is immutable).
    init(corpus: Corpus, unsafe: Bool = false, limits: LuaLimits = LuaLimits()) throws {
        let out = OutputBuffer()
        var options = EnvironmentOptions()
        options.unsafe = unsafe
        options.limits = limits
        options.output = { out.text += $0 }
        session = try LuaEnvironment(corpus: corpus, options: options)
        plugins = PluginRegistry(options: options)
        output = out
    }

    /// The harness's corpus of `texts`: documents d1, d2, … with an outlet and a date each.
    static func corpus(_ texts: [String]) -> Corpus {
        var b = CorpusBuilder()
        for (i, t) in texts.enumerated() {
            var meta = Metadata()
            meta["outlet"] = .string(i % 2 == 0 ? "Even News" : "Odd Post")
            meta["date"] = .string("2022-0\(i + 1)-15")
            b.add(RawDocument(id: "d\(i + 1)", title: "Doc \(i + 1)", text: t, meta: meta,
                              source: DocumentSource(file: "d\(i + 1).txt", firstLine: 1, lastLine: 1)))
        }
        return b.build(root: "mem")
    }

    /// Loads a plugin file, as `loupe --plugin FILE` would, and starts the environment
    /// again with every plugin loaded so far; the file's error, if it failed.
    func loadPlugin(path: String) -> LuaError? {
        let failure = plugins.load(path)
        do { session = try LuaEnvironment(corpus: session.corpus, options: session.options, plugins: plugins) } catch {
            return LuaError(status: 1, fullText: "\(error)")
        }
        return failure
    }

    static let sampleTexts = [
        "NATO expansion was discussed. Then NATO met again.\n\nA new paragraph about Kiev’s plans.",
        "The Minsk agreements. Minsk was mentioned; nato too.",
        "Nothing relevant here at all.",
    ]

    /// Runs code and returns what it printed.
    @discardableResult
    func run(_ code: String) throws -> String {
        output.text = ""
        try session.run(code, chunkName: "=test")
        return output.text
    }

    /// Runs code expecting a Lua error; returns its message.
    func error(_ code: String) -> String? {
        do { try session.run(code, chunkName: "=test"); return nil } catch let e as LuaError { return e.message } catch { return "\(error)" }
    }
}

extension LuaEnvironment {
    /// One REPL entry in this environment (a REPLEvaluator keeps no state of its own).
    func evaluate(_ entry: String, width: Int = 100) -> REPLOutcome {
        REPLEvaluator(self).evaluate(entry, width: width)
    }
}
