import Foundation
import LoupeCore
import LoupeLua
import LuaRuntime

/// How visitors' environments are made: the sandbox, the limits, reading only the corpus,
/// writing nothing, Tables and charts shown as themselves.
struct EnvironmentFactory: Sendable {
    var limits: LuaLimits
    var corpus: Corpus

    func make(output: CellOutput) throws -> LuaEnvironment {
        var options = EnvironmentOptions()
        options.unsafe = false
        options.limits = limits
        options.output = { output.append($0) }
        options.display = { output.show($0) }
        let gate = WriteGate(closed: "loupe serve: scripts run in the browser cannot write files")
        let readable = corpus.root.isEmpty ? [] : [corpus.root]
        options.paths = PathPolicy(readable: readable, output: "/nonexistent/loupe-serve-output", gate: gate)
        return try LuaEnvironment(corpus: corpus, options: options)
    }

    /// Runs `code` as a REPL entry in the visitor's environment (made on first use): what it
    /// printed and showed, the values it gave, or its error with the line. On the calling (Lua) thread.
    func run(_ code: String, for visitor: some Evaluating) -> RunResult {
        let start = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Int { Int((DispatchTime.now().uptimeNanoseconds - start) / 1_000_000) }
        let evaluator: REPLEvaluator
        if let e = visitor.evaluator {
            evaluator = e
        } else {
            do {
                evaluator = REPLEvaluator(try make(output: visitor.output))
                visitor.evaluator = evaluator
            } catch {
                return RunResult(error: "cannot start Lua: \(error)", milliseconds: elapsed())
            }
        }
        _ = visitor.output.take()
        let outcome = evaluator.evaluate(code)
        let (blocks, truncated) = visitor.output.take()
        var result = RunResult(blocks: blocks, truncated: truncated, milliseconds: elapsed())
        switch outcome {
        case .values(let v), .expression(let v):
            result.value = v.isEmpty ? nil : v.joined(separator: "\t")
        case .incomplete:
            result.error = "the code ends in the middle of a statement (a missing 'end', ')' or '}'?)"
            result.line = code.split(separator: "\n", omittingEmptySubsequences: false).count
        case .error(let text):
            let parts = text.components(separatedBy: "\nstack traceback:\n")
            result.error = serverWording(parts[0])
            result.traceback = parts.count > 1 ? "stack traceback:\n" + parts.dropFirst().joined(separator: "\n") : nil
            result.line = Self.line(of: parts[0]) ?? result.traceback.flatMap(Self.line(of:))
        }
        return result
    }

    /// A limit's message names the server's limit, not a command-line flag a visitor cannot give.
    func serverWording(_ message: String) -> String {
        message
            .replacingOccurrences(of: "(raise it with --timeout)", with: "(this server's limit is \(LoupeServer.seconds(limits.timeMilliseconds)) an evaluation)")
            .replacingOccurrences(of: "(raise it with --memory)", with: "(this server's limit is \(limits.memoryBytes >> 20) MiB)")
            .replacingOccurrences(of: "(raise it with --instructions)", with: "(this server's limit is \(limits.instructions) instructions)")
    }

    /// The line a REPL error names first (`stdin:3: …`), if any.
    static func line(of message: String) -> Int? {
        guard let r = message.range(of: "stdin:") else { return nil }
        let digits = message[r.upperBound...].prefix { $0.isASCII && $0.isNumber }
        return Int(digits)
    }
}

/// Who holds an environment and the output it writes to: a visitor, or a Lua thread's own for `/analyse`.
protocol Evaluating: AnyObject {
    var output: CellOutput { get }
    var evaluator: REPLEvaluator? { get set }
}

extension Visitor: Evaluating {}

/// A Lua thread's own environment for `/analyse`, made on first use. Analyses run the
/// server's Lua (built from a form, never a visitor's code), so one per thread serves all.
final class LuaThread: Evaluating {
    let output = CellOutput()
    var evaluator: REPLEvaluator?

    /// Runs the entries in order (stopping at an error): everything they showed, as one result.
    func run(_ entries: [String], factory: EnvironmentFactory, tableRows: Int) -> RunResult {
        output.showRows(tableRows)
        var all = RunResult()
        for entry in entries {
            let r = factory.run(entry, for: self)
            all.blocks += r.blocks
            all.truncated = all.truncated || r.truncated
            all.milliseconds += r.milliseconds
            if let v = r.value { all.value = (all.value.map { $0 + "\n" } ?? "") + v }
            if r.error != nil {
                all.error = r.error; all.traceback = r.traceback; all.line = r.line
                break
            }
        }
        return all
    }
}
