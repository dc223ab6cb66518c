import ArgumentParser
import Foundation
import LoupeCore
import LoupeLua
import LuaRuntime

/// `loupe exercise list | show ID | check ID FILE…`: self-checking exercises (docs/teaching.md).
struct ExerciseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercise",
        abstract: "List, show and check the exercises in scripts/exercises/.",
        subcommands: [ExerciseList.self, ExerciseShow.self, ExerciseCheck.self])
}

/// Options the exercise commands share.
struct ExerciseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The corpus folder (default: $LOUPE_CORPUS, else ./corpus, else the corpus that came with Loupe).", valueName: "path"))
    var corpus: String?

    @Option(name: .long, help: ArgumentHelp("The folder of exercise files (default: ./scripts/exercises, else scripts/exercises beside the corpus folder, else the exercises that came with Loupe).", valueName: "dir"))
    var exercises: String?

    @Flag(name: .long, help: "Print no load summary or warnings.")
    var quiet = false

    @Option(name: .long, help: ArgumentHelp("Stop a student's script after this many seconds (default 60).", valueName: "seconds"))
    var timeout: Double = 60

    @Option(name: .long, help: ArgumentHelp("Lua memory limit in MiB for each script (default 1024).", valueName: "MiB"))
    var memory: Int = 1024

    func validate() throws {
        if !(timeout > 0 && timeout < 1e6) { throw ValidationError("--timeout must be a number of seconds from 0 to 1000000") }
        if memory <= 0 || memory > 1 << 24 { throw ValidationError("--memory must be a number of MiB from 1 to 16777216") }
    }

    func openCorpus() throws -> Corpus {
        var args = quiet ? ["--quiet"] : []
        if let corpus { args += ["--corpus", corpus] }
        return try CommonOptions.parse(args).openCorpus(announce: false)
    }

    /// Limits for every script; reads only in `readable` and never in `hidden`. Writes go only
    /// into `writeInto` (a student's private scratch folder, which may be replaced in freely),
    /// never into `protected`; without it (an exercise's own code) nothing is written.
    func sessionOptions(readable: [String], hidden: [String] = [], writeInto: String? = nil, protected: [String] = [],
                        output: @escaping @Sendable (String) -> Void) -> EnvironmentOptions {
        var o = EnvironmentOptions()
        o.limits = LuaLimits(memoryBytes: memory << 20, instructions: 0, timeMilliseconds: Int(timeout * 1000))
        if let writeInto {
            o.paths = PathPolicy(readable: readable, output: writeInto, hidden: hidden, protected: protected, mayReplace: true,
                                 wording: .commandLine)
        } else {
            o.paths = PathPolicy(readable: readable, output: "/nonexistent", hidden: hidden,
                                 gate: WriteGate(closed: "an exercise's own code does not write files"), wording: .commandLine)
        }
        o.moduleFolders = readable.compactMap(PathPolicy.resolved)
        o.output = output
        return o
    }

    /// --exercises, else ./scripts/exercises, else scripts/exercises next to the corpus
    /// folder (the bundled layout), so the bundled exercises work from any folder.
    func folder(_ corpus: Corpus) throws -> String {
        let candidates = exercises.map { [$0] }
            ?? ["scripts/exercises", ((corpus.root as NSString).deletingLastPathComponent as NSString).appendingPathComponent("scripts/exercises")]
               + [BundledFiles.folder("scripts/exercises")].compactMap { $0 }
        for c in candidates {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: c, isDirectory: &isDir), isDir.boolValue { return c }
        }
        Terminal.err("loupe: exercise folder '\(candidates[0])' does not exist (use --exercises DIR)")
        throw Exit.usage
    }

    /// The exercises, with problems reported as warnings.
    func load(_ corpus: Corpus) throws -> [Exercise] {
        let exercises = try folder(corpus)
        let (found, problems) = Exercise.loadAll(folder: exercises, corpus: corpus,
                                                 options: sessionOptions(readable: [corpus.root, exercises], output: { _ in }))
        for p in problems { Terminal.err("loupe: warning: \(p)") }
        return found
    }

    func find(_ id: String, in all: [Exercise]) throws -> Exercise {
        guard let e = all.first(where: { $0.id == id }) else {
            Terminal.err("loupe: no exercise '\(id)'; `loupe exercise list` shows them")
            throw Exit.usage
        }
        return e
    }
}

