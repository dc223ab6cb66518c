import Foundation
import Testing
import LoupeTestSupport

/// scripts/plugins/outlet_counts.lua, the example plugin of docs/plugins.md, run the ways a user
/// runs a plugin: as a corpus method from Lua, as `loupe run outlet_counts WORDS…`, through
/// help(), from ./plugins and $XDG_CONFIG_HOME/loupe/plugins, and at the REPL. Its numbers are
/// checked against an independent count: every document of the bundled corpus alone in a corpus
/// folder, counted with corpus:count, its outlet read from the file's front matter by this test.
@Suite struct PluginTests {
    static let plugin = LoupeCLI.repoRoot.appendingPathComponent("scripts/plugins/outlet_counts.lua").path
    static let phrases = ["nato", "minsk agreements"]
    /// No plugins from the user's own configuration.
    static let noUserPlugins = ["XDG_CONFIG_HOME": "/nonexistent/loupe-plugin-tests"]

    struct Row: Equatable, CustomStringConvertible {
        var outlet: String, docs: Int, matched: Int, hits: Int, tokens: Int
        var description: String { "\(outlet): docs \(docs), matched \(matched), hits \(hits), tokens \(tokens)" }
    }

    /// One document's counts, from a corpus holding only that document.
    struct DocumentCount { var outlet: String; var hits: [Int]; var tokens: Int }

