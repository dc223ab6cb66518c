import Foundation
import Testing
@testable import LoupeCore

/// Writers: each format read back by an independent reader (the corpus CSV parser,
/// Foundation's JSONSerialization, a hand-written TSV unescaper), and the file write:
/// atomic, no overwrite unless asked, never outside the output folder.
@Suite struct TableWriterTests {
    static let nasty = [
        "plain", "with, comma", "with \"quotes\"", "line\nbreak", "crlf\r\nbreak", "lone\rcr", "", " spaced ",
        "tab\there", "back\\slash", "pipe | bar", "<b>&amp;</b>", "日本語", "e\u{301}", "\u{1}control", "'single'",
    ]

    static let table = Table(columns: [
        ("text", nasty.map(TableValue.string)),
        ("n", nasty.indices.map { $0 % 3 == 0 ? .null : .int($0 * 1000 - 5000) }),
        ("x", nasty.indices.map { i in [.double(0.1), .double(1e-7), .double(.nan), .double(.infinity), .double(-2.5), .bool(true)][i % 6] }),
    ])

    // MARK: csv, tsv

    @Test func csvRoundTripsThroughTheCorpusCSVParser() {
        let text = TableFormat.csv.encode(Self.table)
        let (records, problems) = CSVParser.parse(text)
        #expect(problems.isEmpty)
        #expect(records.count == Self.table.rowCount + 1)
        #expect(records.first?.fields == ["text", "n", "x"])
        for r in 0..<Self.table.rowCount {
            let expected = Self.table.columns.map { col -> String in
                switch col[r] {
                case .null: return ""
                case .double(let d) where d.isNaN: return "nan"
                case .double(let d) where d.isInfinite: return "inf"
                case .double(let d): return "\(d)"
                default: return col[r].description
                }
            }
            #expect(records[r + 1].fields == expected, "row \(r + 1)")
        }
        #expect(Double(records[2].fields[2]) == 1e-7, "every digit of a double is kept")
    }

    @Test func csvQuotesOnlyWhatNeedsIt() {
        let t = Table(columns: [("a", [.string("x,y"), .string("say \"hi\""), .string("ok")]), ("b", [.int(1), .null, .bool(false)])])
        #expect(TableFormat.csv.encode(t) == "a,b\n\"x,y\",1\n\"say \"\"hi\"\"\",\nok,false\n")
    }

    @Test func csvSingleColumnKeepsEmptyRows() {
        let t = Table(columns: [("word", [.string("a"), .null, .string("")])])
        let (records, _) = CSVParser.parse(TableFormat.csv.encode(t))
        #expect(records.map(\.fields) == [["word"], ["a"], [""], [""]])
    }

