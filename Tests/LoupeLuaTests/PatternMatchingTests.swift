import CLua54
import CLuaShim
import Foundation
import Testing

/// lstrmatch.c: string.find/match/gmatch/gsub that a deadline, Ctrl-C or an
/// instruction budget can stop in the middle of a match. Raw states, as the
/// research doc's ShimTests: no LuaEnvironment, no sandbox.
///
/// Serialized: the deadline is a process-wide SIGALRM and the shim keeps the
/// state to interrupt in a global, so two timed calls must not overlap (see
/// deadlineStopsAPathologicalMatch for other suites).
@Suite(.serialized) struct PatternMatchingTests {

    // MARK: semantics

    @Test func sameResultsAsTheStockLibrary() throws {
        let s = RawState()
        // (stock, ours) → number of cases, how many raised, the differences
        let r = s.run(Self.semanticsScript, args: "STOCK, S")
        try #require(r.status == LUA_OK, "\(r.values)")
        let cases = Int(r.values[0]) ?? 0, errors = Int(r.values[1]) ?? 0
        #expect(cases >= 100)
        #expect(errors >= 20, "the error cases must really raise")
        #expect(r.values[2] == "", "differences from the stock functions:\n\(r.values[2])")
    }

    @Test func methodCallsUseTheReplacements() {
        let s = RawState()
        s.override()
        let r = s.run("""
            local i, j = ("a,b"):find(",", 1, true)
            local k, v = ("key=val"):match("(%w+)=(%w+)")
            local _, n = ("a b c"):gsub("%w", "x")
            return string.find == S.find, string.gsub == S.gsub, i, j, k, v, n, ("x y"):gmatch("%a")()
            """)
        #expect(r.status == LUA_OK)
        #expect(r.values == ["true", "true", "2", "2", "key", "val", "3", "x"])
    }

    // MARK: stopping pathological matches

    /// Each runs ~forever with the stock functions (25 s to hours).
    static let pathological = [
        #"return ("a"):rep(300):find(".-.-.-.-b")"#,                       // exponential backtracking
        #"return ("a"):rep(300):match(".-.-.-.-b")"#,
        #"for w in ("a"):rep(300):gmatch(".-.-.-.-b") do end"#,
        #"return ("a"):rep(300):gsub(".-.-.-.-b", "x")"#,
        #"return ("a"):rep(1e6):find(".-b")"#,                              // quadratic
        #"return ("a"):rep(1e6):find("a*b")"#,
        #"return ("("):rep(1e6):find("%b()")"#,                             // quadratic scan inside %b
        #"return ("a"):rep(1e7):find(("a"):rep(5e6) .. "b", 1, true)"#,     // quadratic plain find
        #"return (("ab"):rep(3e5) .. "a"):find("(.-)%1%1$")"#,              // back-references (no match: length not 3k)
    ]
    /// The script's own pcall cannot swallow the stop (needs a hook: the
    /// signal handlers arm it, an instruction budget installs it).
    static let swallowing = [
        #"local ok = pcall(string.find, ("a"):rep(300), ".-.-.-.-b"); return "escaped", ok"#,
        #"local ok = pcall(string.find, ("a"):rep(300), ".-.-.-.-b"); while true do end"#,
    ]

    /// The real deadline: time_limit_ms through ls_docall's SIGALRM.
    ///
    /// luashim.c keeps the state a signal interrupts in one process-wide
    /// variable, which every ls_docall sets and clears, and the timer is
    /// process-wide too. While other suites run Lua in parallel, the alarm
    /// can hit their state (a spurious "time limit exceeded" there) and miss
    /// ours. So these run only when this suite owns the process:
    /// `swift test --filter PatternMatchingTests`, or LOUPE_SIGNAL_TESTS=1.
    @Test(.enabled(if: PatternMatchingTests.ownsSignals, "needs the process's signals to itself"),
          arguments: pathological + swallowing)
    func deadlineStopsAPathologicalMatch(_ code: String) {
        let s = RawState()
        s.override()
        s.lim.pointee.time_limit_ms = 300
        let r = s.run(code, watchdogSeconds: 6)
        print("deadline 300 ms (SIGALRM): \(String(format: "%.3f", r.seconds)) s  \(code)")
        #expect(r.stopped("time limit exceeded (raise it with --timeout)"), "\(r.values)")
        #expect(r.seconds < 3, "stopped after \(r.seconds) s")
        s.expectUsable()
    }

