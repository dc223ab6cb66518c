internal import CLua54
internal import CLuaShim
internal import LoupeCore

/// A Lua state's stack, the one way Swift reads and writes Lua values. A Swift
/// function called from Lua gets one naming the function: its arguments are at
/// 1...argumentCount, and what it pushes are its results. Reads are raw (no
/// metamethods), so nothing here can raise a Lua error; bad arguments throw
/// ScriptError, and the calls that run Lua code (`call`, `callBack`) are protected.
public struct LuaStack {
    let L: OpaquePointer
    /// The function's name as scripts call it, for error messages ("" outside a call).
    public let name: String
    /// Called as obj:name(...): argument 1 is self, user-visible numbers start at 2.
    let isMethod: Bool

    init(L: OpaquePointer, name: String, isMethod: Bool) { self.L = L; self.name = name; self.isMethod = isMethod }

    // MARK: the stack

    public var top: Int32 { lua_gettop(L) }
    public func setTop(_ n: Int32) { lua_settop(L, n) }
    public func pop(_ n: Int32 = 1) { ls_pop(L, n) }
    /// The index `i` as counted from the bottom (negative indices are relative to the top).
    public func absolute(_ i: Int32) -> Int32 { lua_absindex(L, i) }

    public var argumentCount: Int32 { lua_gettop(L) }

    /// A class's name as messages say it: "loupe.Corpus" → "Corpus".
    static func shortName(_ typeName: String) -> String {
        typeName.split(separator: ".").last.map(String.init) ?? typeName
    }

    public func isNone(_ i: Int32) -> Bool { ls_isnoneornil(L, i) != 0 }

    public func typeName(_ i: Int32) -> String {
        if let (_, tname) = anyObject(i) { return Self.shortName(tname) }
        return String(cString: lua_typename(L, lua_type(L, i)))
    }

    public func argumentError(_ i: Int32, _ expected: String) -> ScriptError {
        let shown = isMethod ? i - 1 : i
        return ScriptError("bad argument #\(shown) to '\(name)' (\(expected) expected, got \(isNone(i) && i > argumentCount ? "no value" : typeName(i)))")
    }

    // MARK: arguments

    public func string(_ i: Int32) throws -> String {
        guard let s = optionalString(i) else { throw argumentError(i, "string") }
        return s
    }

    public func optionalString(_ i: Int32) -> String? {
        let t = lua_type(L, i)
        guard t == LUA_TSTRING || t == LUA_TNUMBER else { return nil }
        lua_pushvalue(L, i)            // convert a copy: lua_tolstring changes a number slot in place
        var len = 0
        let p = lua_tolstring(L, -1, &len)!
        let s = String(decoding: UnsafeRawBufferPointer(start: p, count: len), as: UTF8.self)
        ls_pop(L, 1)
        return s
    }

    public func integer(_ i: Int32) throws -> Int {
        var isnum: Int32 = 0
        let v = ls_tointegerx(L, i, &isnum)
        guard isnum != 0, lua_type(L, i) == LUA_TNUMBER else { throw argumentError(i, "integer") }
        return Int(v)
    }

    public func optionalInteger(_ i: Int32) throws -> Int? {
        isNone(i) ? nil : try integer(i)
    }

    /// A table argument as a LuaValue (string keys and sequences, nested up to a few levels).
    public func table(_ i: Int32) throws -> LuaValue {
        guard lua_type(L, i) == LUA_TTABLE else { throw argumentError(i, "table") }
        return value(i)
    }

    public func optionalTable(_ i: Int32) throws -> LuaValue? {
        isNone(i) ? nil : try table(i)
    }

    /// Any argument converted to a LuaValue (raw reads; depth-limited, so cycles are safe).
    public func value(_ i: Int32, depth: Int = 0) -> LuaValue {
        switch lua_type(L, i) {
        case LUA_TNIL, LUA_TNONE: return .nil
        case LUA_TBOOLEAN: return .bool(lua_toboolean(L, i) != 0)
        case LUA_TNUMBER:
            if lua_isinteger(L, i) != 0 { var ok: Int32 = 0; return .int(Int(ls_tointegerx(L, i, &ok))) }
            var ok: Int32 = 0
            return .number(ls_tonumberx(L, i, &ok))
        case LUA_TSTRING: return .string(optionalString(i) ?? "")
        case LUA_TTABLE:
            guard depth < 8 else { return .opaque("table") }
            return readTable(lua_absindex(L, i), depth: depth)
        default:
            return .opaque(typeName(i))
        }
    }