    @Test func tsvEscapesTabsAndLineBreaks() {
        let text = TableFormat.tsv.encode(Self.table)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == Self.table.rowCount + 1)
        func unescape(_ s: Substring) -> String {
            var out = "", escaped = false
            for c in s {
                if escaped {
                    out += ["t": "\t", "n": "\n", "r": "\r", "\\": "\\"][c] ?? "?"
                    escaped = false
                } else if c == "\\" { escaped = true } else { out.append(c) }
            }
            return out
        }
        for (r, line) in lines.dropFirst().enumerated() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            #expect(fields.count == 3)
            #expect(unescape(fields[0]) == Self.nasty[r])
        }
        #expect(!lines.contains { $0.contains("\r") })
    }

    // MARK: json

    @Test func jsonParsesBackWithNullsForNonFiniteNumbers() throws {
        let text = TableFormat.json.encode(Self.table)
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]
        let rows = try #require(parsed)
        #expect(rows.count == Self.table.rowCount)
        for (r, row) in rows.enumerated() {
            #expect(row["text"] as? String == Self.nasty[r], "row \(r + 1)")
            switch Self.table.columns[1][r] {
            case .int(let i): #expect((row["n"] as? NSNumber)?.intValue == i)
            default: #expect(row["n"] is NSNull)
            }
            switch Self.table.columns[2][r] {
            case .double(let d) where !d.isFinite: #expect(row["x"] is NSNull)
            case .double(let d): #expect((row["x"] as? NSNumber)?.doubleValue == d)
            case .bool(let b): #expect((row["x"] as? Bool) == b)
            default: Issue.record("unexpected")
            }
        }
        #expect(text.contains("{\"text\": \"plain\", \"n\": null, \"x\": 0.1}"), "keys in column order")
        #expect(TableFormat.json.encode(Table(columns: [("a", [])])) == "[]\n")
    }

    @Test func jsonLinesOneObjectPerLine() throws {
        let lines = TableFormat.jsonl.encode(Self.table).split(separator: "\n")
        #expect(lines.count == Self.table.rowCount)
        for (r, line) in lines.enumerated() {
            let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(o?["text"] as? String == Self.nasty[r])
        }
    }

    // MARK: md, html

    @Test func markdownEscapesPipesAndRightAlignsNumbers() {
        let t = Table(columns: [("a|b", [.string("x | y"), .string("two\nlines")]), ("n", [.int(1), .double(0.25)])])
        #expect(TableFormat.md.encode(t) == "| a\\|b | n |\n| --- | ---: |\n| x \\| y | 1 |\n| two<br>lines | 0.25 |\n")
    }

    @Test func htmlIsACompletePageWithEverythingEscaped() {
        let text = TableFormat.html.encode(Self.table, title: "a<b")
        #expect(text.hasPrefix("<!DOCTYPE html>"))
        #expect(text.contains("<title>a&lt;b</title>"))
        #expect(text.contains("<table>") && text.hasSuffix("</html>\n"))
        #expect(text.contains("<td>&lt;b&gt;&amp;amp;&lt;/b&gt;</td>"))
        #expect(text.contains("<td>with &quot;quotes&quot;</td>"))
        #expect(!text.contains("<b>"))
        #expect(text.components(separatedBy: "<tr>").count - 1 == Self.table.rowCount + 1)
    }

    // MARK: formats by extension

    @Test func formatByExtension() throws {
        #expect(try TableFormat(path: "out/TOP.CSV") == .csv)
        #expect(try TableFormat(path: "a.b.tsv") == .tsv)
        #expect(try TableFormat(path: "x.markdown") == .md)
        #expect(try TableFormat(path: "x.htm") == .html)
        #expect(try TableFormat(path: "x.jsonl") == .jsonl)
        #expect(throws: TableWriteError.unknownFormat("x.xlsx")) { try TableFormat(path: "x.xlsx") }
        #expect(throws: TableWriteError.unknownFormat("noext")) { try TableFormat(path: "noext") }
        #expect(throws: TableWriteError.unknownFormat("dir.csv/.csv")) { try TableFormat(path: "dir.csv/.csv") }
    }

    // MARK: files

    final class Folder {
        let path: String
        init() throws {
            let base = PathPolicy.resolved(FileManager.default.temporaryDirectory.path) ?? "/tmp"
            path = base + "/loupe-table-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: path + "/out/sub", withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        var out: String { path + "/out" }
        var policy: PathPolicy { PathPolicy(readable: [], output: out) }
        /// With the command line's consent to replace files (--overwrite).
        var consenting: PathPolicy { PathPolicy(readable: [], output: out, mayReplace: true) }
        func list(_ dir: String) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() }
        func read(_ p: String) -> String? { FileManager.default.contents(atPath: p).map { String(decoding: $0, as: UTF8.self) } }
    }

    static let small = Table(columns: [("word", [.string("a"), .string("b")]), ("n", [.int(1), .int(2)])])

    @Test func writesAtomicallyLeavingNoTemporaryFile() throws {
        let f = try Folder()
        let written = try Self.small.write(to: "top.csv", policy: f.policy)
        #expect(written == f.out + "/top.csv")
        #expect(f.read(written) == "word,n\na,1\nb,2\n")
        #expect(f.list(f.out) == ["sub", "top.csv"])
        #expect(try Self.small.write(to: "sub/top.json", policy: f.policy) == f.out + "/sub/top.json")
        #expect(f.list(f.out + "/sub") == ["top.json"])
    }

    @Test func refusesToOverwriteUnlessAsked() throws {
        let f = try Folder()
        try Self.small.write(to: "t.md", policy: f.policy)
        let before = f.read(f.out + "/t.md")
        #expect(throws: TableWriteError.exists(f.out + "/t.md")) { try Table(columns: [("z", [.int(9)])]).write(to: "t.md", policy: f.policy) }
        #expect(f.read(f.out + "/t.md") == before)
        #expect(f.list(f.out) == ["sub", "t.md"], "a refused write leaves no temporary file")
        // the script's overwrite alone is not enough: the command line must consent too (--overwrite)
        #expect(throws: TableWriteError.exists(f.out + "/t.md")) { try Table(columns: [("z", [.int(9)])]).write(to: "t.md", policy: f.policy, overwrite: true) }
        #expect(f.read(f.out + "/t.md") == before)
        #expect(throws: TableWriteError.exists(f.out + "/t.md")) { try Table(columns: [("z", [.int(9)])]).write(to: "t.md", policy: f.consenting) }
        try Table(columns: [("z", [.int(9)])]).write(to: "t.md", policy: f.consenting, overwrite: true)
        #expect(f.read(f.out + "/t.md") == "| z |\n| ---: |\n| 9 |\n")
        #expect(f.list(f.out) == ["sub", "t.md"])
        #expect(throws: TableWriteError.notAFile(f.out + "/sub.csv")) {
            try FileManager.default.createDirectory(atPath: f.out + "/sub.csv", withIntermediateDirectories: true)
            try Self.small.write(to: "sub.csv", policy: f.consenting, overwrite: true)
        }
    }

    @Test func refusesPathsOutsideTheOutputFolder() throws {
        let f = try Folder()
        #expect(throws: PathPolicy.Refusal.self) { try Self.small.write(to: f.path + "/escaped.csv", policy: f.policy) }
        #expect(throws: PathPolicy.Refusal.self) { try Self.small.write(to: "../escaped.csv", policy: f.policy) }
        #expect(throws: PathPolicy.Refusal.self) { try Self.small.write(to: "sub/../../escaped.csv", policy: f.policy) }
        // a link inside the output folder that points outside it: as a folder, and as the file itself
        try FileManager.default.createSymbolicLink(atPath: f.out + "/link", withDestinationPath: f.path)
        #expect(throws: PathPolicy.Refusal.self) { try Self.small.write(to: "link/escaped.csv", policy: f.policy) }
        try FileManager.default.createSymbolicLink(atPath: f.out + "/file.csv", withDestinationPath: f.path + "/target.csv")
        #expect(throws: PathPolicy.Refusal.self) { try Self.small.write(to: "file.csv", policy: f.policy, overwrite: true) }
        #expect(throws: PathPolicy.Refusal.missingFolder("nope/x.csv")) { try Self.small.write(to: "nope/x.csv", policy: f.policy) }
        #expect(f.list(f.path) == ["out"], "nothing was written outside")
        #expect(throws: TableWriteError.self) { try Self.small.write(to: "x.xlsx", policy: f.policy) }
        #expect(f.list(f.out) == ["file.csv", "link", "sub"])
    }

    @Test func withoutAPolicyAnyFolderButRelativeToTheOutputFolder() throws {
        let f = try Folder()
        #expect(try Self.small.write(to: "rel.tsv", policy: nil, outputFolder: f.out) == f.out + "/rel.tsv")
        #expect(try Self.small.write(to: f.path + "/abs.tsv", policy: nil) == f.path + "/abs.tsv")
        #expect(f.read(f.path + "/abs.tsv") == "word\tn\na\t1\nb\t2\n")
    }

    @Test func refusesProtectedFoldersInsideTheOutputFolder() throws {
        let f = try Folder()
        try FileManager.default.createDirectory(atPath: f.out + "/corpus", withIntermediateDirectories: true)
        let policy = PathPolicy(readable: [], output: f.out, protected: [f.out + "/corpus", f.out + "/scripts"], mayReplace: true)
        #expect(throws: PathPolicy.Refusal.protected("corpus/metadata.csv", f.out + "/corpus")) { try Self.small.write(to: "corpus/metadata.csv", policy: policy) }
        #expect(throws: PathPolicy.Refusal.self) { try Self.small.write(to: "sub/../corpus/x.csv", policy: policy) }
        #expect(f.list(f.out + "/corpus") == [])
        #expect(try Self.small.write(to: "ok.csv", policy: policy) == f.out + "/ok.csv")
    }

    /// LoupeCore's refusals name no flag of any host; a host's wording adds how its user lifts each.
    @Test func refusalsAreWordedByTheHost() throws {
        let f = try Folder()
        try FileManager.default.createDirectory(atPath: f.out + "/corpus", withIntermediateDirectories: true)
        try Self.small.write(to: "t.csv", policy: f.policy)
        let hosted = PathPolicy.Wording(unrestricted: "--trust", outputFolder: "--into DIR", replacing: "say yes")
        func messages(_ wording: PathPolicy.Wording) -> [String] {
            let policy = PathPolicy(readable: [f.out + "/sub"], output: f.out, protected: [f.out + "/corpus"], wording: wording)
            return [{ try policy.readablePath(f.path) }, { try policy.writablePath("../x.csv") },
                    { try policy.writablePath("corpus/x.csv") }, { try Self.small.write(to: "t.csv", policy: policy) },
                    { try Self.small.write(to: "t.csv", policy: policy.unrestrictedCopy()) }].map { attempt in
                do { _ = try attempt(); return "written" } catch { return "\(error)" }
            }
        }
        #expect(messages(PathPolicy.Wording()) == [
            "'\(f.path)' is outside the folders scripts may read (the corpus, the script's folder, scripts/)",
            "'../x.csv' is outside the output folder \(f.out)",
            "'corpus/x.csv' is inside \(f.out)/corpus, which holds Loupe's inputs (the corpus, scripts/, the exercises); outputs go elsewhere",
            "'\(f.out)/t.csv' already exists; pass {overwrite = true} to replace it",
            "'\(f.out)/t.csv' already exists; pass {overwrite = true} to replace it",
        ])
        #expect(messages(hosted) == [
            "'\(f.path)' is outside the folders scripts may read (the corpus, the script's folder, scripts/); use --trust for trusted scripts",
            "'../x.csv' is outside the output folder \(f.out) (set it with --into DIR)",
            "'corpus/x.csv' is inside \(f.out)/corpus, which holds Loupe's inputs (the corpus, scripts/, the exercises); outputs go elsewhere (set --into DIR)",
            "'\(f.out)/t.csv' already exists; pass {overwrite = true} and say yes to replace it",
            "'\(f.out)/t.csv' already exists; pass {overwrite = true} and say yes to replace it",
        ])
        // Equal whatever the wording: the same refusal.
        #expect(PathPolicy.Refusal.missingFolder("a") == PathPolicy.Refusal.missingFolder("a").worded(hosted))
        #expect(PathPolicy.Refusal.missingFolder("a") != PathPolicy.Refusal.missingFolder("b"))
    }

    @Test func aClosedGateRefusesEveryWrite() throws {
        let f = try Folder()
        let gate = WriteGate()
        let policy = PathPolicy(readable: [], output: f.out, gate: gate)
        gate.close("plugins cannot write files while they load")
        #expect(throws: PathPolicy.Refusal.closed("x.csv", "plugins cannot write files while they load")) { try Self.small.write(to: "x.csv", policy: policy) }
        gate.reopen()
        #expect(try Self.small.write(to: "x.csv", policy: policy) == f.out + "/x.csv")
    }

    @Test func theOutputFolderIsMadeOnTheFirstWriteWhenAllowed() throws {
        let f = try Folder()
        let made = Made()
        let policy = PathPolicy(readable: [], output: f.path + "/new/deeper", gate: WriteGate(createOutput: true, made: { made.add($0) }))
        #expect(!FileManager.default.fileExists(atPath: f.path + "/new"))
        #expect(try Self.small.write(to: "x.csv", policy: policy) == f.path + "/new/deeper/x.csv")
        #expect(made.paths == [f.path + "/new/deeper"])
        let fixed = PathPolicy(readable: [], output: f.path + "/missing")
        #expect(throws: (any Error).self) { try Self.small.write(to: "x.csv", policy: fixed) }
        #expect(!FileManager.default.fileExists(atPath: f.path + "/missing"))
    }

    final class Made: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [String] = []
        func add(_ p: String) { lock.lock(); list.append(p); lock.unlock() }
        var paths: [String] { lock.lock(); defer { lock.unlock() }; return list }
    }

    /// Red-team F19: a kill -9 mid-write leaves `.NAME.PID.RANDOM.tmp`; the next write of NAME removes it
    /// when that pid is dead, and leaves a live writer's file alone.
    @Test func temporaryFilesOfDeadWritersAreRemoved() throws {
        let f = try Folder()
        let dead = Process()
        dead.executableURL = URL(fileURLWithPath: "/bin/true")
        try dead.run(); dead.waitUntilExit()
        let stale = f.out + "/.t.csv.\(dead.processIdentifier).12345.tmp"
        let live = f.out + "/.t.csv.1.777.tmp"           // pid 1 is always alive
        let other = f.out + "/.u.csv.\(dead.processIdentifier).1.tmp"   // another name: not this write's business
        let oldStyle = f.out + "/.t.csv.3421233752.tmp"  // no pid in it: cannot tell, left alone
        for p in [stale, live, other, oldStyle] { try "partial".write(toFile: p, atomically: false, encoding: .utf8) }
        try Self.small.write(to: "t.csv", policy: f.policy)
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: live) && FileManager.default.fileExists(atPath: other) && FileManager.default.fileExists(atPath: oldStyle))
        #expect(f.read(f.out + "/t.csv") == "word,n\na,1\nb,2\n")
    }

    @Test func aWriteIsRecordedWithTheHashOfItsBytes() throws {
        let f = try Folder()
        WrittenFiles.shared.start()
        let path = try Self.small.write(to: "h.csv", policy: f.policy)
        #expect(WrittenFiles.shared.record(for: path) == WrittenFiles.Record(bytes: 15, sha256: SHA256.hex(Array("word,n\na,1\nb,2\n".utf8))))
        // another program replaces the file: the record still holds what this process wrote
        try "other\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(WrittenFiles.shared.record(for: path)?.bytes == 15)
    }

    @Test func spreadsheetCellsNeverStartAFormula() {
        #expect(SpreadsheetText.cell("=cmd|' /c calc'!A1") == "'=cmd|' /c calc'!A1")
        for s in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] { #expect(SpreadsheetText.cell(s) == "'" + s) }
        for s in ["", "plain", "a=b", "'quoted", "1-2"] { #expect(SpreadsheetText.cell(s) == s) }
        let row = SpreadsheetText.row([("a", .string("=x")), ("b", .int(-1)), ("c", .null)])
        #expect(row.map(\.1) == [.string("'=x"), .int(-1), .null])
    }
}