    /// The same without signals, safe in parallel: another thread sets the
    /// flags as ls_onalarm does (interrupted = cancel = 2) after 100 ms.
    @Test(arguments: pathological)
    func deadlineFlagStopsAPathologicalMatch(_ code: String) {
        let s = RawState()
        s.override()
        let r = s.run(code, setFlagsAfter: 0.1, to: 2, watchdogSeconds: 6)
        print("deadline flag after 100 ms: \(String(format: "%.3f", r.seconds)) s  \(code)")
        #expect(r.stopped("time limit exceeded (raise it with --timeout)"), "\(r.values)")
        #expect(r.seconds < 3, "stopped after \(r.seconds) s")
        s.expectUsable()
    }

    @Test(arguments: pathological + swallowing)
    func instructionBudgetStopsAPathologicalMatch(_ code: String) {
        let s = RawState()
        s.override()
        ls_sethooklimits(s.L, 1_000_000, 1000)
        let r = s.run(code, watchdogSeconds: 6)
        print("budget 1e6: \(String(format: "%.3f", r.seconds)) s  \(code)")
        #expect(r.stopped("instruction limit exceeded (raise it with --instructions)"), "\(r.values)")
        #expect(r.seconds < 3, "stopped after \(r.seconds) s")
        s.expectUsable()
    }