    private func readTable(_ t: Int32, depth: Int) -> LuaValue {
        let n = Int(lua_rawlen(L, t))
        var array: [LuaValue] = []
        var record: [(String, LuaValue)] = []
        lua_pushnil(L)
        while lua_next(L, t) != 0 {
            if lua_type(L, -2) == LUA_TSTRING, let k = optionalString(-2) {
                record.append((k, value(-1, depth: depth + 1)))
            }   // integer keys 1...n are read below, in order; other keys are not converted
            ls_pop(L, 1)
        }
        if n > 0 {
            for k in 1...n {
                lua_rawgeti(L, t, lua_Integer(k))
                array.append(value(-1, depth: depth + 1))
                ls_pop(L, 1)
            }
        }
        if record.isEmpty { return .array(array) }
        record.sort { $0.0 < $1.0 }
        for (k, v) in array.enumerated() { record.append((String(k + 1), v)) }
        return .record(record)
    }

    /// The Swift object at argument i if it has the given type.
    public func object<T: AnyObject>(_ i: Int32, _ type: T.Type, typeName: String) -> T? {
        guard let p = ls_toswiftobject(L, i, typeName) else { return nil }
        return Unmanaged<AnyObject>.fromOpaque(p).takeUnretainedValue() as? T
    }

    /// self for a method, with a hint when the method was called with '.' instead of ':'.
    public func receiver<T: AnyObject>(_ type: T.Type, typeName: String, variable: String) throws -> T {
        guard let o = object(1, type, typeName: typeName) else {
            throw ScriptError("'\(name)' needs a \(Self.shortName(typeName)): call it with a colon, \(variable):\(name)(...)")
        }
        return o
    }

    /// The Swift object at i, of any registered type, and its type's name.
    public func anyObject(_ i: Int32) -> (AnyObject, String)? {
        var tname: UnsafePointer<CChar>?
        guard let p = ls_toanyswiftobject(L, i, &tname), let tname else { return nil }
        return (Unmanaged<AnyObject>.fromOpaque(p).takeUnretainedValue(), String(cString: tname))
    }

    /// True once a limit, Ctrl-C or the deadline has stopped the chunk, for example while
    /// safeToString or a callback ran Lua code: the function should stop (throw `Interrupted`;
    /// the dispatcher raises the limit's own message in any case).
    public var limitTripped: Bool { ls_stopreason(L) != nil }