struct ExerciseList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the exercises.")
    @OptionGroup var options: ExerciseOptions

    func run() throws {
        let all = try options.load(try options.openCorpus())
        let width = all.map(\.id.count).max() ?? 0
        for e in all { Terminal.out(e.id.padding(toLength: width + 2, withPad: " ", startingAt: 0) + e.title + "\n") }
    }
}

struct ExerciseShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an exercise: the question, why it matters, and how to answer.")
    @OptionGroup var options: ExerciseOptions
    @Argument(help: "The exercise's id.") var id: String
    @Flag(help: "Also show the next hint.") var hint = false
    @Flag(help: "Also show the model solution.") var reveal = false

    func run() throws {
        let e = try options.find(id, in: try options.load(try options.openCorpus()))
        var text = "\(e.title)  [\(e.id)]\n\n\(e.prompt)\n"
        if !e.why.isEmpty { text += "\nWhy it matters: \(e.why)\n" }
        if !e.answer.isEmpty { text += "\nHow to answer: \(e.answer)\n" }
        text += "\nCheck your script with: loupe exercise check \(e.id) answer.lua\n"
        Terminal.out(text)
        if hint { Terminal.out("\n" + HintState.next(for: e) + "\n") }
        if reveal { Terminal.out("\nModel solution:\n\(e.solution.isEmpty ? "(none given)" : e.solution)\n") }
    }
}

