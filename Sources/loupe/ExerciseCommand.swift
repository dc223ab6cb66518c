import ArgumentParser
import Foundation
import LoupeClassroom
import LoupeCore
import LoupeLua
import LuaRuntime

/// `loupe exercise list | show ID | check ID FILE… | check --all DIR | pack --out DIR`:
/// self-checking exercises (docs/teaching.md).
struct ExerciseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercise",
        abstract: "List, show and check the exercises in scripts/exercises/, and pack them for students.",
        subcommands: [ExerciseList.self, ExerciseShow.self, ExerciseCheck.self, ExercisePack.self])
}

/// Options the exercise commands share.
struct ExerciseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The corpus folder (default: $LOUPE_CORPUS, else ./corpus, else the corpus that came with Loupe).", valueName: "path"))
    var corpus: String?

    @Option(name: .long, help: ArgumentHelp("The folder of exercise files (default: ./scripts/exercises, else scripts/exercises beside the corpus folder, else the exercises that came with Loupe).", valueName: "dir"))
    var exercises: String?

    @Flag(name: .long, help: "Print no load summary or warnings.")
    var quiet = false

    @Option(name: .long, help: ArgumentHelp("A class's gradebook (from `loupe serve --class`): --hint and --reveal then obey the teacher's settings for each exercise.", valueName: "file"))
    var gradebook: String?

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

    /// The exercises, with problems reported as warnings. Files without a check (a student
    /// pack's) load too: they can be listed and shown, not checked.
    func load(_ corpus: Corpus) throws -> [Exercise] {
        let exercises = try folder(corpus)
        let (found, problems) = Exercise.loadAll(folder: exercises, corpus: corpus,
                                                 options: sessionOptions(readable: [corpus.root, exercises], output: { _ in }),
                                                 requireCheck: false)
        for p in problems { Terminal.err("loupe: warning: \(p)") }
        return found
    }

    /// The teacher's settings for an exercise, from --gradebook; nil without it.
    func classSetting(_ exercise: Exercise) throws -> ExerciseSetting? {
        guard let gradebook else { return nil }
        guard FileManager.default.fileExists(atPath: gradebook) else {
            Terminal.err("loupe: there is no gradebook \(gradebook) (loupe serve --class makes one)")
            throw Exit.usage
        }
        do { return try Gradebook(path: gradebook).exerciseSetting(exercise.id) } catch {
            Terminal.err("loupe: \(error)")
            throw Exit.usage
        }
    }

    /// The next hint and the model solution, as asked and as the class's teacher allows.
    func extras(_ e: Exercise, hint: Bool, reveal: Bool) throws -> String {
        let setting = try classSetting(e)
        var out = ""
        if hint {
            out += "\n" + (setting.map { !$0.hintsAllowed } == true ? "Hints are turned off for this exercise in this class."
                                                                     : HintState.next(for: e)) + "\n"
        }
        if reveal {
            if let setting, !setting.solutionShown(at: Date().timeIntervalSince1970) {
                out += "\nThe model solution is not shown: the class's teacher has not revealed it.\n"
            } else {
                out += "\nModel solution:\n\(e.solution.isEmpty ? "(none given)" : e.solution)\n"
            }
        }
        return out
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
        for e in all {
            Terminal.out(e.id.padding(toLength: width + 2, withPad: " ", startingAt: 0) + e.title + (e.isCheckable ? "" : "  (no check)") + "\n")
        }
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
        if !e.reflections.isEmpty {
            text += "\nTo think about, once you have the answer:\n" + e.reflections.map { "  - \($0)\n" }.joined()
        }
        text += e.isCheckable ? "\nCheck your script with: loupe exercise check \(e.id) answer.lua\n"
                              : "\nTry your script with: loupe run \(e.id).lua (your teacher checks the answers)\n"
        Terminal.out(text)
        Terminal.out(try options.extras(e, hint: hint, reveal: reveal))
    }
}

