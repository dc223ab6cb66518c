import Foundation
import Testing
import LoupeTestSupport

/// `loupe exercise check` with hostile students (red-team F6, F12, F18): a private folder per
/// script, removed after; one runaway cannot stall the class past --timeout; results are
/// written as they come; a student's text never reaches a spreadsheet as a formula.
@Suite("Checking a class safely")
struct ExerciseCheckSafetyTests {
    let exercises = LoupeCLI.repoRoot.appendingPathComponent("scripts/exercises").path
    var base: [String] { ["--corpus", LoupeCLI.bundledCorpus, "--exercises", exercises] }

    @Test("F6: a student writes only into a fresh private folder, which is gone after the check")
    func aPrivateFolderPerScript() throws {
        try TempDir.with { dir in
            let tmp = try dir.subfolder("tmp")
            try tmp.write("victim.md", "the teacher's\n")
            let answer = try dir.write("answer.lua", """
                print(pcall(function() return loupe.table{{x = "student"}}:write("\(tmp.path)/victim.md", {overwrite = true}) end))
                print(pcall(function() return loupe.table{{x = "student"}}:write("../victim.md", {overwrite = true}) end))
                print("mine", loupe.table{{x = 1}}:write("mine.csv"))
                print("again", loupe.table{{x = 2}}:write("mine.csv", {overwrite = true}))
                return corpus:count("nato|nato's")
                """)
            let r = try LoupeCLI.run(["exercise", "check", "nato-count", answer.path] + base, cwd: dir.url, environment: ["TMPDIR": tmp.path])
            #expect(r.status == 0 && r.stdout.contains("passed."), "\(r)")
            #expect(r.stdoutLines.filter { $0.hasPrefix("false") }.count == 2, "\(r)")
            #expect(try String(contentsOfFile: tmp.path + "/victim.md", encoding: .utf8) == "the teacher's\n")
            let mine = r.stdoutLines.first { $0.hasPrefix("mine\t") }.map { String($0.dropFirst(5)) } ?? ""
            let folder = (mine as NSString).deletingLastPathComponent
            #expect((folder as NSString).lastPathComponent.hasPrefix("loupe-check-"), "\(mine)")
            #expect(r.stdout.contains("again\t\(mine)"), "replacing inside its own folder is allowed: \(r)")
            #expect(!FileManager.default.fileExists(atPath: folder), "the private folder is removed after the check")
            #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == ["victim.md"], "nothing left behind")
        }
    }

    @Test("F12: a runaway answer is stopped at about --timeout, and the other students are still checked")
    func aRunawayDoesNotStallTheClass() throws {
        try TempDir.with { dir in
            try dir.write("alice.lua", "return corpus:count(\"nato|nato's\")\n")
            // a Lua loop, and Swift-side work: a regex that backtracks on every word form (17-39 s
            // before the regex pass polled the limits; the red team's gap chain is fast now)
            try dir.write("mallory.lua", "while true do end\n")
            try dir.write("trudy.lua", "return corpus:count('/(\\\\p{L}|\\\\p{Ll}|[a-z]|\\\\w)+\\\\d/')\n")
            try dir.write("bob.lua", "return 69\n")
            let start = Date()
            let r = try LoupeCLI.run(["exercise", "check", "nato-count", "alice.lua", "mallory.lua", "trudy.lua", "bob.lua",
                                      "--timeout", "0.5", "--out", "results.csv"] + base, cwd: dir.url, timeout: 40)
            let seconds = Date().timeIntervalSince(start)
            // two runaways of 0.5 s each, four loads of the corpus, a loaded machine
            #expect(!r.timedOut && seconds < 10, "took \(seconds) s: \(r)")
            let csv = try String(contentsOfFile: dir.path + "/results.csv", encoding: .utf8)
            let lines = csv.split(separator: "\n")
            #expect(lines.count == 5, "\(csv)")
            #expect(lines.contains { $0.hasPrefix("alice.lua,true") }, "\(csv)")
            #expect(lines.contains { $0.hasPrefix("mallory.lua,false") && $0.contains("--timeout") }, "\(csv)")
            #expect(lines.contains { $0.hasPrefix("trudy.lua,false") && $0.contains("--timeout") }, "\(csv)")
            #expect(lines.contains { $0.hasPrefix("bob.lua,") }, "\(csv)")
        }
    }

