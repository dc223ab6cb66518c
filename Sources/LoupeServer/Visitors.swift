import Foundation
import LoupeClassroom
import LoupeCore
import LoupeLua
import LuaRuntime

/// One browser visitor (one cookie): a sandboxed environment over the shared corpus,
/// made on the first evaluation, used by one evaluation at a time.
final class Visitor: @unchecked Sendable {
    let id: String
    let output = CellOutput()
    /// The console's cells, oldest first (at most `Limits.consoleCells`); touched under `Visitors`'s claim.
    var cells: [ConsoleCell] = []
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

    /// The console cells of the visitor with this id (none when it holds no environment).
    func cells(of id: String) -> [ConsoleCell] {
        lock.lock(); defer { lock.unlock() }
        return visitors[id]?.cells ?? []
    }

    /// Keeps a console cell in the visitor's history (the oldest go past `Limits.consoleCells`).
    func record(code: String, result: RunResult, for id: String) -> ConsoleCell {
        lock.lock(); defer { lock.unlock() }
        let number = (visitors[id]?.cells.last?.number ?? 0) + 1
        let cell = ConsoleCell(number: number, code: code, result: result)
        if let v = visitors[id] {
            v.cells.append(cell)
            if v.cells.count > Limits.consoleCells { v.cells.removeFirst(v.cells.count - Limits.consoleCells) }
        }
        return cell
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
    static func newID() -> String { Secrets.newToken() }

    /// Whether `id` looks like one `newID` makes (anything else in a cookie is ignored).
    static func isWellFormed(_ id: Substring) -> Bool { Secrets.isWellFormed(id) }
}

