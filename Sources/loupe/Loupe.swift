import ArgumentParser
import Foundation
import LoupeCore
import LoupeLua

/// `loupe`: the REPL, or `-e CODE`, or a chunk read from a pipe.
struct Loupe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loupe",
        abstract: "Read a corpus closely and count in it, with Lua.",
        discussion: """
        With no command, starts the REPL on the corpus (or, when standard input is not a terminal, \
        runs what it reads from there). Exit status: 0 on success, 1 on a script error, 2 on a usage error.
        """,
        version: "loupe \(Session.loupeVersion) (\(Session.luaVersion))",
        subcommands: [Run.self, Reference.self]
    )

    @OptionGroup var common: CommonOptions

    @Option(name: .customShort("e"), help: ArgumentHelp("Run this Lua code (may be given more than once).", valueName: "code"))
    var execute: [String] = []

    func run() throws {
        let corpus = try common.openCorpus(announce: !execute.isEmpty || !Terminal.stdinIsTTY ? true : false)
        let session = try common.session(corpus: corpus)
        if !execute.isEmpty {
            for code in execute {
                do { try session.run(code, chunkName: "=(command line)") } catch { report(error); throw Exit.scriptError }
            }
            return
        }
        if !Terminal.stdinIsTTY {
            let code = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            do { try session.run(code, chunkName: "=stdin") } catch { report(error); throw Exit.scriptError }
            return
        }
        REPL(session: session, corpusPath: corpus.root, unsafe: common.unsafe).loop()
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
        guard FileManager.default.fileExists(atPath: script, isDirectory: &isDir), !isDir.boolValue,
              let data = FileManager.default.contents(atPath: script) else {
            let why = FileManager.default.fileExists(atPath: script) ? "not a readable file" : "no such file"
            Terminal.err("loupe: cannot open script '\(script)': \(why)")
            throw Exit.usage
        }
        let corpus = try common.openCorpus()
        let session = try common.session(corpus: corpus)
        var code = String(decoding: data, as: UTF8.self)
        if code.hasPrefix("#") {   // a #! line, as lua.c skips it (the line count is kept)
            code = "--" + code
        }
        do {
            try session.run(code, chunkName: "@\(script)", scriptName: script, args: arguments)
        } catch {
            report(error)
            throw Exit.scriptError
        }
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

@main
enum Main {
    static func main() {
        do {
            var command = try Loupe.parseAsRoot()
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
