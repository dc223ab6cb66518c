import LuaRuntime

/// One option a method takes in its options table: its name, what values it allows, its
/// default and a line of documentation. The bindings read options through these (Options),
/// and the API reference prints them (APIReference), so the two cannot disagree.
struct OptionSpec: Sendable {
    indirect enum Kind: Sendable {
        /// A whole number (an integral float is accepted), optionally bounded.
        case integer(min: Int?, max: Int?)
        case number
        /// A string; the noun says what it names ("a column name").
        case string(String)
        case boolean
        /// One of these strings; aliases are accepted and read as the value they map to.
        case choice([String], aliases: [String: String])
        /// A list of strings; the noun is its items ("words"). `single`: one string stands for a list of one.
        case list(String, single: Bool)
        /// `false` (with .either: "…, or false to turn it off").
        case falseValue
        /// Any of these.
        case either([Kind])
    }

    let name: String
    let kind: Kind
    /// The value when the option is absent (nil: none, or one the binding computes; see defaultText).
    let defaultValue: LuaValue?
    /// The default as the reference shows it, when it is not simply `defaultValue`.
    let defaultText: String?
    /// What the option allows, for messages and the reference, when the kind alone says too little.
    let allowed: String?
    let doc: String

    init(_ name: String, _ kind: Kind, default value: LuaValue? = nil, defaultText: String? = nil,
         allowed: String? = nil, _ doc: String) {
        self.name = name; self.kind = kind; self.defaultValue = value
        self.defaultText = defaultText; self.allowed = allowed; self.doc = doc
    }

    /// "a whole number from 1 to 500", "\"chars\" or \"tokens\"", …
    var allowedText: String { allowed ?? kind.description }

    /// The default as the reference shows it, or nil when there is none.
    var shownDefault: String? {
        if let defaultText { return defaultText }
        switch defaultValue {
        case nil, .nil?: return nil
        case .string(let s)?: return "\"\(s)\""
        case .int(let i)?: return String(i)
        case .number(let d)?: return String(d)
        case .bool(let b)?: return b ? "true" : "false"
        case let v?: return v.typeName
        }
    }

    /// The line the reference gives this option.
    var referenceLine: String {
        "- `\(name)` — \(allowedText)" + (shownDefault.map { "; default \($0)" } ?? "") + ". \(doc)"
    }

    /// The value checked against the kind and normalized (aliases resolved, integral floats as
    /// integers), or nil when the kind does not allow it.
    func accept(_ v: LuaValue) -> LuaValue? { kind.accept(v) }
}

extension OptionSpec.Kind: CustomStringConvertible {
    var description: String {
        switch self {
        case .integer(let lo?, let hi?): return "a whole number from \(lo) to \(hi)"
        case .integer(let lo?, nil): return "a whole number \(lo) or more"
        case .integer(nil, let hi?): return "a whole number up to \(hi)"
        case .integer(nil, nil): return "a whole number"
        case .number: return "a number"
        case .string(let noun): return noun
        case .boolean: return "true or false"
        case .choice(let values, _): return Self.alternatives(values.map { "\"\($0)\"" })
        case .list(let noun, _): return "a list of \(noun)"
        case .falseValue: return "false"
        case .either(let kinds): return Self.alternatives(kinds.map(\.description))
        }
    }

    /// "a", "a or b", "a, b or c".
    static func alternatives(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " or " + last
    }

    func accept(_ v: LuaValue) -> LuaValue? {
        switch (self, v) {
        case (.integer(let lo, let hi), _):
            let n: Int
            switch v {
            case .int(let i): n = i
            case .number(let d) where d == d.rounded() && abs(d) < 1e15: n = Int(d)
            default: return nil
            }
            if let lo, n < lo { return nil }
            if let hi, n > hi { return nil }
            return .int(n)
        case (.number, .int), (.number, .number): return v
        case (.string, .string), (.boolean, .bool): return v
        case (.choice(let values, let aliases), .string(let s)):
            if values.contains(s) { return v }
            return aliases[s].map { .string($0) }
        case (.list(_, let single), .string): return single ? .array([v]) : nil
        case (.list, .array(let items)):
            return items.allSatisfy({ if case .string = $0 { return true } else { return false } }) ? v : nil
        case (.falseValue, .bool(false)): return v
        case (.either(let kinds), _):
            for k in kinds { if let ok = k.accept(v) { return ok } }
            return nil
        default: return nil
        }
    }
}

/// The options one method (or a family of methods) takes.
struct OptionsSchema: Sendable {
    let options: [OptionSpec]
    /// An example for "options must be a table such as {…}".
    let example: String

    init(example: String? = nil, _ options: [OptionSpec]) {
        self.options = options
        self.example = example ?? "{" + options.prefix(2).map { "\($0.name) = …" }.joined(separator: ", ") + "}"
    }

    static let none = OptionsSchema([])

    var names: [String] { options.map(\.name) }

    func spec(_ name: String) -> OptionSpec? { options.first { $0.name == name } }

    /// Only the options named, in this schema's order (hits:plot takes some of t:plot's).
    func only(_ names: [String]) -> OptionsSchema {
        OptionsSchema(options.filter { names.contains($0.name) })
    }
}
