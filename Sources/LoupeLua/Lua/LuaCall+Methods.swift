import CLua54
import CLuaShim

/// What a Lua call gave back: a Loupe object or a plain value.
enum CallResult {
    case object(AnyObject, typeName: String)
    case value(LuaValue)
}

extension LuaCall {
    /// Calls `object:name(...)` with this call's arguments from `first` on,
    /// protected (an error in the method is rethrown, never raised across
    /// Swift); returns its first result. The method is looked up by a tiny
    /// Lua function kept in the registry, as Lua itself would look it up.
    func callMethod(on object: AnyObject, typeName: String, _ name: String, forwardingFrom first: Int32) throws -> CallResult {
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
}

extension LuaCall {
    /// Calls the function at `function` with one Loupe object, protected; its first result.
    func callBack(_ function: Int32, object: AnyObject, typeName: String) throws -> LuaValue {
        let base = lua_gettop(L)
        defer { lua_settop(L, base) }
        lua_pushvalue(L, function)
        pushObject(object, typeName: typeName)
        if ls_docall(L, 1, 1) != LUA_OK {
            throw ScriptError(Self.withoutTraceback(optionalString(-1) ?? "error in callback"))
        }
        return value(-1)
    }
}

extension LuaCall {
    /// A callback's error rises through the caller, which adds its own traceback.
    static func withoutTraceback(_ message: String) -> String {
        guard let r = message.range(of: "\nstack traceback:") else { return message }
        return String(message[..<r.lowerBound])
    }
}

extension LuaCall {
    /// The string keys of the table at `i` whose values are functions (raw reads), sorted.
    func functionFieldNames(_ i: Int32) -> [String] {
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
