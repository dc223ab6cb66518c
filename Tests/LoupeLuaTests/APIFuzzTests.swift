import Foundation
import Testing
import LoupeCore
@testable import LoupeLua
@testable import LuaRuntime

/// The API fuzzer ("Keep it found", issue 21): every Lua-facing method and function,
/// with hostile values in every argument position and every option key, in child
/// `loupe` processes under time and memory limits, so a trap shows as a signal
/// instead of killing the test runner. Asserts that no call crashes the process,
/// none runs past its limit, and every error is a clear message.
///
/// The methods come from the live session (`lua.classes`, every class registered,
/// so a new method or class is fuzzed, or reported, without editing this file);
/// the functions from walking the `loupe` table in Lua; option keys from the
/// methods' own "unknown option" errors. A fixed seed; LOUPE_FUZZ_ITERATIONS
/// (default 4000: each of some 570 slots gets the five numbers that most often break a
/// conversion, `extremes` below) and LOUPE_FUZZ_SEED for a long run before a release.
@Suite struct APIFuzzTests {
    static let iterations = Int(ProcessInfo.processInfo.environment["LOUPE_FUZZ_ITERATIONS"] ?? "") ?? 4000
    static let seed = Int(ProcessInfo.processInfo.environment["LOUPE_FUZZ_SEED"] ?? "") ?? 20261207
    /// Calls per child process: a limit that trips ends only its batch.
    static let batch = 2000
    /// Limits of each child (the calls of a batch share them, as one chunk).
    static let timeoutSeconds = 20.0, memoryMiB = 512

    @Test func everyMethodSurvivesHostileArguments() throws {
        let (session, _) = try bundledSession()
        let classes = session.lua.classes.mapValues(\.methods)
        #expect(classes.count >= 8, "\(classes.keys.sorted())")
        let dir = try scratchOutputFolder()
        let script = dir + "/fuzz.lua"
        try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: true)
        try Self.script(classes: classes).write(toFile: script, atomically: true, encoding: .utf8)
        let binary = try FuzzChild.binary()
        if let keep = ProcessInfo.processInfo.environment["LOUPE_FUZZ_KEEP"] {   // to rerun a batch by hand
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(atPath: script, toPath: keep)
        }

