import Foundation
import LoupeCore
import LoupeLua
import LuaRuntime

/// What `print` writes during one evaluation, cut at `Limits.outputBytes`.
final class OutputSink: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""
    private var bytes = 0
    private var cut = false

    func append(_ s: String) {
        lock.lock(); defer { lock.unlock() }
        guard !cut else { return }
        let n = s.utf8.count
        if bytes + n <= Limits.outputBytes {
            text += s
            bytes += n
        } else {
            var room = Limits.outputBytes - bytes
            var part = ""
            for c in s.unicodeScalars {
                let w = String(c).utf8.count
                if w > room { break }
                part.unicodeScalars.append(c)
                room -= w
            }
            text += part
            cut = true
        }
    }

    /// What was printed since the last take, and whether it was cut.
    func take() -> (text: String, truncated: Bool) {
        lock.lock(); defer { lock.unlock() }
        defer { text = ""; bytes = 0; cut = false }
        return (text, cut)
    }
}

/// One browser visitor (one cookie): a sandboxed environment over the shared corpus,
/// made on the first evaluation, used by one evaluation at a time.
final class Visitor: @unchecked Sendable {
    let id: String
    let output = OutputSink()
    /// Touched only by the Lua thread running this visitor's evaluation (one at a time).
    var evaluator: REPLEvaluator?
    /// Guarded by `Visitors`'s lock.
    var busy = false
    var lastUsed: Double

    init(id: String, now: Double) { self.id = id; lastUsed = now }
}

/// The visitors with environments, by cookie id: at most `capacity`, each released after
/// `idleSeconds` without an evaluation.
final class Visitors: @unchecked Sendable {
    enum Claim {
        case claimed(Visitor)
        /// This visitor's previous evaluation is still running.
        case busy
        /// Every slot holds a visitor whose evaluation is running.
        case full
    }

    private let lock = NSLock()
    private var visitors: [String: Visitor] = [:]
    let capacity: Int
    let idleSeconds: Double
    let clock: @Sendable () -> Double

    init(capacity: Int, idleSeconds: Double, clock: @escaping @Sendable () -> Double = Visitors.monotonicSeconds) {
        self.capacity = max(1, capacity)
        self.idleSeconds = idleSeconds
        self.clock = clock
    }

    static let monotonicSeconds: @Sendable () -> Double = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// The visitor with this id, made when new, marked busy. When the table is full the
    /// longest-idle visitor is let go (returned in `evicted`, to be released off the event loop).
    func claim(_ id: String) -> (claim: Claim, evicted: Visitor?) {
        lock.lock(); defer { lock.unlock() }
        let now = clock()
        if let v = visitors[id] {
            if v.busy { return (.busy, nil) }
            v.busy = true
            v.lastUsed = now
            return (.claimed(v), nil)
        }
        var evicted: Visitor?
        if visitors.count >= capacity {
            guard let oldest = visitors.values.filter({ !$0.busy }).min(by: { $0.lastUsed < $1.lastUsed }) else { return (.full, nil) }
            visitors[oldest.id] = nil
            evicted = oldest
        }
        let v = Visitor(id: id, now: now)
        v.busy = true
        visitors[id] = v
        return (.claimed(v), evicted)
    }

    func release(_ v: Visitor) {
        lock.lock(); defer { lock.unlock() }
        v.busy = false
        v.lastUsed = clock()
    }

    /// Lets go of visitors idle longer than `idleSeconds`; returns them.
    func sweep() -> [Visitor] {
        lock.lock(); defer { lock.unlock() }
        let now = clock()
        let idle = visitors.values.filter { !$0.busy && now - $0.lastUsed > idleSeconds }
        for v in idle { visitors[v.id] = nil }
        return idle
    }

    var count: Int {
        lock.lock(); defer { lock.unlock() }
        return visitors.count
    }

    /// Whether a visitor with this id holds an environment now.
    func has(_ id: String) -> Bool {
        lock.lock(); defer { lock.unlock() }
        return visitors[id]?.evaluator != nil
    }

    /// A new visitor id: 128 random bits in hex.
    static func newID() -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let h = String(UInt32.random(in: 0...UInt32.max, using: &g), radix: 16)
            return String(repeating: "0", count: 8 - h.count) + h
        }.joined()
    }

    /// Whether `id` looks like one `newID` makes (anything else in a cookie is ignored).
    static func isWellFormed(_ id: Substring) -> Bool {
        id.utf8.count == 32 && id.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}

/// What one `POST /api/run` came to.
struct RunResult: Sendable {
    var output: String
    var truncated: Bool
    var value: String?
    var error: String?
    var traceback: String?
    var line: Int?
    var milliseconds: Int

    var json: JSON {
        .object([
            ("ok", .bool(error == nil)),
            ("output", .string(output)),
            ("truncated", .bool(truncated)),
            ("value", value.map(JSON.string) ?? .null),
            ("error", error.map(JSON.string) ?? .null),
            ("line", line.map(JSON.int) ?? .null),
            ("traceback", traceback.map(JSON.string) ?? .null),
            ("milliseconds", .int(milliseconds)),
        ])
    }
}

/// How visitors' environments are made: the sandbox, the limits, reading only the corpus, writing nothing.
struct EnvironmentFactory: Sendable {
    var limits: LuaLimits
    var corpus: Corpus

    func make(output: OutputSink) throws -> LuaEnvironment {
        var options = EnvironmentOptions()
        options.unsafe = false
        options.limits = limits
        options.output = { output.append($0) }
        let gate = WriteGate(closed: "loupe serve: scripts run in the browser cannot write files")
        let readable = corpus.root.isEmpty ? [] : [corpus.root]
        options.paths = PathPolicy(readable: readable, output: "/nonexistent/loupe-serve-output", gate: gate)
        return try LuaEnvironment(corpus: corpus, options: options)
    }

    /// Runs `code` as a REPL entry in the visitor's environment (made on first use): what it
    /// printed, the values it gave, or its error with the line. On the calling (Lua) thread.
    func run(_ code: String, for visitor: Visitor) -> RunResult {
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
                return RunResult(output: "", truncated: false, value: nil, error: "cannot start Lua: \(error)", line: nil,
                                 milliseconds: elapsed())
            }
        }
        _ = visitor.output.take()
        let outcome = evaluator.evaluate(code)
        let (printed, truncated) = visitor.output.take()
        var result = RunResult(output: printed, truncated: truncated, value: nil, error: nil, line: nil, milliseconds: elapsed())
        switch outcome {
        case .values(let v), .expression(let v):
            result.value = v.isEmpty ? nil : v.joined(separator: "\t")
        case .incomplete:
            result.error = "the code ends in the middle of a statement (a missing 'end', ')' or '}'?)"
            result.line = code.split(separator: "\n", omittingEmptySubsequences: false).count
        case .error(let text):
            let parts = text.components(separatedBy: "\nstack traceback:\n")
            result.error = parts[0]
            result.traceback = parts.count > 1 ? "stack traceback:\n" + parts.dropFirst().joined(separator: "\n") : nil
            result.line = Self.line(of: parts[0]) ?? result.traceback.flatMap(Self.line(of:))
        }
        return result
    }

    /// The line a REPL error names first (`stdin:3: …`), if any.
    static func line(of message: String) -> Int? {
        guard let r = message.range(of: "stdin:") else { return nil }
        let digits = message[r.upperBound...].prefix { $0.isASCII && $0.isNumber }
        return Int(digits)
    }
}