struct ExerciseCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run students' scripts in the sandbox and check what they return.",
        discussion: "Exit status: 0 when every script passes, 1 when one does not, 2 on a usage error.")
    @OptionGroup var options: ExerciseOptions
    @Argument(help: "The exercise's id.") var id: String
    @Argument(help: ArgumentHelp("The students' scripts.", valueName: "file.lua")) var scripts: [String]
    @Flag(help: "Also show the next hint.") var hint = false
    @Flag(help: "Also show the model solution.") var reveal = false
    @Option(name: .long, help: ArgumentHelp("Write one row per script (file, passed, feedback, seconds, error) to this file (.csv, .tsv, .json, .md, .html).", valueName: "file"))
    var out: String?
    @Flag(help: "Replace the --out file if it exists.") var overwrite = false

    func validate() throws {
        if scripts.isEmpty { throw ValidationError("give at least one script to check") }
        if let out { _ = try TableFormat(path: out) }
    }

    func run() throws {
        let corpus = try options.openCorpus()
        let exercise = try options.find(id, in: try options.load(corpus))
        let exercisesPath = try options.folder(corpus)
        let exerciseFolder = PathPolicy.resolved(exercisesPath)
        let results = try out.map { try ClassResults(path: $0, overwrite: overwrite) }
        let single = scripts.count == 1 && out == nil
        var rows: [[(String, TableValue)]] = []
        var allPassed = true
        for path in scripts {
            let folder = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
            let verdict: ExerciseVerdict
            if let exerciseFolder, let resolved = PathPolicy.resolved(folder), resolved == exerciseFolder || resolved.hasPrefix(exerciseFolder + "/") {
                // A script beside the exercises could read their solutions.
                verdict = ExerciseVerdict(passed: false, feedback: "Put your script outside the exercises folder.", error: "script inside \(exercisesPath)", seconds: 0)
            } else if let data = FileManager.default.contents(atPath: path) {
                verdict = try check(path: path, script: [UInt8](data), folder: folder, corpus: corpus, exercise: exercise,
                                    exercisesPath: exercisesPath, printing: single)
            } else {
                verdict = ExerciseVerdict(passed: false, feedback: "The script could not be read.", error: "cannot open '\(path)'", seconds: 0)
            }
            allPassed = allPassed && verdict.passed
            rows.append([("file", .string(path)), ("passed", .bool(verdict.passed)), ("feedback", .string(verdict.feedback)),
                         ("seconds", .double((verdict.seconds * 1000).rounded() / 1000)), ("error", verdict.error.map { .string($0) } ?? .null)])
            // Written after every student, so a check stopped midway keeps every finished result.
            try results?.write(rows)
            if out == nil {
                var line = scripts.count > 1 ? "\(path): " : ""
                line += verdict.passed ? "passed. \(verdict.feedback)" : "not yet. \(verdict.feedback)"
                if let e = verdict.error { line += "\n  (\(e))" }
                Terminal.out(line + "\n")
            }
        }
        if let results {
            let passed = rows.filter { $0[1].1 == .bool(true) }.count
            Terminal.out("\(passed) of \(rows.count) passed; results in \(results.written ?? results.path)\n")
        }
        if hint { Terminal.out("\n" + HintState.next(for: exercise) + "\n") }
        if reveal { Terminal.out("\nModel solution:\n\(exercise.solution.isEmpty ? "(none given)" : exercise.solution)\n") }
        if !allPassed { throw Exit.scriptError }
    }

    /// One student's script, in its own private output folder (removed afterwards), bounded by --timeout.
    private func check(path: String, script: [UInt8], folder: String, corpus: Corpus, exercise: Exercise,
                       exercisesPath: String, printing: Bool) throws -> ExerciseVerdict {
        let scratch = try ScratchFolder(prefix: "loupe-check")
        defer { scratch.remove() }
        // The student's script reads the corpus and its own folder, never the exercises.
        let show: @Sendable (String) -> Void = { Terminal.out($0) }
        let hide: @Sendable (String) -> Void = { _ in }
        let checker = ExerciseChecker(
            corpus: corpus,
            studentOptions: options.sessionOptions(readable: [corpus.root, folder], hidden: [exercisesPath], writeInto: scratch.path,
                                                   protected: [corpus.root, exercisesPath], output: printing ? show : hide),
            checkerOptions: options.sessionOptions(readable: [corpus.root, exercisesPath], output: { _ in }))
        return Watchdog.run(seconds: options.timeout + Watchdog.grace(options.timeout),
                            orElse: ExerciseVerdict(passed: false, feedback: "Your script ran out of time (does a loop or a query never end?), so there is no answer to check yet.",
                                                    error: "time limit exceeded (raise it with --timeout); stopped waiting after \(options.timeout) s",
                                                    seconds: options.timeout)) {
            checker.check(exercise, script: script, scriptPath: path)
        }
    }
}

/// Which hint comes next for each exercise, kept in $XDG_STATE_HOME/loupe/hints (else ~/.local/state).
enum HintState {
    static func next(for e: Exercise) -> String {
        guard !e.hints.isEmpty else { return "There are no hints for this exercise." }
        let file = folder().map { $0 + "/hints" }
        var shown: [String: Int] = [:]
        if let file, let text = try? String(contentsOfFile: file, encoding: .utf8) {
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: " ")
                if parts.count == 2, let n = Int(parts[1]) { shown[String(parts[0])] = n }
            }
        }
        let k = min(shown[e.id, default: 0], e.hints.count - 1)
        shown[e.id] = k + 1
        if let file, let dir = folder() {
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let text = shown.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: "\n") + "\n"
            try? text.write(toFile: file, atomically: true, encoding: .utf8)
        }
        return "Hint \(k + 1) of \(e.hints.count): \(e.hints[k])"
    }

    static func folder() -> String? {
        if let x = Terminal.environment("XDG_STATE_HOME"), !x.isEmpty { return x + "/loupe" }
        if let h = Terminal.environment("HOME"), !h.isEmpty { return h + "/.local/state/loupe" }
        return nil
    }
}