struct ExerciseCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run students' scripts in the sandbox and check what they return.",
        discussion: """
            A script that passes is run again on a copy of the corpus with some documents left out or cut short, \
            where the right answer is different, and must pass there too: an answer written into the script fails.

            With --all DIR, every student's scripts in DIR are checked: DIR/STUDENT/EXERCISE-ID.lua, or \
            DIR/STUDENT-EXERCISE-ID.lua.

            Exit status: 0 when every script passes, 1 when one does not, 2 on a usage error.
            """)
    @OptionGroup var options: ExerciseOptions
    @Argument(help: "The exercise's id (not with --all).") var id: String?
    @Argument(help: ArgumentHelp("The students' scripts.", valueName: "file.lua")) var scripts: [String] = []
    @Option(name: .long, help: ArgumentHelp("Check every exercise for every student in this folder: DIR/STUDENT/EXERCISE-ID.lua or DIR/STUDENT-EXERCISE-ID.lua.", valueName: "dir"))
    var all: String?
    @Flag(help: "Also show the next hint.") var hint = false
    @Flag(help: "Also show the model solution.") var reveal = false
    @Option(name: .long, help: ArgumentHelp("Write one row per script (file, passed, feedback, seconds, error; with --all: student, exercise, passed, …) to this file (.csv, .tsv, .json, .md, .html).", valueName: "file"))
    var out: String?
    @Flag(help: "Replace the --out file if it exists.") var overwrite = false

    func validate() throws {
        if all != nil {
            if id != nil || !scripts.isEmpty { throw ValidationError("--all checks a whole folder: give no exercise id or scripts with it") }
            if hint || reveal { throw ValidationError("--hint and --reveal go with one exercise, not with --all") }
        } else {
            if id == nil { throw ValidationError("give an exercise id and the scripts to check, or --all SUBMISSIONS/") }
            if scripts.isEmpty { throw ValidationError("give at least one script to check") }
        }
        if let out { _ = try TableFormat(path: out) }
    }

    func run() throws {
        if let all { return try checkAll(all) }
        guard let id else { throw Exit.usage }   // validate() saw to it
        let corpus = try options.openCorpus()
        let exercise = try checkable(try options.find(id, in: try options.load(corpus)))
        let exercisesPath = try options.folder(corpus)
        let results = try out.map { try ClassResults(path: $0, overwrite: overwrite) }
        let single = scripts.count == 1 && out == nil
        let variants = ExerciseVariants()
        findVariant(exercise, corpus: corpus, exercisesPath: exercisesPath, variants: variants)
        var rows: [[(String, TableValue)]] = []
        var allPassed = true
        for path in scripts {
            let folder = (path as NSString).deletingLastPathComponent
            let verdict = try check(path: path, readable: folder.isEmpty ? "." : folder, corpus: corpus, exercise: exercise,
                                    exercisesPath: exercisesPath, variants: variants, printing: single)
            allPassed = allPassed && verdict.passed
            rows.append([("file", .string(path))] + Self.cells(verdict))
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
        Terminal.out(try options.extras(exercise, hint: hint, reveal: reveal))
        if !allPassed { throw Exit.scriptError }
    }

    /// `--all DIR`: every student's script for every exercise, sorted by student and then in
    /// the exercises' order; a table of them and each student's totals.
    private func checkAll(_ folder: String) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
            Terminal.err("loupe: --all: '\(folder)' is not a folder of submissions")
            throw Exit.usage
        }
        let corpus = try options.openCorpus()
        let exercises = try options.load(corpus).filter(\.isCheckable)
        let exercisesPath = try options.folder(corpus)
        guard !exercises.isEmpty else {
            Terminal.err("loupe: no exercises with a check in '\(exercisesPath)' (use --exercises DIR)")
            throw Exit.usage
        }
        let found: (submissions: [ExerciseSubmission], warnings: [String])
        do { found = try ExerciseSubmission.find(in: folder, ids: exercises.map(\.id)) } catch {
            Terminal.err("loupe: --all: cannot read '\(folder)': \(error.localizedDescription)")
            throw Exit.usage
        }
        if !options.quiet { for w in found.warnings { Terminal.err("loupe: warning: \(w)") } }
        guard !found.submissions.isEmpty else {
            Terminal.err("loupe: no submissions in '\(folder)': name them STUDENT/EXERCISE-ID.lua or STUDENT-EXERCISE-ID.lua")
            throw Exit.usage
        }
        let order = Dictionary(uniqueKeysWithValues: exercises.enumerated().map { ($1.id, $0) })
        let submissions = found.submissions.sorted {
            $0.student != $1.student ? $0.student < $1.student : (order[$0.exercise] ?? 0) < (order[$1.exercise] ?? 0)
        }
        let names = ["student", "exercise", "passed", "feedback", "seconds", "error"]
        let results = try out.map { try ClassResults(path: $0, overwrite: overwrite, names: names) }
        let variants = ExerciseVariants()
        var rows: [[(String, TableValue)]] = []
        var totals: [(student: String, passed: Int, attempted: Int)] = []
        for s in submissions {
            guard let exercise = exercises.first(where: { $0.id == s.exercise }) else { continue }
            findVariant(exercise, corpus: corpus, exercisesPath: exercisesPath, variants: variants)
            // A script reads its student's own folder; one beside the other students' scripts reads none.
            let verdict = try check(path: s.path, readable: s.folder, corpus: corpus, exercise: exercise,
                                    exercisesPath: exercisesPath, variants: variants, printing: false)
            rows.append([("student", .string(s.student)), ("exercise", .string(s.exercise))] + Self.cells(verdict))
            try results?.write(rows)
            if totals.last?.student != s.student { totals.append((s.student, 0, 0)) }
            totals[totals.count - 1].attempted += 1
            if verdict.passed { totals[totals.count - 1].passed += 1 }
        }
        if out == nil {
            let table = Table(rows: rows, names: names)
            Terminal.out(TablePrinter.render(table, maxRows: Int.max, cellWidth: Terminal.stdoutIsTTY ? 60 : nil) + "\n\n")
        }
        let summary = Table(rows: totals.map { [("student", .string($0.student)), ("passed", .int($0.passed)), ("attempted", .int($0.attempted))] },
                            names: ["student", "passed", "attempted"])
        Terminal.out(TablePrinter.render(summary, maxRows: Int.max) + "\n")
        let passed = totals.reduce(0) { $0 + $1.passed }
        Terminal.out("\(passed) of \(rows.count) passed" + (results.map { "; results in \($0.written ?? $0.path)" } ?? "") + "\n")
        if passed < rows.count { throw Exit.scriptError }
    }

    /// The exercise, if it can be checked (a student pack's files have no check).
    private func checkable(_ e: Exercise) throws -> Exercise {
        guard e.isCheckable else {
            Terminal.err("loupe: exercise '\(e.id)' (\(e.file)) has no check: a student pack holds the questions only; use the teacher's exercises folder")
            throw Exit.usage
        }
        return e
    }

    static func cells(_ v: ExerciseVerdict) -> [(String, TableValue)] {
        [("passed", .bool(v.passed)), ("feedback", .string(v.feedback)),
         ("seconds", .double((v.seconds * 1000).rounded() / 1000)), ("error", v.error.map { .string($0) } ?? .null)]
    }

    /// The exercise's variant of the corpus, found once before any student's script runs.
    private func findVariant(_ exercise: Exercise, corpus: Corpus, exercisesPath: String, variants: ExerciseVariants) {
        _ = ExerciseChecker(corpus: corpus, studentOptions: EnvironmentOptions(),
                            checkerOptions: options.sessionOptions(readable: [corpus.root, exercisesPath], output: { _ in }),
                            variants: variants).variant(for: exercise)
    }

    /// One student's script: refused inside the exercises folder (it could read the solutions),
    /// else run in its own private output folder (removed afterwards), bounded by --timeout.
    /// It reads the corpus and the `readable` folder (if any).
    private func check(path: String, readable: String?, corpus: Corpus, exercise: Exercise, exercisesPath: String,
                       variants: ExerciseVariants, printing: Bool) throws -> ExerciseVerdict {
        let folder = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        if let exerciseFolder = PathPolicy.resolved(exercisesPath), let resolved = PathPolicy.resolved(folder),
           resolved == exerciseFolder || resolved.hasPrefix(exerciseFolder + "/") {
            return ExerciseVerdict(passed: false, feedback: "Put your script outside the exercises folder.", error: "script inside \(exercisesPath)", seconds: 0)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return ExerciseVerdict(passed: false, feedback: "The script could not be read.", error: "cannot open '\(path)'", seconds: 0)
        }
        let script = [UInt8](data)
        let scratch = try ScratchFolder(prefix: "loupe-check")
        defer { scratch.remove() }
        // The student's script reads the corpus and its own folder, never the exercises.
        let show: @Sendable (String) -> Void = { Terminal.out($0) }
        let hide: @Sendable (String) -> Void = { _ in }
        let checker = ExerciseChecker(
            corpus: corpus,
            studentOptions: options.sessionOptions(readable: [corpus.root] + (readable.map { [$0] } ?? []), hidden: [exercisesPath], writeInto: scratch.path,
                                                   protected: [corpus.root, exercisesPath], output: printing ? show : hide),
            checkerOptions: options.sessionOptions(readable: [corpus.root, exercisesPath], output: { _ in }),
            variants: variants)
        // The script runs twice when it passes (on the corpus and on its variant), each run within --timeout.
        let wait = 2 * options.timeout + Watchdog.grace(options.timeout)
        return Watchdog.run(seconds: wait,
                            orElse: ExerciseVerdict(passed: false, feedback: "Your script ran out of time (does a loop or a query never end?), so there is no answer to check yet.",
                                                    error: "time limit exceeded (raise it with --timeout); stopped waiting after \(wait) s",
                                                    seconds: wait)) {
            checker.check(exercise, script: script, scriptPath: path)
        }
    }
}

