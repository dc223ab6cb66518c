import Foundation
import LoupeCore
import Testing
@testable import LoupeLua
@testable import LuaRuntime

/// A hard-coded answer fails: a script that passes on the corpus is run again on a variant
/// of it where the right answer is different (ExerciseVariant), and must pass there too.
@Suite struct ExerciseVariantTests {
    /// Exercises for which no variant is expected, and why. Empty: every bundled exercise's
    /// answer depends on which documents there are (or, for the three about one document,
    /// on how long the documents are).
    static let withoutVariant: [String: String] = [:]

    static func exercise(_ id: String) throws -> Exercise {
        try #require(try ExerciseTests.exercises().first { $0.id == id })
    }

    @Test func everyBundledExerciseHasAVariantThatKeepsTheDocumentsIds() throws {
        let checker = try ExerciseTests.checker()
        let corpus = try #require(ExerciseTests.corpus)
        let ids = Set(corpus.documents.map(\.id))
        var found: [String: String] = [:]
        for e in try ExerciseTests.exercises() {
            let v = checker.variant(for: e)
            if Self.withoutVariant[e.id] != nil {
                #expect(v == nil, "\(e.id) now has a variant: take it off the list")
                continue
            }
            let variant = try #require(v, "\(e.id) has no variant")
            found[e.id] = variant.description
            // The same documents or fewer, under the same ids and in the same order, with the same metadata.
            let kept = variant.corpus.documents.map(\.id)
            #expect(Set(kept).isSubset(of: ids) && !kept.isEmpty, "\(e.id)")
            #expect(kept == corpus.documents.map(\.id).filter(Set(kept).contains), "\(e.id)")
            for d in variant.corpus.documents {
                let original = try #require(corpus.documents.first { $0.id == d.id })
                #expect(d.meta == original.meta && d.title == original.title, "\(e.id): \(d.id)")
                #expect(original.text.hasPrefix(d.text), "\(e.id): \(d.id)")
            }
            if variant.description.contains("left out") {
                #expect(variant.description.hasPrefix("\(corpus.documents.count - kept.count) of \(corpus.documents.count) documents left out"))
            } else {
                #expect(kept.count == corpus.documents.count && variant.corpus.tokenCount < corpus.tokenCount, "\(e.id)")
            }
            // Found once: the checker keeps it.
            #expect(checker.variant(for: e)?.corpus === variant.corpus, "\(e.id)")
        }
        // The answers about one document need documents cut short; the others leave documents out.
        for id in ["lavrov-turns", "scare-quotes", "troop-numbers"] { #expect(found[id]?.contains("cut short") == true, "\(id): \(found[id] ?? "none")") }
        for id in ["nato-count", "kiev-kyiv", "reused-passages", "republication"] { #expect(found[id]?.contains("left out") == true, "\(id)") }
    }

    /// For every bundled exercise: the model solution passes (on the corpus and its variant),
    /// and the value it returns on the corpus, written into a script as a literal, fails with
    /// "does not follow".
    @Test func theSolutionPassesAndItsAnswerWrittenInFails() throws {
        let checker = try ExerciseTests.checker()
        let corpus = try #require(ExerciseTests.corpus)
        for e in try ExerciseTests.exercises() {
            // CPU time, which a loaded machine does not stretch; in a debug build.
            let before = threadCPUSeconds()
            _ = checker.variant(for: e)
            let found = threadCPUSeconds()
            let solution = checker.check(e, script: Array(e.solution.utf8), scriptPath: "solution.lua")
            let checked = threadCPUSeconds()
            #expect(found - before < 10 && checked - found < 2, "\(e.id): \(found - before) s to find the variant, \(checked - found) s to check")
            #expect(solution.passed && solution.error == nil, "\(e.id): \(solution.feedback) \(solution.error ?? "")")
            let env = try LuaEnvironment(corpus: corpus, options: ExerciseTests.options(readable: [corpus.root]))
            let answer = try env.runForValue(Array(e.solution.utf8), chunkName: "=solution")
            let literal = "return " + answer.luaLiteral
            let back = try LuaEnvironment(corpus: corpus, options: ExerciseTests.options(readable: [corpus.root]))
            #expect(try back.runForValue(Array(literal.utf8), chunkName: "=literal") == answer, "\(e.id): \(literal)")
            let hard = checker.check(e, script: Array(literal.utf8), scriptPath: "hard.lua")
            if Self.withoutVariant[e.id] != nil {
                #expect(hard.passed && !hard.variantChecked && !solution.variantChecked, "\(e.id)")
                continue
            }
            let variant = try #require(solution.variant, "\(e.id)")
            #expect(solution.variantChecked, "\(e.id)")
            #expect(!hard.passed && hard.variantChecked && hard.error == nil, "\(e.id): the hard-coded \(literal.prefix(200)) passed")
            #expect(hard.feedback.hasPrefix("Your answer does not follow from the corpus: on a copy of the corpus with \(variant),"), "\(e.id): \(hard.feedback)")
            #expect(hard.feedback.contains("your script returned the same answer as on the whole corpus"), "\(e.id): \(hard.feedback)")
            #expect(!hard.feedback.contains(e.solution), "\(e.id)")
        }
    }

    @Test func anAnswerHardCodedInPartIsToldWhatTheCheckSaysOnTheVariant() throws {
        let checker = try ExerciseTests.checker()
        let e = try Self.exercise("minsk-dispersion")
        let corpus = try #require(ExerciseTests.corpus)
        let range = Set(try corpus.search("minsk").hits.map(\.document)).count
        let v = checker.check(e, script: Array("return {range = \(range), dp = corpus:dispersion('minsk')[1].dp}".utf8), scriptPath: "part.lua")
        #expect(!v.passed && v.variantChecked, "\(v)")
        #expect(v.feedback.contains("your script's answer is not right for that copy (there the check says: The range is not right yet"), "\(v.feedback)")
    }

    @Test func aScriptThatFailsOnlyOnTheVariantIsToldSo() throws {
        let checker = try ExerciseTests.checker()
        let e = try Self.exercise("nato-count")
        let corpus = try #require(ExerciseTests.corpus)
        let script = "if #corpus < \(corpus.documents.count) then error('not the whole corpus') end\nreturn corpus:count(\"nato|nato's\")"
        let v = checker.check(e, script: Array(script.utf8), scriptPath: "fussy.lua")
        #expect(!v.passed && v.variantChecked)
        #expect(v.feedback.contains("it stopped with an error") && v.error?.contains("not the whole corpus") == true, "\(v)")
    }

    @Test func anotherCorrectMethodPassesOnTheVariantToo() throws {
        let checker = try ExerciseTests.checker()
        let e = try Self.exercise("nato-count")
        // By the documents, one at a time: a different method, the same answer.
        let script = "local n = 0\nfor d in corpus:docs() do\n  n = n + corpus:filter(function(x) return x.id == d.id end):count(\"nato|nato's\")\nend\nreturn n"
        let v = checker.check(e, script: Array(script.utf8), scriptPath: "other.lua")
        #expect(v.passed && v.variantChecked && v.variant != nil, "\(v)")
    }

    @Test func theScriptPrintsOnceThoughItRunsTwice() throws {
        let corpus = try #require(ExerciseTests.corpus)
        let printed = OutputBuffer()
        var student = ExerciseTests.options(readable: [corpus.root, ExerciseTests.scratch])
        student.output = { printed.text += $0 }
        let checker = ExerciseChecker(corpus: corpus, studentOptions: student,
                                      checkerOptions: ExerciseTests.options(readable: [corpus.root, ExerciseTests.folder]))
        let v = checker.check(try Self.exercise("nato-count"), script: Array("print('counting')\nreturn corpus:count(\"nato|nato's\")".utf8), scriptPath: "p.lua")
        #expect(v.passed && v.variantChecked)
        #expect(printed.text == "counting\n", "\(printed.text)")
    }

    /// Without a solution, or with an answer no candidate changes, there is no variant:
    /// the check is the exercise's own, and the verdict says the variant was not run.
    @Test(arguments: [
        ("no-solution", "", "return answer == corpus:count('nato')", "return corpus:count('nato')"),
        ("constant", "solution = [[return 42]],", "return answer == 42", "return 42"),
    ])
    func exercisesWithoutAVariantAreCheckedAsBefore(_ id: String, _ solution: String, _ check: String, _ script: String) throws {
        let corpus = try #require(ExerciseTests.corpus)
        let file = ExerciseTests.scratch + "/\(id).lua"
        try """
            return {id = "\(id)", title = "T", prompt = "P", \(solution)
              check = function(answer, corpus) \(check) end}
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let e = try Exercise.load(path: file, corpus: corpus, options: ExerciseTests.options(readable: [corpus.root, ExerciseTests.scratch]))
        let checker = ExerciseChecker(corpus: corpus, studentOptions: ExerciseTests.options(readable: [corpus.root]),
                                      checkerOptions: ExerciseTests.options(readable: [corpus.root, ExerciseTests.scratch]))
        #expect(checker.variant(for: e) == nil)
        let v = checker.check(e, script: Array(script.utf8), scriptPath: "s.lua")
        #expect(v.passed && !v.variantChecked && v.variant == nil, "\(v)")
    }

    @Test func literalsReadBackAsTheSameValue() throws {
        let corpus = try #require(ExerciseTests.corpus)
        let values: [LuaValue] = [
            .int(0), .int(-7), .int(Int.min), .number(0.1), .number(1e-300), .number(-2.5e20), .number(3), .number(.infinity),
            .bool(true), .string(""), .string("quote \" back \\ new\nline\ttab \u{1} bell \u{7F} ünï 日本 ]] ]=] [["),
            .array([.int(1), .string("a"), .array([])]),
            .record([("a b", .int(1)), ("kiev", .record([("n", .number(0.5))]))]),
        ]
        let env = try LuaEnvironment(corpus: corpus, options: ExerciseTests.options(readable: [corpus.root]))
        for v in values {
            #expect(try env.runForValue(Array(("return " + v.luaLiteral).utf8), chunkName: "=v") == v, "\(v.luaLiteral)")
        }
        #expect(LuaValue.number(.nan).luaLiteral == "(0/0)")
    }
}
