import Foundation
import Testing
import LoupeTestSupport

/// Tables from the command line: --format for a returned or printed Table, t:write into --out.
@Suite("Tables on the command line")
struct TableCLITests {
    let corpus = LoupeCLI.bundledCorpus

    @Test("--format csv writes a returned Table as CSV whose counts add up to corpus:count")
    func formatCSVOfAReturnedTable() throws {
        let r = try LoupeCLI.lua("return corpus:search(\"nato\"):count_by(\"outlet\")", extra: ["--format", "csv"])
        #expect(r.status == 0, "\(r)")
        let lines = r.stdoutLines
        #expect(lines.first == "outlet,n", "\(r)")
        var total = 0
        for line in lines.dropFirst() {
            // outlet names here hold no commas or quotes; the count is the last field
            guard let n = line.split(separator: ",").last.flatMap({ Int($0) }) else { Issue.record("bad line \(line)"); continue }
            total += n
        }
        let count = try LoupeCLI.lua("print(corpus:count(\"nato\"))")
        #expect(count.status == 0)
        #expect(String(total) + "\n" == count.stdout, "\(r)")
        #expect(lines.count > 2)
        #expect(r.stderr.isEmpty, "\(r)")
    }

    @Test("--format json applies to print(t); other values print as usual; without --format a returned table prints aligned")
    func formatJSONOfAPrintedTable() throws {
        let r = try LoupeCLI.lua("print(corpus:search(\"minsk\"):count_by(\"outlet\")) print(1)", extra: ["--format", "json"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.hasSuffix("]\n1\n"), "\(r)")
        let json = String(r.stdout.dropLast(2))
        let rows = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        #expect((rows?.count ?? 0) > 0, "\(r)")
        #expect(rows?.allSatisfy { $0["outlet"] is String && $0["n"] is NSNumber } == true)
        let plain = try LoupeCLI.lua("return corpus:search(\"minsk\"):count_by(\"outlet\")")
        #expect(plain.status == 0 && plain.stdoutLines.first?.hasPrefix("outlet") == true && plain.stdoutLines.count > 3, "\(plain)")
        let bad = try LoupeCLI.lua("return 1", extra: ["--format", "xlsx"])
        #expect(bad.status == 2, "\(bad)")
        #expect(bad.stderr.contains("--format must be one of csv, tsv, json, jsonl, md, html"), "\(bad)")
    }

    /// The user audit: `loupe -e 'return corpus:freq():head(3)'` printed nothing. What a chunk
    /// returns is shown as the REPL shows it, whole (no cut cells), for -e, a pipe and run.
    @Test("a chunk's returned values are printed, as the REPL shows them")
    func returnedValuesArePrinted() throws {
        let freq = try LoupeCLI.lua("return corpus:freq():head(3)")
        #expect(freq.status == 0 && freq.stdoutLines.count == 5 && freq.stdoutLines[2].hasPrefix("the ") , "\(freq)")
        #expect(try LoupeCLI.lua("return 1, 'x', nil").stdout == "1\tx\tnil\n")
        #expect(try LoupeCLI.lua("return nil").stdout == "")
        #expect(try LoupeCLI.lua("local x = 1").stdout == "")
        let records = try LoupeCLI.lua("return {{a = 1, b = 'x'}, {a = 2, b = 'y'}}")
        #expect(records.stdout == "a  b\n─  ─\n1  x\n2  y\n", "\(records)")
        let long = String(repeating: "w", count: 90)
        let whole = try LoupeCLI.lua("return loupe.table{ {text = '\(long)'} }")
        #expect(whole.stdout.contains(long), "no cell is cut into a pipe: \(whole)")
        let piped = try LoupeCLI.run(["--corpus", corpus, "--quiet"], stdin: "return #corpus\n")
        #expect(piped.stdout == "13\n", "\(piped)")
        try TempDir.with { dir in
            try dir.write("answer.lua", "return corpus:count('nato')\n")
            let r = try LoupeCLI.run(["--corpus", corpus, "--quiet", "run", "answer.lua"], cwd: dir.url)
            #expect(r.status == 0 && r.stdout == "69\n", "\(r)")
        }
        // two tables: each starts on its own line
        let two = try LoupeCLI.lua("return corpus:dispersion('minsk')")
        #expect(two.stdoutLines.contains { $0.hasPrefix("part ") }, "\(two)")
    }

    @Test("--format before run FILE: a script's returned table")
    func formatWithRun() throws {
        try TempDir.with { dir in
            try dir.write("t.lua", "return loupe.table{ {word = \"a, b\", n = 1}, {word = \"c\", n = 2.5} }\n")
            let r = try LoupeCLI.run(["--corpus", corpus, "--quiet", "--format", "tsv", "run", "t.lua"], cwd: dir.url)
            #expect(r.status == 0, "\(r)")
            #expect(r.stdout == "word\tn\na, b\t1\nc\t2.5\n", "\(r)")
        }
    }

    @Test("t:write writes into --out, returns the path, refuses to overwrite and to leave the folder")
    func writeIntoOut() throws {
        try TempDir.with { dir in
            let out = try dir.subfolder("results")
            let code = "print(corpus:search('nato'):count_by('outlet'):write('nato.csv'))"
            let r = try LoupeCLI.run(["--corpus", corpus, "--quiet", "--out", out.path, "-e", code], cwd: dir.url)
            #expect(r.status == 0, "\(r)")
            let real = URL(fileURLWithPath: out.path).resolvingSymlinksInPath().path
            #expect(r.stdout == real + "/nato.csv\n" || r.stdout == out.path + "/nato.csv\n", "\(r)")
            let text = try String(contentsOfFile: out.path + "/nato.csv", encoding: .utf8)
            #expect(text.hasPrefix("outlet,n\n"), "\(text)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["nato.csv"])

            let again = try LoupeCLI.run(["--corpus", corpus, "--quiet", "--out", out.path, "-e", code], cwd: dir.url)
            #expect(again.status == 1, "\(again)")
            #expect(again.stderr.contains("(command line):1: write: ") && again.stderr.contains("already exists; pass {overwrite = true}"), "\(again)")

            let outside = try LoupeCLI.run(["--corpus", corpus, "--quiet", "--out", out.path, "-e",
                                            "corpus:search('nato'):count_by('outlet'):write('../escape.md')"], cwd: dir.url)
            #expect(outside.status == 1, "\(outside)")
            #expect(outside.stderr.contains("is outside the output folder"), "\(outside)")
            #expect(!FileManager.default.fileExists(atPath: dir.path + "/escape.md"))

            let html = try LoupeCLI.run(["--corpus", corpus, "--quiet", "--out", out.path, "-e",
                                         "corpus:search('nato'):table():head(3):write('hits.html')"], cwd: dir.url)
            #expect(html.status == 0, "\(html)")
            let page = try String(contentsOfFile: out.path + "/hits.html", encoding: .utf8)
            #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains("<th>sentence</th>"))
        }
    }
}
