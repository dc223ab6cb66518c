import Foundation
import LoupeCore
import Testing
@testable import LoupeLua
@testable import LuaRuntime

/// The exercise format's reflections, the student pack's files, and the names of submissions.
@Suite struct ExerciseFormatTests {
    static func write(_ name: String, _ text: String) throws -> String {
        let path = ExerciseTests.scratch + "/format-\(name)-\(UUID().uuidString).lua"   // test cases run in parallel
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func load(_ path: String, requireCheck: Bool = true) throws -> Exercise {
        let corpus = try #require(ExerciseTests.corpus)
        return try Exercise.load(path: path, corpus: corpus, options: ExerciseTests.options(readable: [corpus.root, ExerciseTests.scratch]),
                                 requireCheck: requireCheck)
    }

    @Test func everyBundledExerciseAsksOneOrTwoReflectionQuestions() throws {
        for e in try ExerciseTests.exercises() {
            #expect((1...2).contains(e.reflections.count), "\(e.id)")
            for q in e.reflections {
                #expect(q.contains("?") && q.count > 30, "\(e.id): \(q)")   // a question, perhaps with a task after it
                #expect(!e.hints.contains(q) && q != e.prompt, "\(e.id)")
            }
        }
    }

    @Test func reflectionsAreReadInOrderAndMayBeLeftOut() throws {
        let with = try Self.load(try Self.write("with", """
            return {id = "r", title = "T", prompt = "P", reflections = {"First?", "Second, with \\"quotes\\"?"},
              check = function(answer) return true end}
            """))
        #expect(with.reflections == ["First?", "Second, with \"quotes\"?"])
        let without = try Self.load(try Self.write("without", "return {id = \"r\", title = \"T\", prompt = \"P\", check = function() return true end}"))
        #expect(without.reflections.isEmpty && without.isCheckable)
        let empty = try Self.load(try Self.write("empty", "return {id = \"r\", title = \"T\", prompt = \"P\", reflections = {}, check = function() return true end}"))
        #expect(empty.reflections.isEmpty)
    }

    @Test(arguments: [
        ("\"Why?\"", "got a string"),
        ("{\"Why?\", \"\"}", "question 2 is empty"),
        ("{\"Why?\", \"   \"}", "question 2 is empty"),
        ("{\"Why?\", 3}", "question 2 is a number, not a string"),
        ("{{\"Why?\"}}", "question 1 is a table, not a string"),
        ("{first = \"Why?\"}", "got a table with named fields"),
        ("true", "got a boolean"),
    ])
    func badReflectionsAreALoadErrorNamingTheFile(_ value: String, _ expected: String) throws {
        let path = try Self.write("bad", "return {id = \"r\", title = \"T\", prompt = \"P\", reflections = \(value), check = function() return true end}")
        do {
            _ = try Self.load(path)
            Issue.record("reflections = \(value) loaded")
        } catch let e as ExerciseError {
            #expect(e.description.hasPrefix(path + ": reflections must be a list of questions"), "\(e)")
            #expect(e.description.contains(expected), "\(e)")
        }
    }

    @Test func aFileWithoutACheckLoadsOnlyWhenAllowed() throws {
        let path = try Self.write("nocheck", "return {id = \"r\", title = \"T\", prompt = \"P\"}")
        #expect(throws: ExerciseError.self) { try Self.load(path) }
        let e = try Self.load(path, requireCheck: false)
        #expect(!e.isCheckable)
        let checker = try ExerciseTests.checker()
        let v = checker.check(e, script: Array("return 1".utf8), scriptPath: "s.lua")
        #expect(!v.passed && v.error?.contains("no check function") == true, "\(v)")
        let notAFunction = try Self.write("checkstring", "return {id = \"r\", title = \"T\", prompt = \"P\", check = \"yes\"}")
        #expect { try Self.load(notAFunction, requireCheck: false) } throws: { "\($0)".contains("check must be a function") }
    }

    /// Each bundled exercise, packed, loads back with the same fields and holds neither
    /// its solution nor its check.
    @Test func packedExercisesLoadBackWithTheQuestionOnly() throws {
        for e in try ExerciseTests.exercises() {
            let text = e.packed
            #expect(!text.contains("check"), "\(e.id)")
            #expect(!text.contains(e.solution) && !text.contains("solution"), "\(e.id)")
            let back = try Self.load(try Self.write("packed-\(e.id)", text), requireCheck: false)
            #expect(back.id == e.id && back.title == e.title && back.why == e.why && back.prompt == e.prompt, "\(e.id)")
            #expect(back.answer == e.answer && back.hints == e.hints && back.reflections == e.reflections, "\(e.id)")
            #expect(back.solution.isEmpty && !back.isCheckable, "\(e.id)")
        }
    }

    @Test func packedTextWithAwkwardCharactersSurvives() throws {
        let odd = "ends with ]] and ]=], has \"quotes\", a \\ backslash,\nnew lines\r\n, a tab\t, a NUL-free control \u{1}, and ünïcödé 日本"
        let source = try Self.write("odd", """
            return {id = "odd", title = \(LuaValue.quoted(odd)), prompt = \(LuaValue.quoted(odd)), why = "", answer = \(LuaValue.quoted(odd)),
              hints = {\(LuaValue.quoted(odd))}, reflections = {\(LuaValue.quoted(odd))}, check = function() return true end}
            """)
        let e = try Self.load(source)
        #expect(e.title == odd)
        let back = try Self.load(try Self.write("odd-packed", e.packed), requireCheck: false)
        #expect(back.title == odd && back.prompt == odd && back.answer == odd && back.hints == [odd] && back.reflections == [odd])
    }

    @Test func submissionsAreNamedByFolderOrByPrefix() throws {
        let ids = ["nato-count", "count", "kiev-kyiv"]
        #expect(ExerciseSubmission.split("nato-count", ids: ids)! == (nil, "nato-count"))
        #expect(ExerciseSubmission.split("alice-nato-count", ids: ids)! == ("alice", "nato-count"))   // the longest id
        #expect(ExerciseSubmission.split("mary-ann-kiev-kyiv", ids: ids)! == ("mary-ann", "kiev-kyiv"))
        #expect(ExerciseSubmission.split("03-kiev-kyiv", ids: ids)! == ("03", "kiev-kyiv"))
        #expect(ExerciseSubmission.split("-kiev-kyiv", ids: ids) == nil)
        #expect(ExerciseSubmission.split("alice-kyiv", ids: ids) == nil)
        #expect(ExerciseSubmission.split("alicekiev-kyiv", ids: ids) == nil)

        let dir = ExerciseTests.scratch + "/submissions-\(UUID().uuidString)"
        let fm = FileManager.default
        for sub in ["alice", "bob", "bob/notes", ".git"] { try fm.createDirectory(atPath: dir + "/" + sub, withIntermediateDirectories: true) }
        for file in ["alice/kiev-kyiv.lua", "alice/03-nato-count.lua", "alice/other.lua", "bob/notes/x.lua", "bob/README.md",
                     "carol-kiev-kyiv.lua", "alice-kiev-kyiv.lua", "kiev-kyiv.lua", "stray.lua", ".hidden.lua", ".git/x.lua", "grades.csv"] {
            try "return 1".write(toFile: dir + "/" + file, atomically: true, encoding: .utf8)
        }
        let (found, warnings) = try ExerciseSubmission.find(in: dir, ids: ids)
        #expect(found.map { "\($0.student) \($0.exercise)" } == ["alice nato-count", "alice kiev-kyiv", "carol kiev-kyiv"], "\(found)")
        #expect(found.first?.path == dir + "/alice/03-nato-count.lua")
        let expected = ["alice/other.lua: the name matches no exercise", "alice-kiev-kyiv.lua: a second script of alice for kiev-kyiv",
                        "bob/notes: a folder inside a student's folder", "bob/README.md: not a .lua script", "grades.csv: not a .lua script",
                        "kiev-kyiv.lua: whose is it?", "stray.lua: the name matches no exercise"]
        #expect(warnings.count == expected.count, "\(warnings)")
        for w in expected { #expect(warnings.contains { $0.contains(dir + "/" + w) }, "\(w) in \(warnings)") }
        #expect(!warnings.contains { $0.contains(".git") || $0.contains(".hidden") })
        #expect(throws: (any Error).self) { try ExerciseSubmission.find(in: dir + "/missing", ids: ids) }
    }
}
