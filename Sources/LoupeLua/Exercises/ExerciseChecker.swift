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
///
/// A script that passes is run again on a variant of the corpus where the
/// right answer is different (ExerciseVariant), and must pass there too: an
/// answer written into the script does not follow from the corpus.
public struct ExerciseChecker: Sendable {
    public let corpus: Corpus
    /// Options for the student's script: its limits, and where it may read (never the exercises folder).
    public let studentOptions: EnvironmentOptions
    /// Options for the exercise's own code.
    public let checkerOptions: EnvironmentOptions
    /// The variants found so far; checkers given the same one find each exercise's variant once.
    public let variants: ExerciseVariants

    public init(corpus: Corpus, studentOptions: EnvironmentOptions, checkerOptions: EnvironmentOptions,
                variants: ExerciseVariants = ExerciseVariants()) {
        self.corpus = corpus; self.studentOptions = studentOptions; self.checkerOptions = checkerOptions
        self.variants = variants
    }

    public func check(_ exercise: Exercise, script: [UInt8], scriptPath: String) -> ExerciseVerdict {
        let start = Date()
        var shown: String?
        func verdict(_ passed: Bool, _ feedback: String, error: String? = nil, variant: ExerciseVariant? = nil) -> ExerciseVerdict {
            var v = ExerciseVerdict(passed: passed, feedback: feedback, error: error, seconds: Date().timeIntervalSince(start),
                                    variantChecked: variant != nil, variant: variant?.description)
            v.answer = shown
            return v
        }
        let answer: LuaValue
        do {
            answer = try run(script, scriptPath: scriptPath, on: corpus, options: studentOptions)
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
        if case .nil = answer {} else {
            let literal = answer.luaLiteral
            shown = literal.count > 2_000 ? String(literal.prefix(2_000)) + "…" : literal
        }
        if case .nil = answer {
            return verdict(false, "Your script returned nothing. End it with `return` and your answer\(exercise.answer.isEmpty ? "" : " (\(exercise.answer))").",
                           error: "no value returned")
        }
        let judged: (passed: Bool, feedback: String)
        do {
            judged = try judge(exercise, answer, on: corpus)
        } catch let e as LuaError {
            // An answer of an unexpected shape can make a careless check fail: say so without a crash.
            return verdict(false, "The check could not read your answer (\(exercise.answer.isEmpty ? "see `loupe exercise show \(exercise.id)`" : exercise.answer)).",
                           error: "check failed: \(e.message)")
        } catch let e as ExerciseError {
            return verdict(false, "This exercise has no check, so answers to it cannot be checked here.", error: e.description)
        } catch {
            return verdict(false, "The check could not run.", error: "\(error)")
        }
        guard judged.passed, let variant = variant(for: exercise) else { return verdict(judged.passed, judged.feedback) }

        // The same script on the variant, quietly (its output was shown once), with the same limits.
        let unfollowed = "Your answer does not follow from the corpus: "
        let copy = "a copy of the corpus with \(variant.description)"
        let (quiet, cleanUp) = variantRunOptions()
        defer { cleanUp() }
        let again: LuaValue
        do {
            again = try run(script, scriptPath: scriptPath, on: variant.corpus, options: quiet)
        } catch let e as LuaError {
            let how: String
            switch e.limit {
            case .time?: how = "ran out of time."
            case .memory?: how = "ran out of memory."
            default: how = "stopped with an error. Does it count on a particular document being there?"
            }
            return verdict(false, unfollowed + "your script gives the right answer on the corpus, but on \(copy), it \(how)",
                           error: "on the variant: \(e.message)", variant: variant)
        } catch {
            return verdict(false, unfollowed + "your script could not run on \(copy).", error: "on the variant: \(error)", variant: variant)
        }
        let there = (try? judge(exercise, again, on: variant.corpus)) ?? (passed: false, feedback: "")
        if there.passed { return verdict(true, judged.feedback, variant: variant) }
        if again == answer {
            return verdict(false, unfollowed + "on \(copy), the right answer is different, but your script returned the same answer "
                           + "as on the whole corpus. Work the answer out from `corpus` instead of writing it into the script.",
                           variant: variant)
        }
        return verdict(false, unfollowed + "on \(copy), your script's answer is not right for that copy"
                       + (there.feedback.isEmpty ? "." : " (there the check says: \(there.feedback))")
                       + " Work every part of the answer out from `corpus`.", variant: variant)
    }

    /// The student's options for the run on the variant: nothing printed, shown or recorded, and
    /// files written into a fresh private folder (mkdtemp; the closure returned removes it),
    /// so what the first run wrote neither blocks nor feeds the second.
    private func variantRunOptions() -> (EnvironmentOptions, () -> Void) {
        var o = studentOptions
        o.output = { _ in }
        o.wrote = { _ in }
        o.display = nil
        o.page = nil
        let p = o.paths
        guard !p.unrestricted, p.gate.closedReason == nil else { return (o, {}) }
        var template = Array((NSTemporaryDirectory() + "/loupe-variant-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buf -> String? in
            guard let base = buf.baseAddress, let path = mkdtemp(base) else { return nil }
            return String(cString: path)
        }
        guard let folder = made else { return (o, {}) }
        o.paths = PathPolicy(readable: p.readable, output: folder, hidden: p.hidden, protected: p.protected,
                             mayReplace: p.mayReplace, wording: p.wording)
        return (o, { try? FileManager.default.removeItem(atPath: folder) })
    }

    /// The exercise's variant of this checker's corpus, found on first use (ExerciseVariant), or nil.
    public func variant(for exercise: Exercise) -> ExerciseVariant? {
        guard !exercise.solution.isEmpty, exercise.isCheckable else { return nil }
        return variants.variant(for: exercise, corpus: corpus) { findVariant(exercise) }
    }

    private func findVariant(_ exercise: Exercise) -> ExerciseVariant? {
        var quiet = checkerOptions
        quiet.output = { _ in }
        let solution = Array(exercise.solution.utf8)
        guard let full = try? run(solution, scriptPath: "solution", on: corpus, options: quiet), full != .nil else { return nil }
        for candidate in ExerciseVariant.candidates(of: corpus) {
            guard let sub = try? candidate.make(),
                  let answer = try? run(solution, scriptPath: "solution", on: sub, options: quiet),
                  answer != .nil, answer != full, !answer.holdsNaN else { continue }
            guard let environment = try? LuaEnvironment(corpus: sub, options: checkerOptions),
                  let check = try? environment.runForModule(exercise.source, chunkName: "@\(exercise.file)").functions["check"],
                  let right = try? environment.call(check, [answer]), case .bool(true)? = right.first else { continue }
            // The corpus's answer must fail there (a check that raises an error fails it too).
            if let stale = try? environment.call(check, [full]), case .bool(true)? = stale.first { continue }
            return ExerciseVariant(corpus: sub, description: candidate.description)
        }
        return nil
    }

    /// A script's answer on a corpus, in a fresh sandboxed state.
    private func run(_ script: [UInt8], scriptPath: String, on corpus: Corpus, options: EnvironmentOptions) throws -> LuaValue {
        let environment = try LuaEnvironment(corpus: corpus, options: options)
        return try environment.runForValue(script, chunkName: "@\(scriptPath)", scriptName: scriptPath)
    }

    /// The check's verdict on an answer, in a fresh sandboxed state over `corpus`.
    private func judge(_ exercise: Exercise, _ answer: LuaValue, on corpus: Corpus) throws -> (passed: Bool, feedback: String) {
        let checker = try LuaEnvironment(corpus: corpus, options: checkerOptions)
        let (_, functions) = try checker.runForModule(exercise.source, chunkName: "@\(exercise.file)")
        guard let check = functions["check"] else {
            throw ExerciseError("the exercise \(exercise.id) has no check function (\(exercise.file)); a student pack holds the questions only")
        }
        let results = try checker.call(check, [answer])
        let passed: Bool
        if case .bool(true)? = results.first { passed = true } else { passed = false }
        var feedback = ""
        if results.count > 1, case .string(let s) = results[1] { feedback = s }
        if feedback.isEmpty { feedback = passed ? "Correct." : "Not yet." }
        return (passed, feedback)
    }
}
