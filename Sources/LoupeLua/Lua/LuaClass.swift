/// How a Swift class looks from Lua: its methods, its fields (non-method keys),
/// its length and its text. Registered once per state with `LuaVM.register`.
struct LuaClass<T: AnyObject> {
    /// Metatable name; also what error messages call it ("loupe.Corpus" → "Corpus").
    let typeName: String
    /// The variable name used in hints: "corpus" in "call it with a colon, corpus:count(...)".
    let variable: String
    var methods: [(String, (T, LuaCall) throws -> Int32)] = []
    /// Keys that are not methods (the key is argument 2); returns the number of values pushed.
    var index: ((T, LuaCall) throws -> Int32)?
    var length: ((T) -> Int)?
    var describe: (T) -> String
    var equals: ((T, T) -> Bool)?
    /// Names the `index` function answers (for completion and help).
    var fields: [String] = []

    init(_ typeName: String, variable: String, describe: @escaping (T) -> String) {
        self.typeName = typeName; self.variable = variable; self.describe = describe
    }

    mutating func method(_ name: String, _ body: @escaping (T, LuaCall) throws -> Int32) {
        methods.append((name, body))
    }

    var methodNames: [String] { methods.map(\.0).sorted() }
}

/// What completion needs to know of a registered class.
struct LuaClassInfo {
    let methods: [String]
    let fields: [String]
}

extension LuaVM {
    func register<T: AnyObject>(_ cls: LuaClass<T>) {
        classes[cls.typeName] = LuaClassInfo(methods: cls.methodNames, fields: cls.fields)
        newTable()
        let table = top
        for (name, body) in cls.methods {
            setField(table, name) {
                pushFunction(name, isMethod: true) { call in
                    try body(try call.receiver(T.self, typeName: cls.typeName, variable: cls.variable), call)
                }
            }
        }
        let methodsRef = ref()
        var meta: [(String, (LuaCall) throws -> Int32)] = []
        meta.append(("__index", { call in
            guard let object = call.object(1, T.self, typeName: cls.typeName) else { return 0 }
            if let key = call.stringKey(2) {
                call.pushRef(methodsRef)
                if call.replaceTopWithField(key) { return 1 }
            }
            return try cls.index?(object, call) ?? 0
        }))
        meta.append(("__tostring", { call in
            guard let object = call.object(1, T.self, typeName: cls.typeName) else { return 0 }
            call.pushString(cls.describe(object))
            return 1
        }))
        if let length = cls.length {
            meta.append(("__len", { call in
                guard let object = call.object(1, T.self, typeName: cls.typeName) else { return 0 }
                call.push(.int(length(object)))
                return 1
            }))
        }
        meta.append(("__eq", { call in
            guard let a = call.object(1, T.self, typeName: cls.typeName),
                  let b = call.object(2, T.self, typeName: cls.typeName) else { call.push(.bool(false)); return 1 }
            call.push(.bool(a === b || cls.equals?(a, b) == true))
            return 1
        }))
        registerClass(cls.typeName, metamethods: meta)
    }
}
