import Foundation
import Testing
import LoupeTestSupport

/// `loupe exercise list | show | check`, as a teacher and students use them.
@Suite("Exercises on the command line")
struct ExerciseCLITests {
    let exercises = LoupeCLI.repoRoot.appendingPathComponent("scripts/exercises").path
    var base: [String] { ["--corpus", LoupeCLI.bundledCorpus, "--exercises", exercises] }

    @Test("list names every exercise; show gives the prompt and how to answer, a hint only when asked, the solution only with --reveal")
    func listAndShow() throws {
        let list = try LoupeCLI.run(["exercise", "list"] + base)
        #expect(list.status == 0, "\(list)")
        #expect(list.stdoutLines.count >= 10, "\(list)")
        #expect(list.stdoutLines.contains { $0.hasPrefix("nato-count ") })
        let show = try LoupeCLI.run(["exercise", "show", "nato-count"] + base)
        #expect(show.status == 0 && show.stdout.contains("How to answer:") && show.stdout.contains("Why it matters:"), "\(show)")
        #expect(!show.stdout.contains("Hint") && !show.stdout.contains("corpus:count(\"nato|nato's\")"), "\(show)")
        try TempDir.with { home in
            let env = ["XDG_STATE_HOME": home.url.path]
            let h1 = try LoupeCLI.run(["exercise", "show", "nato-count", "--hint"] + base, environment: env)
            let h2 = try LoupeCLI.run(["exercise", "show", "nato-count", "--hint"] + base, environment: env)
            #expect(h1.stdout.contains("Hint 1 of") && h2.stdout.contains("Hint 2 of"), "\(h1)\n\(h2)")   // the next hint each time
        }
        let reveal = try LoupeCLI.run(["exercise", "show", "nato-count", "--reveal"] + base)
        #expect(reveal.stdout.contains("Model solution:") && reveal.stdout.contains("corpus:count"), "\(reveal)")
        let missing = try LoupeCLI.run(["exercise", "show", "no-such-exercise"] + base)
        #expect(missing.status == 2 && missing.stderr.contains("no exercise 'no-such-exercise'"), "\(missing)")
    }

    @Test("check: a right answer passes (0), a wrong one gets feedback (1), a class is checked into a CSV")
    func checkOneAndAClass() throws {
        try TempDir.with { dir in
            let right = try dir.write("right.lua", "return corpus:count(\"nato|nato's\")\n")
            let close = try dir.write("close.lua", "return corpus:count(\"nato\")\n")
            let broken = try dir.write("broken.lua", "return corpus:count(\n")
            let loops = try dir.write("loops.lua", "while true do end\n")
            let ok = try LoupeCLI.run(["exercise", "check", "nato-count", right.path] + base)
            #expect(ok.status == 0 && ok.stdout.hasPrefix("passed."), "\(ok)")
            let no = try LoupeCLI.run(["exercise", "check", "nato-count", close.path] + base)
            #expect(no.status == 1 && no.stdout.contains("not yet") && no.stdout.contains("NATO's"), "\(no)")
            let klass = try LoupeCLI.run(["exercise", "check", "nato-count", right.path, close.path, broken.path, loops.path,
                                          "--timeout", "1", "--out", "results.csv"] + base, cwd: dir.url)
            #expect(klass.status == 1 && klass.stdout.contains("1 of 4 passed"), "\(klass)")
            let csv = try String(contentsOf: dir.url.appendingPathComponent("results.csv"), encoding: .utf8)
            let lines = csv.split(separator: "\n")
            #expect(lines.first == "file,passed,feedback,seconds,error")
            #expect(lines.count == 5, "\(csv)")
            #expect(lines.contains { $0.contains("broken.lua,false") && $0.contains("broken.lua:2:") }, "\(csv)")
            #expect(lines.contains { $0.contains("loops.lua,false") && $0.contains("--timeout") }, "\(csv)")
            let again = try LoupeCLI.run(["exercise", "check", "nato-count", right.path, "--out", "results.csv"] + base, cwd: dir.url)
            #expect(again.status == 2 && again.stderr.contains("exists"), "\(again)")   // never overwritten without --overwrite
        }
    }

    @Test("a script inside the exercises folder is refused, so it cannot read the solutions")
    func scriptsBesideTheExercisesAreRefused() throws {
        let r = try LoupeCLI.run(["exercise", "check", "nato-count", exercises + "/01-nato-count.lua"] + base)
        #expect(r.status == 1 && r.stdout.contains("outside the exercises folder"), "\(r)")
    }

