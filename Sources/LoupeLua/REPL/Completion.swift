import LuaRuntime
/// Tab completion for the REPL: what could follow the text before the cursor.
/// Candidates replace the word being typed (the text after the last space,
/// quote or bracket), so `corpus:kw` gives `corpus:kwic(`.
struct Completion {
    static let keywords = ["and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if",
                           "in", "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while"]
    static let commands = [":help", ":corpus", ":load", ":save", ":time", ":quit"]

    /// Characters that end a word for completion (what readline is told too).
    public static let wordBreaks = " \t\n\"'`([{,=+-*/%^~<>;#"

    static func candidates(line: String, cursor: Int, environment: LuaEnvironment, files: (String) -> [String]) -> [String] {
        let before = String(line.prefix(cursor))
        // REPL commands, and file names after :load / :corpus / :save
        if before.hasPrefix(":") {
            let parts = before.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 1 { return commands.filter { $0.hasPrefix(before) } }
            if [":load", ":corpus", ":save"].contains(String(parts[0])) { return files(word(before)) }
            if parts[0] == ":help" { return APIReference.entries.map(\.name).filter { $0.hasPrefix(word(before)) } }
            return []
        }
        // document ids inside corpus["…
        if let open = before.range(of: #"corpus\[["']([^"'\]]*)$"#, options: .regularExpression) {
            let typed = String(before[open].dropFirst("corpus[\"".count))
            return environment.corpus.documents.map(\.id).filter { $0.hasPrefix(typed) }.sorted()
        }
        let w = word(before)
        if let sep = w.lastIndex(where: { $0 == "." || $0 == ":" }) {
            let prefix = String(w[..<sep]), typed = String(w[w.index(after: sep)...]), colon = w[sep] == ":"
            let path = prefix.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard path.allSatisfy(\.isIdentifier) else { return [] }
            var names: [String]
            if path.last == "meta" {
                names = environment.corpus.fieldNames
            } else {
                switch environment.lua.lookup(path, env: environment.environmentRef) {
                case .table(let keys): names = colon ? [] : keys
                case .object(let typeName):
                    let cls = environment.lua.classes[typeName]
                    let plugins = typeName == TypeName.corpus ? environment.pluginNames : []
                    names = colon ? ((cls?.methods ?? []) + plugins).map { $0 + "(" } : (cls?.fields ?? [])
                default: names = []
                }
            }
            return names.filter { $0.hasPrefix(typed) }.sorted().map { prefix + String(w[sep]) + $0 }
        }
        let globals = environment.globalNames + keywords
        return Array(Set(globals.filter { $0.hasPrefix(w) })).sorted()
    }

    /// The word before the cursor.
    static func word(_ before: String) -> String {
        String(before.reversed().prefix { !wordBreaks.contains($0) }.reversed())
    }
}
