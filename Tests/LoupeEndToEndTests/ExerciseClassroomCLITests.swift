import Foundation
import Testing
import LoupeTestSupport

/// `loupe exercise pack` and `loupe exercise check --all`, and a hard-coded answer, through the binary.
@Suite("Exercises for a class")
struct ExerciseClassroomCLITests {
    let exercises = LoupeCLI.repoRoot.appendingPathComponent("scripts/exercises").path
    var base: [String] { ["--corpus", LoupeCLI.bundledCorpus, "--exercises", exercises] }

    /// The exercises' ids, from `loupe exercise list`.
    func ids() throws -> [String] {
        let list = try LoupeCLI.run(["exercise", "list"] + base)
        #expect(list.status == 0, "\(list)")
        return list.stdoutLines.compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    /// What `loupe run` prints for a snippet on the bundled corpus: the values to hard-code.
    func value(_ code: String) throws -> String {
        let r = try LoupeCLI.lua("print(\(code))")
        #expect(r.status == 0, "\(r)")
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("a hard-coded answer does not follow from the corpus; a worked-out one passes")
    func hardCodedAnswersFail() throws {
        let n = try value("corpus:count(\"nato|nato's\")")
        #expect(Int(n) != nil)
        try TempDir.with { dir in
            let hard = try dir.write("hard.lua", "return \(n)\n")
            let r = try LoupeCLI.run(["exercise", "check", "nato-count", hard.path] + base)
            #expect(r.status == 1 && r.stdout.hasPrefix("not yet. Your answer does not follow from the corpus: on a copy of the corpus with "), "\(r)")
            #expect(r.stdout.contains(" of 13 documents left out"), "\(r)")
            let worked = try dir.write("worked.lua", "return corpus:count(\"nato|nato's\")\n")
            let ok = try LoupeCLI.run(["exercise", "check", "nato-count", worked.path] + base)
            #expect(ok.status == 0 && ok.stdout.hasPrefix("passed."), "\(ok)")
        }
    }

    @Test("show prints the reflection questions")
    func showPrintsReflections() throws {
        let r = try LoupeCLI.run(["exercise", "show", "kiev-kyiv"] + base)
        #expect(r.status == 0, "\(r)")
        let lines = r.stdoutLines
        let start = try #require(lines.firstIndex(of: "To think about, once you have the answer:"), "\(r)")
        #expect(lines[start + 1].hasPrefix("  - ") && lines[start + 1].contains("mix the spellings"), "\(r)")
        let source = try String(contentsOfFile: exercises + "/03-kiev-kyiv.lua", encoding: .utf8)
        #expect(source.contains(String(lines[start + 1].dropFirst(4))))
    }

    @Test("pack writes every exercise without its check or solution, and a README; list and show read the pack")
    func pack() throws {
        let ids = try ids()
        #expect(ids.count == 12)
        try TempDir.with { dir in
            let made = try LoupeCLI.run(["exercise", "pack", "--out", "pack"] + base, cwd: dir.url)
            #expect(made.status == 0 && made.stdout.contains("wrote 12 exercises and README.txt"), "\(made)")
            let pack = dir.url.appendingPathComponent("pack").path
            let files = try FileManager.default.contentsOfDirectory(atPath: pack).sorted()
            let originals = try FileManager.default.contentsOfDirectory(atPath: exercises).filter { $0.hasSuffix(".lua") }.sorted()
            #expect(files == (originals + ["README.txt"]).sorted(), "\(files)")   // nothing else: no temporary files left
            for (name, id) in zip(originals, ids) {
                let text = try String(contentsOfFile: pack + "/" + name, encoding: .utf8)
                #expect(!text.contains("check") && !text.contains("solution"), "\(name)")
                let reveal = try LoupeCLI.run(["exercise", "show", id, "--reveal"] + base)
                let solution = try #require(reveal.stdout.components(separatedBy: "Model solution:\n").last)
                #expect(!text.contains(solution.trimmingCharacters(in: .whitespacesAndNewlines)), "\(name)")
                // The same question, read from the pack: show's text differs only in its last line.
                let original = try LoupeCLI.run(["exercise", "show", id] + base)
                let packed = try LoupeCLI.run(["exercise", "show", id, "--corpus", LoupeCLI.bundledCorpus, "--exercises", pack])
                #expect(packed.status == 0, "\(packed)")
                #expect(original.stdoutLines.dropLast() == packed.stdoutLines.dropLast(), "\(id)\n\(original)\n\(packed)")
                #expect(packed.stdoutLines.last?.contains("loupe run \(id).lua") == true, "\(packed)")
            }
            let list = try LoupeCLI.run(["exercise", "list", "--corpus", LoupeCLI.bundledCorpus, "--exercises", pack])
            #expect(list.status == 0 && list.stdoutLines.count == 12 && list.stdoutLines.allSatisfy { $0.hasSuffix("(no check)") }, "\(list)")
            let readme = try String(contentsOfFile: pack + "/README.txt", encoding: .utf8)
            #expect(readme.contains("loupe exercise show") && readme.contains("loupe run") && readme.contains("check --all"))
            #expect(ids.allSatisfy { readme.contains($0) })

            // A pack cannot check: it has no checks.
            let answer = try dir.write("a.lua", "return 1\n")
            let check = try LoupeCLI.run(["exercise", "check", "nato-count", answer.path, "--corpus", LoupeCLI.bundledCorpus, "--exercises", pack])
            #expect(check.status == 2 && check.stderr.contains("has no check"), "\(check)")

            // Not into a folder that is not empty, unless --overwrite; never into a file or the exercises folder.
            try "mine".write(toFile: pack + "/notes.txt", atomically: true, encoding: .utf8)
            let again = try LoupeCLI.run(["exercise", "pack", "--out", "pack"] + base, cwd: dir.url)
            #expect(again.status == 2 && again.stderr.contains("not empty") && again.stderr.contains("--overwrite"), "\(again)")
            let replaced = try LoupeCLI.run(["exercise", "pack", "--out", "pack", "--overwrite"] + base, cwd: dir.url)
            #expect(replaced.status == 0, "\(replaced)")
            #expect(try String(contentsOfFile: pack + "/notes.txt", encoding: .utf8) == "mine")
            let file = try LoupeCLI.run(["exercise", "pack", "--out", answer.path] + base)
            #expect(file.status == 2 && file.stderr.contains("is a file"), "\(file)")
            let onto = try LoupeCLI.run(["exercise", "pack", "--out", exercises, "--overwrite"] + base)
            #expect(onto.status == 2 && onto.stderr.contains("exercises folder itself"), "\(onto)")
        }
    }

    @Test("check --all grades every student's scripts, sorted, with totals, into a gradebook")
    func checkAll() throws {
        let n = try value("corpus:count(\"nato|nato's\")")
        let kiev = """
            local answer = {}
            for outlet, sub in corpus:group("outlet"):each() do
              answer[outlet] = {kiev = sub:count("kiev|kiev's"), kyiv = sub:count("kyiv|kyiv's"),
                                lugansk = sub:count("lugansk|lugansk's"), luhansk = sub:count("luhansk|luhansk's")}
            end
            return answer
            """
        try TempDir.with { dir in
            let subs = try dir.subfolder("submissions")
            try subs.write("bob/03-kiev-kyiv.lua", kiev)                       // a folder per student, a pack's file name
            try subs.write("bob/nato-count.lua", "return corpus:count(\"nato|nato's\")\n")
            try subs.write("alice-nato-count.lua", "return \(n)\n")            // hard-coded
            try subs.write("alice-kiev-kyiv.lua", "return corpus:count(\n")     // broken
            try subs.write("carol-nato-count.lua", "print('hello from carol')\nreturn corpus:count('nato')\n")   // close
            try subs.write("stray.lua", "return 1\n")
            try subs.write("notes.txt", "not a script\n")

            let r = try LoupeCLI.run(["exercise", "check", "--all", subs.path] + base, cwd: dir.url)
            #expect(r.status == 1, "\(r)")
            #expect(r.warnings.count == 2 && r.warnings.contains { $0.contains("stray.lua: the name matches no exercise") }
                    && r.warnings.contains { $0.contains("notes.txt: not a .lua script") }, "\(r)")
            #expect(!r.stdout.contains("hello from carol"), "\(r)")
            let lines = r.stdoutLines
            #expect(lines.first?.split(separator: " ", omittingEmptySubsequences: true) == ["student", "exercise", "passed", "feedback", "seconds", "error"], "\(r)")
            let rows = lines.filter { $0.hasPrefix("alice ") || $0.hasPrefix("bob ") || $0.hasPrefix("carol ") }
            // Rows by student, then in the exercises' order (nato-count is 01, kiev-kyiv 03); then the totals.
            #expect(rows.count == 8, "\(r)")
            let order = rows.prefix(5).map { $0.split(separator: " ").prefix(3).joined(separator: " ") }
            #expect(order == ["alice nato-count false", "alice kiev-kyiv false", "bob nato-count true", "bob kiev-kyiv true", "carol nato-count false"], "\(r)")
            #expect(rows[0].contains("does not follow from the corpus") && rows[1].contains("stopped with an error"), "\(r)")
            let totals = rows.suffix(3).map { $0.split(separator: " ").map(String.init) }
            #expect(totals == [["alice", "0", "2"], ["bob", "2", "2"], ["carol", "0", "1"]], "\(r)")
            #expect(lines.last == "2 of 5 passed", "\(r)")

            let book = try LoupeCLI.run(["exercise", "check", "--all", subs.path, "--out", "gradebook.csv"] + base, cwd: dir.url)
            #expect(book.status == 1 && book.stdout.contains("2 of 5 passed; results in"), "\(book)")
            #expect(!book.stdout.contains("does not follow"), "\(book)")   // the rows are in the file
            let csv = try String(contentsOf: dir.url.appendingPathComponent("gradebook.csv"), encoding: .utf8).split(separator: "\n")
            #expect(csv.first == "student,exercise,passed,feedback,seconds,error", "\(csv)")
            #expect(csv.count == 6, "\(csv)")
            #expect(csv[1].hasPrefix("alice,nato-count,false,") && csv[1].contains("does not follow"), "\(csv)")
            #expect(csv[2].hasPrefix("alice,kiev-kyiv,false,") && csv[2].contains("alice-kiev-kyiv.lua:2:"), "\(csv)")
            #expect(csv[3].hasPrefix("bob,nato-count,true,") && csv[4].hasPrefix("bob,kiev-kyiv,true,"), "\(csv)")
            #expect(csv[5].hasPrefix("carol,nato-count,false,") && csv[5].contains("NATO's"), "\(csv)")
            let twice = try LoupeCLI.run(["exercise", "check", "--all", subs.path, "--out", "gradebook.csv"] + base, cwd: dir.url)
            #expect(twice.status == 2 && twice.stderr.contains("--overwrite"), "\(twice)")

            // Everyone passes: exit 0.
            let good = try dir.subfolder("good")
            try good.write("dana/nato-count.lua", "return corpus:count(\"nato|nato's\")\n")
            let ok = try LoupeCLI.run(["exercise", "check", "--all", good.path] + base, cwd: dir.url)
            #expect(ok.status == 0 && ok.stdout.contains("1 of 1 passed"), "\(ok)")
        }
    }

    @Test("check --all: a script reads its own student's folder, never the other students' scripts")
    func checkAllKeepsStudentsApart() throws {
        try TempDir.with { dir in
            let subs = try dir.subfolder("submissions")
            let bob = try subs.write("bob/nato-count.lua", "return corpus:count(\"nato|nato's\")\n").path
            try subs.write("dana/query.txt", "nato|nato's")
            // Each passes only if its own folder can be read and bob's script cannot.
            let peek = "local f = io.open(\"\(bob)\") if f then return -1 end\n"
            try subs.write("dana/nato-count.lua", peek + "return corpus:count(assert(io.open(\"\(subs.path)/dana/query.txt\")):read('a'))\n")
            try subs.write("eve-nato-count.lua", peek + "return corpus:count(\"nato|nato's\")\n")
            let r = try LoupeCLI.run(["exercise", "check", "--all", subs.path] + base, cwd: dir.url)
            #expect(r.status == 0 && r.stdout.contains("3 of 3 passed"), "\(r)")
        }
    }

    @Test("check --all: usage errors exit 2 with a message")
    func checkAllUsage() throws {
        try TempDir.with { dir in
            let empty = try dir.subfolder("empty")
            for (args, message) in [
                (["exercise", "check", "--all", empty.path, "nato-count"], "give no exercise id"),
                (["exercise", "check", "--all", empty.path, "--reveal"], "not with --all"),
                (["exercise", "check"], "or --all SUBMISSIONS/"),
                (["exercise", "check", "--all", dir.url.appendingPathComponent("missing").path], "is not a folder of submissions"),
                (["exercise", "check", "--all", empty.path], "no submissions in"),
                (["exercise", "check", "--all", empty.path, "--out", "grades.xyz"], "grades.xyz"),
            ] {
                let r = try LoupeCLI.run(args + base, cwd: dir.url)
                #expect(r.status == 2 && r.stderr.contains(message), "\(r)")
                #expect(!r.signaled)
            }
        }
    }
}
