/// The Lua API reference: one source for docs/api.md, the `help()` function
/// and the REPL's `:help`. A test checks docs/api.md is this text.
public enum APIReference {
    public struct Entry: Sendable {
        public let name: String
        public let signature: String
        public let text: String
        public let example: String
    }

    public static let entries: [Entry] = [
        Entry(name: "corpus", signature: "corpus",
              text: "The loaded corpus. `#corpus` is the number of documents; `corpus[i]` is the i-th document (1-based, in file order) and `corpus[\"id\"]` the document with that id (methods take precedence: use `corpus:doc(id)` for an id such as \"count\"). `print(corpus)` shows its size and folder.",
              example: "print(#corpus, corpus[1].id)"),
        Entry(name: "corpus:docs", signature: "corpus:docs() -> iterator",
              text: "Iterates over the documents in order.",
              example: "for doc in corpus:docs() do print(doc.id, doc.meta.outlet) end"),
        Entry(name: "corpus:doc", signature: "corpus:doc(id) -> Document or nil",
              text: "The document with this id, or nil.",
              example: "print(corpus:doc(\"lavrov-carlson-2024\").title)"),
        Entry(name: "corpus:count", signature: "corpus:count(query) -> integer",
              text: "How many matches a query has. A query is a word, a phrase (words in order, quotes optional), wildcards `neo-*`, a regular expression `/kh?[iy]ev/`, a stem `~negotiate`, an exact form `=Kiev`, gaps `_` and `_{0,3}`, alternatives `kiev|kyiv`, and AND, OR, NOT, NEAR/n with parentheses (docs/queries.md). Matching is case-insensitive on the matching forms of docs/text.md. Every match counts, overlapping ones included; a phrase never spans two documents.",
              example: "print(corpus:count(\"nato\"), corpus:count('\"minsk agreements\"'), corpus:count(\"kiev|kyiv\"))"),
        Entry(name: "corpus:search", signature: "corpus:search(query) -> Hits",
              text: "All occurrences as a Hits object: `#hits`; `hits[i]` is a table {doc, start, stop, text, sentence} where start and stop are 1-based token positions in the document (inclusive); `ipairs(hits)` iterates; `hits:docs()` lists the documents with at least one hit; `hits:kwic{width = N}` makes a concordance.",
              example: "local hits = corpus:search(\"minsk\")\nprint(#hits, hits[1].doc, hits[1].sentence)"),
        Entry(name: "corpus:kwic", signature: "corpus:kwic(query, {width = 40}) -> Concordance",
              text: "Key word in context: one line per occurrence with `width` characters (1–500, default 40) of context on each side, line breaks shown as spaces. `print` shows the lines aligned on the match; `k[i]` is a table {doc, left, match, right, start, stop}.",
              example: "print(corpus:kwic(\"minsk\", {width = 30}))"),
        Entry(name: "corpus:info", signature: "corpus:info() -> table",
              text: "A table {documents, tokens, types, fields, path}: fields lists the metadata field names, the most widely used first.",
              example: "local i = corpus:info() print(i.documents, i.tokens, table.concat(i.fields, \", \"))"),
        Entry(name: "Document", signature: "doc.id, doc.title, doc.text, doc.meta, doc.source, #doc",
              text: "A document: its id, title, original text (untouched), metadata table (outlet, author, date, url, genre, language, source, … as the file gives them), the file and line range it was read from, and `#doc`, its number of tokens.",
              example: "local d = corpus[1]\nprint(d.id, d.meta.outlet, #d, d.source)"),
        Entry(name: "doc:sentences", signature: "doc:sentences([{offsets = true}]) -> table",
              text: "The document's sentences as strings. With {offsets = true}, tables {text, start, stop, first_token, last_token}: start and stop are 1-based byte positions for `string.sub(doc.text, start, stop)`, first_token and last_token 1-based token positions. Sentence rules are in docs/text.md.",
              example: "print(corpus[1]:sentences()[1])"),
        Entry(name: "doc:paragraphs", signature: "doc:paragraphs([{offsets = true}]) -> table",
              text: "The document's paragraphs (separated by blank lines) as strings, or tables with offsets as for doc:sentences.",
              example: "print(#corpus[1]:paragraphs())"),
        Entry(name: "doc:tokens", signature: "doc:tokens([{offsets = true}]) -> table",
              text: "The document's tokens as they stand in the text. With {offsets = true}, tables {text, form, start, stop}: form is the matching form that queries compare.",
              example: "local t = corpus[1]:tokens() print(#t, t[1])"),
        Entry(name: "print", signature: "print(...)",
              text: "Writes its arguments, separated by tabs, to standard output. Loupe objects print as something readable: a corpus its size, a document its id, title and outlet, hits their count and first matches, a concordance its aligned lines.",
              example: "print(corpus:search(\"nato\"))"),
        Entry(name: "arg", signature: "arg, ...",
              text: "For `loupe run FILE.lua A B`: `arg[0]` is the script's path, `arg[1]`, `arg[2]` … its arguments, which are also the chunk's `...`, as in the standalone `lua`.",
              example: "print(arg and arg[0])"),
        Entry(name: "loupe", signature: "loupe.version, loupe.lua",
              text: "Loupe's version and the Lua release it embeds.",
              example: "print(loupe.version, loupe.lua)"),
        Entry(name: "loupe.stats", signature: "loupe.stats.MEASURE(o11, o12, o21, o22) -> number",
              text: "Every association and keyness measure on the four cells of a 2×2 table (or a table {o11, o12, o21, o22}): ll (4-term G²), ll_signed, ll2 (2-term, UCREL), chi2, chi2_yates, mi, mi2, mi3, t, z, z_yates, dice, logdice, deltap_collocate_given_node, deltap_node_given_collocate, log_ratio, log_ratio_conservative, percent_diff, relative_risk, odds_ratio, simple_maths, bic. `loupe.stats.keyness_table(f1, size1, f2, size2)` and `loupe.stats.bigram_table(joint, f1, f2, n)` build the cells; `loupe.stats.dispersion(freqs, sizes)` gives range, juilland_d, dp, dp_norm, rosengren_s, carroll_d2; `loupe.stats.arf(positions, size)` the average reduced frequency. Definitions: docs/statistics.md.",
              example: "local t = loupe.stats.keyness_table(23, 263, 551, 8870)\nprint(loupe.stats.ll(t), loupe.stats.log_ratio(t))"),
        Entry(name: "help", signature: "help([name])",
              text: "Prints this reference: the entry for a name such as \"corpus:kwic\" or \"kwic\", or the list of names.",
              example: "help(\"corpus:count\")"),
    ]

    /// The entry for a name: exact, then by the part after ':' or '.'.
    public static func entry(_ name: String) -> Entry? {
        let n = name.trimmingCharactersInSet()
        return entries.first { $0.name == n }
            ?? entries.first { $0.name.split(whereSeparator: { $0 == ":" || $0 == "." }).last.map(String.init) == n }
    }

    public static func text(for name: String?) -> String {
        guard let name, !name.isEmpty else {
            return "Help is available for:\n" + entries.map { "  " + $0.name }.joined(separator: "\n") + "\nType help(\"name\") or :help name."
        }
        guard let e = entry(name) else { return "No help for '\(name)'. Type help() for the list." }
        return "\(e.signature)\n\n\(e.text)\n\nExample:\n" + e.example.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
    }

    /// docs/api.md.
    public static func markdown() -> String {
        var s = "# Lua API reference\n\nThis page is generated from the same text as the REPL's `:help` and Lua's `help()` (`loupe reference --markdown > docs/api.md`); a test keeps the two identical.\n"
        for e in entries {
            s += "\n## \(e.name)\n\n`\(e.signature)`\n\n\(e.text)\n\n```lua\n\(e.example)\n```\n"
        }
        return s
    }
}

extension String {
    func trimmingCharactersInSet() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