    /// What the SIGINT handler does (interrupted = cancel = 1), from another thread.
    @Test func ctrlCStopsAPathologicalMatch() {
        let s = RawState()
        s.override()
        let r = s.run(#"return ("a"):rep(300):find(".-.-.-.-b")"#, setFlagsAfter: 0.2, to: 1, watchdogSeconds: 6)
        print("Ctrl-C flag after 200 ms: \(String(format: "%.3f", r.seconds)) s")
        #expect(r.stopped("interrupted"), "\(r.values)")
        #expect(r.seconds < 3)
        s.expectUsable()
    }

    /// A cancel request alone (lim->cancel, as Swift-side work polls) stops a match too.
    @Test func cancelRequestStopsAMatch() {
        let s = RawState()
        s.override()
        nonisolated(unsafe) let lim = s.lim
        let cancel = DelayedAction(after: 0.2) { lim.pointee.cancel = 2 }
        let r = s.run(#"return ("a"):rep(1e6):find(".-b")"#, watchdogSeconds: 6)
        cancel.cancel()
        #expect(r.stopped("time limit exceeded (raise it with --timeout)"), "\(r.values)")
        #expect(r.seconds < 3)
        s.expectUsable()
    }

    /// Ordinary matching under a budget: charged, but not stopped.
    @Test func ordinaryMatchingFitsInABudget() {
        let s = RawState()
        s.override()
        ls_sethooklimits(s.L, 10_000_000, 1000)
        let r = s.run("""
            local text = ("The quick brown fox jumps over the lazy dog."):rep(2000, " ")
            local n = 0
            for w in text:gmatch("%a+") do n = n + 1 end
            local _, k = text:gsub("o", "0")
            local i, j = text:find("lazy dog", 1, true)
            return n, k, i, j, text:match("(%a+) dog%.$")
            """)
        #expect(r.status == LUA_OK, "\(r.values)")
        #expect(r.values == ["18000", "8000", "36", "43", "lazy"])
    }

    @Test func theStateIsUsableAfterAStop() {
        let s = RawState()
        s.override()
        ls_sethooklimits(s.L, 1_000_000, 1000)
        for _ in 0..<3 {
            let r = s.run(#"return ("a"):rep(300):find(".-.-.-.-b")"#, watchdogSeconds: 6)
            #expect(r.stopped("instruction limit exceeded (raise it with --instructions)"))
            s.expectUsable()
        }
        // A gmatch iterator stopped deep inside a match (150 levels of x?) is
        // not left with a lowered recursion limit: called again, it runs
        // (and is stopped again) instead of failing with "pattern too complex".
        let first = s.run(#"it = (("x"):rep(150) .. ("a"):rep(300)):gmatch(("x?"):rep(150) .. ".-.-.-.-b") it()"#,
                          watchdogSeconds: 6)
        #expect(first.stopped("instruction limit exceeded (raise it with --instructions)"), "\(first.values)")
        let again = s.run("it()", watchdogSeconds: 6)
        #expect(again.stopped("instruction limit exceeded (raise it with --instructions)"), "\(again.values)")
        let depth = s.run(##"local it2 = ("x"):rep(210):gmatch(("x?"):rep(199)) return #it2(), #it2(), select("#", it2())"##)
        #expect(depth.values == ["199", "11", "0"], "\(depth.values)")
        s.expectUsable()
    }

    /// True when the run can own the shim's process-wide signal state.
    static let ownsSignals: Bool = {
        if ProcessInfo.processInfo.environment["LOUPE_SIGNAL_TESTS"] == "1" { return true }
        let args = CommandLine.arguments
        let filters = args.indices.filter { args[$0] == "--filter" && $0 + 1 < args.count }.map { args[$0 + 1] }
        return !filters.isEmpty && filters.allSatisfy { $0.hasPrefix("PatternMatchingTests") && !$0.contains("|") }
    }()

    static let semanticsScript = #"""
local stock, ours = ...

local function ser(v)
  local t = type(v)
  if t == "string" then return string.format("%q", v)
  elseif t == "number" then return math.type(v) .. ":" .. string.format("%q", v)
  elseif t == "table" then
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = k end
    table.sort(keys, function(a, b) return ser(a) < ser(b) end)
    local parts = {}
    for _, k in ipairs(keys) do parts[#parts + 1] = "[" .. ser(k) .. "]=" .. ser(v[k]) end
    return "{" .. table.concat(parts, ",") .. "}"
  else return tostring(v) end
end

local function collect(iter)
  local out = {}
  while true do
    local r = table.pack(iter())
    if r[1] == nil then break end
    out[#out + 1] = r
    if #out > 1000 then error("runaway iterator") end
  end
  return out
end

local cases = {
  -- find: plain, init, anchors
  [=[S.find("hello world", "o w")]=],
  [=[S.find("hello world", "o", 6)]=],
  [=[S.find("hello world", "l+")]=],
  [=[S.find("hello", "l", -2)]=],
  [=[S.find("hello", "l", -100)]=],
  [=[S.find("hello", "", 10)]=],
  [=[S.find("hello", "", 6)]=],
  [=[S.find("hello", "l", 0)]=],
  [=[S.find("a.b", ".", 1, true)]=],
  [=[S.find("a+b", "+", 1, true)]=],
  [=[S.find("a+b", "a+", 1, false)]=],
  [=[S.find("hello", "^h")]=],
  [=[S.find("hello", "^e")]=],
  [=[S.find("hello", "o$")]=],
  [=[S.find("a$b", "$b")]=],
  [=[S.find("a^b", "a^b")]=],
  [=[S.find("key = value", "(%w+)%s*=%s*(%w+)")]=],
  [=[S.find("hello", "()ll()")]=],
  [=[S.find("THE (quick) fox", "%((%a+)%)")]=],
  [=[S.find("f(a(b)c)d", "%b()")]=],
  [=[S.find("f(a(b)c d", "%b()")]=],
  [=[S.find("THE quick", "%f[%a]%a+", 4)]=],
  [=[S.find("hello\0world", "\0w")]=],
  [=[S.find("hello\0world", "%z")]=],
  [=[S.find("x]y", "[%]]")]=],
  [=[S.find("a]b", "[]]")]=],
  [=[S.find("a-b", "[a-]+")]=],
  [=[S.find("abc1", "[^%a]")]=],
  [=[S.find("aaa", "a-", 2)]=],
  [=[S.find("abc", "b?c")]=],
  [=[S.find("abc", "[a-c]+$")]=],
  [=[S.find(123456, 45)]=],
  [=[S.find("abc", "b", 10)]=],
  [=[S.find("a.b", "%.")]=],
  [=[S.find("AbC dEf", "%u%l%u")]=],
  [=[S.find("  x", "%S")]=],
  -- match
  [=[S.match("2024-05-17", "^(%d+)-(%d+)-(%d+)$")]=],
  [=[S.match("hello", ".-")]=],
  [=[S.match("  trim me  ", "^%s*(.-)%s*$")]=],
  [=[S.match("abcabc", "(abc)%1")]=],
  [=[S.match("abcabd", "(abc)%1")]=],
  [=[S.match("hello", "(h)(e)(l)(l)(o)")]=],
  [=[S.match("hello", "()")]=],
  [=[S.match("hello", "(h)()(e)")]=],
  [=[S.match("x = 1, y = 2", "(%w+) = (%d+)", 2)]=],
  [=[S.match("hello, world!", "%g+")]=],
  [=[S.match("[[x]]", "%[%[(.-)%]%]")]=],
  [=[S.match("h\xC3\xA9llo", "[\128-\255]+")]=],
  [=[S.match("abc", "b", 10)]=],
  [=[S.match("abc", "((a)(b))")]=],
  [=[S.match("THE (quick) fox", "%f[%a]%a+%f[%A]", 5)]=],
  -- gmatch
  [=[collect(S.gmatch("one two  three", "%a+"))]=],
  [=[collect(S.gmatch("k1=v1, k2=v2", "(%w+)=(%w+)"))]=],
  [=[collect(S.gmatch("abc", ""))]=],
  [=[collect(S.gmatch("hello world", "%a+", 3))]=],
  [=[collect(S.gmatch("hello world", "%a+", -5))]=],
  [=[collect(S.gmatch("hello world", "%a+", 100))]=],
  [=[collect(S.gmatch("abc", "()"))]=],
  [=[collect(S.gmatch("aaa", "a*"))]=],
  [=[collect(S.gmatch("^a^b", "^%a"))]=],
  [=[collect(S.gmatch("a,b,,c", "([^,]*)"))]=],
  [=[collect(S.gmatch("THE (quick) fox", "%f[%a]%a+"))]=],
  -- gsub
  [=[S.gsub("hello world", "o", "0")]=],
  [=[S.gsub("hello world", "o", "0", 1)]=],
  [=[S.gsub("hello world", "(%w+)", "<%1>")]=],
  [=[S.gsub("hello world", "(o)", "%0%1")]=],
  [=[S.gsub("hello", "", "-")]=],
  [=[S.gsub("abc", "%w", "%0%0")]=],
  [=[S.gsub("abc", "%w", "%%")]=],
  [=[S.gsub("$name is $age", "%$(%w+)", {name = "Bob", age = 42})]=],
  [=[S.gsub("a b c", "%w", {a = false})]=],
  [=[S.gsub("x y", "%w", {x = 1.5})]=],
  [=[S.gsub("hello world", "%w+", function(w) log[#log + 1] = w; return w:upper() end)]=],
  [=[S.gsub("k=v, a=b", "(%w+)=(%w+)", function(k, v) log[#log + 1] = {k, v}; return v .. "=" .. k end)]=],
  [=[S.gsub("abc", "%w", function() end)]=],
  [=[S.gsub("abc", "()b", function(p) log[#log + 1] = p end)]=],
  [=[S.gsub("hello", "l+", 5)]=],
  [=[S.gsub("hello", "()l", "%1")]=],
  [=[S.gsub("abc", "^a", "x")]=],
  [=[S.gsub("aaa", "^a", "x")]=],
  [=[S.gsub("hello", "l", "x", 0)]=],
  [=[S.gsub("hello", "l", "x", -1)]=],
  [=[S.gsub("abc", "a*", "-")]=],
  [=[S.gsub("abc", "b*", "-")]=],
  [=[S.gsub("hello world", "%s*$", "")]=],
  [=[S.gsub("one two", "(%w+) (%w+)", "%2 %1")]=],
  [=[S.gsub("abc", "b", 7)]=],
  [=[S.gsub("h\xC3\xA9llo", "[\128-\255]+", "?")]=],
  -- errors
  [=[S.find("a", "%")]=],
  [=[S.find("a", "[a")]=],
  [=[S.find("a", "[]")]=],
  [=[S.find("a", "(a")]=],
  [=[S.match("a", "(a")]=],
  [=[S.find("a", "a)")]=],
  [=[S.find("aa", "%1")]=],
  [=[S.find("aa", "(a%1)")]=],
  [=[S.gsub("abc", "(a)", "%2")]=],
  [=[S.gsub("abc", "a", "%2")]=],
  [=[S.gsub("abc", "a", "%x")]=],
  [=[S.gsub("abc", "a", true)]=],
  [=[S.gsub("abc", "a")]=],
  [=[S.gsub("abc", "a", function() return {} end)]=],
  [=[S.find("a", "%f")]=],
  [=[S.find("a", "%fa")]=],
  [=[S.find("a", "%b")]=],
  [=[S.find("a", "%ba")]=],
  [=[S.find(("a"):rep(40), ("(a)"):rep(33))]=],
  [=[S.find(("x"):rep(300), ("x?"):rep(250))]=],
  [=[S.find()]=],
  [=[S.find("a", {})]=],
  [=[S.find("abc", "b", 1.5)]=],
  [=[S.gmatch("abc")]=],
  [=[collect(S.gmatch("abc", "%"))]=],
  [=[S.gsub("abc", "b", "x", 1.5)]=],
  [=[S.match("abc", "[%")]=],
  [=[collect(S.gmatch("abc", "(()"))]=],
}

local failures, errors = {}, 0
for _, c in ipairs(cases) do
  local function run(impl)
    local env = setmetatable({S = impl, log = {}, collect = collect}, {__index = _G})
    local f = assert(load("return " .. c, "=case", "t", env))
    local r = table.pack(pcall(f))
    return ser(r) .. " log=" .. ser(env.log), r[1]
  end
  local a, ok = run(stock)
  local b = run(ours)
  if not ok then errors = errors + 1 end
  if a ~= b then failures[#failures + 1] = c .. "\n  stock: " .. a .. "\n  ours:  " .. b end
end
return #cases, errors, table.concat(failures, "\n")
"""#
}

/// A state made by ls_newstate with the four replacements in `S`, the stock
/// functions in `STOCK`.
private final class RawState {
    let lim: UnsafeMutablePointer<ls_Limits>
    let L: OpaquePointer

    init() {
        lim = .allocate(capacity: 1)
        lim.initialize(to: ls_Limits())
        L = ls_newstate(lim)!
        luaL_openlibs(L)
        let setup = """
            local find, match, gmatch, gsub = ...
            S = {find = find, match = match, gmatch = gmatch, gsub = gsub}
            STOCK = {find = string.find, match = string.match, gmatch = string.gmatch, gsub = string.gsub}
            """
        let r = run(setup, functions: [ls_str_find, ls_str_match, ls_str_gmatch, ls_str_gsub])
        precondition(r.status == LUA_OK, "\(r.values)")
    }

    deinit {
        lua_close(L)
        lim.deinitialize(count: 1)
        lim.deallocate()
    }

    /// Replaces string.find/match/gmatch/gsub: the string library table is the
    /// string metatable's __index, so method calls use them too.
    func override() {
        let r = run("for k, f in pairs(S) do string[k] = f end")
        precondition(r.status == LUA_OK)
    }

    struct Result {
        var status: Int32
        var values: [String]
        var seconds: Double
        var firstLine: String { values.first.map { String($0.prefix { $0 != "\n" }) } ?? "" }
        /// The error message is `reason`, possibly after a "chunk:line: " position
        /// (luaL_error adds the calling line; ls_hook's own errors vary the same way).
        func stopped(_ reason: String) -> Bool {
            status == LUA_ERRRUN && (firstLine == reason || firstLine.hasSuffix(": " + reason))
        }
    }

    /// Loads `code` and runs it with ls_docall. `args` is a Lua expression
    /// list evaluated first and passed as `...`. If the call has not ended
    /// after `watchdogSeconds`, lim->cancel is set so a broken test fails
    /// instead of hanging.
    ///
    /// `setFlagsAfter`: another thread sets lim->interrupted and lim->cancel
    /// to `to` after that many seconds, as the SIGINT (1) and SIGALRM (2)
    /// handlers do, without touching the process's signals.
    func run(_ code: String, args: String? = nil, functions: [lua_CFunction] = [],
             setFlagsAfter: Double? = nil, to flag: Int32 = 2,
             watchdogSeconds: Double? = nil) -> Result {
        let base = lua_gettop(L)
        let source = args.map { "return (function(...) \(code)\nend)(\($0))" } ?? code
        guard ls_loadtext(L, source, source.utf8.count, "=test", 0) == LUA_OK else {
            let msg = string(at: -1)
            lua_settop(L, base)
            return Result(status: LUA_ERRSYNTAX, values: [msg], seconds: 0)
        }
        for f in functions { lua_pushcclosure(L, f, 0) }
        nonisolated(unsafe) let lim = self.lim
        var timers: [DelayedAction] = []
        if let t = setFlagsAfter {
            timers.append(DelayedAction(after: t) { lim.pointee.interrupted = flag; lim.pointee.cancel = flag })
        }
        if let w = watchdogSeconds {
            timers.append(DelayedAction(after: w) { lim.pointee.cancel = 1 })
        }
        let start = ContinuousClock.now
        let status = ls_docall(L, Int32(functions.count), LUA_MULTRET)
        let elapsed = ContinuousClock.now - start
        for t in timers { t.cancel() }
        var values: [String] = []
        if lua_gettop(L) > base {
            for i in (base + 1)...lua_gettop(L) { values.append(string(at: i)) }
        }
        lua_settop(L, base)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Result(status: status, values: values, seconds: seconds)
    }

    private func string(at idx: Int32) -> String {
        switch lua_type(L, idx) {
        case LUA_TNIL: return "nil"
        case LUA_TBOOLEAN: return lua_toboolean(L, idx) != 0 ? "true" : "false"
        case LUA_TSTRING, LUA_TNUMBER:
            lua_pushvalue(L, idx)               // lua_tolstring converts numbers in place
            var len = 0
            let p = lua_tolstring(L, -1, &len)!
            let s = String(decoding: UnsafeRawBufferPointer(start: p, count: len), as: UTF8.self)
            lua_settop(L, -2)
            return s
        default: return String(cString: lua_typename(L, lua_type(L, idx)))
        }
    }

    /// The state works normally after a stop: limits are reset by ls_docall.
    func expectUsable() {
        let r = run(#"local s = 0 for i = 1, 1000 do s = s + i end local i, j = ("hello world"):find("o w") return s, i, j, ("k=v"):match("(%w+)=(%w+)")"#)
        #expect(r.status == LUA_OK, "\(r.values)")
        #expect(r.values == ["500500", "5", "7", "k", "v"])
    }
}

/// Runs `action` after `seconds` on a thread of its own, unless cancelled first.
/// Not DispatchQueue.global().asyncAfter: on a small machine the global pool can be
/// busy with other suites' blocking work, and a timer that never fires turns a
/// failing test into a hung test run.
final class DelayedAction: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    init(after seconds: Double, _ action: @escaping @Sendable () -> Void) {
        let deadline = Date().addingTimeInterval(seconds)
        let thread = Thread { [self] in
            while Date() < deadline {
                if isCancelled { return }
                Thread.sleep(forTimeInterval: min(0.01, max(0, deadline.timeIntervalSinceNow)))
            }
            if !isCancelled { action() }
        }
        thread.start()
    }

    private var isCancelled: Bool { lock.lock(); defer { lock.unlock() }; return cancelled }
    func cancel() { lock.lock(); cancelled = true; lock.unlock() }
}
