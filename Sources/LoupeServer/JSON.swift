import LoupeCore

/// A JSON value, written with `<`, `>`, `&` and `'` as `\u` escapes, so an answer holding
/// corpus text never contains markup even if something reads it as HTML.
public indirect enum JSON: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    public static func == (a: JSON, b: JSON) -> Bool { a.text == b.text }

    public var text: String {
        var out = ""
        write(into: &out)
        return out
    }

    func write(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += d.isFinite ? String(d) : "null"
        case .string(let s): Self.writeString(s, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(into: &out)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            for (i, (name, value)) in fields.enumerated() {
                if i > 0 { out += "," }
                Self.writeString(name, into: &out)
                out += ":"
                value.write(into: &out)
            }
            out += "}"
        }
    }

    /// Escaped for a page as well as for JSON: < > & ' as \u00XX.
    static func writeString(_ s: String, into out: inout String) { out += TextEscaping.jsonString(s, forHTML: true) }

    /// A metadata value as JSON: numbers and truth values stay what they are.
    static func meta(_ v: MetaValue) -> JSON {
        switch v {
        case .string(let s): return .string(s)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .bool(let b): return .bool(b)
        }
    }

    static func metadata(_ m: Metadata) -> JSON { .object(m.map { ($0.key, meta($0.value)) }) }
}

extension JSON {
    /// A Table's cell: numbers and truth values as themselves, nulls as null.
    static func cell(_ v: TableValue) -> JSON {
        switch v {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        }
    }
}
