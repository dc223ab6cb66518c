import LoupeCore
import LuaRuntime

/// The one reader of an options table (`{width = 40, min = 2}`), for every binding: only known
/// keys, each read by type with a default, and an unknown key is an error naming the key, the
/// function, the nearest known key ("did you mean width?") and the ones there are, so that a
/// misspelt option never passes silently as its default.
struct OptionsTable {
    let call: LuaStack
    let pairs: [(String, LuaValue)]

    init(_ call: LuaStack, _ i: Int32, allowed: [String]) throws {
        self.call = call
        switch try call.optionalTable(i) {
        case nil, .array([])?: pairs = []
        case .record(let p)?: pairs = p
        default:
            throw ScriptError(allowed.isEmpty ? "\(call.name) takes no options"
                              : "\(call.name): options must be a table such as {\(allowed.map { "\($0) = …" }.joined(separator: ", "))}")
        }
        try Self.checkKeys(call.name, pairs.map(\.0), allowed: allowed)
    }

    /// An error for the first key not in `allowed`.
    static func checkKeys(_ function: String, _ keys: [String], allowed: [String]) throws {
        for k in keys where !allowed.contains(k) { throw unknownKey(function, k, allowed: allowed) }
    }

    static func unknownKey(_ function: String, _ key: String, allowed: [String]) -> ScriptError {
        guard !allowed.isEmpty else { return ScriptError("\(function) takes no options (got '\(key)')") }
        let hint = nearest(key, in: allowed).map { "; did you mean \($0)?" } ?? ""
        return ScriptError("\(function): unknown option '\(key)'\(hint) (options: \(allowed.joined(separator: ", ")))")
    }

    /// The known key closest to `key` by edit distance (a swap of two neighbours counts one),
    /// when it is close enough to be a slip: at most 2 edits, and fewer than half the letters.
    static func nearest(_ key: String, in allowed: [String]) -> String? {
        let scored = allowed.map { ($0, editDistance(key.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2, best.1 * 2 < max(key.count, best.0.count) else { return nil }
        return best.0
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }

    subscript(key: String) -> LuaValue? { pairs.first { $0.0 == key }?.1 }

    func integer(_ key: String, _ fallback: Int) throws -> Int {
        switch self[key] {
        case nil: return fallback
        case .int(let n)?: return n
        case .number(let d)? where d == d.rounded() && abs(d) < 1e15: return Int(d)
        case let v?: throw ScriptError("\(call.name): \(key) must be a whole number, got \(Arguments.describe(v))")
        }
    }

    func string(_ key: String, _ fallback: String) throws -> String {
        switch self[key] {
        case nil: return fallback
        case .string(let s)?: return s
        case let v?: throw ScriptError("\(call.name): \(key) must be a string, got \(Arguments.describe(v))")
        }
    }

    func choice(_ key: String, _ choices: [String], _ fallback: String) throws -> String {
        let s = try string(key, fallback)
        guard choices.contains(s) else {
            throw ScriptError("\(call.name): \(key) must be \(choices.map { "\"\($0)\"" }.joined(separator: " or ")), got \"\(s)\"")
        }
        return s
    }

    func bool(_ key: String, _ fallback: Bool) throws -> Bool {
        switch self[key] {
        case nil: return fallback
        case .bool(let b)?: return b
        case let v?: throw ScriptError("\(call.name): \(key) must be true or false, got \(Arguments.describe(v))")
        }
    }
}
