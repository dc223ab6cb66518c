import CLua54
import CLuaShim
import LoupeCore

/// A Swift closure callable from Lua. Retained by a Lua userdata upvalue,
/// released by its __gc.
final class FunctionBox {
    let name: String
    let isMethod: Bool
    let body: (LuaCall) throws -> Int32
    init(name: String, isMethod: Bool, body: @escaping (LuaCall) throws -> Int32) {
        self.name = name; self.isMethod = isMethod; self.body = body
    }
}

// C-convention callbacks: they never raise; they report LS_RAISE and let C raise.
private let dispatchSwift: ls_Dispatch = { L, box in
    guard let L, let box else { return LS_RAISE }
    let fn = Unmanaged<FunctionBox>.fromOpaque(box).takeUnretainedValue()
    do {
        let n = try fn.body(LuaCall(L: L, name: fn.name, isMethod: fn.isMethod))
        // A limit tripped while the function ran Lua code (a __tostring, a callback) and it
        // went on: its results are not to be trusted, and the chunk must stop anyway.
        // Its own pushes and the Swift memory its results hold count too (ls_hostmemtrip).
        if ls_hostmemtrip(L) == 0, ls_stopreason(L) == nil { return n }
        lua_pushstring(L, ls_tripinterrupt(L))
    } catch {
        // A limit, Ctrl-C or the deadline stopped the Swift work (Interruption.check()
        // threw), or stopped a Lua callback it made: raise the limit's own message, and
        // keep it tripped (sticky hook) so the script's pcall cannot swallow it.
        if error is Interrupted || ls_stopreason(L) != nil {
            lua_pushstring(L, ls_tripinterrupt(L))
        } else if let e = error as? ScriptError {
            lua_pushstring(L, e.message)
        } else {
            lua_pushstring(L, "\(fn.name): \(error)")
        }
    }
    return LS_RAISE
}

private let releaseSwift: ls_Release = { box in
    guard let box else { return }
    Unmanaged<AnyObject>.fromOpaque(box).release()
}

/// Limits for one state. Zero means none.
public struct LuaLimits: Sendable {
    public var memoryBytes: Int = 0
    public var instructions: Int64 = 0
    public var timeMilliseconds: Int = 0
    public init(memoryBytes: Int = 0, instructions: Int64 = 0, timeMilliseconds: Int = 0) {
        self.memoryBytes = memoryBytes; self.instructions = instructions; self.timeMilliseconds = timeMilliseconds
    }
}

/// One Lua state. The only place, with LuaCall and LuaClass, that calls lua_* directly.
/// Not thread-safe: use it from one thread.
final class LuaVM {
    let L: OpaquePointer
    private let limits: UnsafeMutablePointer<ls_Limits>
    /// Registered Swift classes by metatable name.
    var classes: [String: LuaClassInfo] = [:]

    init(limits config: LuaLimits) throws {
        limits = .allocate(capacity: 1)
        limits.initialize(to: ls_Limits())
        limits.pointee.mem_limit = config.memoryBytes
        limits.pointee.time_limit_ms = config.timeMilliseconds
        guard let L = ls_newstate(limits) else {
            limits.deallocate()
            throw ScriptError("cannot create a Lua state (out of memory)")
        }
        self.L = L
        ls_setcallbacks(dispatchSwift, releaseSwift)
        _ = LuaVM.probeInstalled
        ls_sethooklimits(L, config.instructions, 1000)
        luaL_openlibs(L)
        ls_openlimitedlibs(L)   // interruptible string.find/match/gmatch/gsub, table.insert/remove/move/concat/unpack/sort
    }

    /// Long Swift-side work (LoupeCore's loops calling Interruption.check()) stops on
    /// Ctrl-C, the deadline, or a tripped limit of the scope running on its thread.
    /// Installed once per process; the C side reads only thread-local and atomic state.
    private static let probeInstalled: Bool = {
        Interruption.probe = { ls_interrupt_pending() != 0 }
        MemoryBudget.probe = { ls_hostreserve($0) != 0 }
        return true
    }()

    deinit {
        lua_close(L)          // runs every __gc: releases all boxes
        limits.deinitialize(count: 1)
        limits.deallocate()
    }

    static var luaRelease: String { String(cString: ls_luarelease()) }

    /// The most memory this state has counted at once against --memory: Lua's
    /// allocations plus the Swift memory its objects hold (tests check the limit held).
    var memoryPeak: Int { Int(limits.pointee.mem_peak) }

    /// Set while Ctrl-C or the deadline asks long Swift-side work to stop.
    var cancelRequested: Bool { limits.pointee.cancel != 0 }

    // MARK: stack (none of these can raise: raw access, host-mode allocator)

    var top: Int32 { lua_gettop(L) }
    func setTop(_ n: Int32) { lua_settop(L, n) }
    func pop(_ n: Int32 = 1) { ls_pop(L, n) }

    func pushFunction(_ name: String, isMethod: Bool = false, _ body: @escaping (LuaCall) throws -> Int32) {
        let box = FunctionBox(name: name, isMethod: isMethod, body: body)
        ls_pushswiftfunction(L, Unmanaged.passRetained(box).toOpaque())
    }

