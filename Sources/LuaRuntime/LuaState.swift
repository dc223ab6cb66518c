internal import CLua54
internal import CLuaShim
internal import LoupeCore

/// Limits for one state. Zero means none.
public struct LuaLimits: Sendable {
    public var memoryBytes: Int = 0
    public var instructions: Int64 = 0
    public var timeMilliseconds: Int = 0
    public init(memoryBytes: Int = 0, instructions: Int64 = 0, timeMilliseconds: Int = 0) {
        self.memoryBytes = memoryBytes; self.instructions = instructions; self.timeMilliseconds = timeMilliseconds
    }
}

/// One Lua state: its lifetime, its limits and the Swift classes registered in it.
/// Everything done on its stack goes through `stack` (LuaStack). Not thread-safe:
/// use a state from one thread at a time.
public final class LuaState {
    let L: OpaquePointer
    private let limits: UnsafeMutablePointer<ls_Limits>
    /// Registered Swift classes by metatable name (what completion and help ask).
    public internal(set) var classes: [String: LuaClassInfo] = [:]

    public init(limits config: LuaLimits) throws {
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
        _ = LuaState.probeInstalled
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

    /// The stack, as code outside any Swift function called from Lua uses it.
    public var stack: LuaStack { LuaStack(L: L, name: "", isMethod: false) }

    /// "Lua 5.4.6".
    public static var release: String { String(cString: ls_luarelease()) }

    /// The most memory this state has counted at once against --memory: Lua's
    /// allocations plus the Swift memory its objects hold (tests check the limit held).
    public var memoryPeak: Int { Int(limits.pointee.mem_peak) }

    /// Set while Ctrl-C or the deadline asks long Swift-side work to stop.
    public var cancelRequested: Bool { limits.pointee.cancel != 0 }

    /// Runs `body` as one chunk for the limits: every call and tostring inside it
    /// shares one deadline, instruction budget, memory allowance and Ctrl-C
    /// (the chunk of a REPL entry and the display of its result, for example).
    public func asOneChunk<T>(_ body: () throws -> T) rethrows -> T {
        ls_beginscope(L)
        defer { ls_endscope(L) }
        return try body()
    }

    /// The message of the limit that has stopped the current chunk, if one has.
    public var stopReason: String? { ls_stopreason(L).map { String(cString: $0) } }

    /// Pushes the environment untrusted chunks get as _ENV: `prelude` (trusted, run
    /// with the full library: `sandboxPrelude`) is called with the globals, the
    /// limits' two primitives and the host table `pushHost` pushes, and returns it.
    public func pushSandboxEnvironment(prelude: String, pushHost: (LuaStack) -> Void) throws {
        let s = stack
        try s.load(prelude, chunkName: "=sandbox", env: nil)
        ls_pushglobaltable(L)
        lua_pushcclosure(L, ls_tripped, 0)
        lua_pushcclosure(L, ls_hookthread, 0)
        pushHost(s)
        try s.call(nargs: 4, results: 1)
    }

    /// Pushes the global table (the unsandboxed environment, for --unsafe).
    public func pushGlobals() { ls_pushglobaltable(L) }
}

// MARK: Swift functions in Lua

/// A Swift closure callable from Lua. Retained by a Lua userdata upvalue,
/// released by its __gc.
final class FunctionBox {
    let name: String
    let isMethod: Bool
    let body: (LuaStack) throws -> Int32
    init(name: String, isMethod: Bool, body: @escaping (LuaStack) throws -> Int32) {
        self.name = name; self.isMethod = isMethod; self.body = body
    }
}

// C-convention callbacks: they never raise; they report LS_RAISE and let C raise.
private let dispatchSwift: ls_Dispatch = { L, box in
    guard let L, let box else { return LS_RAISE }
    let fn = Unmanaged<FunctionBox>.fromOpaque(box).takeUnretainedValue()
    do {
        let n = try fn.body(LuaStack(L: L, name: fn.name, isMethod: fn.isMethod))
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
