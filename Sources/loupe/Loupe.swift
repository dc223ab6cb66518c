import ArgumentParser
import Foundation
import LoupeCore
import LoupeLua

/// `loupe`: the command tree. Its default subcommand is the REPL (or `-e`), so
/// `loupe --corpus X -e CODE` and `loupe run --corpus X FILE` both parse.
struct Loupe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loupe",
        abstract: "Read a corpus closely and count in it, with Lua.",
        discussion: """
        With no command, starts the REPL on the corpus (or, when standard input is not a terminal, \
        runs what it reads from there). Exit status: 0 on success, 1 on a script error, 2 on a usage error.

        Options of the default command (see 'loupe repl --help'): --corpus PATH, -e CODE, --quiet, --unsafe.
        """,
        version: "loupe \(BuildInfo.version) (\(LuaEnvironment.luaVersion); commit \(BuildInfo.commit))",
        subcommands: [Start.self, Run.self, Reference.self, ExerciseCommand.self, Verify.self, Serve.self, ManPage.self],
        defaultSubcommand: Start.self
    )
}

/// `loupe [-e CODE]`: the REPL, or `-e CODE`, or a chunk read from a pipe.
struct Start: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Start the REPL (the default), or run -e code, or run Lua read from a pipe.")

    @OptionGroup var common: CommonOptions

    @Option(name: .customShort("e"), help: ArgumentHelp("Run this Lua code (may be given more than once).", valueName: "code"))
    var execute: [String] = []

    func run() throws {
        let interactive = execute.isEmpty && Terminal.stdinIsTTY
        let session = try common.open(interactive: interactive, announce: !interactive)
        if !execute.isEmpty {
            for code in execute {
                do { try session.run(code, chunkName: "=(command line)") } catch { report(error); throw Exit.scriptError }
            }
            return
        }
        if !Terminal.stdinIsTTY {
            let code = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
            do { try session.run(code, chunkName: "=stdin") } catch { report(error); throw Exit.scriptError }
            return
        }
        REPL(environment: session, corpusPath: session.corpus.root, unsafe: common.unsafe, quiet: common.quiet).loop()
    }
}

/// `loupe run FILE.lua [ARGS…]`.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a Lua script; its arguments are in `arg` (arg[0] is the script) and `...`.")

    @OptionGroup var common: CommonOptions

    @Argument(help: ArgumentHelp("The script.", valueName: "file.lua"))
    var script: String

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("Arguments for the script.", valueName: "args"))
    var arguments: [String] = []

    func run() throws {
        var isDir: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: script, isDirectory: &isDir)
        if !exists, !script.contains("/"), !script.hasSuffix(".lua") {   // a plugin's name
            let session = try common.open()
            do {
                guard let text = try session.runPlugin(script, args: arguments) else {
                    Terminal.err("loupe: no script or plugin named '\(script)'" + (session.pluginNames.isEmpty ? "" : "; plugins: " + session.pluginNames.joined(separator: ", ")))
                    throw Exit.usage
                }
                if !text.isEmpty { Terminal.out(text + "\n") }
            } catch let e as Exit { throw e } catch { report(error); throw Exit.scriptError }
            return
        }
        guard exists, !isDir.boolValue, let data = FileManager.default.contents(atPath: script) else {
            let why = FileManager.default.fileExists(atPath: script) ? "not a readable file" : "no such file"
            Terminal.err("loupe: cannot open script '\(script)': \(why)")
            throw Exit.usage
        }
        _ = data
        // A run that writes results also writes their manifest (loupe verify re-runs it).
        try RunManifests.runRecorded(common, script: script, arguments: arguments)
    }
}

/// `loupe reference [NAME] [--markdown]`: the Lua API reference.
struct Reference: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the Lua API reference (the text of :help).")

    @Argument(help: "An entry such as corpus:kwic.") var name: String?
    @Flag(help: "The whole reference as Markdown (docs/api.md).") var markdown = false

    func run() throws {
        Terminal.out(markdown ? APIReference.markdown() : APIReference.text(for: name) + "\n")
    }
}

/// `loupe --corpus X run f.lua` means `loupe run --corpus X f.lua`: shared options
/// given before a subcommand's name are moved after it.
func leadingOptionsMoved(_ args: [String]) -> [String] {
    var i = 0
    while i < args.count {
        if ["--corpus", "--timeout", "--memory", "--instructions", "--out", "--plugin", "--format"].contains(args[i]) { i += 2; continue }
        if args[i].hasPrefix("--") && args[i].contains("=") || args[i] == "--quiet" || args[i] == "--unsafe" || args[i] == "--overwrite" { i += 1; continue }
        break
    }
    guard i > 0, i < args.count, ["run", "repl", "exercise", "serve"].contains(args[i]) else { return args }
    if args[i] == "exercise", i + 1 < args.count, !args[i + 1].hasPrefix("-") {   // loupe exercise check …
        return [args[i], args[i + 1]] + args[..<i] + args[(i + 2)...]
    }
    return [args[i]] + args[..<i] + args[(i + 1)...]
}

@main
enum Main {
    static func main() {
        do {
            var command = try Loupe.parseAsRoot(leadingOptionsMoved(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch let e as Exit {
            Terminal.flush()
            exit(e.status)
        } catch {
            let code = Loupe.exitCode(for: error)
            if code == .success {
                print(Loupe.fullMessage(for: error))
                exit(0)
            }
            Terminal.err(Loupe.fullMessage(for: error))
            exit(2)
        }
        Terminal.flush()
        exit(0)
    }
}
