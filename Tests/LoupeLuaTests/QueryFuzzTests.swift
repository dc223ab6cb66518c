import Foundation
import Testing
import LoupeCore
@testable import LoupeLua
@testable import LuaRuntime
import LoupeTestSupport

/// The query fuzzer ("Keep it found", issue 21): random and adversarial queries
/// through corpus:count, corpus:search and corpus:kwic in a session with a time
/// and a memory limit, on the bundled corpus. Every call must return or give a
/// clear error (a query error with its column, or a limit's message), finish
/// within its limit and a margin, and the three must agree on the number of
/// matches when they all answer.
///
/// A fixed seed and a hundred queries by default (every kind of the generator
/// several times), a few seconds in the debug build. Before a release run the long mode, e.g.
///     LOUPE_FUZZ_ITERATIONS=20000 LOUPE_FUZZ_SEED=7 bash scripts/test.sh --filter QueryFuzzTests
/// Serialized: the timing bounds (a limit plus half a second) hold while the
/// suite's own calls, whose regexes use every core, do not overlap.
@Suite(.serialized) struct QueryFuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let iterations = environment["LOUPE_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 100
    static let seed = environment["LOUPE_FUZZ_SEED"].flatMap(UInt64.init) ?? 20261207
    /// Short: a query that runs to the limit costs it three times (count, search, kwic).
    static let limitMilliseconds = 300
    /// Time past the limit a call may take: the limit is polled every few
    /// milliseconds, but the build is a debug one and CI machines are shared.
    static let marginSeconds = 1.5
    nonisolated(unsafe) static var slowest = (seconds: 0.0, label: "")

    static func session(limitMilliseconds: Int = limitMilliseconds) throws -> FuzzSession {
        let (corpus, _) = try CorpusLoader.load(path: repositoryRoot.appendingPathComponent("corpus").path)
        var options = EnvironmentOptions()
        options.limits = LuaLimits(memoryBytes: 256 << 20, timeMilliseconds: limitMilliseconds)
        let out = OutputBuffer()
        options.output = { out.text += $0 }
        options.paths = PathPolicy(readable: [], output: try scratchOutputFolder())
        return FuzzSession(session: try LuaEnvironment(corpus: corpus, options: options), output: out)
    }

    /// A session over the bundled corpus with limits, print() captured.
    struct FuzzSession {
        let session: LuaEnvironment
        let output: OutputBuffer
        func run(_ code: String) throws -> String {
            output.text = ""
            try session.run(code, chunkName: "=fuzz")
            return output.text
        }
    }

    /// Any bytes as a Lua string literal (decimal escapes: NUL and invalid UTF-8 included).
    static func literal(_ bytes: [UInt8]) -> String {
        "\"" + bytes.map { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x20
                ? String(UnicodeScalar(b)) : "\\" + String(format: "%03d", b)
        }.joined() + "\""
    }

    enum Outcome: Equatable { case number(Int), error(String) }

    /// One call in its own chunk (its own time budget), timed.
    static func call(_ h: FuzzSession, _ expression: String, _ query: [UInt8]) -> (Outcome, Double) {
        let start = DispatchTime.now()
        let outcome: Outcome
        do {
            let printed = try h.run("local q = \(literal(query)) print(\(expression))")
            outcome = Int(printed.trimmingCharacters(in: .whitespacesAndNewlines)).map { .number($0) } ?? .error("printed \(printed)")
        } catch let e as LuaError {
            outcome = .error(e.message)
        } catch {
            outcome = .error("\(error)")
        }
        return (outcome, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
    }

    /// A clear error: a query error that shows the column, or a limit that names its flag.
    static func isClear(_ message: String) -> Bool {
        !message.isEmpty && !message.contains("\0")
            && (message.contains(" at column ") || message.contains("limit exceeded (raise it with --"))
    }

    static func check(_ h: FuzzSession, _ query: [UInt8], _ label: String) {
        var numbers: [Int] = []
        for expression in ["corpus:count(q)", "#corpus:search(q)", "#corpus:kwic(q)"] {
            let (outcome, seconds) = call(h, expression, query)
            #expect(seconds < Double(limitMilliseconds) / 1000 + marginSeconds, "\(label) \(expression): \(seconds) s")
            if seconds > slowest.seconds { slowest = (seconds, "\(label.prefix(60)) \(expression)") }
            switch outcome {
            case .number(let n): numbers.append(n)
            case .error(let m):
                #expect(isClear(m), "\(label) \(expression): \(m)")
            }
        }
        if numbers.count >= 2 { #expect(Set(numbers).count == 1, "\(label): count, #search, #kwic = \(numbers)") }
        // The session goes on after whatever happened.
        #expect((try? h.run("print(#corpus)")) == "13\n", "\(label): the session did not go on")
    }

    static let words = ["nato", "the", "of", "kiev", "kyiv", "regime", "minsk", "agreements", "a", "and", "russia", "ukraine", "absent"]
    static let terms = words + ["nat*", "*ion", "k?iv", "=NATO", "=Kiev", "~negotiate", "/k[iy]+ev/", "/[0-9]+/", "_", "_{0,3}", "\"minsk agreements\""]
    static let catastrophic = ["/(\\p{L}|\\p{Ll}|[a-z])+\\d/", "/(\\p{L}|\\p{Ll}|[a-z]|\\w)+\\d/", "/(a|a)+b/", "/(.*)*x/", "/((a+)+)+z/",
                               "/(\\w+\\s?)+$x/", "/(x+x+)+y/", "/([a-z]*)*[0-9]/"]

    /// One adversarial query from the generator, as bytes.
    static func query(_ rng: inout FuzzRandom) -> (bytes: [UInt8], kind: String) {
        func s(_ text: String) -> [UInt8] { Array(text.utf8) }
        func gaps(_ k: Int) -> String { (0..<k).map { _ in "_{\(rng.int(3)),\(rng.int(3) + 98)}" }.joined(separator: " ") }
        switch rng.int(16) {
        case 0:   // random terms and operators
            let ops = [" ", " ", " AND ", " OR ", " NOT ", " NEAR/\(rng.int(1001)) ", " AND NOT ", "|"]
            var q = rng.pick(terms)
            for _ in 0..<rng.int(8) { q += rng.pick(ops) + rng.pick(terms) }
            return (s(q), "random")
        case 1:   // deep nesting, around the depth limit
            let d = rng.pick([5, 50, 99, 100, 101, 150, 2000])
            return (s(String(repeating: rng.int(2) == 0 ? "(" : "NOT (", count: d) + "nato" + String(repeating: ")", count: d)), "nesting \(d)")
        case 2:   // long alternations, around the limit
            let n = rng.pick([10, 500, 1000, 1001, 3000])
            return (s((0..<n).map { _ in rng.pick(words) }.joined(separator: "|")), "alternation \(n)")
        case 3:   // gap chains between words
            return (s("nato \(gaps(rng.pick([2, 4, 5, 50, 300]))) \(rng.pick(words))"), "gaps between")
        case 4:   // leading and trailing gap chains
            return (s(rng.int(2) == 0 ? "\(gaps(rng.pick([10, 200]))) nato" : "the \(gaps(rng.pick([10, 200])))"), "gaps at an end")
        case 5:   // NEAR chains
            let n = 1 + rng.int(6)
            return (s((0...n).map { _ in rng.pick(["the", "of", "a", "nato", "(the OR of)", "\"the _{0,5} of\""]) }
                .joined(separator: " NEAR/\(rng.pick([0, 10, 1000])) ")), "near chain \(n)")
        case 6:   // huge or malformed gaps
            return (s(rng.pick(["nato _{0,100000} the", "_{99999999999999999999,1} a", "a _{-1,3} b", "a _{3} b", "a _{,} b", "a _{0,100",
                                "_{0,100} _{0,100}", "a _{100,100} _{100,100} b"])), "gap bounds")
        case 7:   // catastrophic regexes, alone or in a phrase
            let r = rng.pick(catastrophic)
            return (s(rng.int(2) == 0 ? r : "the \(r) NEAR/5 nato"), "catastrophic regex")
        case 8:   // malformed regexes and ones that try to leave their anchors
            return (s(rng.pick(["/a)|(.*/", "/x)|(?:.*/", "/[a/", "/(/", "//", "/\\Qa)|(.*/", "/(?x)a#/", "/abc", "/\\/", "/(?<=a+)b/"])), "bad regex")
        case 9:   // NUL and control characters
            return ([0] + s(rng.pick(["", "nato", " the"])) + (rng.int(2) == 0 ? [0, 1, 27] : []), "nul")
        case 10:  // invalid UTF-8
            let bad: [[UInt8]] = [[0xFF], [0xC3], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]]
            return (s("nato ") + rng.pick(bad) + s(rng.int(2) == 0 ? " the" : ""), "invalid UTF-8")
        case 11:  // 100 kB words
            let w = String(repeating: rng.pick(["a", "é", "x"]), count: 100_000)
            return (s(rng.pick([w, "nato \(w)", "/\(w)/", "\(w)*", "=\(w)", "~\(w)"])), "100 kB word")
        case 12:  // stray operators and quotes
            return (s(rng.pick(["AND", "OR nato", "nato NOT", "NEAR/5", "nato NEAR/1001 the", "\"", "\"\"", "()", "|", "nato |", "~", "=", "~~nato",
                                "*", "**?", "_", "\"_ _\"", "nato)", "(nato"])), "stray")
        case 13:  // many operators, around the limit
            let n = rng.pick([50, 200, 201, 1000])
            return (s((0...n).map { _ in rng.pick(words) }.joined(separator: rng.pick([" OR ", " AND ", " NEAR/3 "]))), "operators \(n)")
        case 14:  // random bytes
            return ((0..<(1 + rng.int(40))).map { _ in UInt8(rng.int(256)) }, "random bytes")
        default:  // long plain phrases
            return (s((0..<rng.pick([2, 20, 2000])).map { _ in rng.pick(words) }.joined(separator: " ")), "long phrase")
        }
    }

    @Test func randomAndAdversarialQueries() throws {
        let h = try Self.session()
        var rng = FuzzRandom(seed: Self.seed)
        for i in 0..<Self.iterations {
            let (bytes, kind) = Self.query(&rng)
            Self.check(h, bytes, "#\(i) \(kind) \(String(decoding: bytes.prefix(80), as: UTF8.self))")
        }
        print("QueryFuzzTests: \(Self.iterations) queries, seed \(Self.seed); slowest count or search \(Self.slowest.seconds) s: \(Self.slowest.label)")
    }

    /// The reproductions of F7–F9 and F14 under the fuzzer's session: fast
    /// answers that agree, the regex stopped at its limit, errors in full.
    @Test func theRedTeamReproductions() throws {
        // The report's --timeout 2, for the queries that must answer well within it.
        let h = try Self.session(limitMilliseconds: 2000)
        let gaps = { (k: Int) in Array(repeating: "_{0,100}", count: k).joined(separator: " ") }
        for q in ["nato \(gaps(4)) nato", "nato \(gaps(5)) nato", "\(gaps(200)) nato", "nato \(gaps(50)) nato",
                  "the NEAR/1000 the NEAR/1000 the", "the NEAR/1000 the NEAR/1000 the NEAR/1000 the"] {
            var numbers: [Int] = []
            for expression in ["corpus:count(q)", "#corpus:search(q)"] {
                let (outcome, seconds) = Self.call(h, expression, Array(q.utf8))
                #expect(seconds < 2, "\(q): \(seconds) s")
                if case .number(let n) = outcome { numbers.append(n) } else { Issue.record("\(q) \(expression): \(outcome)") }
            }
            #expect(numbers.count == 2 && numbers[0] == numbers[1] && numbers[0] > 0, "\(q): \(numbers)")
        }
        // The regexes run until a limit stops them: a short one.
        let short = try Self.session()
        for r in ["/(\\p{L}|\\p{Ll}|[a-z])+\\d/", "/(\\p{L}|\\p{Ll}|[a-z]|\\w)+\\d/"] {
            let (outcome, seconds) = Self.call(short, "corpus:count(q)", Array(r.utf8))
            #expect(seconds < Double(Self.limitMilliseconds) / 1000 + 0.5, "\(r): \(seconds) s")
            #expect(outcome == .error("time limit exceeded (raise it with --timeout)") || {
                if case .error(let m) = outcome { return m.hasSuffix("time limit exceeded (raise it with --timeout)") } else { return false }
            }(), "\(r): \(outcome)")
        }
        for q in ["/a)|(.*/", "/x)|(?:.*/", "~~nato"] {
            let (outcome, _) = Self.call(h, "corpus:count(q)", Array(q.utf8))
            guard case .error(let m) = outcome else { Issue.record("\(q) answered \(outcome)"); continue }
            #expect(m.contains("at column 1"), "\(q): \(m)")
        }
        let m = try h.run("print(select(2, pcall(corpus.count, corpus, \"\\0\")))")
        #expect(m.contains("count: '\\0' has no letters or digits at column 1"), "\(m)")
    }
}

