internal import CLua54
internal import CLuaShim

/// What a Lua call gave back: a Loupe object or a plain value.
public enum CallResult {
    case object(AnyObject, typeName: String)
    case value(LuaValue)
}

// MARK: loading and running chunks

extension LuaStack {
    /// Compiles text (never binary); the function is left on top. `env` is a registry
    /// reference to the table the chunk gets as _ENV (nil: the globals).
    public func load(_ code: String, chunkName: String, env: Int32?) throws {
        try load(Array(code.utf8), chunkName: chunkName, env: env)
    }

    public func load(_ code: [UInt8], chunkName: String, env: Int32?) throws {
        var envIndex: Int32 = 0
        if let env { pushRef(env); envIndex = top }
        let st = code.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) { ls_loadtext(L, $0.baseAddress, $0.count, chunkName, envIndex) }
        }
        if envIndex != 0 { ls_remove(L, envIndex) }
        if st != LUA_OK { throw popError(st) }
    }

    /// Calls the function below `nargs` arguments on top (protected, limits armed) and
    /// returns the number of results it left (`results`, or all of them when nil).
    @discardableResult
    public func call(nargs: Int32 = 0, results: Int32? = nil) throws -> Int32 {
        let base = top - nargs - 1
        let st = ls_docall(L, nargs, results ?? LUA_MULTRET)
        if st != LUA_OK { throw popError(st, limit: Self.limit(ls_laststop(L))) }
        return top - base
    }

    static func limit(_ code: Int32) -> LuaError.Limit? {
        switch code {
        case Int32(LS_STOP_TIME): return .time
        case Int32(LS_STOP_MEMORY): return .memory
        case Int32(LS_STOP_INSTRUCTIONS): return .instructions
        case Int32(LS_STOP_INTERRUPT): return .interrupted
        default: return nil
        }
    }

    private func popError(_ st: Int32, limit: LuaError.Limit? = nil) -> LuaError {
        let text: String
        if lua_type(L, -1) == LUA_TSTRING {
            text = optionalString(-1) ?? ""
        } else {
            text = "(error object is a \(String(cString: lua_typename(L, lua_type(L, -1)))) value)"
        }
        pop()
        return LuaError(status: st, fullText: text, limit: limit)
    }
}

// MARK: calling back into Lua from a Swift function

extension LuaStack {
    /// Calls `object:name(...)` with this call's arguments from `first` on,
    /// protected (an error in the method is rethrown, never raised across
    /// Swift); returns its first result. The method is looked up by a tiny
    /// Lua function kept in the registry, as Lua itself would look it up.
    public func callMethod(on object: AnyObject, typeName: String, _ name: String, forwardingFrom first: Int32) throws -> CallResult {
        let base = lua_gettop(L)
        defer { lua_settop(L, base) }
        guard pushMethodCaller() else { throw ScriptError("\(self.name): out of memory") }
        pushObject(object, typeName: typeName)
        pushString(name)
        var n: Int32 = 2
        if first <= base { for i in first...base { lua_pushvalue(L, i); n += 1 } }
        if ls_docall(L, n, 1) != LUA_OK {
            throw ScriptError(Self.withoutTraceback(optionalString(-1) ?? "error in \(name)"))
        }
        if let (o, t) = anyObject(-1) { return .object(o, typeName: t) }
        return .value(value(-1))
    }

    private static let callerKey = "loupe.methodcaller"

    /// Pushes `function(o, name, ...) return o[name](o, ...) end` (no globals used).
    private func pushMethodCaller() -> Bool {
        pushString(Self.callerKey)
        if lua_rawget(L, ls_registryindex()) == LUA_TFUNCTION { return true }
        ls_pop(L, 1)
        let source = "local o, name = ... return (function(_, _, ...) return o[name](o, ...) end)(...)"
        guard luaL_loadstring(L, source) == LUA_OK else { ls_pop(L, 1); return false }
        pushString(Self.callerKey)
        lua_pushvalue(L, -2)
        lua_rawset(L, ls_registryindex())
        return true
    }

    /// Calls the function at `function` with one Loupe object, protected; its first result.
    public func callBack(_ function: Int32, object: AnyObject, typeName: String) throws -> LuaValue {
        let base = lua_gettop(L)
        defer { lua_settop(L, base) }
        lua_pushvalue(L, function)
        pushObject(object, typeName: typeName)
        if ls_docall(L, 1, 1) != LUA_OK {
            throw ScriptError(Self.withoutTraceback(optionalString(-1) ?? "error in callback"))
        }
        return value(-1)
    }

    /// A callback's error rises through the caller, which adds its own traceback.
    static func withoutTraceback(_ message: String) -> String {
        guard let r = message.range(of: "\nstack traceback:") else { return message }
        return String(message[..<r.lowerBound])
    }

    /// The string keys of the table at `i` whose values are functions (raw reads), sorted.
    public func functionFieldNames(_ i: Int32) -> [String] {
        guard lua_type(L, i) == LUA_TTABLE else { return [] }
        let t = lua_absindex(L, i)
        var names: [String] = []
        lua_pushnil(L)
        while lua_next(L, t) != 0 {
            if lua_type(L, -2) == LUA_TSTRING, lua_type(L, -1) == LUA_TFUNCTION, let k = optionalString(-2) { names.append(k) }
            ls_pop(L, 1)
        }
        return names.sorted()
    }
}
