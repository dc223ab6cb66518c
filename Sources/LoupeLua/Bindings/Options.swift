import LoupeCore
import LuaRuntime

/// The one reader of an options table (`{width = 40, min = 2}`), for every binding, through
/// the method's OptionsSchema: only known keys (an unknown one is an error naming the key, the
/// method, the nearest known key — "did you mean width?" — and the ones there are, so that a
/// misspelt option never passes silently as its default), each value of the kind the schema
/// allows (else an error naming the method, the option and what it allows). The accessors
/// give the value given, else the schema's default.
struct Options {
    let call: LuaStack
    let schema: OptionsSchema
    /// The options given, checked and normalized.
    private(set) var given: [(String, LuaValue)] = []

    init(_ call: LuaStack, _ i: Int32, _ schema: OptionsSchema) throws {
        let pairs: [(String, LuaValue)]
        switch try call.optionalTable(i) {
        case nil, .array([])?: pairs = []
        case .record(let p)?: pairs = p
        default:
            throw ScriptError(schema.options.isEmpty ? "\(call.name) takes no options"
                              : "\(call.name): options must be a table such as \(schema.example)")
        }
        try self.init(call, pairs: pairs, schema)
    }

    /// From pairs already read (a binding that adds options of its own before reading).
    init(_ call: LuaStack, pairs: [(String, LuaValue)], _ schema: OptionsSchema) throws {
        self.call = call
        self.schema = schema
        for (key, v) in pairs {
            guard let spec = schema.spec(key) else { throw Self.unknownKey(call.name, key, allowed: schema.names) }
            guard let ok = spec.accept(v) else {
                throw ScriptError("\(call.name): \(key) must be \(spec.allowedText), got \(Arguments.describe(v))")
            }
            given.append((key, ok))
        }
    }

    static func unknownKey(_ function: String, _ key: String, allowed: [String]) -> ScriptError {
        guard !allowed.isEmpty else { return ScriptError("\(function) takes no options (got '\(key)')") }
        let hint = Spelling.nearest(key, in: allowed).map { "; did you mean \($0)?" } ?? ""
        return ScriptError("\(function): unknown option '\(key)'\(hint) (options: \(allowed.joined(separator: ", ")))")
    }

    /// The value given (checked), or nil.
    subscript(key: String) -> LuaValue? { given.first { $0.0 == key }?.1 }

    /// The value given, else the default.
    func value(_ key: String) -> LuaValue? { self[key] ?? schema.spec(key)?.defaultValue }

    func int(_ key: String) -> Int? {
        if case .int(let n)? = value(key) { return n }
        return nil
    }

    func string(_ key: String) -> String? {
        if case .string(let s)? = value(key) { return s }
        return nil
    }

    func bool(_ key: String) -> Bool? {
        if case .bool(let b)? = value(key) { return b }
        return nil
    }

    /// A list of strings (a single string counts as a list of one where the schema allows it).
    func strings(_ key: String) -> [String]? {
        guard case .array(let items)? = value(key) else { return nil }
        return items.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
    }
}
