internal import CLua54
internal import CLuaShim

/// What a dotted name such as `corpus` or `string` or `loupe.stats` refers to,
/// found with raw lookups only (no metamethods run while completing).
public enum PathTarget: Equatable {
    case table(keys: [String])
    case object(typeName: String)
    case other
    case missing
}

extension LuaState {
    /// Resolves `path` (identifiers) starting from the table referenced by `env`.
    public func lookup(_ path: [String], env: Int32) -> PathTarget {
        let call = stack
        let base = call.top
        defer { call.setTop(base) }
        call.pushRef(env)
        for name in path {
            guard lua_type(L, -1) == LUA_TTABLE else { return .missing }
            call.pushString(name)
            lua_rawget(L, -2)
            ls_remove(L, -2)
        }
        switch lua_type(L, -1) {
        case LUA_TTABLE: return .table(keys: call.stringKeys(-1))
        case LUA_TUSERDATA:
            if let (_, name) = call.anyObject(-1) { return .object(typeName: name) }
            return .other
        case LUA_TNIL: return .missing
        default: return .other
        }
    }
}
