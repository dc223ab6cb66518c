import Foundation
import Testing
import LoupeTestSupport

/// Where sandboxed scripts may write (red-team F5, docs/safety.md): only into the output folder
/// (--out, default ./results, made on the first write), never into the corpus or scripts/,
/// replacing a file only with --overwrite on the command line; plugins never while loading.
@Suite("Where scripts may write")
struct WriteSafetyTests {
    /// A teacher's folder: README.md, grades.csv, corpus/notes.md, scripts/lib.lua.
    static func teachersFolder(_ dir: TempDir) throws {
        try dir.write("README.md", "# mine\n")
        try dir.write("grades.csv", "student,grade\nalice,B\n")
        try dir.write("corpus/notes.md", "Notes about NATO.\n")
        try dir.write("scripts/lib.lua", "return 1\n")
    }

    static let mallory = """
        local t = loupe.table{{student = "mallory", grade = "A+"}}
        for _, p in ipairs{"grades.csv", "README.md", "corpus/notes.md", "corpus/metadata.csv", "scripts/x.csv",
                           "../grades.csv", "../README.md", "../corpus/notes.md", "../corpus/metadata.csv", "../scripts/x.csv"} do
          print(p, pcall(t.write, t, p, {overwrite = true}))
        end
        """

    @Test("F5: a sandboxed script cannot replace the user's files, the corpus or scripts/, even with {overwrite = true}")
    func theUsersFilesAreSafe() throws {
        try TempDir.with { dir in
            try Self.teachersFolder(dir)
            try dir.write("sub/s.lua", Self.mallory)
            let before = try Self.snapshot(dir)
            // the default output folder, and --out . (the teacher's own folder), with and without --overwrite
            for extra in [[], ["--out", "."], ["--overwrite"]] {
                let r = try LoupeCLI.run(["run", "--corpus", "corpus", "--quiet"] + extra + ["sub/s.lua"], cwd: dir.url)
                #expect(r.status == 0, "\(r)")
                for line in r.stdoutLines where line.contains("corpus/") || line.contains("scripts/") {
                    #expect(line.contains("\tfalse\t"), "\(extra): \(line)")
                }
                let after = try Self.snapshot(dir)
                for (path, text) in before { #expect(after[path] == text, "\(extra): \(path) changed") }
                #expect(after["corpus/metadata.csv"] == nil && after["scripts/x.csv"] == nil, "\(extra)")
            }
            // the refusals name the command line's flag and the folder
            let r = try LoupeCLI.run(["run", "--corpus", "corpus", "--quiet", "--out", ".", "sub/s.lua"], cwd: dir.url)
            #expect(r.stdout.contains("README.md\tfalse\twrite: '\(Self.real(dir))/README.md' already exists; pass {overwrite = true} and run loupe with --overwrite"), "\(r)")
            #expect(r.stdout.contains("corpus/notes.md\tfalse\twrite: 'corpus/notes.md' is inside \(Self.real(dir))/corpus, which holds Loupe's inputs"), "\(r)")
            // with --out . and --overwrite the user consents: their own folder's files may be replaced, still never the corpus
            let consent = try LoupeCLI.run(["run", "--corpus", "corpus", "--quiet", "--out", ".", "--overwrite", "sub/s.lua"], cwd: dir.url)
            #expect(consent.stdout.contains("grades.csv\ttrue") && consent.stdout.contains("corpus/notes.md\tfalse"), "\(consent)")
            #expect(try Self.snapshot(dir)["corpus/notes.md"] == before["corpus/notes.md"])
        }
    }

    @Test("the default output folder is ./results, made on the first write and announced; --out is made when missing")
    func theOutputFolderIsMade() throws {
        try TempDir.with { dir in
            try dir.write("s.lua", "loupe.table{{x = 1}}:write('x.csv')\n")
            let r = try LoupeCLI.run(["run", "--corpus", LoupeCLI.bundledCorpus, "s.lua"], cwd: dir.url)
            #expect(r.status == 0 && r.stderr.contains("loupe: made the output folder \(Self.real(dir))/results/"), "\(r)")
            #expect(FileManager.default.fileExists(atPath: dir.path + "/results/x.csv"))
            #expect(FileManager.default.fileExists(atPath: dir.path + "/results/s.manifest.json"))
            #expect(!FileManager.default.fileExists(atPath: dir.path + "/x.csv"))

            // the user audit: `loupe run --out new/deeper s.lua` when the folder is missing
            let made = try LoupeCLI.run(["run", "--corpus", LoupeCLI.bundledCorpus, "--out", "new/deeper", "s.lua"], cwd: dir.url)
            #expect(made.status == 0 && made.stderr.contains("made the output folder \(Self.real(dir))/new/deeper/"), "\(made)")
            #expect(FileManager.default.fileExists(atPath: dir.path + "/new/deeper/x.csv"))

            // a script that writes nothing makes no folder
            try dir.write("p.lua", "print(1)\n")
            let quiet = try LoupeCLI.run(["run", "--corpus", LoupeCLI.bundledCorpus, "--out", "never", "p.lua"], cwd: dir.url)
            #expect(quiet.status == 0 && !FileManager.default.fileExists(atPath: dir.path + "/never"), "\(quiet)")

            // writing again: refused without --overwrite, and the refusal names the flag
            let again = try LoupeCLI.run(["run", "--corpus", LoupeCLI.bundledCorpus, "s.lua"], cwd: dir.url)
            #expect(again.status == 1 && again.stderr.contains("run loupe with --overwrite"), "\(again)")
            try dir.write("o.lua", "loupe.table{{x = 2}}:write('x.csv', {overwrite = true})\n")
            let consent = try LoupeCLI.run(["run", "--corpus", LoupeCLI.bundledCorpus, "--overwrite", "o.lua"], cwd: dir.url)
            #expect(consent.status == 0, "\(consent)")
            #expect(try String(contentsOfFile: dir.path + "/results/x.csv", encoding: .utf8) == "x\n2\n")
        }
    }

    @Test("an --out that is or is inside the corpus, or is a file, is refused with status 2 before anything runs")
    func anOutputFolderInsideTheCorpusIsRefused() throws {
        try TempDir.with { dir in
            try Self.teachersFolder(dir)
            try dir.write("s.lua", "print('RAN')\n")
            for out in ["corpus", "corpus/sub", "./corpus/../corpus/new", "scripts", "grades.csv"] {
                let r = try LoupeCLI.run(["run", "--corpus", "corpus", "--out", out, "s.lua"], cwd: dir.url)
                #expect(r.status == 2 && !r.stdout.contains("RAN") && r.stderr.contains("--out"), "\(out): \(r)")
            }
            #expect(!FileManager.default.fileExists(atPath: dir.path + "/corpus/sub"))
            #expect(!FileManager.default.fileExists(atPath: dir.path + "/corpus/new"))
        }
    }

    @Test("when the current folder is the corpus, ./results would be inside it: the write is refused and no folder is made")
    func theDefaultOutputFolderIsNeverInsideTheCorpus() throws {
        try TempDir.with { dir in
            try dir.write("a.txt", "NATO met.\n")
            let r = try LoupeCLI.run(["--corpus", ".", "--quiet", "-e", "loupe.table{{x = 1}}:write('x.csv')"], cwd: dir.url)
            #expect(r.status == 1 && r.stderr.contains("which holds Loupe's inputs") && r.stderr.contains("--out DIR"), "\(r)")
            #expect(!FileManager.default.fileExists(atPath: dir.path + "/results"))
        }
    }

    @Test("a plugin cannot write while it loads, only when a user's command runs it")
    func pluginsWriteOnlyWhenRun() throws {
        try TempDir.with { dir in
            try dir.write("p.lua", """
                loupe.table{{x = 1}}:write("plugin_wrote.csv")
                loupe.register{name = "saver", run = function(corpus, args) return loupe.table{{n = #corpus}}:write("saved.csv") end}
                """)
            let env = ["XDG_CONFIG_HOME": dir.path + "/none"]
            let r = try LoupeCLI.run(["--corpus", LoupeCLI.bundledCorpus, "--plugin", "p.lua", "-e", "print('after')"], cwd: dir.url, environment: env)
            #expect(r.stderr.contains("plugins cannot write files while they load"), "\(r)")
            #expect(r.stdout.contains("after"), "\(r)")
            #expect(!FileManager.default.fileExists(atPath: dir.path + "/results/plugin_wrote.csv"))
            #expect(!FileManager.default.fileExists(atPath: dir.path + "/plugin_wrote.csv"))
            try dir.write("q.lua", "loupe.register{name = 'saver', run = function(corpus, args) return loupe.table{{n = #corpus}}:write('saved.csv') end}\n")
            let run = try LoupeCLI.run(["run", "--corpus", LoupeCLI.bundledCorpus, "--quiet", "--plugin", "q.lua", "saver"], cwd: dir.url, environment: env)
            #expect(run.status == 0 && run.stdout.contains("results/saved.csv"), "\(run)")
            #expect(FileManager.default.fileExists(atPath: dir.path + "/results/saved.csv"))
        }
    }

    @Test("a plugin's reader cannot write while the corpus loads; the file is reported and the rest loads")
    func readersDoNotWrite() throws {
        try TempDir.with { dir in
            try dir.write("docs/a.txt", "Plain text.\n")
            try dir.write("docs/b.abc", "Read by the plugin.\n")
            try dir.write("r.lua", """
                loupe.register{name = "abc", reader = {extensions = {"abc"}, read = function(text, path)
                  loupe.table{{x = 1}}:write("reader_wrote.csv")
                  return {text = text}
                end}}
                """)
            let r = try LoupeCLI.run(["--corpus", "docs", "--plugin", "r.lua", "-e", "print(#corpus)"], cwd: dir.url,
                                     environment: ["XDG_CONFIG_HOME": dir.path + "/none"])
            #expect(r.status == 0 && r.stdout == "1\n", "\(r)")
            #expect(r.stderr.contains("b.abc") && r.stderr.contains("a plugin's reader cannot write files"), "\(r)")
            #expect(!FileManager.default.fileExists(atPath: dir.path + "/results/reader_wrote.csv"))
        }
    }

    @Test("docs/plugins.md: loupe run NAME prints a number or string the plugin returns, and nil for nothing")
    func pluginReturnValuesPrint() throws {
        try TempDir.with { dir in
            try dir.write("p.lua", """
                loupe.register{name = "answer", run = function() return 42 end}
                loupe.register{name = "nothing", run = function() end}
                """)
            let env = ["XDG_CONFIG_HOME": dir.path + "/none"]
            let a = try LoupeCLI.run(["run", "--corpus", LoupeCLI.bundledCorpus, "--quiet", "--plugin", "p.lua", "answer"], cwd: dir.url, environment: env)
            #expect(a.status == 0 && a.stdout == "42\n", "\(a)")
            let n = try LoupeCLI.run(["run", "--corpus", LoupeCLI.bundledCorpus, "--quiet", "--plugin", "p.lua", "nothing"], cwd: dir.url, environment: env)
            #expect(n.status == 0 && n.stdout == "nil\n", "\(n)")
        }
    }

    @Test("t:plot follows the same rules: not into the corpus, not over a file without --overwrite")
    func plotsFollowTheRules() throws {
        try TempDir.with { dir in
            try Self.teachersFolder(dir)
            try dir.write("corpus/chart.svg", "<svg/>")
            try dir.write("chart.svg", "<svg>mine</svg>")
            try dir.write("s.lua", """
                local t = loupe.table{{g = "a", n = 1}, {g = "b", n = 2}}
                print(pcall(t.plot, t, {x = "g", y = "n", file = "corpus/chart.svg", overwrite = true}))
                print(pcall(t.plot, t, {x = "g", y = "n", file = "chart.svg", overwrite = true}))
                """)
            let r = try LoupeCLI.run(["run", "--corpus", "corpus", "--quiet", "--out", ".", "s.lua"], cwd: dir.url)
            #expect(r.stdoutLines.count == 2 && r.stdoutLines.allSatisfy { $0.hasPrefix("false") }, "\(r)")
            #expect(r.stdout.contains("holds Loupe's inputs") && r.stdout.contains("--overwrite"), "\(r)")
            #expect(try String(contentsOfFile: dir.path + "/chart.svg", encoding: .utf8) == "<svg>mine</svg>")
            #expect(try String(contentsOfFile: dir.path + "/corpus/chart.svg", encoding: .utf8) == "<svg/>")
        }
    }

    static func real(_ dir: TempDir) -> String { dir.url.resolvingSymlinksInPath().path }

    /// Every file under the folder, with its text.
    static func snapshot(_ dir: TempDir) throws -> [String: String] {
        var files: [String: String] = [:]
        let walker = FileManager.default.enumerator(atPath: dir.path)
        while let rel = walker?.nextObject() as? String {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir.path + "/" + rel, isDirectory: &isDir), !isDir.boolValue,
                  !rel.hasPrefix("results") else { continue }
            files[rel] = try String(contentsOfFile: dir.path + "/" + rel, encoding: .utf8)
        }
        return files
    }
}
