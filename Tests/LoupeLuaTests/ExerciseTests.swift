import Foundation
import LoupeCore
import Testing
@testable import LoupeLua

/// Every exercise in scripts/exercises: its model solution passes, wrong answers
/// and broken scripts get feedback instead of a crash, and a student's script
/// cannot reach the check or the solutions.
@Suite(.serialized) struct ExerciseTests {
    static let folder = repositoryRoot.appendingPathComponent("scripts/exercises").path
    static let corpus: Corpus? = try? CorpusLoader.load(path: repositoryRoot.appendingPathComponent("corpus").path).0

    static func options(readable: [String], seconds: Double = 20) -> SessionOptions {
        var o = SessionOptions()
        o.limits = LuaLimits(memoryBytes: 512 << 20, instructions: 0, timeMilliseconds: Int(seconds * 1000))
        o.paths = PathPolicy(readable: readable, output: NSTemporaryDirectory())
        o.output = { _ in }
        return o
    }

    static func checker(seconds: Double = 20) throws -> ExerciseChecker {
        let corpus = try #require(Self.corpus)
        let scripts = NSTemporaryDirectory()
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