    /// tostring() of argument i, protected: a failing __tostring gives a placeholder.
    public func safeToString(_ i: Int32) -> String {
        var len = 0
        let p = ls_safetostring(L, i, &len)
        let s = p.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: len), as: UTF8.self) } ?? "?"
        ls_pop(L, 1)
        return s
    }

    // MARK: results

    public func push(_ v: LuaValue) {
        var pushed = 0
        push(v, counting: &pushed)
    }

    /// Polls the limits every `pollMask + 1` values pushed: host pushes are never
    /// refused memory, but they count, and a large result stops as it grows past
    /// --memory (or the deadline, or Ctrl-C) instead of after it is whole.
    static let pollMask = 0xFFF

    /// Pushes `v`; once a limit has stopped the chunk, the rest of a large table is
    /// left out (the dispatcher raises the limit's message when the function returns).
    private func push(_ v: LuaValue, counting pushed: inout Int) {
        lua_checkstack(L, 4)
        pushed &+= 1
        if pushed & Self.pollMask == 0, Interruption.requested { pushed = -1 }
        switch v {
        case .nil, .opaque: lua_pushnil(L)
        case .bool(let b): lua_pushboolean(L, b ? 1 : 0)
        case .int(let i): lua_pushinteger(L, lua_Integer(i))
        case .number(let d): lua_pushnumber(L, d)
        case .string(let s): pushString(s)
        case .array(let items):
            lua_createtable(L, Int32(clamping: items.count), 0)
            for (k, item) in items.enumerated() where pushed >= 0 {
                push(item, counting: &pushed)
                lua_rawseti(L, -2, lua_Integer(k + 1))
            }
        case .record(let pairs):
            lua_createtable(L, 0, Int32(clamping: pairs.count))
            for (k, item) in pairs where pushed >= 0 {
                pushString(k)
                push(item, counting: &pushed)
                lua_rawset(L, -3)
            }
        }
    }

    /// Pushes a sequence of `count` values made one at a time by `pushItem(k)` (which
    /// pushes exactly one value), so a large result is never built whole in Swift
    /// first; polls the limits as it grows (throws `Interrupted`).
    public func pushSequence(count: Int, _ pushItem: (Int) throws -> Void) throws {
        lua_createtable(L, Int32(clamping: min(count, 1 << 16)), 0)
        for k in 0..<max(0, count) {
            if k & Self.pollMask == Self.pollMask { try Interruption.check() }
            lua_checkstack(L, 8)
            try pushItem(k)
            lua_rawseti(L, -2, lua_Integer(k + 1))
        }
    }

    /// Pushes a table of string keys; `fields` pushes each value with `field(key) { push… }`.
    public func pushRecord(capacity: Int, _ fields: (_ field: (String, () -> Void) -> Void) -> Void) {
        lua_createtable(L, 0, Int32(clamping: capacity))
        let t = lua_gettop(L)
        fields { key, value in
            pushString(key)
            value()
            lua_rawset(L, t)
        }
    }

    public func pushInteger(_ i: Int) { lua_pushinteger(L, lua_Integer(i)) }

    public func pushString(_ s: String) {
        var s = s
        s.withUTF8 { buf in _ = lua_pushlstring(L, buf.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }, buf.count) }
    }

    public func pushObject(_ object: AnyObject, typeName: String) {
        let held = (object as? HoldsMemory)?.heldBytes ?? 0
        if held > 0 {
            ls_pushswiftobjectheld(L, Unmanaged.passRetained(object).toOpaque(), typeName, held)
        } else {
            ls_pushswiftobject(L, Unmanaged.passRetained(object).toOpaque(), typeName)
        }
    }

    /// Pushes a Swift closure as a Lua function; `isMethod` numbers its arguments from self.
    public func pushFunction(_ name: String, isMethod: Bool = false, _ body: @escaping (LuaStack) throws -> Int32) {
        let box = FunctionBox(name: name, isMethod: isMethod, body: body)
        ls_pushswiftfunction(L, Unmanaged.passRetained(box).toOpaque())
    }

    /// lua.c's `arg`: items[0] at index 0, the rest at 1...n.
    public func pushArgTable(_ items: [String]) {
        lua_createtable(L, Int32(clamping: items.count), 1)
        for (i, s) in items.enumerated() {
            pushString(s)
            lua_rawseti(L, -2, lua_Integer(i))
        }
    }

    // MARK: tables (raw: no metamethods)

    /// t[k] = top of stack (popped), for the table at `table`.
    public func setIndex(_ table: Int32, _ k: Int) {
        lua_rawseti(L, table, lua_Integer(k))
    }

    /// t[key] = the value `value` pushes, for the table at `table`.
    public func setField(_ table: Int32, _ key: String, _ value: () -> Void) {
        let t = lua_absindex(L, table)
        pushString(key)
        value()
        lua_rawset(L, t)
    }

    /// String keys of the table at `i`, sorted.
    public func stringKeys(_ i: Int32) -> [String] {
        let t = lua_absindex(L, i)
        var keys: [String] = []
        lua_pushnil(L)
        while lua_next(L, t) != 0 {
            if let k = stringKey(-2) { keys.append(k) }
            ls_pop(L, 1)
        }
        return keys.sorted()
    }

    /// The line of the Lua code that called this function, if it was called from Lua.
    public func callerLine() -> Int? {
        var ar = lua_Debug()
        guard lua_getstack(L, 1, &ar) != 0, lua_getinfo(L, "l", &ar) != 0, ar.currentline > 0 else { return nil }
        return Int(ar.currentline)
    }

    /// Gives the table at i the metatable registered as `name`, made by `fill` (given the new
    /// metatable's index) the first time the state asks: tables of one kind share one metatable.
    public func setMetatable(_ i: Int32, name: String, fill: (Int32) -> Void) {
        let t = lua_absindex(L, i)
        if luaL_newmetatable(L, name) != 0 { fill(lua_gettop(L)) }
        lua_setmetatable(L, t)
    }

    /// A registry reference to the value at i (kept until the state closes); the stack is unchanged.
    public func ref(_ i: Int32) -> Int32 {
        lua_pushvalue(L, i)
        return luaL_ref(L, ls_registryindex())
    }

    /// Pushes field `key` of the table at i.
    public func pushField(_ i: Int32, _ key: String) {
        let t = lua_absindex(L, i)
        pushString(key)
        lua_rawget(L, t)
    }

    public func isFunction(_ i: Int32) -> Bool { lua_type(L, i) == LUA_TFUNCTION }
    public func isTable(_ i: Int32) -> Bool { lua_type(L, i) == LUA_TTABLE }

    /// Pushes a value from a registry reference.
    public func pushRef(_ r: Int32) { lua_rawgeti(L, ls_registryindex(), lua_Integer(r)) }

    /// The string at i if it is a string (no number conversion).
    public func stringKey(_ i: Int32) -> String? { lua_type(L, i) == LUA_TSTRING ? optionalString(i) : nil }
    public func integerKey(_ i: Int32) -> Int? {
        guard lua_type(L, i) == LUA_TNUMBER, lua_isinteger(L, i) != 0 else { return nil }
        var ok: Int32 = 0
        return Int(ls_tointegerx(L, i, &ok))
    }

    /// Calls the function at `function` with `args` LuaValues, protected; returns its first result.
    /// Used for user callbacks (filters, sorters); an error in the callback is rethrown.
    public func callBack(_ function: Int32, args: [LuaValue]) throws -> LuaValue {
        lua_pushvalue(L, function)
        for a in args { push(a) }
        let st = ls_docall(L, Int32(args.count), 1)
        if st != LUA_OK {
            let msg = optionalString(-1) ?? "error in callback"
            ls_pop(L, 1)
            throw ScriptError(msg)
        }
        let v = value(-1)
        ls_pop(L, 1)
        return v
    }
}
