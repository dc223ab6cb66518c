import Foundation
import LoupeCore
import LuaRuntime

/// Checks a student's script against an exercise.
///
/// The student's script and the exercise's check run in two separate Lua
/// states, each sandboxed and limited: the script cannot see or change the
/// check (or read the exercise file, which holds the solution), and what it
/// returns crosses over as plain data only (numbers, strings, tables; a Loupe
/// Table as a list of rows). The check gets that answer and the corpus, and
/// returns passed (true/false) and feedback.
public struct ExerciseChecker: Sendable {
    public let corpus: Corpus
    /// Options for the student's script: its limits, and where it may read (never the exercises folder).
    public let studentOptions: EnvironmentOptions
    /// Options for the exercise's own code.
    public let checkerOptions: EnvironmentOptions

    public init(corpus: Corpus, studentOptions: EnvironmentOptions, checkerOptions: EnvironmentOptions) {
        self.corpus = corpus; self.studentOptions = studentOptions; self.checkerOptions = checkerOptions
    }

    public func check(_ exercise: Exercise, script: [UInt8], scriptPath: String) -> ExerciseVerdict {
        let start = Date()
        func verdict(_ passed: Bool, _ feedback: String, error: String? = nil) -> ExerciseVerdict {
            ExerciseVerdict(passed: passed, feedback: feedback, error: error, seconds: Date().timeIntervalSince(start))
        }
        let answer: LuaValue
        do {
            let student = try LuaEnvironment(corpus: corpus, options: studentOptions)
            answer = try student.runForValue(script, chunkName: "@\(scriptPath)", scriptName: scriptPath)
        } catch let e as LuaError {
            let why: String
            switch e.limit {
            case .time?: why = "Your script ran out of time (does a loop never end?), so there is no answer to check yet."
            case .memory?: why = "Your script ran out of memory, so there is no answer to check yet."
            default: why = "Your script stopped with an error, so there is no answer to check yet. Fix it and try again."
            }
            return verdict(false, why, error: e.message)
        } catch {
            return verdict(false, "Your script could not run.", error: "\(error)")
        }
        if case .nil = answer {
            return verdict(false, "Your script returned nothing. End it with `return` and your answer\(exercise.answer.isEmpty ? "" : " (\(exercise.answer))").",
                           error: "no value returned")
        }
        do {
            let checker = try LuaEnvironment(corpus: corpus, options: checkerOptions)
            let (_, functions) = try checker.runForModule(exercise.source, chunkName: "@\(exercise.file)")
            guard let check = functions["check"] else { return verdict(false, "", error: "the exercise has no check function") }
            let results = try checker.call(check, [answer])
            let passed: Bool
            if case .bool(true)? = results.first { passed = true } else { passed = false }
            var feedback = ""
            if results.count > 1, case .string(let s) = results[1] { feedback = s }
            if feedback.isEmpty { feedback = passed ? "Correct." : "Not yet." }
            return verdict(passed, feedback)
        } catch let e as LuaError {
            // An answer of an unexpected shape can make a careless check fail: say so without a crash.
            return verdict(false, "The check could not read your answer (\(exercise.answer.isEmpty ? "see `loupe exercise show \(exercise.id)`" : exercise.answer)).",
                           error: "check failed: \(e.message)")
        } catch {
            return verdict(false, "The check could not run.", error: "\(error)")
        }
    }
}