/// `loupe exercise pack --out DIR`: the exercises for students, without checks or solutions.
struct ExercisePack: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack",
        abstract: "Write a student pack: every exercise's question, hints and reflections, without its check or solution, and a README.txt.")
    @OptionGroup var options: ExerciseOptions
    @Option(name: .long, help: ArgumentHelp("The folder to write the pack into (made if missing; must be empty unless --overwrite).", valueName: "dir"))
    var out: String
    @Flag(help: "Write into a folder that is not empty, replacing files of the same names.") var overwrite = false

    func run() throws {
        let corpus = try options.openCorpus()
        let exercises = try options.load(corpus)
        let exercisesPath = try options.folder(corpus)
        guard !exercises.isEmpty else {
            Terminal.err("loupe: no exercises in '\(exercisesPath)' to pack")
            throw Exit.usage
        }
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: out, isDirectory: &isDir) {
            guard isDir.boolValue else {
                Terminal.err("loupe: --out '\(out)' is a file, not a folder")
                throw Exit.usage
            }
            if let a = PathPolicy.resolved(out), let b = PathPolicy.resolved(exercisesPath), a == b {
                Terminal.err("loupe: --out '\(out)' is the exercises folder itself: the pack would replace the exercises")
                throw Exit.usage
            }
            let entries = (try? fm.contentsOfDirectory(atPath: out)) ?? []
            if !entries.isEmpty && !overwrite {
                Terminal.err("loupe: '\(out)' is not empty; pass --overwrite to write the pack into it (nothing was written)")
                throw Exit.usage
            }
        } else {
            do { try fm.createDirectory(atPath: out, withIntermediateDirectories: true) } catch {
                Terminal.err("loupe: cannot make the folder '\(out)': \(error.localizedDescription)")
                throw Exit.usage
            }
        }
        let files = exercises.map { (($0.file as NSString).lastPathComponent, $0.packed) } + [("README.txt", Exercise.packReadme(exercises))]
        for (name, text) in files {
            do {
                try TableFileWriter.write(Array(text.utf8), to: (out as NSString).appendingPathComponent(name), overwrite: overwrite)
            } catch {
                Terminal.err("loupe: \(error)")
                throw Exit.usage
            }
        }
        Terminal.out("wrote \(exercises.count) exercises and README.txt to \(out)\n")
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
