/// One metadata value: text, or a number or truth value where the source had one (JSON).
public enum MetaValue: Equatable, Hashable, Sendable, CustomStringConvertible {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)

    public var description: String {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .bool(let b): return b ? "true" : "false"
        }
    }
}

/// A document's metadata fields, in the order they were first given.
public struct Metadata: Equatable, Sendable, Sequence {
    public private(set) var keys: [String] = []
    private var values: [String: MetaValue] = [:]

    public init() {}
    public init(_ pairs: [(String, MetaValue)]) { for (k, v) in pairs { self[k] = v } }

    public subscript(key: String) -> MetaValue? {
        get { values[key] }
        set {
            if let v = newValue {
                if values.updateValue(v, forKey: key) == nil { keys.append(key) }
            } else if values.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    public func string(_ key: String) -> String? { values[key].map(\.description) }
    public var count: Int { keys.count }

    public func makeIterator() -> AnyIterator<(key: String, value: MetaValue)> {
        var i = 0
        return AnyIterator {
            guard i < keys.count else { return nil }
            defer { i += 1 }
            return (keys[i], values[keys[i]]!)
        }
    }
}
