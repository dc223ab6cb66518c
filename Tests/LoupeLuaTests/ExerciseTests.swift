import Foundation
import LoupeCore
import Testing
@testable import LoupeLua
@testable import LuaRuntime

/// Every exercise in scripts/exercises: its model solution passes, wrong answers
/// and broken scripts get feedback instead of a crash, and a student's script
/// cannot reach the check or the solutions.
@Suite struct ExerciseTests {
    static let folder = repositoryRoot.appendingPathComponent("scripts/exercises").path
    static let corpus: Corpus? = try? CorpusLoader.load(path: repositoryRoot.appendingPathComponent("corpus").path).0
    /// A folder of its own under the temporary folder (a clone of the repository may be in /tmp).
    static let scratch: String = {
        let path = scratchRoot + "/exercises"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    static func options(readable: [String], seconds: Double = 20) -> EnvironmentOptions {
        var o = EnvironmentOptions()
        o.limits = LuaLimits(memoryBytes: 512 << 20, instructions: 0, timeMilliseconds: Int(seconds * 1000))
        o.paths = PathPolicy(readable: readable, output: scratch)
        o.output = { _ in }
        return o
    }

    static func checker(seconds: Double = 20) throws -> ExerciseChecker {
        let corpus = try #require(Self.corpus)
        let scripts = scratch   // the student's folder: not /tmp, which may hold the repository itself
        return ExerciseChecker(corpus: corpus, studentOptions: options(readable: [corpus.root, scripts], seconds: seconds),
                               checkerOptions: options(readable: [corpus.root, folder]))
    }

    static func exercises() throws -> [Exercise] {
        let corpus = try #require(Self.corpus)
        let (all, problems) = Exercise.loadAll(folder: folder, corpus: corpus, options: options(readable: [corpus.root, folder]))
        #expect(problems.isEmpty, "\(problems)")
        return all
    }

    @Test func thereAreAtLeastTenExercisesWithDistinctIdsPromptsAndHints() throws {
        let all = try Self.exercises()
        #expect(all.count >= 10)
        #expect(Set(all.map(\.id)).count == all.count)
        for e in all {
            #expect(!e.prompt.isEmpty && !e.why.isEmpty && !e.answer.isEmpty, "\(e.id)")
            #expect(!e.hints.isEmpty && !e.solution.isEmpty, "\(e.id)")
        }
    }

    @Test func everyModelSolutionPasses() throws {
        let checker = try Self.checker()
        for e in try Self.exercises() {
            let v = checker.check(e, script: Array(e.solution.utf8), scriptPath: "solution.lua")
            #expect(v.passed, "\(e.id): \(v.feedback) \(v.error ?? "")")
            #expect(v.error == nil, "\(e.id)")
        }
    }

    @Test func wrongAnswersOfEveryKindFailWithFeedbackNotACrash() throws {
        let checker = try Self.checker()
        let wrong = ["return 0", "return -1", "return 'nonsense'", "return {}", "return {1, 2, 3}", "return {a = {b = {}}}",
                     "return true", "return corpus:freq{}", "return function() end", "return 1e308"]
        for e in try Self.exercises() {
            for answer in wrong {
                let v = checker.check(e, script: Array(answer.utf8), scriptPath: "wrong.lua")
                #expect(!v.passed, "\(e.id) passed with \(answer)")
                #expect(!v.feedback.isEmpty, "\(e.id) gave no feedback for \(answer)")
                // The feedback never gives the model solution away.
                #expect(!e.solution.isEmpty && !v.feedback.contains(e.solution), "\(e.id)")
            }
        }
    }

    /// The mistakes students make get feedback aimed at the mistake (issue 8: case
    /// folding, possessives, raw counts instead of rates, off-by-one windows, …).
    @Test(arguments: [
        ("nato-count", "return corpus:count('nato')", "NATO's is a token of its own"),
        ("nato-count", "local n = 0 for d in corpus:docs() do for _ in d.text:gmatch('%f[%w]NATO%f[%W]') do n = n + 1 end end return n",
         "capitals only"),
        ("kiev-kyiv", """
            local a = {}
            for outlet, sub in corpus:group("outlet"):each() do
              a[outlet] = {kiev = sub:count("kiev"), kyiv = sub:count("kyiv"), lugansk = sub:count("lugansk"), luhansk = sub:count("luhansk")}
            end
            return a
            """, "leave out possessives"),
        ("minsk-dispersion", "return {range = #corpus, dp = 0.5}", "number of documents in the corpus"),
        ("nato-collocates", """
            local t = corpus:collocates("nato", {window = 3, measure = "logdice", min = 3}):head(5)
            local w = {} for i = 1, 5 do w[i] = t[i].collocate end return w
            """, "a window of 3"),
        ("lavrov-turns", "return {questions = 36, lavrov_share = 0.9}", "sentences ending in '?'"),
        ("lavrov-turns", "return {questions = 39, lavrov_share = 0.1}", "the interviewer's share"),
        ("scare-quotes", """
            local l = {} for _, r in ipairs(corpus:doc("kirillova-anti-western-coalitions"):quotes()) do l[#l + 1] = r.quote end return l
            """, "longer than three words"),
        ("republication", "return {['rt-genocide-denial-2022-02-18'] = 'RT'}", "does not say it came through an intermediary"),
        ("troop-numbers", "return {'3,000', '35,000'}", "must be a number"),
        ("troop-numbers", "return {3000, 28}", "28 is not a number of troops"),
    ])
    func commonMistakesGetTargetedFeedback(_ id: String, _ script: String, _ expected: String) throws {
        let checker = try Self.checker()
        let e = try #require(try Self.exercises().first { $0.id == id })
        let v = checker.check(e, script: Array(script.utf8), scriptPath: "mistake.lua")
        #expect(!v.passed, "\(id) passed a mistaken answer")
        #expect(v.error == nil, "\(id): \(v.error ?? "")")
        #expect(v.feedback.contains(expected), "\(id): \(v.feedback)")
    }

    @Test func brokenScriptsAreReportedWithTheirErrors() throws {
        let checker = try Self.checker(seconds: 1)
        let e = try #require(try Self.exercises().first)
        let syntax = checker.check(e, script: Array("return (".utf8), scriptPath: "s.lua")
        #expect(!syntax.passed && syntax.error?.contains("s.lua:1:") == true, "\(syntax)")
        let runtime = checker.check(e, script: Array("local x = nil\nreturn x.y".utf8), scriptPath: "r.lua")
        #expect(!runtime.passed && runtime.error?.contains("r.lua:2:") == true, "\(runtime)")
        let nothing = checker.check(e, script: Array("local x = 1".utf8), scriptPath: "n.lua")
        #expect(!nothing.passed && nothing.feedback.contains("returned nothing"))
        let loop = checker.check(e, script: Array("while true do end".utf8), scriptPath: "l.lua")
        #expect(!loop.passed && loop.error?.contains("--timeout") == true, "\(loop)")
        #expect(loop.seconds < 10)
    }

    @Test func aStudentsScriptCannotReadTheExercisesOrTouchTheCheck() throws {
        let checker = try Self.checker()
        let e = try #require(try Self.exercises().first { $0.id == "nato-count" })
        let peek = checker.check(e, script: Array("return assert(io.open('\(Self.folder)/01-nato-count.lua')):read('a')".utf8), scriptPath: "p.lua")
        #expect(!peek.passed && peek.error?.contains("01-nato-count.lua") == true, "\(peek)")
        // Globals set by the student's script are not visible to the check (separate Lua states).
        let tamper = checker.check(e, script: Array("check = function() return true end; string.rep = nil; return 1".utf8), scriptPath: "t.lua")
        #expect(!tamper.passed)
    }

    @Test func theExampleInDocsTeachingIsAWorkingExercise() throws {
        let doc = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/teaching.md"), encoding: .utf8)
        let start = try #require(doc.range(of: "```lua\n"))
        let end = try #require(doc.range(of: "\n```", range: start.upperBound..<doc.endIndex))
        let code = String(doc[start.upperBound..<end.lowerBound])
        let file = NSTemporaryDirectory() + "teaching-example-\(getpid()).lua"
        try code.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let corpus = try #require(Self.corpus)
        let e = try Exercise.load(path: file, corpus: corpus, options: Self.options(readable: [corpus.root]))
        #expect(e.id == "minsk-first")
        #expect(code.split(separator: "\n").count <= 35)
        let checker = try Self.checker()
        #expect(checker.check(e, script: Array(e.solution.utf8), scriptPath: "s.lua").passed)
        let first = try #require(try corpus.search("minsk").hits.min { $0.start < $1.start })
        let other = try #require(corpus.documents.first { $0.id != corpus.documents[first.document].id })
        #expect(!checker.check(e, script: Array("return '\(other.id)'".utf8), scriptPath: "w.lua").passed)
    }
}