extension QueryFuzzTests {
    /// One form on which ICU backtracks for ever (2^40 ways to split 40 letters
    /// among `x`, `y` and `[xy]`): stopping between forms is not enough, the
    /// match itself must notice the limit (ICU's progress callback). The report's
    /// 100 such words took 85.8 s under --timeout 2.
    @Test func aRegexStopsInsideOneLongMatch() throws {
        var rng = FuzzRandom(seed: 3)
        let words = (0..<100).map { _ in String((0..<40).map { _ in rng.int(2) == 0 ? Character("x") : Character("y") }) }
        for (texts, tokens) in [([words[0]], 1), ([words.joined(separator: " ")], 100)] {
            let h = try LuaHarness(texts, limits: LuaLimits(timeMilliseconds: 300))
            let start = DispatchTime.now()
            let e = h.error("print(corpus:count('/(x|y|[xy])+[a-w]/'))")
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            #expect(e?.hasSuffix("time limit exceeded (raise it with --timeout)") == true, "\(e ?? "no error")")
            #expect(seconds < 0.3 + 0.5, "\(seconds) s")
            let got = try h.run("print(corpus:count('/[xy]+/'))")
            #expect(got == "\(tokens)\n", "\(got)")
        }
    }
}

/// The fuzzer's random numbers: a 64-bit LCG, the same on every machine.
typealias FuzzRandom = LCG   // LoupeTestSupport