    /// The `outlet:` line of a file's front matter.
    static func outlet(ofFile path: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8), text.hasPrefix("---") else { return nil }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst() {
            if line.hasPrefix("---") { break }
            if line.hasPrefix("outlet:") { return line.dropFirst("outlet:".count).trimmingCharacters(in: .whitespaces) }
        }
        return nil
    }

    static func countDocuments() throws -> [DocumentCount] {
        let fm = FileManager.default
        let names = try fm.contentsOfDirectory(atPath: LoupeCLI.bundledCorpus).filter { $0.hasSuffix(".txt") }.sorted()
        let dir = try TempDir(); defer { dir.remove() }
        let code = "print(#corpus, corpus:info().tokens, " + phrases.map { "corpus:count(\"\($0)\")" }.joined(separator: ", ") + ")"
        var counts: [DocumentCount] = []
        for name in names {
            let source = LoupeCLI.bundledCorpus + "/" + name
            let folder = try dir.subfolder(name + ".d")
            try fm.copyItem(atPath: source, toPath: folder.path + "/" + name)
            let o = try LoupeCLI.run(["--corpus", folder.path, "--quiet", "-e", code], environment: noUserPlugins)
            let fields = o.stdout.trimmingCharacters(in: .newlines).split(separator: "\t").compactMap { Int($0) }
            guard o.status == 0, fields.count == 2 + phrases.count, fields[0] == 1 else {
                throw CountError(message: "counting \(name) alone: \(o)")
            }
            counts.append(DocumentCount(outlet: outlet(ofFile: source) ?? "(no outlet)", hits: Array(fields[2...]), tokens: fields[1]))
        }
        return counts
    }

    struct CountError: Error, CustomStringConvertible { var message: String; var description: String { message } }

    static let documents: Result<[DocumentCount], Error> = Result { try countDocuments() }

    /// The rows the plugin must give for a phrase: per outlet, sorted by hits (most first), then by name.
    static func expected(_ phrase: String) throws -> [Row] {
        let k = phrases.firstIndex(of: phrase)!
        var rows: [String: Row] = [:]
        for d in try documents.get() {
            var r = rows[d.outlet] ?? Row(outlet: d.outlet, docs: 0, matched: 0, hits: 0, tokens: 0)
            r.docs += 1
            r.hits += d.hits[k]
            r.matched += d.hits[k] > 0 ? 1 : 0
            r.tokens += d.tokens
            rows[d.outlet] = r
        }
        return rows.values.sorted { $0.hits != $1.hits ? $0.hits > $1.hits : $0.outlet < $1.outlet }
    }

    static func perTenThousand(_ r: Row) -> Double { (Double(r.hits) * 100_000 / Double(r.tokens)).rounded() / 10 }

    // MARK: the independent count is meaningful

    @Test func theIndependentCountFindsThePhrases() throws {
        let docs = try Self.documents.get()
        #expect(docs.count == 13)
        for (k, phrase) in Self.phrases.enumerated() {
            let rows = try Self.expected(phrase)
            #expect(rows.filter { $0.hits > 0 }.count >= 3, "\(phrase): \(rows)")
            let whole = try LoupeCLI.lua("print(corpus:count(\"\(phrase)\"))")
            #expect(whole.stdout == "\(docs.map { $0.hits[k] }.reduce(0, +))\n", "the per-document counts add up to the whole corpus's")
        }
    }

    // MARK: 1. from Lua: corpus:outlet_counts(phrase)

    @Test(arguments: phrases) func asACorpusMethod(_ phrase: String) throws {
        let expected = try Self.expected(phrase)
        let words = phrase.split(separator: " ").map { "\"\($0)\"" }.joined(separator: ", ")
        let o = try LoupeCLI.run(["--corpus", LoupeCLI.bundledCorpus, "--quiet", "--plugin", Self.plugin, "-e", """
            for _, r in ipairs(corpus:outlet_counts("\(phrase)")) do
              print(r.outlet, r.docs, r.matched, r.hits, r.tokens, r.per_10k)
            end
            local a, b = corpus:outlet_counts("\(phrase)"), corpus:outlet_counts({\(words)})
            for i = 1, math.max(#a, #b) do
              assert(a[i].outlet == b[i].outlet and a[i].hits == b[i].hits, "a list of words is the phrase")
            end
            print(#a == #b)
            """], environment: Self.noUserPlugins)
        #expect(o.status == 0 && o.stderr.isEmpty, "\(o)")
        var lines = o.stdoutLines
        #expect(lines.popLast() == "true", "\(o)")
        var rows: [Row] = []
        for line in lines {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 6, let docs = Int(f[1]), let matched = Int(f[2]), let hits = Int(f[3]), let tokens = Int(f[4]),
                  let per = Double(f[5]) else {
                Issue.record("unexpected line \(line)")
                continue
            }
            let row = Row(outlet: f[0], docs: docs, matched: matched, hits: hits, tokens: tokens)
            #expect(abs(per - Self.perTenThousand(row)) < 0.0001, "per_10k of \(row): \(per)")
            rows.append(row)
        }
        #expect(rows == expected)
    }

    // MARK: 2. from the shell: loupe run outlet_counts WORDS…

    /// The REPL's rendering of a list of records: columns in the renderer's order, cells cut to 40
    /// characters with "…".
    static func cell(_ s: String) -> String { s.count > 40 ? String(s.prefix(39)) + "…" : s }

    @Test(arguments: phrases) func asACommand(_ phrase: String) throws {
        let expected = try Self.expected(phrase)
        let o = try LoupeCLI.run(["--corpus", LoupeCLI.bundledCorpus, "--quiet", "--plugin", Self.plugin, "run", "outlet_counts"]
                                 + phrase.split(separator: " ").map(String.init), environment: Self.noUserPlugins)
        #expect(o.status == 0 && o.stderr.isEmpty, "\(o)")
        let lines = o.stdoutLines
        let split = { (line: String) in line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        let header = split(lines.first ?? "")
        #expect(header == ["docs", "hits", "matched", "outlet", "per_10k", "tokens"], "\(o)")
        #expect(lines.count == expected.count + 2, "\(o)")
        for (line, row) in zip(lines.dropFirst(2), expected) {
            let cells = split(line)
            #expect(cells == [String(row.docs), String(row.hits), String(row.matched), Self.cell(row.outlet),
                              String(format: "%.1f", Self.perTenThousand(row)), String(row.tokens)], "\(line)")
        }
    }

    @Test func aCommandWithoutAPhraseIsAScriptError() throws {
        let o = try LoupeCLI.run(["--corpus", LoupeCLI.bundledCorpus, "--quiet", "--plugin", Self.plugin, "run", "outlet_counts"],
                                 environment: Self.noUserPlugins)
        #expect(o.status == 1, "\(o)")
        #expect(o.stderr.hasPrefix("loupe: outlet_counts: give a word or phrase, as in corpus:outlet_counts(\"nato\")"), "\(o)")
        let e = try LoupeCLI.run(["--corpus", LoupeCLI.bundledCorpus, "--quiet", "--plugin", Self.plugin,
                                  "-e", "print(pcall(corpus.outlet_counts, corpus, '   '))"], environment: Self.noUserPlugins)
        #expect(e.stdout == "false\toutlet_counts: give a word or phrase, as in corpus:outlet_counts(\"nato\")\n", "\(e)")
    }

    // MARK: 3. help

    @Test func helpShowsThePluginsOwnHelp() throws {
        let o = try LoupeCLI.run(["--corpus", LoupeCLI.bundledCorpus, "--quiet", "--plugin", Self.plugin,
                                  "-e", "help('outlet_counts') help('corpus:outlet_counts') help()"], environment: Self.noUserPlugins)
        #expect(o.status == 0, "\(o)")
        let entry = "corpus:outlet_counts(args)  — plugin from \(Self.plugin)\n\ncorpus:outlet_counts(phrase) -> table\nloupe run outlet_counts WORD…\n"
        #expect(o.stdout.hasPrefix(entry), "\(o)")
        #expect(o.stdout.components(separatedBy: entry).count == 3, "help('outlet_counts') and help('corpus:outlet_counts'): \(o)")
        #expect(o.stdout.contains("per_10k  hits per 10,000 of its tokens, rounded to 0.1"), "\(o)")
        #expect(o.stdout.contains("Plugins: corpus:outlet_counts"), "help() lists the plugin: \(o)")
    }

    // MARK: where plugins are found

    @Test func pluginsFolderAndConfigFolderLoadItWithoutAFlag() throws {
        let source = try String(contentsOfFile: Self.plugin, encoding: .utf8)
        let expected = try Self.expected("nato").first!
        let code = "local r = corpus:outlet_counts('nato')[1] print(r.outlet, r.hits) help('outlet_counts')"

        let here = try TempDir(); defer { here.remove() }
        try here.write("plugins/outlet_counts.lua", source)
        let a = try LoupeCLI.run(["--corpus", LoupeCLI.bundledCorpus, "--quiet", "-e", code], cwd: here.url, environment: Self.noUserPlugins)
        #expect(a.status == 0, "\(a)")
        #expect(a.stdout.hasPrefix("\(expected.outlet)\t\(expected.hits)\ncorpus:outlet_counts(args)  — plugin from plugins/outlet_counts.lua\n"), "\(a)")

        let config = try TempDir(); defer { config.remove() }
        try config.write("loupe/plugins/outlet_counts.lua", source)
        let b = try LoupeCLI.run(["--corpus", LoupeCLI.bundledCorpus, "--quiet", "-e", code], environment: ["XDG_CONFIG_HOME": config.path])
        #expect(b.status == 0, "\(b)")
        #expect(b.stdout.hasPrefix("\(expected.outlet)\t\(expected.hits)\ncorpus:outlet_counts(args)  — plugin from \(config.path)/loupe/plugins/outlet_counts.lua\n"), "\(b)")
    }

    @Test func docsShowTheWholeFile() throws {
        try Self.expectDocsListWholeFile(Self.plugin, keptBy: "PluginTests")
    }

    /// docs/plugins.md lists the plugin file in full after the marker naming it and the suite that keeps them identical.
    static func expectDocsListWholeFile(_ path: String, keptBy suite: String,
                                        sourceLocation: SourceLocation = #_sourceLocation) throws {
        let doc = try String(contentsOf: LoupeCLI.repoRoot.appendingPathComponent("docs/plugins.md"), encoding: .utf8)
        let file = try String(contentsOfFile: path, encoding: .utf8)
        let name = (path as NSString).lastPathComponent
        let marker = "<!-- \(name): the whole file, kept identical to scripts/plugins/\(name) by \(suite) -->\n```lua\n"
        let listing = doc.components(separatedBy: marker).dropFirst().first?.components(separatedBy: "```\n").first
        #expect(listing == file, "docs/plugins.md's listing differs from scripts/plugins/\(name)", sourceLocation: sourceLocation)
    }

    // MARK: at the REPL

    @Test(.enabled(if: TerminalREPLTests.tmuxPresent)) func atTheREPL() throws {
        let expected = try Self.expected("nato").first!
        let dir = try TempDir(); defer { dir.remove() }
        let t = try TmuxREPL(stateDir: dir, arguments: ["--plugin", Self.plugin], environment: ["XDG_CONFIG_HOME": dir.path], width: 120)
        t.line(":help outlet_counts")
        #expect(t.waitFor("plugin from \(Self.plugin)"), "\(t.screen())")
        #expect(t.waitFor("hits per 10,000 of its tokens"), "\(t.screen())")
        t.line("corpus:outlet_counts(\"nato\")")
        #expect(t.waitFor("docs  hits  matched  outlet"), "\(t.screen())")
        #expect(t.waitFor(Self.cell(expected.outlet)), "\(t.screen())")
    }
}