        func batchRun(_ start: Int, _ count: Int, dry: Bool = false) throws -> FuzzChild.Run {
            try FuzzChild.run(binary, ["--corpus", repositoryRoot.appendingPathComponent("corpus").path, "--quiet",
                                       "--timeout", String(Self.timeoutSeconds), "--memory", String(Self.memoryMiB),
                                       "--out", dir + "/out", "run", script, String(Self.seed), String(start), String(count)]
                                       + (dry ? ["dry"] : []),
                              cwd: dir, killAfter: Self.timeoutSeconds + 30)
        }
        var start = 0, calls = 0, stoppedByLimits: [String] = []
        while start < Self.iterations {
            let count = min(Self.batch, Self.iterations - start)
            let run = try batchRun(start, count)
            let lines = run.stdout.split(separator: "\n").map(String.init)
            var lastCall = lines.last { $0.hasPrefix("CALL ") } ?? "(before the first call)"
            var lastIndex = Int(lastCall.split(separator: " ").dropFirst().first ?? "") ?? start
            if run.signaled {
                // stdout is lost in a crash: find the call by bisection (each call has its
                // own random state, so it can run alone), then show it from a dry run.
                var lo = lastIndex, hi = start + count   // the crash is in lo..<hi
                while hi - lo > 1 {
                    let mid = (lo + hi) / 2
                    if try batchRun(lo, mid - lo).signaled { hi = mid } else { lo = mid }
                }
                lastIndex = lo
                lastCall = try batchRun(lo, 1, dry: true).stdout.split(separator: "\n").first { $0.hasPrefix("CALL ") }.map(String.init) ?? "CALL \(lo)"
            }
            for line in lines where line.hasPrefix("NOCLASS ") {
                Issue.record("no way to make an object of \(line.dropFirst(8)) in the fuzz script: add one to `makers`")
            }
            for line in lines where line.hasPrefix("UNCLEAR ") {
                Issue.record("unclear error: \(line.dropFirst(8))")
            }
            if run.signaled {
                Issue.record("loupe died by signal \(run.status) at \(lastCall)\n\(run.stderr.suffix(2000))")
            } else if run.killed {
                Issue.record("loupe ran past its --timeout \(Self.timeoutSeconds) s (killed) at \(lastCall)")
            } else if run.status != 0 {
                // A limit stopped the batch (acceptable: it is what limits are for), or the script failed.
                let limit = run.stderr.contains("limit exceeded (raise it with --")
                #expect(limit, "the fuzz script failed at \(lastCall):\n\(run.stderr.suffix(2000))")
                if !limit { break }
                stoppedByLimits.append("\(lastCall): \(run.stderr.split(separator: "\n").first ?? "")")
            } else {
                #expect(lines.contains("DONE \(start + count)"), "the batch did not finish: \(run.stdout.suffix(500))")
            }
            calls += lines.filter { $0.hasPrefix("CALL ") }.count
            start = run.status == 0 && !run.signaled ? start + count : max(lastIndex + 1, start + 1)
            // Each batch must not run much past what the limits allow (loading is outside the chunk).
            #expect(run.seconds < Self.timeoutSeconds + 15, "a batch took \(run.seconds) s")
        }
        #expect(calls >= Self.iterations / 2, "only \(calls) calls were made")
        // Limits may stop a call that asks for much (that is correct), but not most of them.
        #expect(stoppedByLimits.count <= max(3, Self.iterations / 500), "\(stoppedByLimits)")
    }

    /// Every method and function, with plausible arguments, on one large document
    /// (1.5 MB, one sentence, 300,000 tokens), each call its own chunk under a 0.1 s
    /// limit (short: some fifty calls run until it stops them): each must finish or
    /// stop having worked at most 0.3 s more. This finds loops that do not poll inside
    /// a document (hits:table() copied the sentence per hit: 23 GB).
    /// The work is the calling thread's CPU time, which a loaded machine does not stretch
    /// (under a load average of 11 on 2 cores, 0.2 s of work took 0.8 s of wall time);
    /// work on other threads is bounded by the wall time, loosely.
    /// In process, for the per-chunk limit; crashes are the child processes' job above.
    @Test func everyMethodStopsInTimeOnOneLargeDocument() throws {
        let limit = 0.1, margin = 0.3, wallMargin = 2.0
        let h = try LuaHarness([String(repeating: "nato word ", count: 150_000), "A small one. Minsk was rare."],
                               limits: LuaLimits(memoryBytes: 512 << 20, timeMilliseconds: Int(limit * 1000)))
        let classes = h.session.lua.classes.mapValues(\.methods)
        let prelude = Self.script(classes: classes).components(separatedBy: "-- Hostile values.")[0]
            .replacingOccurrences(of: "local seed, first, count, dry = tonumber(arg[1]), tonumber(arg[2]), tonumber(arg[3]), arg[4] == \"dry\"",
                                  with: "local seed = 1")
            // Objects are made inside each timed chunk: a concordance of the small document;
            // none made in the prelude (it runs under the same limit).
            .replacingOccurrences(of: "corpus:kwic(\"nato\", {width = 20})", with: "corpus:kwic(\"minsk\", {width = 20})")
            .replacingOccurrences(of: "if not make or not pcall(make) then", with: "if not make then")
        // Keep the targets for the chunks below (the prelude's locals end with its chunk).
        try h.session.run(prelude + "\nTARGETS = {} for _, r in ipairs(receivers) do TARGETS[#TARGETS + 1] = {r[1] .. ':' .. r[2], r[3], r[2]} end"
                          + " for _, f in ipairs(functions) do TARGETS[#TARGETS + 1] = {f[1], nil, nil, f[2]} end"
                          + " function CALL(i, ...) local t = TARGETS[i] if t[2] then local o = t[2]() return o[t[3]](o, ...) end return t[4](...) end",
                          chunkName: "=prelude")
        h.output.text = ""
        try h.session.run("print(#TARGETS)", chunkName: "=count")
        let count = Int(h.output.text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(count > 60)
        var slow: [String] = [], broken: [String] = [], completed = 0, stopped = 0
        for i in 1...max(1, count) {
            for args in ["", "'nato'", "'nato', {}", "{}", "{nato = 5}"] {
                let start = DispatchTime.now(), cpu = threadCPUSeconds()
                let e = h.error(args.isEmpty ? "CALL(\(i))" : "CALL(\(i), \(args))")
                let worked = threadCPUSeconds() - cpu
                if e == nil { completed += 1 } else if e?.contains("time limit exceeded") == true { stopped += 1 }
                if e?.contains("attempt to call") == true || e?.contains("CALL") == true { broken.append(e ?? "") }
                let took = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
                if worked > limit + margin || took > limit + wallMargin {
                    h.output.text = ""
                    _ = try? h.session.run("print(TARGETS[\(i)][1])", chunkName: "=name")
                    slow.append("\(h.output.text.trimmingCharacters(in: .whitespacesAndNewlines))(\(args)): \(worked) s of CPU, \(took) s")
                }
            }
        }
        #expect(slow.isEmpty, "past a \(limit) s limit by more than \(margin) s of work or \(wallMargin) s: \(slow)")
        // The harness itself works: calls ran, some to the end and some to the limit.
        #expect(broken.isEmpty, "\(broken.prefix(5))")
        #expect(completed > count / 2 && stopped > 10, "completed \(completed), stopped by the limit \(stopped)")
    }

    /// The Lua side. Arguments: seed, first call index, number of calls.
    static func script(classes: [String: [String]]) -> String {
        let classTable = classes.keys.sorted().map { name in
            "[\"\(name)\"] = {" + (classes[name] ?? []).map { "\"\($0)\"" }.joined(separator: ", ") + "}"
        }.joined(separator: ",\n  ")
        return """
        local CLASSES = {
          \(classTable)
        }
        local seed, first, count, dry = tonumber(arg[1]), tonumber(arg[2]), tonumber(arg[3]), arg[4] == "dry"

        -- A small deterministic generator (xorshift on 32 bits), independent of math.random.
        local state
        local function reseed(i)   -- each call from its own state: any one call can be run alone
          state = (seed * 2654435761 + i * 40503 + 12345) % 4294967296
          if state == 0 then state = 1 end
        end
        reseed(0)
        local function rand(n)
          state = state ~ ((state << 13) & 0xFFFFFFFF)
          state = state ~ (state >> 17)
          state = state ~ ((state << 5) & 0xFFFFFFFF)
          return state % n + 1
        end

        -- Objects of every class, made fresh when asked.
        local makers = {
          ["loupe.Corpus"] = function() if rand(2) == 1 then return corpus end return corpus:filter{outlet = corpus[1].meta.outlet} end,
          ["loupe.Document"] = function() return corpus[rand(#corpus)] end,
          ["loupe.Hits"] = function() return corpus:search("nato") end,
          ["loupe.Concordance"] = function() return corpus:kwic("nato", {width = 20}) end,
          ["loupe.Table"] = function() return corpus:freq() end,
          ["loupe.Grouping"] = function() local t = corpus:freq() return t:group(t:columns()[1]) end,
          ["loupe.Lexicon"] = function() return loupe.lexicon{threat = {"nato", "expansion"}, peace = {"minsk*"}} end,
          ["loupe.Groups"] = function() return corpus:group("outlet") end,
          ["loupe.Query"] = function() return loupe.query("nato|minsk") end,
        }
        local receivers = {}
        for name, methods in pairs(CLASSES) do
          local make = makers[name]
          if not make or not pcall(make) then print("NOCLASS " .. name) else
            for _, m in ipairs(methods) do receivers[#receivers + 1] = {name, m, make} end
          end
        end
        table.sort(receivers, function(a, b) return a[1] .. ":" .. a[2] < b[1] .. ":" .. b[2] end)

        -- Every function in the loupe table (loupe.stats.*, loupe.variants.*, …), and help.
        local functions = {{"help", help}}
        local function walk(prefix, t, depth)
          local keys = {}
          for k in pairs(t) do if type(k) == "string" then keys[#keys + 1] = k end end
          table.sort(keys)
          for _, k in ipairs(keys) do
            local v = t[k]
            if type(v) == "function" then functions[#functions + 1] = {prefix .. k, v}
            elseif type(v) == "table" and depth < 3 then walk(prefix .. k .. ".", v, depth + 1) end
          end
        end
        walk("loupe.", loupe, 1)

        -- Hostile values. nil is index 1 (tables cannot hold it: picked by index).
        local cyclic = {} cyclic.self = cyclic cyclic[1] = cyclic
        local deep = {} do local t = deep for _ = 1, 200 do t[1] = {} t = t[1] end end
        local big = string.rep("x", 100000)
        local hostile = {
          "nil", true, false, 0, -1, 1, 2, 1e300, -1e300, 0/0, 1/0, -1/0, math.maxinteger, math.mininteger,
          2^53, 2^63, -0.0, 1.5, 500, 501, 1e6, "", big, "nato", "the NEAR/3 nato", "*", "/(a|a)+/", "\\0",
          "documents", "en", "ll", "tokens", "outlet", "1R", {}, {1, 2, 3}, {"nato", "the"}, {a = 1}, {nato = 5},
          cyclic, deep, {big}, {[big] = 1}, function() end, function() error("boom") end, function() return 1e300 end,
          coroutine.create(function() end), corpus, "ref.tsv", "out.csv",
        }
        local function hostileValue()
          local i = rand(#hostile + 3)
          if i > #hostile then   -- sometimes an object of a class
            local r = receivers[rand(#receivers)]
            local ok, o = pcall(r[3])
            return ok and o or nil
          end
          local v = hostile[i]
          if v == "nil" then return nil end
          return v
        end

        -- Targets: {label, function, maker of self or nil}. Option keys of each, as its own
        -- "unknown option" error lists them, with the argument position that takes them.
        local targets = {}
        for _, r in ipairs(receivers) do targets[#targets + 1] = {r[1] .. ":" .. r[2], nil, r[3], r[2]} end
        for _, f in ipairs(functions) do targets[#targets + 1] = {f[1], f[2]} end
        local allKeys = {}
        local function learn(t, args)
          local ok, e
          if t[3] then local o = t[3]() ok, e = pcall(o[t[4]], o, table.unpack(args, 1, #args))
          else ok, e = pcall(t[2], table.unpack(args, 1, #args)) end
          if not ok and type(e) == "string" then
            local list = e:match("%(options: ([^)]*)%)")
            if list and not t.optionsAt then
              t.optionsAt, t.keys = #args, {}
              for k in list:gmatch("[%w_]+") do t.keys[#t.keys + 1] = k allKeys[k] = true end
            end
          end
        end
        for _, t in ipairs(targets) do
          learn(t, {{zz_fuzz = 1}}) learn(t, {"nato", {zz_fuzz = 1}}) learn(t, {"nato", 5, {zz_fuzz = 1}})
        end
        local keys = {}
        for k in pairs(allKeys) do keys[#keys + 1] = k end
        table.sort(keys)

        -- Slots: a hostile value as argument 1, 2 or 3 (the others plausible), as a value
        -- in a table argument ({nato = v}, {v}), or as each option key of the target.
        local slots = {}
        for ti, t in ipairs(targets) do
          for pos = 1, 3 do slots[#slots + 1] = {ti, "arg", pos} end
          slots[#slots + 1] = {ti, "record", 1}
          slots[#slots + 1] = {ti, "list", 1}
          for _, k in ipairs(t.keys or {}) do slots[#slots + 1] = {ti, "option", t.optionsAt, k} end
        end
        print("TARGETS " .. #receivers .. " methods, " .. #functions .. " functions, " .. #keys .. " option keys, " .. #slots .. " slots")

        local function options()
          local t = {}
          for _ = 1, rand(3) do t[keys[rand(#keys)]] = hostileValue() end
          return t
        end
        -- Tables of counts, lists and records whose values are hostile too
        -- (keyness's reference, lexicon entries, stats lists, loupe.table rows).
        local words = {"nato", "the", "minsk", "outlet", "form", "n", "a"}
        local function hostileTable()
          local t, r = {}, rand(3)
          if r == 1 then for _ = 1, rand(3) do t[words[rand(#words)]] = hostileValue() end
          elseif r == 2 then for k = 1, rand(4) do t[k] = hostileValue() end
          else for k = 1, rand(3) do t[k] = {[words[rand(#words)]] = hostileValue()} end end
          return t
        end
        local good = {"nato", 5, {width = 10}, "outlet", 2}
        local function argument()
          local r = rand(12)
          if r <= 5 then return hostileValue() elseif r <= 8 then return options()
          elseif r <= 10 then return hostileTable() end
          return good[rand(#good)]
        end
        local function describe(v, depth)
          depth = depth or 0
          local t = type(v)
          if t == "string" then return #v > 40 and ("string of " .. #v) or string.format("%q", v) end
          if t == "number" then return string.format("%.17g", v) end
          if t == "table" then
            if depth > 2 then return "{…}" end
            local parts = {}
            for k, x in pairs(v) do
              if #parts < 4 then parts[#parts + 1] = (type(k) == "string" and #k <= 40 and k or "[" .. describe(k, depth + 1) .. "]") .. "=" .. describe(x, depth + 1) end
            end
            return "{" .. table.concat(parts, ",") .. "}"
          end
          return t
        end

        local function clear(e)
          if type(e) ~= "string" or #e == 0 then return false end
          if e:find("internal error", 1, true) or e:find("Fatal", 1, true) or e:find("Swift", 1, true) then return false end
          return true
        end

        -- The numbers that break arithmetic come first, those that break a conversion to
        -- Int first of all, so that the default run gives each of those to every slot; a long
        -- run goes on through the rest of `hostile`.
        local extremes = {math.maxinteger, math.mininteger, 0/0, 1/0, 1e300, -1/0, -1e300, 2^63, 2^53, -1, 0, -0.0, 1.5, "nil"}   -- see `iterations`
        local ordered = {}
        for _, v in ipairs(extremes) do ordered[#ordered + 1] = v end
        for _, v in ipairs(hostile) do ordered[#ordered + 1] = v end
        local plausible = {"nato", {}, {}}

        for i = first, first + count - 1 do
          reseed(i)
          local args, n, t
          if i % 4 == 3 then   -- every fourth call: random arguments everywhere
            t = targets[rand(#targets)]
            args, n = {}, rand(4) - 1
            for k = 1, n do args[k] = argument() end
          else                 -- the structured sweep: slot by slot, value by value
            local c = i - (i // 4)
            local slot = slots[c % #slots + 1]
            local v = ordered[(c // #slots) % #ordered + 1]
            if v == "nil" then v = nil end
            t = targets[slot[1]]
            args, n = {plausible[1], plausible[2], plausible[3]}, slot[3]
            if slot[2] == "arg" then args[n] = v
            elseif slot[2] == "record" then args[1] = {[words[c % #words + 1]] = v}
            elseif slot[2] == "list" then args[1] = {v, v}
            else args[n] = {[slot[4]] = v} end
          end
          local self = t[3] and t[3]() or nil
          local fn = self and self[t[4]] or t[2]
          local shown = {}
          for k = 1, n do shown[k] = describe(args[k]) end
          print("CALL " .. i .. " " .. t[1] .. "(" .. table.concat(shown, ", ") .. ")")
          if not dry then
            local ok, r
            if self ~= nil then ok, r = pcall(fn, self, table.unpack(args, 1, n))
            else ok, r = pcall(fn, table.unpack(args, 1, n)) end
            if not ok and not clear(r) then print("UNCLEAR " .. t[1] .. ": " .. describe(r)) end
            if ok and r ~= nil then pcall(tostring, r) pcall(function() return #r end) end
          end
        end
        print("DONE " .. (first + count))
        """
    }
}