    @Test("F12: results are written after every student, so a check killed midway keeps the finished ones")
    func resultsAreWrittenAsTheyCome() throws {
        try TempDir.with { dir in
            try dir.write("alice.lua", "return corpus:count(\"nato|nato's\")\n")
            try dir.write("slow.lua", "while true do end\n")
            let p = Process()
            p.executableURL = URL(fileURLWithPath: try LoupeCLI.binary.get())
            p.arguments = ["exercise", "check", "nato-count", "alice.lua", "slow.lua", "--timeout", "60", "--out", "results.csv"] + base
            p.currentDirectoryURL = dir.url
            p.standardOutput = FileHandle.nullDevice; p.standardError = FileHandle.nullDevice
            try p.run()
            let deadline = Date().addingTimeInterval(30)
            var csv = ""
            while Date() < deadline {
                csv = (try? String(contentsOfFile: dir.path + "/results.csv", encoding: .utf8)) ?? ""
                if csv.contains("alice.lua") { break }
                usleep(50_000)
            }
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            #expect(csv.hasPrefix("file,passed,feedback,seconds,error\nalice.lua,true,"), "\(csv)")
            let after = try String(contentsOfFile: dir.path + "/results.csv", encoding: .utf8)
            #expect(after == csv, "the file is whole after the kill")
        }
    }

    @Test("a student's script runs on a thread of its own with a deep stack: recursion through Loupe's callbacks is an error, not a crash")
    func deepRecursionIsAnError() throws {
        try TempDir.with { dir in
            try dir.write("deep.lua", """
                local t = loupe.table{{x = 1}}
                local function f(n) return t:filter(function(r) return f(n + 1) end) end
                local ok, e = pcall(f, 1)
                local mt = setmetatable({}, {__index = function(s, k) return s[k .. "x"] end})
                local ok2 = pcall(function() return mt.a end)
                return (not ok and not ok2) and 69 or 0
                """)
            let r = try LoupeCLI.run(["exercise", "check", "nato-count", "deep.lua"] + base, cwd: dir.url)
            #expect(r.status == 1 && !r.signaled && r.stdout.contains("Close: NATO's"), "\(r)")
        }
    }

    @Test("F18: a student's text is never a spreadsheet formula in results.csv or .tsv")
    func noFormulasInTheResults() throws {
        try TempDir.with { dir in
            try dir.write("r17.lua", "error('=cmd|\\' /c calc\\'!A1', 0)\n")
            try dir.write("=sum.lua", "error('+1', 0)\n")
            try dir.write("at.lua", "error('@SUM(1)', 0)\n")
            for name in ["results.csv", "results.tsv"] {
                let r = try LoupeCLI.run(["exercise", "check", "nato-count", "r17.lua", "=sum.lua", "at.lua", "--out", name] + base, cwd: dir.url)
                #expect(r.status == 1, "\(r)")
                let text = try String(contentsOfFile: dir.path + "/" + name, encoding: .utf8)
                let sep: Character = name.hasSuffix("csv") ? "," : "\t"
                for line in text.split(separator: "\n").dropFirst() {
                    for cell in line.split(separator: sep, omittingEmptySubsequences: false) {
                        let c = cell.hasPrefix("\"") ? cell.dropFirst() : cell
                        #expect(c.first.map { "=+-@".contains($0) } != true, "\(name): \(line)")
                    }
                }
                #expect(text.contains("'=cmd|") && text.contains("'=sum.lua") && text.contains("'+1") && text.contains("'@SUM(1)"), "\(text)")
            }
        }
    }
}
