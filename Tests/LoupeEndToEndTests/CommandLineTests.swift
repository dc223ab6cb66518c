import Foundation
import Testing
import LoupeTestSupport

/// Running code: -e, `run FILE`, piped stdin; --help, --version; where the corpus comes from.
@Suite("Command line")
struct CommandLineTests {
    let corpus = LoupeCLI.bundledCorpus

    // MARK: -e

    @Test("-e runs code; print goes to stdout; the load summary to stderr")
    func executeCode() throws {
        let r = try LoupeCLI.run(["--corpus", corpus, "-e", "print('hello', 1 + 2)"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout == "hello\t3\n", "\(r)")
        #expect(!r.stdout.contains("loaded"), "the summary belongs on stderr\n\(r)")
        #expect(r.summaries.count == 1, "\(r)")
    }

    @Test("-e may be given more than once; the chunks share one state, in order")
    func executeTwice() throws {
        let r = try LoupeCLI.run(["--corpus", corpus, "--quiet", "-e", "x = 41", "-e", "print(x + 1)"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout == "42\n", "\(r)")
    }

    @Test("Output printed before an error is not lost")
    func outputBeforeError() throws {
        let r = try LoupeCLI.lua("print('before'); error('after')")
        #expect(r.status == 1, "\(r)")
        #expect(r.stdout == "before\n", "\(r)")
    }

    @Test("Large output reaches a pipe complete")
    func largeOutput() throws {
        let r = try LoupeCLI.lua("for i = 1, 100000 do print(i) end")
        #expect(r.status == 0, "\(r.status) \(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 100_000)
        #expect(lines.first == "1")
        #expect(lines.last == "100000")
    }

    // MARK: run FILE

    @Test("run FILE a b: arg[0] is the script path, arg[1..] and ... are the arguments")
    func runScriptWithArguments() throws {
        try TempDir.with { dir in
            try dir.write("args.lua", """
                print(arg[0], arg[1], arg[2], #arg)
                print(select("#", ...), ...)
                """)
            let r = try LoupeCLI.run(["--corpus", corpus, "--quiet", "run", "args.lua", "a", "b c"], cwd: dir.url)
            #expect(r.status == 0, "\(r)")
            #expect(r.stdout == "args.lua\ta\tb c\t2\n2\ta\tb c\n", "\(r)")
            #expect(r.stderr.isEmpty, "\(r)")
        }
    }

    @Test("run FILE with no arguments: arg has only arg[0], ... is empty")
    func runScriptWithoutArguments() throws {
        try TempDir.with { dir in
            try dir.write("s.lua", "print(arg[0], #arg, select('#', ...))")
            let script = dir.url.appendingPathComponent("s.lua").path
            let r = try LoupeCLI.run(["--corpus", corpus, "--quiet", "run", script])
            #expect(r.status == 0, "\(r)")
            #expect(r.stdout == "\(script)\t0\t0\n", "\(r)")
        }
    }

    @Test("Arguments after the script that look like options belong to the script")
    func dashArgumentsGoToScript() throws {
        try TempDir.with { dir in
            try dir.write("s.lua", "print(...)")
            let r = try LoupeCLI.run(["--corpus", corpus, "--quiet", "run", "s.lua", "--quiet", "-x", "--corpus", "y"], cwd: dir.url)
            #expect(r.status == 0, "\(r)")
            #expect(r.stdout == "--quiet\t-x\t--corpus\ty\n", "\(r)")
        }
    }

    @Test("run's own options may come between `run` and the script (as its usage line shows)")
    func optionsAfterRun() throws {
        try TempDir.with { dir in
            try dir.write("s.lua", "print(#corpus, ...)")
            let r = try LoupeCLI.run(["run", "--corpus", corpus, "--quiet", "s.lua", "a"], cwd: dir.url)
            #expect(r.status == 0, "\(r)")
            #expect(r.stdout == "13\ta\n", "\(r)")
            #expect(r.stderr.isEmpty, "\(r)")
        }
    }

    @Test("A #! first line is skipped, and line numbers still count it")
    func shebangLine() throws {
        try TempDir.with { dir in
            try dir.write("tool.lua", """
                #!/usr/bin/env -S loupe run
                print(#corpus)

                error("on line four")
                """)
            let r = try LoupeCLI.run(["--corpus", corpus, "--quiet", "run", "tool.lua"], cwd: dir.url)
            #expect(r.status == 1, "\(r)")
            #expect(r.stdout == "13\n", "\(r)")
            #expect(r.stderr.hasPrefix("loupe: tool.lua:4: on line four\n"), "\(r)")
        }
    }

    @Test("A script with CRLF line ends runs, and error lines are counted right")
    func crlfScript() throws {
        try TempDir.with { dir in
            try dir.write("w.lua", "#!/usr/bin/env loupe\r\nprint('crlf')\r\nerror('three')\r\n")
            let r = try LoupeCLI.run(["--corpus", corpus, "--quiet", "run", "w.lua"], cwd: dir.url)
            #expect(r.status == 1, "\(r)")
            #expect(r.stdout == "crlf\n", "\(r)")
            #expect(r.stderr.hasPrefix("loupe: w.lua:3: three"), "\(r)")
        }
    }

    @Test("A script saved with a UTF-8 byte order mark runs (lua.c skips the BOM)")
    func scriptWithBOM() throws {
        try TempDir.with { dir in
            try dir.write("bom.lua", bytes: [0xEF, 0xBB, 0xBF] + Array("print('bom ok')\n".utf8))
            try dir.write("bom-shebang.lua", bytes: [0xEF, 0xBB, 0xBF] + Array("#!/usr/bin/env loupe\nprint('bom ok')\n".utf8))
            for name in ["bom.lua", "bom-shebang.lua"] {
                let r = try LoupeCLI.run(["--corpus", corpus, "--quiet", "run", name], cwd: dir.url)
                #expect(r.status == 0, "\(r)")
                #expect(r.stdout == "bom ok\n", "\(r)")
            }
        }
    }

    @Test("A script's bytes reach Lua unchanged (Lua strings are bytes, not UTF-8)")
    func scriptBytesUnchanged() throws {
        try TempDir.with { dir in
            // A string literal holding the single byte 0xFF; `lua5.4 f.lua` prints 1 and 255.
            try dir.write("bytes.lua", bytes: Array("local s = \"".utf8) + [0xFF] + Array("\"\nprint(#s, s:byte(1))\n".utf8))
            let r = try LoupeCLI.run(["--corpus", corpus, "--quiet", "run", "bytes.lua"], cwd: dir.url)
            #expect(r.status == 0, "\(r)")
            #expect(r.stdout == "1\t255\n", "\(r)")
        }
    }

    @Test("Options given before `run` apply to the script")
    func optionsBeforeRun() throws {
        try TempDir.with { dir in
            try dir.write("s.lua", "print(#corpus)")
            let r = try LoupeCLI.run(["--corpus", corpus, "--quiet", "run", "s.lua"], cwd: dir.url)
            #expect(r.status == 0, "\(r)")
            #expect(r.stdout == "13\n", "\(r)")
            #expect(r.stderr.isEmpty, "\(r)")
        }
    }

    // MARK: stdin

    @Test("Piped stdin with no -e is run as a chunk; --quiet leaves just the answer")
    func pipedStdin() throws {
        let r = try LoupeCLI.run(["--corpus", corpus, "--quiet"], stdin: "print(#corpus)\n")
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout == "13\n", "\(r)")
        #expect(r.stderr.isEmpty, "\(r)")
    }

    @Test("Piped stdin without --quiet: the answer on stdout, the summary on stderr")
    func pipedStdinWithSummary() throws {
        let r = try LoupeCLI.run(["--corpus", corpus], stdin: "print(#corpus)\n")
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout == "13\n", "\(r)")
        #expect(r.summaries.count == 1, "\(r)")
    }