/// One child `loupe` process, with its exit status or signal and wall time.
enum FuzzChild {
    struct Run { var status: Int32; var signaled: Bool; var killed: Bool; var stdout: String; var stderr: String; var seconds: Double }

    /// The `loupe` built beside this test bundle (or $LOUPE_BIN).
    static func binary() throws -> String {
        if let b = ProcessInfo.processInfo.environment["LOUPE_BIN"], !b.isEmpty { return b }
        var dirs: [URL] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            dirs.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        if let first = CommandLine.arguments.first { dirs.append(URL(fileURLWithPath: first).deletingLastPathComponent()) }
        for dir in dirs {
            var d = dir
            for _ in 0..<4 {
                let p = d.appendingPathComponent("loupe").path
                if FileManager.default.isExecutableFile(atPath: p) { return p }
                d = d.deletingLastPathComponent()
            }
        }
        throw ScriptError("cannot find the built loupe executable; build it or set LOUPE_BIN")
    }

    static func run(_ binary: String, _ arguments: [String], cwd: String, killAfter: Double) throws -> Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = arguments
        p.currentDirectoryURL = URL(fileURLWithPath: cwd)
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = cwd
        env["XDG_CONFIG_HOME"] = cwd   // no user plugins
        p.environment = env
        // Output to files: no pipe buffers to drain while waiting.
        let out = cwd + "/stdout-\(UUID().uuidString)", err = cwd + "/stderr-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        p.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        p.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        p.standardInput = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        p.terminationHandler = { _ in done.signal() }
        let start = DispatchTime.now()
        try p.run()
        var killed = false
        if done.wait(timeout: .now() + killAfter) == .timedOut {
            killed = true
            kill(p.processIdentifier, SIGKILL)
            done.wait()
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        defer { try? FileManager.default.removeItem(atPath: out); try? FileManager.default.removeItem(atPath: err) }
        return Run(status: p.terminationStatus, signaled: p.terminationReason == .uncaughtSignal && !killed, killed: killed,
                   stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                   stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "", seconds: seconds)
    }
}