    @Test("a script in the folder that holds the exercises folder cannot read them either")
    func scriptsAboveTheExercisesCannotReadThem() throws {
        try TempDir.with { dir in
            let copy = dir.url.appendingPathComponent("exercises")
            try FileManager.default.copyItem(atPath: exercises, toPath: copy.path)
            let peek = try dir.write("peek.lua", """
                local f, err = io.open("exercises/01-nato-count.lua")
                if f then return f:read("a") end
                print(err)
                return corpus:count("nato|nato's")
                """)
            let r = try LoupeCLI.run(["exercise", "check", "nato-count", peek.path, "--corpus", LoupeCLI.bundledCorpus,
                                      "--exercises", copy.path], cwd: dir.url)
            #expect(r.status == 0 && r.stdout.contains("may not be read by this script"), "\(r)")
        }
    }
}

/// Run manifests and `loupe verify`.
@Suite("Reproducible runs")
struct VerifyTests {
    @Test("a run that writes results writes a manifest; verify re-runs it and says identical, or names what differs")
    func manifestAndVerify() throws {
        try TempDir.with { dir in
            _ = try dir.write("s.lua", "corpus:group('genre'):count(arg[1]):write('counts.csv')\n")
            let out = try dir.subfolder("out")
            let run = try LoupeCLI.run(["run", "--corpus", LoupeCLI.bundledCorpus, "--out", out.url.path, "s.lua", "minsk"], cwd: dir.url)
            #expect(run.status == 0 && run.stderr.contains("manifest"), "\(run)")
            let manifestURL = out.url.appendingPathComponent("s.manifest.json")
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as? [String: Any]
            #expect((json?["arguments"] as? [String]) == ["minsk"])
            #expect((json?["corpus_documents"] as? Int) == 13)
            #expect(((json?["outputs"] as? [[String: Any]])?.first?["path"] as? String) == "counts.csv")
            #expect(((json?["corpus_fingerprint"] as? String)?.count ?? 0) == 64)

            // The script and the corpus lie outside the manifest's folder: the command line names them.
            let named = ["--script", "s.lua", "--corpus", LoupeCLI.bundledCorpus]
            let ok = try LoupeCLI.run(["verify", manifestURL.path] + named, cwd: dir.url)
            #expect(ok.status == 0 && ok.stdout.contains("verified: every output is identical"), "\(ok)")
            let unnamed = try LoupeCLI.run(["verify", manifestURL.path], cwd: dir.url)
            #expect(unnamed.status == 2 && unnamed.stderr.contains("--script FILE"), "\(unnamed)")

            // The script changed since: verify says so and does not run it.
            _ = try dir.write("s.lua", "corpus:group('genre'):count('nato'):write('counts.csv')\n")
            let changed = try LoupeCLI.run(["verify", manifestURL.path] + named, cwd: dir.url)
            #expect(changed.status == 1 && changed.stdout.contains("script    DIFFERENT") && changed.stdout.contains("not run"), "\(changed)")

            // Another corpus: its fingerprint differs.
            let other = try dir.subfolder("other")
            _ = try other.write("a.txt", "Minsk. Minsk.\n")
            _ = try dir.write("s.lua", "corpus:group('genre'):count(arg[1]):write('counts.csv')\n")
            let moved = try LoupeCLI.run(["verify", manifestURL.path, "--script", "s.lua", "--corpus", other.url.path], cwd: dir.url)
            #expect(moved.status == 1 && moved.stdout.contains("corpus    DIFFERENT"), "\(moved)")

            let bad = try LoupeCLI.run(["verify", dir.url.appendingPathComponent("s.lua").path])
            #expect(bad.status == 2 && bad.stderr.contains("not a Loupe run manifest"), "\(bad)")
        }
    }

    @Test("a run that writes nothing leaves no manifest")
    func noOutputsNoManifest() throws {
        try TempDir.with { dir in
            _ = try dir.write("p.lua", "print(corpus:count('nato'))\n")
            let r = try LoupeCLI.run(["run", "--corpus", LoupeCLI.bundledCorpus, "p.lua"], cwd: dir.url)
            #expect(r.status == 0 && !r.stderr.contains("manifest"), "\(r)")
            #expect(!FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("p.manifest.json").path))
        }
    }
}
