/// A Lua value as Swift sees it, for arguments read from Lua and results pushed to it.
/// Tables become `.array` (a sequence 1..n) or `.record` (string keys, in key order).
public indirect enum LuaValue: Equatable, Sendable {
    case `nil`
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    case array([LuaValue])
    case record([(String, LuaValue)])
    /// A value Swift does not convert (function, userdata, thread, deep table); its Lua type name.
    case opaque(String)

    public static func == (a: LuaValue, b: LuaValue) -> Bool {
        switch (a, b) {
        case (.nil, .nil): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.record(x), .record(y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case let (.opaque(x), .opaque(y)): return x == y
        default: return false
        }
    }

    /// The Lua type name, as `type()` would say.
    public var typeName: String {
        switch self {
        case .nil: return "nil"
        case .bool: return "boolean"
        case .int, .number: return "number"
        case .string: return "string"
        case .array, .record: return "table"
        case .opaque(let t): return t
        }
    }

    public subscript(key: String) -> LuaValue? {
        if case .record(let pairs) = self { return pairs.first { $0.0 == key }?.1 }
        return nil
    }
}
