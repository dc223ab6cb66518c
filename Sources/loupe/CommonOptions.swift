import ArgumentParser
import LoupeCore
import LoupeLua

/// Options every way of running Loupe shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The corpus folder (default: $LOUPE_CORPUS, else ./corpus).", valueName: "path"))
    var corpus: String?

    @Flag(name: .long, help: "Print no load summary or warnings.")
    var quiet = false

    @Flag(name: .long, help: "Give scripts the full Lua standard library (io, os, require, debug). Only for trusted scripts.")
    var unsafe = false

    /// Loads the corpus, printing warnings and the summary line on stderr.
    /// A corpus path that is missing or not a folder ends the program with status 2.
    func openCorpus(announce: Bool = true) throws -> Corpus {
        let explicit = corpus ?? Terminal.environment("LOUPE_CORPUS").flatMap { $0.isEmpty ? nil : $0 }
        let path = explicit ?? "corpus"
        do {
            let (loaded, report) = try CorpusLoader.load(path: path)
            if !quiet {
                for w in report.warnings { Terminal.err("loupe: warning: \(path)/\(w)") }
                if announce { Terminal.err("loupe: \(report.summary) from \(path)") }
            }
            return loaded
        } catch let e as CorpusError {
            if explicit == nil, case .notFound = e {
                if !quiet { Terminal.err("loupe: no ./corpus folder here; starting with an empty corpus (use --corpus PATH)") }
                return CorpusBuilder().build()
            }
            Terminal.err("loupe: \(e)")
            throw Exit.usage
        }
    }

    func session(corpus: Corpus) throws -> Session {
        var options = SessionOptions()
        options.unsafe = unsafe
        options.output = { Terminal.out($0) }
        do {
            return try Session(corpus: corpus, options: options)
        } catch {
            Terminal.err("loupe: cannot start Lua: \(error)")
            throw Exit.scriptError
        }
    }
}

/// Reports a Lua error as lua.c does: the message, then the traceback, on stderr.
func report(_ error: Error) {
    if let e = error as? LuaError {
        Terminal.err("loupe: \(e.message)" + (e.traceback.isEmpty ? "" : "\n\(e.traceback)"))
    } else {
        Terminal.err("loupe: \(error)")
    }
}
