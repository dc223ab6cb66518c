internal import CLua54
internal import CLuaShim

/// How a Swift class looks from Lua: its methods, its fields (non-method keys),
/// its length and its text. Registered once per state with `LuaState.register`.
public struct LuaClass<T: AnyObject> {
    /// Metatable name; also what error messages call it ("loupe.Corpus" → "Corpus").
    public let typeName: String
    /// The variable name used in hints: "corpus" in "call it with a colon, corpus:count(...)".
    public let variable: String
    public private(set) var methods: [(String, (T, LuaStack) throws -> Int32)] = []
    /// Keys that are not methods (the key is argument 2); returns the number of values pushed.
    public var index: ((T, LuaStack) throws -> Int32)?
    public var length: ((T) -> Int)?
    public var describe: (T) -> String
    public var equals: ((T, T) -> Bool)?
    /// Names the `index` function answers (for completion and help).
    public var fields: [String] = []

    public init(_ typeName: String, variable: String, describe: @escaping (T) -> String) {
        self.typeName = typeName; self.variable = variable; self.describe = describe
    }

    public mutating func method(_ name: String, _ body: @escaping (T, LuaStack) throws -> Int32) {
        methods.append((name, body))
    }

    public var methodNames: [String] { methods.map(\.0).sorted() }
}

/// What completion needs to know of a registered class.
public struct LuaClassInfo: Sendable {
    public let methods: [String]
    public let fields: [String]
}

extension LuaState {
    /// Creates the class's metatable. Methods sit in a plain table that is the
    /// metatable's __index (or is looked in first by a small Lua function when the
    /// class has fields), so `corpus:count(…)` finds its method without entering Swift.
    public func register<T: AnyObject>(_ cls: LuaClass<T>) {
        classes[cls.typeName] = LuaClassInfo(methods: cls.methodNames, fields: cls.fields)
        let s = stack
        let base = s.top
        defer { s.setTop(base) }
        ls_classmeta(L, cls.typeName)
        let meta = s.top
        lua_createtable(L, 0, Int32(clamping: cls.methods.count))
        let methods = s.top
        for (name, body) in cls.methods {
            s.setField(methods, name) {
                s.pushFunction(name, isMethod: true) { call in
                    try body(try call.receiver(T.self, typeName: cls.typeName, variable: cls.variable), call)
                }
            }
        }
        if let index = cls.index {
            s.setField(meta, "__index") {
                let factory = "local methods, fields = ... return function(o, k) local m = methods[k] if m ~= nil then return m end return fields(o, k) end"
                guard luaL_loadstring(L, factory) == LUA_OK else { return }   // out of memory at start-up: the pushed error stands in
                lua_pushvalue(L, methods)
                s.pushFunction("__index") { call in
                    guard let object = call.object(1, T.self, typeName: cls.typeName) else { return 0 }
                    return try index(object, call)
                }
                if ls_docall(L, 2, 1) != LUA_OK { return }
            }
        } else {
            s.setField(meta, "__index") { lua_pushvalue(L, methods) }
        }
        s.setField(meta, "__tostring") {
            s.pushFunction("__tostring") { call in
                guard let object = call.object(1, T.self, typeName: cls.typeName) else { return 0 }
                call.pushString(cls.describe(object))
                return 1
            }
        }
        if let length = cls.length {
            s.setField(meta, "__len") {
                s.pushFunction("__len") { call in
                    guard let object = call.object(1, T.self, typeName: cls.typeName) else { return 0 }
                    call.push(.int(length(object)))
                    return 1
                }
            }
        }
        s.setField(meta, "__eq") {
            s.pushFunction("__eq") { call in
                guard let a = call.object(1, T.self, typeName: cls.typeName),
                      let b = call.object(2, T.self, typeName: cls.typeName) else { call.push(.bool(false)); return 1 }
                call.push(.bool(a === b || cls.equals?(a, b) == true))
                return 1
            }
        }
    }
}
