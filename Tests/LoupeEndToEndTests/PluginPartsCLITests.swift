import Foundation
import Testing
import LoupeTestSupport

/// Plugins that register lexicons and readers, run through the real binary: the example reader
/// scripts/plugins/srt_reader.lua on a small corpus of subtitles, a reader that fails or hits a
/// limit on one file, lexicons used by name, and plugins skipped with their file and line.
@Suite struct PluginPartsCLITests {
    static let srtReader = LoupeCLI.repoRoot.appendingPathComponent("scripts/plugins/srt_reader.lua").path
    static let noUserPlugins = PluginTests.noUserPlugins

    /// Cue lines of the subtitle files, as the test writes them (numbers and times are added around them).
    static let address = [["Good evening."], ["NATO is <i>expanding</i>, they say.", "Nato, nato."]]
    static let interview = [["Why NATO?"], ["Because."], ["Minsk agreements."]]
    static let notes = "Notes about nato, in plain text.\n"

    /// An .srt file of these cues, one second each, the last ending at `cues.count * 2` seconds.
    static func srt(_ cues: [[String]]) -> String {
        cues.enumerated().map { i, lines in
            "\(i + 1)\n00:00:\(String(format: "%02d", i * 2)),000 --> 00:00:\(String(format: "%02d", i * 2 + 2)),500\n" + lines.joined(separator: "\n") + "\n"
        }.joined(separator: "\n")
    }

    /// Occurrences of a word, counted apart from Loupe: letters-only words, any case, tags removed.
    static func occurrences(_ word: String, in text: String) -> Int {
        text.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
            .lowercased().split { !$0.isLetter }.filter { $0 == word }.count
    }

    /// The 1-based line of the first line of `file` containing `text`.
    static func line(of text: String, in file: String) throws -> Int {
        let lines = try String(contentsOfFile: file, encoding: .utf8).components(separatedBy: "\n")
        return try #require(lines.firstIndex { $0.contains(text) }) + 1
    }

    /// A folder with ./plugins/srt_reader.lua (the example, as it is) and a corpus `subs`.
    static func subtitleFolder() throws -> TempDir {
        let dir = try TempDir()
        try dir.write("plugins/srt_reader.lua", try String(contentsOfFile: srtReader, encoding: .utf8))
        try dir.write("subs/2022-02-24-address.srt", srt(address))
        try dir.write("subs/interview.srt", srt(interview))
        try dir.write("subs/notes.txt", notes)
        try dir.write("subs/broken.srt", "1\nnot a time line\nHello.\n")
        return dir
    }

    // MARK: readers

