import Foundation
import LoupeCore
import LoupeLua
import LuaRuntime

/// A class run with Loupe: its exercises, its gradebook and the checker that grades answers.
/// The host (`loupe serve --class`) handles sessions and pages; this holds the rules
/// (docs/classroom.md): who may join, what a student may see, how an attempt is checked and kept.
public final class Classroom: Sendable {
    public let name: String
    public let gradebook: Gradebook
    public let exercises: [Exercise]
    let checker: ExerciseChecker
    let clock: @Sendable () -> Double

    /// Opens the class's gradebook (made on first use) and makes a new teacher key, returned
    /// here once and kept only as its hash. `classCode`: students must give it to join (nil: none).
    public static func open(name: String, gradebookPath: String, exercises: [Exercise], checker: ExerciseChecker, classCode: String?,
                            clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) throws -> (Classroom, teacherKey: String) {
        let gradebook = try Gradebook(path: gradebookPath)
        let key = Secrets.newToken()
        try gradebook.setSetting("teacher_key_sha256", SHA256.hex(key))
        try gradebook.setSetting("class_code_sha256", classCode.map { SHA256.hex($0) })
        if try gradebook.setting("name") == nil { try gradebook.setSetting("name", name) }
        if try gradebook.setting("created") == nil { try gradebook.setSetting("created", String(clock())) }
        return (Classroom(name: name, gradebook: gradebook, exercises: exercises, checker: checker, clock: clock), key)
    }

    init(name: String, gradebook: Gradebook, exercises: [Exercise], checker: ExerciseChecker, clock: @escaping @Sendable () -> Double) {
        self.name = name; self.gradebook = gradebook; self.exercises = exercises; self.checker = checker; self.clock = clock
    }

    public var now: Double { clock() }

    /// Finds every exercise's variant now (a few runs of its solution each), so no student's
    /// first check pays for it.
    public func prepare() {
        for e in exercises { _ = checker.variant(for: e) }
    }

    /// A checker for a class: students' scripts read the corpus and never the exercises, the
    /// exercises' code reads both, neither writes, both within `limits`.
    public static func checker(corpus: Corpus, exercisesFolder: String, limits: LuaLimits) -> ExerciseChecker {
        func options(readable: [String], hidden: [String]) -> EnvironmentOptions {
            var o = EnvironmentOptions()
            o.limits = limits
            o.paths = PathPolicy(readable: readable, output: "/nonexistent", hidden: hidden,
                                 gate: WriteGate(closed: "answers checked in the class do not write files"))
            o.output = { _ in }
            return o
        }
        let corpusFolders = corpus.root.isEmpty ? [] : [corpus.root]
        // (each exercise's variant is found on its first check, or by `prepare()`)
        return ExerciseChecker(corpus: corpus, studentOptions: options(readable: corpusFolders, hidden: [exercisesFolder]),
                               checkerOptions: options(readable: corpusFolders + [exercisesFolder], hidden: []))
    }

    // MARK: who

    public func isTeacherKey(_ key: String) -> Bool {
        guard let hash = try? gradebook.setting("teacher_key_sha256") else { return false }
        return Secrets.matches(key, hash: hash)
    }

    public var needsClassCode: Bool { ((try? gradebook.setting("class_code_sha256")) ?? nil) != nil }

    /// A new student and their session token; a refusal says why in words for the student.
    public func join(name raw: String, code: String) throws -> (Student, token: String) {
        let name = raw.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard !name.isEmpty else { throw ClassroomRefusal("Give your name.") }
        guard name.count <= 60 else { throw ClassroomRefusal("A name of at most 60 characters, please.") }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format })
        else { throw ClassroomRefusal("Your name holds characters that cannot be shown; type it again.") }
        if let hash = try gradebook.setting("class_code_sha256"), !Secrets.matches(code, hash: hash) {
            throw ClassroomRefusal("That is not this class's code; ask your teacher for it.")
        }
        let token = Secrets.newToken()
        guard let student = try gradebook.addStudent(name: name, token: token, at: clock()) else {
            throw ClassroomRefusal("Someone in this class already has the name \(name); add an initial to yours.")
        }
        return (student, token)
    }

    public func student(token: String) -> Student? {
        guard Secrets.isWellFormed(token[...]) else { return nil }
        return try? gradebook.student(token: token)
    }

    // MARK: what a student sees

    public func exercise(_ id: String) -> Exercise? { exercises.first { $0.id == id } }

    public func setting(_ exercise: String) -> ExerciseSetting {
        (try? gradebook.exerciseSetting(exercise)) ?? ExerciseSetting(exercise: exercise)
    }

    /// The exercises students may open now.
    public var openExercises: [Exercise] { exercises.filter { setting($0.id).open } }

    /// The hints a student has been shown for an exercise (none when the teacher allows none).
    public func hints(student: Student, exercise: Exercise) -> [String] {
        guard setting(exercise.id).hintsAllowed else { return [] }
        let n = (try? gradebook.hintsShown(student: student.id, exercise: exercise.id)) ?? 0
        return Array(exercise.hints.prefix(n))
    }

    /// Shows the student one more hint, when allowed; refused otherwise.
    public func nextHint(student: Student, exercise: Exercise) throws {
        guard setting(exercise.id).open else { throw ClassroomRefusal("This exercise is closed.") }
        guard setting(exercise.id).hintsAllowed else { throw ClassroomRefusal("Your teacher has turned hints off for this exercise.") }
        guard !exercise.hints.isEmpty else { throw ClassroomRefusal("This exercise has no hints.") }
        _ = try gradebook.showHint(student: student.id, exercise: exercise.id, available: exercise.hints.count)
    }

    /// The model solution, when the teacher's setting shows it now.
    public func solution(for exercise: Exercise) -> String? {
        setting(exercise.id).solutionShown(at: clock()) && !exercise.solution.isEmpty ? exercise.solution : nil
    }

    // MARK: checking

    /// Checks a student's script and keeps the attempt (on disk when this returns). On the calling thread.
    public func check(student: Student, exercise: Exercise, script: String, reflections: [String]) throws -> Attempt {
        guard setting(exercise.id).open else { throw ClassroomRefusal("This exercise is closed; your teacher may open it again.") }
        let verdict = checker.check(exercise, script: Array(script.utf8), scriptPath: "answer.lua")
        let hintsUsed = (try? gradebook.hintsShown(student: student.id, exercise: exercise.id)) ?? 0
        var attempt = Attempt(student: student.id, exercise: exercise.id, at: clock(), script: script, passed: verdict.passed,
                              feedback: verdict.feedback, error: verdict.error, hintsUsed: hintsUsed, reflections: reflections,
                              seconds: verdict.seconds)
        attempt.answer = verdict.answer
        attempt.id = try gradebook.record(attempt)
        return attempt
    }
}

/// Why the class refuses something, in words for the person who asked.
public struct ClassroomRefusal: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
