import CLineEditor
import Foundation
import LoupeCore
import LoupeLua

/// The session completion asks; a C callback cannot capture context.
nonisolated(unsafe) private var completionSession: Session?

/// libedit's completion callback: the line and the cursor's byte offset in, candidates out.
private let completer: le_Completer = { line, cursor in
    guard let line, let session = completionSession else { return nil }
    let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(line).assumingMemoryBound(to: UInt8.self), count: strlen(line)))
    let text = String(decoding: bytes, as: UTF8.self)
    let before = String(decoding: bytes.prefix(Int(max(0, cursor))), as: UTF8.self)
    let found = session.completions(line: text, cursor: before.count, files: REPL.files(startingWith:))
    guard !found.isEmpty else { return nil }
    let array = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: found.count + 1)
    for (i, f) in found.enumerated() { array[i] = strdup(f) }
    array[found.count] = nil
    return array
}

/// The interactive loop, as lua.c's doREPL: expression first, then statement,
/// `>>` continuation lines while the chunk is incomplete. Lines starting with
/// `:` are REPL commands.
final class REPL {
    let session: Session
    var corpusPath: String
    let unsafe: Bool
    let quiet: Bool
    /// Lua entries that ran without error, for :save.
    private var transcript: [String] = []
    private static let historySize: Int32 = 1000

    init(session: Session, corpusPath: String, unsafe: Bool, quiet: Bool) {
        self.session = session; self.corpusPath = corpusPath; self.unsafe = `unsafe`; self.quiet = quiet
    }

    func loop() {
        completionSession = session
        InteractiveInterrupts.enable()
        le_setup(strdup("loupe"), strdup(Session.completionWordBreaks), completer)
        let historyFile = Self.historyPath()
        if let historyFile { _ = le_read_history(historyFile) }
        let c = session.corpus
        Terminal.out("Loupe \(Session.loupeVersion) (\(Session.luaVersion)) — \(corpusPath.isEmpty ? "no corpus" : corpusPath): "
            + "\(LoadReport.grouped(c.documents.count)) documents, \(LoadReport.grouped(c.tokenCount)) tokens"
            + (unsafe ? " — UNSAFE: full standard library" : "") + " — :help for help, Ctrl-D to quit\n")
        while true {
            Terminal.flush()
            guard var source = readLine(prompt: "> ") else { break }
            if source.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if source.hasPrefix(":") {
                le_add_history(source)
                if !command(source) { break }
                continue
            }
            var outcome = session.evaluate(source, width: Self.width)
            var abandoned = false
            while outcome == .incomplete {
                guard let more = readLine(prompt: ">> ") else { break }
                if interruptedAtPrompt { abandoned = true; break }   // Ctrl-C drops the whole entry
                source += "\n" + more
                outcome = session.evaluate(source, width: Self.width)
            }
            le_add_history(source)
            if !abandoned { show(outcome, source: source) }
        }
        if let historyFile { _ = le_write_history(historyFile, Self.historySize) }
        Terminal.out("\n")
    }

    private func show(_ outcome: REPLOutcome, source: String) {
        switch outcome {
        case .values(let v):
            transcript.append(source)
            if !v.isEmpty { Terminal.out(ValueRenderer.joined(v) + "\n") }
        case .expression(let v):
            // An expression with no values (a call such as print(x)) replays as it is; one
            // with values replays as loupe.show(...), which shows them as the REPL did.
            let expression = source.hasPrefix("=") ? String(source.dropFirst()) : source
            transcript.append(v.isEmpty ? expression : "loupe.show(\(expression))")
            if !v.isEmpty { Terminal.out(ValueRenderer.joined(v) + "\n") }
        case .error(let e): Terminal.err(Terminal.paint(e, .red))
        case .incomplete: Terminal.err(Terminal.paint("incomplete input", .red))
        }
    }

    static let commandsHelp = """
        REPL commands            :help [name]  :corpus PATH  :load FILE.lua [ARGS…]  :save FILE
                                 :time EXPR  :quit (or Ctrl-D)
        """

    /// REPL commands; false means quit.
    private func command(_ line: String) -> Bool {
        let parts = line.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        switch parts.first ?? "" {
        case "help", "h":
            Terminal.out(session.help(argument.isEmpty ? nil : argument) + (argument.isEmpty ? "\n" + Self.commandsHelp : "") + "\n")
        case "quit", "q", "exit": return false
        case "corpus": loadCorpus(argument)
        case "load": loadScript(argument)
        case "save": save(argument)
        case "time": time(argument)
        default: Terminal.err("unknown command \(line); the commands are :help [name], :corpus PATH, :load FILE.lua [ARGS…], :save FILE, :time EXPR, :quit")
        }
        return true
    }