    @Test func theExampleReaderLoadsSubtitlesBesideText() throws {
        let dir = try Self.subtitleFolder(); defer { dir.remove() }
        let o = try LoupeCLI.run(["--corpus", "subs", "-e", """
            print(#corpus, corpus:count("nato"), corpus:count("minsk agreements"))
            for d in corpus:docs() do print(d.id, d.title, d.meta.cues, d.meta.seconds, d.meta.date) end
            local y = corpus:filter{date = {"2022", "2022"}}
            print(#y, y:count("nato"), #corpus:filter{cues = {from = 3}})
            """], cwd: dir.url, environment: Self.noUserPlugins)
        let all = (Self.address + Self.interview).flatMap { $0 }.joined(separator: "\n") + "\n" + Self.notes
        let nato = Self.occurrences("nato", in: all)
        #expect(nato == 5, "the texts have the word")
        #expect(o.status == 0, "\(o)")
        #expect(o.stdoutLines == [
            "3\t\(nato)\t1",
            "2022-02-24-address\t2022-02-24-address\t2\t4.5\t2022-02-24",
            "interview\tinterview\t3\t6.5\tnil",
            "notes\tNotes about nato, in plain text.\tnil\tnil\tnil",
            "1\t\(Self.occurrences("nato", in: Self.address.flatMap { $0 }.joined(separator: " ")))\t1",
        ], "\(o)")
        let register = try Self.line(of: "loupe.register{", in: Self.srtReader)
        let raise = try Self.line(of: "expected a time line", in: Self.srtReader)
        #expect(o.warnings == ["loupe: warning: subs/broken.srt: skipped: the srt reader (plugins/srt_reader.lua:\(register)) failed: "
                               + "plugins/srt_reader.lua:\(raise): line 2: expected a time line such as 00:00:01,000 --> 00:00:04,200"], "\(o)")
        #expect(o.summaries == ["loupe: loaded 3 documents, 20 tokens; skipped 1 file (1 rejected by their reader); 1 warning from subs"], "\(o)")
    }

    @Test func aReaderThatHitsALimitLosesOnlyThatFile() throws {
        let dir = try TempDir(); defer { dir.remove() }
        try dir.write("loop.lua", """
            loupe.register{name = "loop", reader = {extensions = {"loop"}, read = function(text, path)
              if text:find("forever") then while true do end end
              return {text = text, meta = {from = "loop"}}
            end}}
            """)
        try dir.write("c/a.loop", "runs forever\n")
        try dir.write("c/b.loop", "a short one\n")
        try dir.write("c/c.txt", "plain\n")
        let o = try LoupeCLI.run(["--corpus", "c", "--timeout", "1", "--plugin", "loop.lua", "-e",
                                  "for d in corpus:docs() do print(d.id, d.meta.from) end local n = 0 for i = 1, 1000 do n = n + i end print(n)"],
                                 cwd: dir.url, environment: Self.noUserPlugins)
        #expect(o.status == 0 && o.stdoutLines == ["b\tloop", "c\tnil", "500500"], "\(o)")
        #expect(o.warnings.count == 1 && o.warnings[0].hasPrefix("loupe: warning: c/a.loop: skipped: the loop reader (loop.lua:1) failed: time limit"), "\(o)")
    }

    @Test func runVerifyAndAPluginCommandSeeTheReadersDocuments() throws {
        let dir = try Self.subtitleFolder(); defer { dir.remove() }
        try dir.write("stats.lua", """
            loupe.register{name = "subtitles", run = function(corpus)
              local n = 0
              for d in corpus:docs() do if d.meta.cues then n = n + 1 end end
              return {{subtitles = n, documents = #corpus}}
            end}
            """)
        try dir.write("count.lua", "corpus:group('cues'):count('nato'):write('counts.csv')\n")
        let out = try dir.subfolder("out")
        let args = ["--corpus", "subs", "--quiet", "--plugin", dir.path + "/stats.lua"]
        let run = try LoupeCLI.run(args + ["run", "subtitles"], cwd: dir.url, environment: Self.noUserPlugins)
        #expect(run.status == 0 && run.stdoutLines.last?.split(separator: " ").filter { !$0.isEmpty } == ["3", "2"], "\(run)")

        // A recorded run over documents a reader made; verify loads the plugins given to it (never a
        // manifest's) before the corpus too.
        let script = try LoupeCLI.run(["run", "--corpus", "subs", "--out", out.path, "--plugin", Self.srtReader, "count.lua"],
                                      cwd: dir.url, environment: ["XDG_CONFIG_HOME": "/nonexistent/loupe-plugin-tests", "HOME": "/nonexistent"])
        #expect(script.status == 0, "\(script)")
        let csv = try String(contentsOfFile: out.path + "/counts.csv", encoding: .utf8)
        #expect(csv.contains("\n2,") && csv.contains("\n3,"), "groups by the reader's cues field: \(csv)")
        try FileManager.default.removeItem(atPath: dir.path + "/plugins")   // only the recorded --plugin from now on
        let verified = try LoupeCLI.run(["verify", out.path + "/count.manifest.json", "--corpus", "subs", "--script", "count.lua",
                                         "--plugin", Self.srtReader], cwd: dir.url, environment: Self.noUserPlugins)
        #expect(verified.status == 0 && verified.stdout.contains("corpus    identical") && verified.stdout.contains("verified: every output is identical"), "\(verified)")
    }

    @Test(.enabled(if: TerminalREPLTests.tmuxPresent)) func theREPLsCorpusCommandUsesTheReaders() throws {
        let dir = try Self.subtitleFolder(); defer { dir.remove() }
        let t = try TmuxREPL(stateDir: dir, arguments: ["--plugin", Self.srtReader], environment: ["XDG_CONFIG_HOME": dir.path + "/none"], width: 200)
        t.line(":corpus \(dir.path)/subs")
        #expect(t.waitFor("loaded 3 documents, 20 tokens"), "\(t.screen())")
        t.line("print('subtitles ' .. #corpus:filter{cues = {from = 1}})")
        #expect(t.waitFor("subtitles 2"), "\(t.screen())")
    }

    @Test func docsShowTheWholeReaderFile() throws {
        try PluginTests.expectDocsListWholeFile(Self.srtReader, keptBy: "PluginPartsCLITests")
    }

    // MARK: lexicons

    /// The first two ```lua blocks after a heading of docs/plugins.md.
    static func docBlocks(after heading: String) throws -> [String] {
        let doc = try String(contentsOf: LoupeCLI.repoRoot.appendingPathComponent("docs/plugins.md"), encoding: .utf8)
        let section = try #require(doc.components(separatedBy: heading).dropFirst().first)
        return section.components(separatedBy: "```lua\n").dropFirst().prefix(2).compactMap { $0.components(separatedBy: "```\n").first }
    }

    @Test func theDocsLexiconExampleWorksOnTheBundledCorpus() throws {
        let blocks = try Self.docBlocks(after: "## Lexicons from plugins")
        #expect(blocks.count == 2)
        let dir = try TempDir(); defer { dir.remove() }
        try dir.write("plugins/loaded.lua", blocks.first ?? "")
        let o = try LoupeCLI.run(["--corpus", LoupeCLI.bundledCorpus, "--quiet", "-e", blocks.last ?? ""], cwd: dir.url, environment: Self.noUserPlugins)
        #expect(o.status == 0 && o.stderr.isEmpty, "\(o)")
        let direct = try LoupeCLI.lua("print(corpus:count('regime') + corpus:count('junta') + corpus:count('neo-nazi*'))")
        let viaPlugin = try LoupeCLI.run(["--corpus", LoupeCLI.bundledCorpus, "--quiet", "-e",
                                          "local n = 0 for _, r in ipairs(corpus:lookup('loaded')) do if r.category == 'labels' then n = n + r.n end end print(n)"],
                                         cwd: dir.url, environment: Self.noUserPlugins)
        #expect(o.stdout.contains("labels") && o.stdout.contains("hedges"), "\(o)")
        #expect(Int(viaPlugin.stdout.trimmingCharacters(in: .newlines)) ?? -1 > 0, "\(viaPlugin)")
        // "kiev regime" overlaps "regime" and counts once: the lexicon's count is the separate words' count
        #expect(viaPlugin.stdout == direct.stdout, "\(viaPlugin) vs \(direct)")
    }

    static let texts = ["a.txt": "The regime, allegedly. The Regime again!\n",
                        "b.txt": "Reportedly a junta; allegedly a regime.\n",
                        "c.txt": "Nothing loaded here.\n"]

    @Test func aLexiconPluginIsUsedByNameWithTheRightCounts() throws {
        let dir = try TempDir(); defer { dir.remove() }
        for (name, text) in Self.texts { try dir.write("c/" + name, text) }
        try dir.write("plugins/labels.lua", "loupe.register{name = 'labels', help = 'Loaded labels and hedges.', lexicon = 'labels.yaml'}\n")
        try dir.write("plugins/labels.yaml", "labels:\n  - regime\n  - junta\nhedges:\n  - allegedly\n  - reportedly\n")
        let o = try LoupeCLI.run(["--corpus", "c", "--quiet", "-e", """
            for _, r in ipairs(corpus:lookup("labels")) do print(r.doc, r.category, r.n) end
            print(loupe.lexicons().labels)
            help() help("labels")
            """], cwd: dir.url, environment: Self.noUserPlugins)
        #expect(o.status == 0 && o.stderr.isEmpty, "\(o)")
        var expected: [String] = []
        for name in Self.texts.keys.sorted() {
            let text = Self.texts[name] ?? ""
            let id = String(name.dropLast(4))
            expected.append("\(id)\tlabels\t\(Self.occurrences("regime", in: text) + Self.occurrences("junta", in: text))")
            expected.append("\(id)\thedges\t\(Self.occurrences("allegedly", in: text) + Self.occurrences("reportedly", in: text))")
        }
        #expect(expected.contains("a\tlabels\t2") && expected.contains("b\thedges\t2"), "the texts have the words")
        #expect(Array(o.stdoutLines.prefix(6)) == expected, "\(o)")
        #expect(o.stdout.contains("Lexicon plugins/labels.yaml: 2 categories, 4 entries: labels (2), hedges (2)"), "\(o)")
        #expect(o.stdout.contains("\nLexicons (corpus:lookup(\"name\")): labels\n"), "\(o)")
        #expect(o.stdout.contains("lexicon \"labels\"  — plugin from plugins/labels.lua\n\nLoaded labels and hedges.\n"), "\(o)")
    }

    @Test func aClashingOrMalformedLexiconPluginIsSkippedWithItsFileAndLine() throws {
        let dir = try TempDir(); defer { dir.remove() }
        for (name, text) in Self.texts { try dir.write("c/" + name, text) }
        try dir.write("plugins/a_first.lua", "loupe.register{name = 'loaded', lexicon = {labels = {'regime'}}}\n")
        try dir.write("plugins/b_clash.lua", "-- the same name again\n\nloupe.register{name = 'loaded', lexicon = {labels = {'junta'}}}\n")
        try dir.write("plugins/c_bad.lua", "local entries = {'allegedly', '((('}\nloupe.register{\n  name = 'hedges',\n  lexicon = {hedges = entries},\n}\n")
        try dir.write("plugins/d_after.lua", "loupe.register{name = 'after', run = function(corpus) return {{n = corpus:lookup('loaded')[1].n}} end}\n")
        let o = try LoupeCLI.run(["--corpus", "c", "--quiet", "-e", "print(corpus:after()[1].n, loupe.lexicons().hedges)"],
                                 cwd: dir.url, environment: Self.noUserPlugins)
        #expect(o.status == 0, "\(o)")
        #expect(o.stdout == "2\tnil\n", "the first 'loaded' (regime) counts; 'hedges' is not registered: \(o)")
        #expect(o.warnings.count == 2, "\(o)")
        #expect(o.warnings.first == "loupe: warning: plugin plugins/b_clash.lua:3: register: a lexicon named 'loaded' is already registered (by plugins/a_first.lua); skipped", "\(o)")
        #expect(o.warnings.last?.hasPrefix("loupe: warning: plugin plugins/c_bad.lua:2: register: entry '(((' of category 'hedges' is not a valid query") == true, "\(o)")
        #expect(o.warnings.last?.hasSuffix("; skipped") == true, "\(o)")
    }
}
