import LuaRuntime
/// The list `help()` and `:help` show: the reference's names in groups a reader looks
/// for (what the corpus is, searching, counting, source criticism, tables), wrapped so
/// the whole list fits one screen. A name no group claims lands in "Other", so a new
/// entry is never hidden (a test checks every entry is listed once).
enum HelpIndex {
    static let groups: [(title: String, names: [String])] = [
        ("The corpus", ["corpus", "corpus:docs", "corpus:doc", "corpus:info", "corpus:where", "corpus:filter", "corpus:group"]),
        ("Searching", ["corpus:count", "corpus:search", "corpus:kwic", "loupe.query", "hits:count_by", "hits:table", "hits:plot"]),
        ("Documents", ["Document", "doc:sentences", "doc:paragraphs", "doc:tokens", "doc:turns"]),
        ("Counting and statistics", ["corpus:freq", "corpus:ngrams", "corpus:collocates", "corpus:keyness",
                                     "corpus:dispersion", "loupe.stats"]),
        ("Source criticism", ["corpus:provenance", "corpus:turns", "corpus:speakers", "corpus:quotes", "corpus:numbers",
                              "corpus:variants", "loupe.variants", "corpus:lookup", "loupe.lexicon", "loupe.lexicons",
                              "corpus:reuse", "corpus:boilerplate", "corpus:without_boilerplate"]),
        ("Tables and charts", ["loupe.table", "Table", "t:sort", "t:head", "t:filter", "t:where", "t:add", "t:select",
                               "t:join", "t:group", "t:print", "t:format", "t:write", "t:plot"]),
        ("Lua and Loupe", ["print", "loupe.show", "arg", "loupe", "help"]),
    ]

    /// The grouped list, each group's names wrapped under its title to `width` columns.
    static func text(names: [String], width: Int = 80) -> String {
        let known = Set(names)
        var listed = Set<String>()
        var lines = ["Help is available for these names; type help(\"name\") or :help name."]
        var sections = groups.map { (title: $0.title, names: $0.names.filter { known.contains($0) }) }
        for s in sections { listed.formUnion(s.names) }
        let other = names.filter { !listed.contains($0) }
        if !other.isEmpty { sections.append((title: "Other", names: other)) }
        let indent = (sections.map(\.title.count).max() ?? 0) + 2
        for s in sections where !s.names.isEmpty {
            var line = s.title.padding(toLength: indent, withPad: " ", startingAt: 0)
            var empty = true
            for name in s.names {
                if !empty && line.count + 2 + name.count > width {
                    lines.append(line)
                    line = String(repeating: " ", count: indent)
                    empty = true
                }
                line += (empty ? "" : "  ") + name
                empty = false
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
