import CEditLine
import Foundation
import LoupeCore
import LoupeLua

// Tab-completion vocabulary; a C callback cannot capture context.
nonisolated(unsafe) private var vocabulary: [String] = []
nonisolated(unsafe) private var completionIndex = 0

private let completionGenerator: @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>? = { text, state in
    if state == 0 { completionIndex = 0 }
    let prefix = text.map { String(cString: $0) } ?? ""
    while completionIndex < vocabulary.count {
        let word = vocabulary[completionIndex]
        completionIndex += 1
        if word.hasPrefix(prefix) { return strdup(word) }   // readline frees it
    }
    return nil
}

private let attemptedCompletion: @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { text, _, _ in
    rl_completion_matches(text, completionGenerator)
}

/// The interactive loop, as lua.c's doREPL: expression first, then statement,
/// `>>` continuation lines while the chunk is incomplete.
struct REPL {
    let session: Session
    let corpusPath: String
    let unsafe: Bool

    func loop() {
        loupe_editline_setup(strdup("loupe"), attemptedCompletion)
        stifle_history(1000)
        let historyFile = Self.historyPath()
        if let historyFile { _ = read_history(historyFile) }
        let c = session.corpus
        Terminal.out("Loupe \(Session.loupeVersion) (\(Session.luaVersion)) — \(corpusPath.isEmpty ? "no corpus" : corpusPath): "
            + "\(LoadReport.grouped(c.documents.count)) documents, \(LoadReport.grouped(c.tokenCount)) tokens"
            + (unsafe ? " — UNSAFE: full standard library" : "") + "\n")
        Terminal.out("Type Lua: corpus:count(\"nato\"), corpus:kwic(\"minsk\"), print(corpus[1]). Type :help for the reference, Ctrl-D or :quit to leave.\n")
        while true {
            vocabulary = session.globalNames + ["corpus:count(", "corpus:search(", "corpus:kwic(", "corpus:docs()", "corpus:info()"]
            Terminal.flush()
            guard var source = readLine(prompt: "> ") else { break }
            if source.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if source.hasPrefix(":") {
                add_history(source)
                if !command(source) { break }
                continue
            }
            var outcome = session.evaluate(source)
            while outcome == .incomplete {
                guard let more = readLine(prompt: ">> ") else { break }
                source += "\n" + more
                outcome = session.evaluate(source)
            }
            add_history(source)
            switch outcome {
            case .values(let v): if !v.isEmpty { Terminal.out(v.joined(separator: "\t") + "\n") }
            case .error(let e): Terminal.err(e)
            case .incomplete: Terminal.err("incomplete input")
            }
        }
        if let historyFile { _ = write_history(historyFile) }
        Terminal.out("\n")
    }

    /// REPL commands; false means quit.
    private func command(_ line: String) -> Bool {
        let parts = line.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
        switch parts.first ?? "" {
        case "help", "h": Terminal.out(APIReference.text(for: parts.count > 1 ? parts[1] : nil) + "\n")
        case "quit", "q", "exit": return false
        default: Terminal.err("unknown command \(line); try :help or :quit")
        }
        return true
    }

    private func readLine(prompt: String) -> String? {
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        return String(cString: raw)
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