    private func loadCorpus(_ path: String) {
        guard !path.isEmpty else { Terminal.err("usage: :corpus PATH"); return }
        // The writers were told at start which folders hold inputs; a corpus loaded now must
        // not lie where they write, or a script could overwrite its documents.
        if let real = PathPolicy.resolved(path), real == session.outputFolder || real.hasPrefix(session.outputFolder + "/") {
            Terminal.err(Terminal.paint("\(path) is inside the output folder \(session.outputFolder), where scripts write; "
                + "start Loupe with another --out to read it", .red))
            return
        }
        do {
            let (corpus, report) = try CorpusLoader.load(path: path, readers: session.documentReaders)
            if !quiet { for w in report.warnings { Terminal.err("loupe: warning: \(path)/\(w)") } }
            session.replaceCorpus(corpus)
            corpusPath = path
            Terminal.out("\(report.summary) from \(path)\n")
        } catch {
            Terminal.err(Terminal.paint("\(error)", .red))
        }
    }

    /// `:load FILE [ARGS…]` runs a script as `loupe run FILE ARGS…` would: `arg` and `...`
    /// hold the arguments (words, or "quoted strings" holding spaces).
    private func loadScript(_ line: String) {
        let words = Self.words(line)
        guard let path = words.first else { Terminal.err("usage: :load FILE.lua [ARGS…]"); return }
        guard let data = FileManager.default.contents(atPath: path) else {
            Terminal.err(Terminal.paint("cannot open script '\(path)'", .red)); return
        }
        do {
            try session.run([UInt8](data), chunkName: "@\(path)", scriptName: path, args: Array(words.dropFirst()))
        } catch {
            let text = (error as? LuaError).map { $0.traceback.isEmpty ? $0.message : $0.message + "\n" + $0.traceback } ?? "\(error)"
            Terminal.err(Terminal.paint(text, .red))
        }
    }

    /// A command line's words: split at spaces, except inside "double" or 'single' quotes.
    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for c in line {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c; inWord = true
            } else if c == " " || c == "\t" {
                if inWord { words.append(current); current = ""; inWord = false }
            } else {
                current.append(c); inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    /// Writes the entries that ran without error as a script; never overwrites.
    private func save(_ path: String) {
        guard !path.isEmpty else { Terminal.err("usage: :save FILE"); return }
        guard !FileManager.default.fileExists(atPath: path) else {
            Terminal.err(Terminal.paint("\(path) exists; choose another name", .red)); return
        }
        let script = "-- saved from the Loupe REPL\n" + transcript.joined(separator: "\n") + "\n"
        let temp = path + ".tmp-\(getpid())"
        do {
            try Data(script.utf8).write(to: URL(fileURLWithPath: temp))
            try FileManager.default.moveItem(atPath: temp, toPath: path)
            Terminal.out("saved \(transcript.count) entr\(transcript.count == 1 ? "y" : "ies") to \(path)\n")
        } catch {
            try? FileManager.default.removeItem(atPath: temp)
            Terminal.err(Terminal.paint("cannot save to \(path): \(error.localizedDescription)", .red))
        }
    }

    private func time(_ expression: String) {
        guard !expression.isEmpty else { Terminal.err("usage: :time EXPR"); return }
        let start = DispatchTime.now()
        let outcome = session.evaluate(expression, width: Self.width)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        show(outcome, source: expression)
        Terminal.out(String(format: "(%.3f s)\n", seconds))
    }

    /// Whether the last readLine ended with Ctrl-C (it then returns "").
    private var interruptedAtPrompt = false

    private func readLine(prompt: String) -> String? {
        var interrupted: Int32 = 0
        guard let raw = le_readline(prompt, &interrupted) else { return nil }
        defer { free(raw) }
        interruptedAtPrompt = interrupted != 0
        if interruptedAtPrompt { Terminal.out("^C\n"); return "" }
        return String(cString: raw)
    }

    static var width: Int {
        let w = Int(le_terminal_width())
        if w > 0 { return w }
        return Int(Terminal.environment("COLUMNS") ?? "") ?? 100
    }

    /// File names for completion after :load, :corpus, :save.
    static func files(startingWith prefix: String) -> [String] {
        let dir = (prefix as NSString).deletingLastPathComponent
        let namePrefix = (prefix as NSString).lastPathComponent
        let base = prefix.hasSuffix("/") ? prefix : (dir.isEmpty ? "" : dir + "/")
        let searchIn = prefix.hasSuffix("/") ? prefix : (dir.isEmpty ? "." : dir)
        let start = prefix.hasSuffix("/") ? "" : namePrefix
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: searchIn) else { return [] }
        return names.filter { $0.hasPrefix(start) && !$0.hasPrefix(".") }.sorted().map { name in
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: base + name, isDirectory: &isDir)
            return base + name + (isDir.boolValue ? "/" : "")
        }
    }

    /// $XDG_STATE_HOME/loupe/history, default ~/.local/state/loupe/history.
    static func historyPath() -> String? {
        let base: String
        if let x = Terminal.environment("XDG_STATE_HOME"), !x.isEmpty { base = x }
        else if let h = Terminal.environment("HOME"), !h.isEmpty { base = h + "/.local/state" }
        else { return nil }
        let dir = base + "/loupe"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir + "/history"
    }
}
