import ArgumentParser
import Foundation
import LoupeCore
import LoupeClassroom
import LoupeLua
import LoupeServer
import LuaRuntime

/// `loupe serve`: the corpus in a browser (docs/browser.md).
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the corpus to browsers: search it, read it, and run Lua, each visitor in a sandbox of their own.",
        discussion: "Listens on 127.0.0.1 (this machine only) unless --host says otherwise. Ctrl-C stops it. See docs/browser.md.")

    @Option(name: .long, help: ArgumentHelp("The corpus folder (default: $LOUPE_CORPUS, else ./corpus, else the corpus that came with Loupe).", valueName: "path"))
    var corpus: String?

    @Option(name: .long, help: ArgumentHelp("The port to listen on (0: any free port).", valueName: "port"))
    var port: Int = 8080

    @Option(name: .long, help: ArgumentHelp("The address to listen on: 127.0.0.1 (default) for this machine only, 0.0.0.0 for every network interface (a class on one network).", valueName: "address"))
    var host: String = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("Stop each evaluation, and each query, after this many seconds (default \(Int(ServerOptions.defaultTimeout)); 0 = none).", valueName: "seconds"))
    var timeout: Double = ServerOptions.defaultTimeout

    @Option(name: .long, help: ArgumentHelp("Each visitor's Lua memory limit in MiB (default \(ServerOptions.defaultMemoryMiB); 0 = none). The corpus itself is not counted.", valueName: "MiB"))
    var memory: Int = ServerOptions.defaultMemoryMiB

    @Option(name: .long, help: ArgumentHelp("Stop each evaluation after this many Lua VM instructions (default: no limit).", valueName: "count"))
    var instructions: Int64 = 0

    @Option(name: .customLong("max-visitors"), help: ArgumentHelp("Visitors holding a Lua environment at once (default 200); past it the longest idle one is let go.", valueName: "n"))
    var maxVisitors: Int = 200

    @Option(name: .customLong("idle"), help: ArgumentHelp("Release a visitor's Lua environment after this many minutes without use (default 30).", valueName: "minutes"))
    var idleMinutes: Double = 30

    @Flag(name: .long, help: "Print no load summary or warnings.")
    var quiet = false

    @Option(name: .customLong("class"), help: ArgumentHelp("Run a class of this name: students join at /class and check their answers to the exercises; the teacher's pages are at /teacher (docs/classroom.md).", valueName: "name"))
    var className: String?

    @Option(name: .long, help: ArgumentHelp("The class's gradebook, an SQLite file (default: ./NAME.gradebook.sqlite, made if missing).", valueName: "file"))
    var gradebook: String?

    @Option(name: .customLong("class-code"), help: ArgumentHelp("A code students must give to join the class.", valueName: "code"))
    var classCode: String?

    @Option(name: .long, help: ArgumentHelp("The folder of exercise files for --class (default as for `loupe exercise`).", valueName: "dir"))
    var exercises: String?

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be from 0 to 65535") }
        if host.isEmpty || host.contains("/") || host.contains(" ") { throw ValidationError("--host must be an address such as 127.0.0.1 or 0.0.0.0") }
        if !(timeout >= 0 && timeout < 1e6) { throw ValidationError("--timeout must be a number of seconds from 0 to 1000000") }
        if memory < 0 || memory > 1 << 24 { throw ValidationError("--memory must be a number of MiB from 0 to 16777216") }
        if instructions < 0 { throw ValidationError("--instructions must not be negative") }
        if maxVisitors < 1 || maxVisitors > 100_000 { throw ValidationError("--max-visitors must be from 1 to 100000") }
        if !(idleMinutes > 0 && idleMinutes < 1e6) { throw ValidationError("--idle must be a positive number of minutes") }
        if let className, className.trimmingCharacters(in: .whitespaces).isEmpty || className.count > 100 {
            throw ValidationError("--class needs a name of 1 to 100 characters")
        }
        if className == nil, gradebook != nil || classCode != nil || exercises != nil {
            throw ValidationError("--gradebook, --class-code and --exercises go with --class NAME")
        }
        if let classCode, classCode.isEmpty || classCode.count > 100 { throw ValidationError("--class-code must be 1 to 100 characters") }
    }

    /// The gradebook's default file name: the class's name with anything but letters, digits, - and _ as -.
    static func gradebookFile(for name: String) -> String {
        let safe = String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
        return safe + ".gradebook.sqlite"
    }

    /// The class: its exercises, a checker with the server's limits, its gradebook; and the teacher's new key.
    private func openClass(_ name: String, corpus: Corpus, limits: LuaLimits) throws -> (Classroom, String) {
        var args = ["--corpus", corpus.root, "--quiet"]
        if let exercises { args += ["--exercises", exercises] }
        let ex = try ExerciseOptions.parse(args)
        let folder = try ex.folder(corpus)
        let all = try ex.load(corpus)
        guard !all.isEmpty else {
            Terminal.err("loupe: no exercises in \(folder): a class needs at least one (docs/teaching.md)")
            throw Exit.usage
        }
        let checker = Classroom.checker(corpus: corpus, exercisesFolder: folder, limits: limits)
        let path = gradebook ?? Self.gradebookFile(for: name)
        do {
            let opened = try Classroom.open(name: name, gradebookPath: path, exercises: all, checker: checker, classCode: classCode)
            opened.0.prepare()
            return opened
        } catch {
            Terminal.err("loupe: \(error)")
            throw Exit.scriptError
        }
    }

    func run() throws {
        let common = try CommonOptions.parse((corpus.map { ["--corpus", $0] } ?? []) + (quiet ? ["--quiet"] : []))
        let loaded = try common.openCorpus()
        var options = ServerOptions()
        options.host = host
        options.port = port
        options.limits = LuaLimits(memoryBytes: memory << 20, instructions: instructions, timeMilliseconds: Int(timeout * 1000))
        options.maxVisitors = maxVisitors
        options.idleSeconds = idleMinutes * 60
        let opened = try className.map { try openClass($0, corpus: loaded, limits: options.limits) }
        let (classroom, teacherKey) = (opened?.0, opened?.1 ?? "")
        let server = LoupeServer(corpus: loaded, options: options, classroom: classroom)
        let host = self.host
        let gradebookPath = classroom?.gradebook.path
        do {
            try server.runUntilSignalled { port in
                let (local, others) = LoupeServer.urls(host: host, port: port)
                Terminal.err("loupe: serving \(loaded.documents.count) documents at \(local) (Ctrl-C stops)")
                if host == "0.0.0.0" || host == "::" {
                    Terminal.err("loupe: warning: listening on every network interface: anyone who can reach this machine can read the corpus and run sandboxed Lua")
                    for url in others { Terminal.err("loupe: give students \(url)" + (classroom == nil ? "" : "class")) }
                }
                if let classroom {
                    Terminal.err("loupe: class \"\(classroom.name)\": \(classroom.exercises.count) exercises, gradebook \(gradebookPath ?? "")")
                    Terminal.err("loupe: students join at \(local)class")
                    Terminal.err("loupe: teacher (keep this to yourself; a new key each start): \(local)teacher/login?key=\(teacherKey)")
                }
                Terminal.flush()
            } onStopping: { running in
                Terminal.err("loupe: stopping: waiting for \(running) running evaluation\(running == 1 ? "" : "s") (at most \(timeout > 0 ? min(Int(timeout.rounded(.up)), 10) : 10) s; Ctrl-C again stops now)")
            }
        } catch let e as ServeFailure {
            Terminal.err("loupe: cannot serve on \(host):\(port): \(e)")
            throw Exit.usage
        }
        Terminal.err("loupe: stopped")
    }
}