    func push(_ value: LuaValue) { LuaCall(L: L, name: "", isMethod: false).push(value) }

    /// t[key] = value on the table at `table` (raw: no metamethods).
    func setField(_ table: Int32, _ key: String, push value: () -> Void) {
        let t = lua_absindex(L, table)
        lua_pushstring(L, key)
        value()
        lua_rawset(L, t)
    }

    func newTable() { lua_createtable(L, 0, 0) }

    func pushGlobals() { ls_pushglobaltable(L) }

    func pushCFunction(_ f: lua_CFunction) { lua_pushcclosure(L, f, 0) }

    /// lua.c's `arg`: items[0] at index 0, the rest at 1...n.
    func pushArgTable(_ items: [String]) {
        lua_createtable(L, Int32(clamping: items.count), 1)
        let call = LuaCall(L: L, name: "", isMethod: false)
        for (i, s) in items.enumerated() {
            call.pushString(s)
            lua_rawseti(L, -2, lua_Integer(i))
        }
    }

    /// String keys of the table at idx, sorted (raw traversal: no metamethods).
    func stringKeys(_ idx: Int32) -> [String] {
        let t = lua_absindex(L, idx)
        let call = LuaCall(L: L, name: "", isMethod: false)
        var keys: [String] = []
        lua_pushnil(L)
        while lua_next(L, t) != 0 {
            if let k = call.stringKey(-2) { keys.append(k) }
            pop()
        }
        return keys.sorted()
    }

    /// A registry reference to the value on top (popped).
    func ref() -> Int32 { luaL_ref(L, ls_registryindex()) }
    func pushRef(_ r: Int32) { lua_rawgeti(L, ls_registryindex(), lua_Integer(r)) }

    // MARK: loading and calling

    /// Compile text (never binary); the function is left on top. `env` is a registry ref.
    func load(_ code: String, chunkName: String, env: Int32?) throws {
        try load(Array(code.utf8), chunkName: chunkName, env: env)
    }

    func load(_ code: [UInt8], chunkName: String, env: Int32?) throws {
        var envIndex: Int32 = 0
        if let env { pushRef(env); envIndex = top }
        let st = code.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) { ls_loadtext(L, $0.baseAddress, $0.count, chunkName, envIndex) }
        }
        if envIndex != 0 { lua_remove_checked(envIndex) }
        if st != LUA_OK { throw popError(st) }
    }

    private func lua_remove_checked(_ idx: Int32) { ls_remove(L, idx) }

    /// Call the function below `nargs` arguments on top (protected, limits armed).
    /// Returns the number of results left on the stack.
    @discardableResult
    func call(nargs: Int32 = 0, results: Int32 = LUA_MULTRET) throws -> Int32 {
        let base = top - nargs - 1
        let st = ls_docall(L, nargs, results)
        if st != LUA_OK { throw popError(st, limit: Self.limit(ls_laststop(L))) }
        return top - base
    }

    /// Runs `body` as one chunk for the limits: every call and tostring inside it
    /// shares one deadline, instruction budget, memory allowance and Ctrl-C
    /// (the chunk of a REPL entry and the display of its result, for example).
    func asOneChunk<T>(_ body: () throws -> T) rethrows -> T {
        ls_beginscope(L)
        defer { ls_endscope(L) }
        return try body()
    }

    /// The value at idx as Swift sees it (tables converted, depth-limited).
    func value(_ idx: Int32) -> LuaValue { LuaCall(L: L, name: "", isMethod: false).value(idx) }

    /// Whether the value at idx is nil (or absent).
    func isNil(_ idx: Int32) -> Bool { ls_isnoneornil(L, idx) != 0 }

    /// The message of the limit that has stopped the current chunk, if one has.
    var stopReason: String? { ls_stopreason(L).map { String(cString: $0) } }

    /// tostring() of the value at idx, protected (runs __tostring safely).
    func safeToString(_ idx: Int32) -> String {
        var len = 0
        let p = ls_safetostring(L, idx, &len)
        let s = p.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: len), as: UTF8.self) } ?? "?"
        pop()
        return s
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
            var len = 0
            let p = lua_tolstring(L, -1, &len)!
            text = String(decoding: UnsafeRawBufferPointer(start: p, count: len), as: UTF8.self)
        } else {
            text = "(error object is a \(String(cString: lua_typename(L, lua_type(L, -1)))) value)"
        }
        pop()
        return LuaError(status: st, fullText: text, limit: limit)
    }

    // MARK: classes

    /// Creates the metatable for a Swift object type, wiring metamethods.
    func registerClass(_ typeName: String, metamethods: [(String, (LuaCall) throws -> Int32)]) {
        ls_classmeta(L, typeName)
        let meta = top
        for (name, body) in metamethods {
            setField(meta, name) { pushFunction(name, body) }
        }
        pop()
    }

    /// Pushes a Swift object as userdata of a registered type.
    func pushObject(_ object: AnyObject, typeName: String) {
        LuaCall(L: L, name: "", isMethod: false).pushObject(object, typeName: typeName)
    }
}
