import ArgumentParser
import Foundation
import LoupeCore
import LoupeLua
import LuaRuntime

/// Options every way of running Loupe shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The corpus folder (default: $LOUPE_CORPUS, else ./corpus, else the corpus that came with Loupe).", valueName: "path"))
    var corpus: String?

    @Flag(name: .long, help: "Print no load summary or warnings.")
    var quiet = false

    @Flag(name: .long, help: "Give scripts the full Lua standard library (io, os, require, debug). Only for trusted scripts.")
    var unsafe = false

    @Option(name: .long, help: ArgumentHelp("Stop a chunk after this many seconds (default: 600 for scripts and -e, none in the REPL; 0 = none).", valueName: "seconds"))
    var timeout: Double?

    @Option(name: .long, help: ArgumentHelp("Lua memory limit in MiB (default 4096; 0 = none). The corpus itself is not counted.", valueName: "MiB"))
    var memory: Int = 4096

    @Option(name: .long, help: ArgumentHelp("Stop a chunk after this many Lua VM instructions (default: no limit; counting slows Lua loops about 2x).", valueName: "count"))
    var instructions: Int64 = 0

    @Option(name: .long, help: ArgumentHelp("The folder Loupe's writers write into, made if missing (default: ./results, made on the first write). Never the corpus or scripts/.", valueName: "dir"))
    var out: String?

    @Flag(name: .long, help: "Let scripts replace existing files in the output folder (they must also pass {overwrite = true}).")
    var overwrite = false

    @Option(name: .long, help: ArgumentHelp("Load a plugin file (may be given more than once).", valueName: "file.lua"))
    var plugin: [String] = []

    @Option(name: .long, help: ArgumentHelp("Write a Table that a chunk returns or prints in this format instead of aligned text: csv, tsv, json, jsonl, md, html.", valueName: "format"))
    var format: String?

    /// --format as a TableFormat (validated in validate()).
    var tableFormat: TableFormat? { format.flatMap { TableFormat(rawValue: $0.lowercased()) } }

    func validate() throws {
        if let t = timeout, !(t >= 0 && t < 1e7) { throw ValidationError("--timeout must be a number of seconds from 0 to 10000000") }
        if memory < 0 || memory > 1 << 24 { throw ValidationError("--memory must be a number of MiB from 0 to 16777216") }
        if instructions < 0 { throw ValidationError("--instructions must not be negative") }
        if let f = format, tableFormat == nil { throw ValidationError("--format must be one of \(TableFormat.names), got '\(f)'") }
    }

    /// The output folder: --out, else ./results.
    var outputFolder: String { out ?? CommonOptions.defaultOutput }
    static let defaultOutput = "results"

    /// --corpus, else $LOUPE_CORPUS; nil when neither is given.
    var explicitCorpus: String? { corpus ?? Terminal.environment("LOUPE_CORPUS").flatMap { $0.isEmpty ? nil : $0 } }

    /// The corpus folder to load: --corpus, else $LOUPE_CORPUS, else ./corpus, else the corpus
    /// bundled with Loupe (`bundled`, said on stderr); nil when there is none of them. Loupe
    /// never starts on an empty corpus by accident, where every count would be a silent 0.
    var corpusChoice: (path: String, bundled: Bool)? {
        if let e = explicitCorpus { return (e, false) }
        if FileManager.default.fileExists(atPath: "corpus") { return ("corpus", false) }
        if let b = BundledFiles.folder("corpus") { return (b, true) }
        return nil
    }

    /// scripts/ here, and the scripts/ that came with Loupe (lexicons, exercises, scripts/lib).
    static var scriptFolders: [String] {
        var folders = ["scripts"]
        if let b = BundledFiles.folder("scripts"), PathPolicy.resolved(b) != PathPolicy.resolved("scripts") { folders.append(b) }
        return folders
    }

    /// Loads the corpus, printing warnings and the summary line on stderr.
    /// A corpus path that is missing or not a folder ends the program with status 2.
    /// `readers` are plugins' readers by extension (PluginRegistry.documentReaders).
    func openCorpus(announce: Bool = true, readers: [String: DocumentReader] = [:]) throws -> Corpus {
        guard let (path, bundled) = corpusChoice else {
            Terminal.err("loupe: no corpus: there is no ./corpus folder here, and no corpus came with this Loupe; give one with --corpus PATH (or set LOUPE_CORPUS)")
            throw Exit.usage
        }
        if bundled && !quiet { Terminal.err("loupe: no ./corpus folder here; reading the corpus that came with Loupe, \(path) (--corpus PATH for another)") }
        do {
            let progress = LoadProgress()
            let line = ProgressLine(progress, enabled: !quiet)
            defer { line.finish() }
            let (loaded, report) = try CorpusLoader.load(path: path, progress: progress, readers: readers)
            line.finish()
            if !quiet {
                for w in report.warnings { Terminal.err("loupe: warning: \(path)/\(w)") }
                if announce { Terminal.err("loupe: \(report.summary) from \(path)") }
            }
            return loaded
        } catch let e as CorpusError {
            Terminal.err("loupe: \(e)")
            throw Exit.usage
        }
    }

    /// The corpus in an environment with the plugins, in a straight line: the plugins load
    /// (their readers read the corpus's files), then the corpus, then the environment.
    /// `scriptFolder` is the folder of the script being run (the current folder for -e and the REPL).
    func open(scriptFolder: String = ".", interactive: Bool = false, announce: Bool = true,
              wrote: @escaping @Sendable (String) -> Void = { _ in }) throws -> LuaEnvironment {
        var isDir: ObjCBool = false
        guard let path = corpusChoice?.path, FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else {
            // No corpus folder: openCorpus says so and ends the program before any plugin runs.
            _ = try openCorpus(announce: announce)
            throw Exit.usage
        }
        let options = try environmentOptions(corpusRoot: PathPolicy.resolved(path) ?? path, scriptFolder: scriptFolder,
                                             interactive: interactive, wrote: wrote)
        let plugins = loadPlugins(options)
        let corpus = try openCorpus(announce: announce, readers: plugins.documentReaders)
        do {
            return try LuaEnvironment(corpus: corpus, options: options, plugins: plugins)
        } catch {
            Terminal.err("loupe: cannot start Lua: \(error)")
            throw Exit.scriptError
        }
    }

    /// The limits, the sandbox's folders and the output of this run.
    /// `scriptFolder` is the folder of the script being run (the current folder for -e and the REPL).
    private func environmentOptions(corpusRoot: String, scriptFolder: String, interactive: Bool,
                                    wrote: @escaping @Sendable (String) -> Void) throws -> EnvironmentOptions {
        var options = EnvironmentOptions()
        options.unsafe = unsafe
        options.output = { Terminal.out($0) }
        let seconds = timeout ?? (interactive ? 0 : 600)
        options.limits = LuaLimits(memoryBytes: memory << 20, instructions: instructions, timeMilliseconds: Int(seconds * 1000))
        let readable = ([corpusRoot, scriptFolder] + Self.scriptFolders).filter { !$0.isEmpty }
        options.paths = try writePolicy(readable: readable, corpusRoot: corpusRoot)
        options.moduleFolders = ([scriptFolder] + Self.scriptFolders.map { $0 + "/lib" }).compactMap(PathPolicy.resolved)
        options.tableFormat = tableFormat
        options.wrote = wrote
        if Terminal.stdoutIsTTY && Terminal.environment("TERM") != "dumb" {
            options.highlight = ("\u{1B}[7m", "\u{1B}[0m")   // reverse video
            if interactive { options.page = { Pager.show($0) } }
        }
        return options
    }

    /// The plugin files, each loaded or skipped with a warning.
    private func loadPlugins(_ options: EnvironmentOptions) -> PluginRegistry {
        let (registry, failures) = PluginRegistry.load(files: pluginFiles(), options: options)
        for (file, e) in failures {
            // a limit's message names no file: say which plugin it stopped
            let where_ = e.message.contains(file) ? "" : "\(file): "
            Terminal.err("loupe: warning: plugin \(where_)\(e.message); skipped")
        }
        return registry
    }

    /// Where this run's writers may write (docs/safety.md): the output folder, made on the
    /// first write when missing (and announced), never the corpus or scripts/ (the inputs
    /// scripts read), replacing a file only with --overwrite. An --out that is a file, or is
    /// or lies inside the corpus or scripts/, ends the program with status 2 before anything runs.
    func writePolicy(readable: [String], corpusRoot: String) throws -> PathPolicy {
        let folder = outputFolder
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), !isDir.boolValue {
            Terminal.err("loupe: the output folder '\(folder)' is a file, not a folder (set another with --out DIR)")
            throw Exit.usage
        }
        let quiet = self.quiet
        let gate = WriteGate(createOutput: true, made: { made in
            if !quiet { Terminal.err("loupe: made the output folder \(made)/ (set another with --out DIR)") }
        })
        let protected = ([corpusRoot] + Self.scriptFolders).filter { !$0.isEmpty }
        let policy = PathPolicy(readable: readable, output: folder, protected: protected, mayReplace: overwrite, gate: gate,
                                wording: .commandLine)
        if out != nil, let inside = policy.protectedFolder(containing: folder) {
            Terminal.err("loupe: the output folder '\(folder)' is inside \(inside), which holds Loupe's inputs (the corpus, scripts/); set --out to a folder outside it")
            throw Exit.usage
        }
        return policy
    }

    /// ./plugins/*.lua, then $XDG_CONFIG_HOME/loupe/plugins/*.lua (default ~/.config), then --plugin files.
    func pluginFiles() -> [String] {
        var folders = ["plugins"]
        if let x = Terminal.environment("XDG_CONFIG_HOME"), !x.isEmpty { folders.append(x + "/loupe/plugins") }
        else if let h = Terminal.environment("HOME"), !h.isEmpty { folders.append(h + "/.config/loupe/plugins") }
        var files: [String] = []
        for f in folders {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: f)) ?? []
            files += names.filter { $0.hasSuffix(".lua") && !$0.hasPrefix(".") }.sorted().map { f + "/" + $0 }
        }
        return files + plugin
    }
}

extension PathPolicy.Wording {
    /// How a user of the command line lifts each refusal: with its flags.
    static let commandLine = PathPolicy.Wording(unrestricted: "--unsafe", outputFolder: "--out DIR",
                                                replacing: "run loupe with --overwrite")
}

/// Reports a Lua error as lua.c does: the message, then the traceback, on stderr.
func report(_ error: Error) {
    if let e = error as? LuaError {
        Terminal.err("loupe: \(e.message)" + (e.traceback.isEmpty ? "" : "\n\(e.traceback)"))
    } else {
        Terminal.err("loupe: \(error)")
    }
}
