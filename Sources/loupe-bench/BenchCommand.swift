import ArgumentParser
import Foundation
import LoupeCore
import LoupeLua

/// `loupe-bench --corpus DIR`: Loupe against ripgrep, grep, SQLite FTS5, Tantivy,
/// Python, Polars and NLTK on one corpus, side by side in one run (docs/performance.md).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loupe-bench",
        abstract: "Measure Loupe against rg, grep, SQLite FTS5, Tantivy, Python, Polars and NLTK on a corpus.",
        discussion: """
        DIR is a folder made by bench/make_corpus.py (its text files are in DIR/docs). \
        Loupe loads and indexes it in this process and answers queries through a Lua session; the \
        other tools run as child processes on the same files. Prints one table of median times, \
        counts, ratios and the targets of docs/performance.md. Exit status 0 even when targets are \
        missed, 2 on a usage error.
        """)

    @Option(help: ArgumentHelp("A corpus folder made by make_corpus.py.", valueName: "dir"))
    var corpus: String

    @Option(help: "Runs per query; the median is reported (Python and Polars counts at most 3, NLTK and the FTS5 and Tantivy builds 1).")
    var runs = 5

    @Option(help: ArgumentHelp("Where the peers' scripts are: py_counts.py, polars_counts.py, nltk_colloc.py, fts5_bench.py, tantivy_bench.py (the repository's bench/).", valueName: "dir"))
    var scripts = "bench"

    @Flag(help: "Do not run py_counts.py, polars_counts.py and nltk_colloc.py (the slow baselines).")
    var skipPython = false

    @Flag(help: "Only load the corpus (as many times as --runs, at most 3) and print one line: its CPU and wall time and peak memory. For comparing two builds quickly.")
    var loadOnly = false

    @Flag(help: "Print the table in Markdown (for docs/performance.md).")
    var markdown = false

    func validate() throws {
        if runs < 1 || runs > 1000 { throw ValidationError("--runs must be a whole number from 1 to 1000") }
    }

    func run() throws {
        let text = try CorpusText(folder: corpus)
        let started = Date()
        let loadBefore = Clock.loadAverage()
        let progress = { (s: String) in Terminal.err("loupe-bench: " + s) }

        progress("loading \(corpus) (\(Format.megabytes(text.bytes)) in \(Format.count(text.files)) files)")
        let loupe: LoupeSide
        do { loupe = try LoupeSide(path: corpus, loads: min(runs, 3)) } catch {
            Terminal.err("loupe-bench: cannot load \(corpus): \(error)")
            throw Exit.usage
        }
        if loadOnly {
            Terminal.out(Self.loadLine(loupe.load, bytes: text.bytes) + "\n")
            return
        }
        progress("Loupe queries through a Lua session")
        var mine: [String: Measurement] = [:]
        for q in Queries.loupe { mine[q.task] = loupe.measure(q.lua, method: q.method, docs: q.docs, runs: runs).with(unit: q.unit) }
        let peakAfterTasks = Clock.peakRSSSelf()

        progress("other tools")
        let others = OtherTools(docs: text.docs, scripts: scripts, runs: runs)
        others.progress = progress
        let theirs = Queries.others(others, skipPython: skipPython)

        let rows = Queries.rows(loupe: loupe, text: text, mine: mine, theirs: theirs, peakAfterTasks: peakAfterTasks)
        let report = BenchReport(started: started, loadBefore: loadBefore, loadAfter: Clock.loadAverage(),
                                 corpusFolder: corpus, text: text, load: loupe.load, peakAfterTasks: peakAfterTasks,
                                 runs: runs, versions: Queries.versions(others), commands: others.commands)
        Terminal.out(markdown ? report.markdown(rows) : report.text(rows))
    }
}

extension Bench {
    /// `--load-only`'s line: the median load, the first load, the peak.
    static func loadLine(_ l: LoupeSide.Load, bytes: Int) -> String {
        func perCore(_ cpu: Double) -> String { String(format: "%.0f", LoupeSide.Load.rate(bytes, cpu)) }
        return "load (median of \(l.loads)): wall \(Format.seconds(l.wall)), CPU \(Format.seconds(l.cpu)) = \(perCore(l.cpu)) MB/s per core; "
            + "the first load: CPU \(Format.seconds(l.firstCPU)) = \(perCore(l.firstCPU)) MB/s per core; "
            + "peak RSS \(Format.megabytes(l.peakRSS)) (\(String(format: "%.2f", Double(l.peakRSS) / Double(max(1, bytes))))× the text); "
            + "\(Format.count(l.documents)) documents, \(Format.count(l.tokens)) tokens"
    }
}

/// The text files of a corpus folder, which the other tools read: DIR/docs when
/// there is one (make_corpus.py's layout), else DIR. A folder that is missing or
/// holds no .txt file is a usage error.
struct CorpusText {
    let docs: String
    let files: Int
    let bytes: Int
    /// manifest.json's fields, when the folder has one.
    let manifest: [String: Any]

    init(folder: String) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
            Terminal.err("loupe-bench: no corpus folder '\(folder)' (make one with bench/make_corpus.py)")
            throw Exit.usage
        }
        let sub = (folder as NSString).appendingPathComponent("docs")
        docs = FileManager.default.fileExists(atPath: sub, isDirectory: &isDir) && isDir.boolValue ? sub : folder
        var files = 0, bytes = 0
        let walker = FileManager.default.enumerator(at: URL(fileURLWithPath: docs), includingPropertiesForKeys: [.fileSizeKey])
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "txt", let size = (try? url.resourceValues(forKeys: [.fileSizeKey]))?.fileSize else { continue }
            files += 1
            bytes += size
        }
        guard files > 0 else {
            Terminal.err("loupe-bench: no .txt files in '\(docs)'")
            throw Exit.usage
        }
        self.files = files
        self.bytes = bytes
        let data = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent("manifest.json"))
        manifest = data.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] } ?? [:]
    }
}

extension Measurement {
    /// The count followed by a unit ("224,326 types").
    func with(unit: String) -> Measurement {
        var m = self
        if m.seconds != nil, !unit.isEmpty { m.count += " " + unit }
        return m
    }
}