    @Test("An error in piped stdin: exit 1, stdin:LINE: message and a traceback")
    func pipedStdinError() throws {
        let r = try LoupeCLI.run(["--corpus", corpus, "--quiet"], stdin: "print('one')\nerror('two')\n")
        #expect(r.status == 1, "\(r)")
        #expect(r.stdout == "one\n", "\(r)")
        #expect(r.stderr.hasPrefix("loupe: stdin:2: two\n"), "\(r)")
        #expect(r.stderr.contains("stack traceback:"), "\(r)")
    }

    @Test("With -e, stdin is not read")
    func executeIgnoresStdin() throws {
        let r = try LoupeCLI.run(["--corpus", corpus, "--quiet", "-e", "print('e')"], stdin: "print('stdin')\n")
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout == "e\n", "\(r)")
    }

    // MARK: --help, --version

    @Test("--help: exit 0, usage on stdout, mentions run and the options")
    func help() throws {
        let r = try LoupeCLI.run(["--help"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("USAGE"), "\(r)")
        #expect(r.stdout.contains("run"), "\(r)")
        for option in ["--corpus", "--quiet", "--unsafe", "-e"] {
            #expect(r.stdout.contains(option), "help should mention \(option)\n\(r)")
        }
        #expect(!r.stderr.contains("loaded"), "--help should not load a corpus\n\(r)")
    }

    @Test("run --help: exit 0, describes the script and its arguments")
    func runHelp() throws {
        let r = try LoupeCLI.run(["run", "--help"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("arg"), "\(r)")
        #expect(r.stdout.contains("file.lua"), "\(r)")
    }

    @Test("--version: exit 0, prints loupe VERSION (Lua 5.4…; commit …), VERSION as Package.swift writes it")
    func version() throws {
        let r = try LoupeCLI.run(["--version"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.hasPrefix("loupe \(try LoupeCLI.packageVersion()) (Lua 5.4"), "\(r)")
        #expect(r.stdout.contains("; commit "), "\(r)")
        #expect(r.stdout.hasSuffix(")\n"), "\(r)")
        #expect(r.stdoutLines.count == 1, "\(r)")
    }

    @Test("loupe.version and loupe.lua agree with --version")
    func versionFromLua() throws {
        let v = try LoupeCLI.run(["--version"])
        let r = try LoupeCLI.lua("io.write(string.format('loupe %s (%s; commit ', loupe.version, loupe.lua))")
        #expect(r.status == 0, "\(r)")
        #expect(!r.stdout.isEmpty && v.stdout.hasPrefix(r.stdout), "\(r)\n\(v)")
    }

    // MARK: where the corpus comes from

    @Test("--corpus PATH loads that folder and the summary names it")
    func explicitCorpus() throws {
        let r = try LoupeCLI.run(["--corpus", corpus, "-e", "print(#corpus)"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout == "13\n", "\(r)")
        let summary = try #require(r.summaries.first, "\(r)")
        #expect(summary.hasPrefix("loupe: loaded 13 documents, "), "\(r)")
        #expect(summary.contains(" tokens"), "\(r)")
        #expect(summary.hasSuffix(" from \(corpus)"), "\(r)")
    }

    @Test("LOUPE_CORPUS is used when --corpus is absent")
    func environmentCorpus() throws {
        let r = try LoupeCLI.run(["-e", "print(#corpus)"], environment: ["LOUPE_CORPUS": corpus])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout == "13\n", "\(r)")
        #expect(r.summaries.first?.hasSuffix("from \(corpus)") == true, "\(r)")
    }

    @Test("--corpus wins over LOUPE_CORPUS")
    func explicitCorpusWinsOverEnvironment() throws {
        try TempDir.with { dir in
            try dir.write("one.txt", "Just one document.")
            let r = try LoupeCLI.run(["--corpus", dir.path, "--quiet", "-e", "print(#corpus)"], environment: ["LOUPE_CORPUS": corpus])
            #expect(r.status == 0, "\(r)")
            #expect(r.stdout == "1\n", "\(r)")
        }
    }

    @Test("Without --corpus or LOUPE_CORPUS, ./corpus is loaded")
    func defaultCorpusFolder() throws {
        try TempDir.with { dir in
            let sub = try dir.subfolder("corpus")
            try sub.write("a.txt", "First document.")
            try sub.write("b.md", "Second document.")
            let r = try LoupeCLI.run(["-e", "print(#corpus, corpus[1].id, corpus[2].id)"], cwd: dir.url)
            #expect(r.status == 0, "\(r)")
            #expect(r.stdout == "2\ta\tb\n", "\(r)")
            #expect(r.summaries.first?.hasPrefix("loupe: loaded 2 documents") == true, "\(r)")
        }
    }

    /// The user audit: in a folder without ./corpus, `loupe -e 'print(corpus:count("nato"))'` printed
    /// 0 with status 0. Loupe reads the corpus that came with it and says so, or stops.
    @Test("No ./corpus here: the corpus that came with Loupe, said on stderr; none at all: status 2")
    func noCorpusFolder() throws {
        let r = try LoupeCLI.run(["-e", "print(#corpus, corpus:count('nato'))"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout == "13\t69\n", "\(r)")
        #expect(r.stderr.contains("reading the corpus that came with Loupe"), "\(r)")
        #expect(r.stderr.contains("--corpus"), "the message should say how to choose a corpus\n\(r)")
        try TempDir.with { home in
            let none = try LoupeCLI.run(["-e", "print(#corpus)"], environment: ["LOUPE_HOME": home.path])
            #expect(none.status == 2 && none.stdout.isEmpty, "\(none)")
            #expect(none.stderr.contains("no corpus") && none.stderr.contains("--corpus PATH"), "\(none)")
        }
        // the lexicons and the exercises that came with Loupe are found from anywhere too
        let lexicon = try LoupeCLI.run(["--quiet", "-e", "print(#loupe.lexicon('lexicons/loaded-labels.yaml'))"])
        #expect(lexicon.status == 0 && lexicon.stdout == "3\n", "\(lexicon)")
        let exercises = try LoupeCLI.run(["exercise", "list", "--quiet"])
        #expect(exercises.status == 0 && exercises.stdout.contains("nato-count"), "\(exercises)")
    }

    @Test("No ./corpus here, with --quiet: nothing on stderr")
    func noCorpusFolderQuiet() throws {
        let r = try LoupeCLI.run(["--quiet"], stdin: "print(#corpus)")
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout == "13\n", "\(r)")
        #expect(r.stderr.isEmpty, "\(r)")
    }

    @Test("An empty LOUPE_CORPUS counts as unset")
    func emptyEnvironmentCorpus() throws {
        let r = try LoupeCLI.run(["-e", "print(#corpus)"], environment: ["LOUPE_CORPUS": ""])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout == "13\n" && r.stderr.contains("came with Loupe"), "\(r)")
    }
}
