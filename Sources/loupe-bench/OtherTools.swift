import Foundation

/// The other tools, each run as a child process on the corpus's text files
/// (`docs`): ripgrep, GNU grep, SQLite FTS5, Tantivy, and the Python baselines
/// (Counter, Polars, NLTK) of the repository's bench/ (`scripts`). Every command
/// line run is kept in `commands`.
final class OtherTools {
    let docs: String
    let scripts: String
    let runs: Int
    private(set) var commands: [String] = []
    /// Progress lines go here (stderr).
    var progress: (String) -> Void = { _ in }

    init(docs: String, scripts: String, runs: Int) {
        self.docs = docs
        self.scripts = scripts
        self.runs = max(1, runs)
    }

    /// `tool -o … | wc -l`: the number of matching substrings, median of the runs.
    /// `pattern` is given to the tool as it is; `flags` choose fixed string or word regex.
    func matchCount(tool: String, flags: [String], pattern: String) -> Measurement {
        guard ChildProcess.which(tool) != nil else { return .missing("not run: \(tool) not installed") }
        let recursive = tool == "grep" ? ["-r"] : []
        return timed(ChildProcess.line([tool] + recursive + flags + [pattern, docs]) + " | wc -l", runs: runs) { Format.count($0.stdout) }
    }

    /// A count(*) or occurrence query on the FTS5 database with the sqlite3 shell
    /// (process start included), median of the runs.
    func sqlite(_ db: String, _ sql: String) -> Measurement {
        guard ChildProcess.which("sqlite3") != nil else { return .missing("not run: sqlite3 not installed") }
        guard FileManager.default.fileExists(atPath: db) else { return .missing("not run: no FTS5 database") }
        return timed(ChildProcess.line(["sqlite3", db, sql]), runs: runs) { Format.count($0.stdout) }
    }

    /// FTS5 index build with fts5_bench.py (one run): its time, database size in the note.
    func fts5Build(_ db: String) -> Measurement {
        guard let script = script("fts5_bench.py") else { return .missing(missingScript("fts5_bench.py")) }
        var m = timed(python([script, "build", docs, db]), runs: 1) { $0.value("docs").map { Format.count($0) + " docs" } }
        if m.seconds != nil, let r = lastRun, let mb = r.value("db_mb") {
            m.note = "index \(mb) MB; insert \(r.value("insert_s") ?? "?") s + optimize \(r.value("optimize_s") ?? "?") s"
        }
        return m
    }

    /// Warm FTS5 phrase queries (fts5_bench.py query): for each phrase, the median
    /// of `runs` executions timed inside Python, for the number of matching
    /// documents and for occurrences (highlight()). Keyed "PHRASE docs" and
    /// "PHRASE occ"; `fallback` says why a key is missing.
    func fts5Phrases(_ db: String, _ phrases: [String]) -> (results: [String: Measurement], fallback: Measurement) {
        guard let script = script("fts5_bench.py") else { return ([:], .missing(missingScript("fts5_bench.py"))) }
        guard FileManager.default.fileExists(atPath: db) else { return ([:], .missing("not run: no FTS5 database")) }
        let m = timed(python([script, "query", db, String(runs)] + phrases), runs: 1) { _ in nil }
        guard m.seconds != nil, let r = lastRun else { return ([:], m) }
        var results: [String: Measurement] = [:]
        for (i, phrase) in phrases.enumerated() {
            for kind in ["docs", "occ"] {
                guard let s = r.value("q\(i)_\(kind)_median_s").flatMap(Double.init) else { continue }
                let what = kind == "docs" ? " docs" : ""
                results["\(phrase) \(kind)"] = Measurement(seconds: s, count: Format.count(r.value("q\(i)_\(kind)_count") ?? "?") + what,
                                                            peakRSS: r.peakRSS, runs: runs, busy: r.othersBusy)
            }
        }
        return (results, .missing("failed: no figure in fts5_bench.py's output"))
    }

    /// Tantivy index build with tantivy_bench.py (one run, 2 indexing threads): its time,
    /// index size in the note.
    func tantivyBuild(_ index: String) -> Measurement {
        guard let script = script("tantivy_bench.py") else { return .missing(missingScript("tantivy_bench.py")) }
        guard hasModule("tantivy") else { return .missing("not run: tantivy not installed (pip install tantivy)") }
        var m = timed(python([script, "build", docs, index, "2"]), runs: 1) { $0.value("docs").map { Format.count($0) + " docs" } }
        if m.seconds != nil, let r = lastRun {
            m.note = "index \(r.value("index_mb") ?? "?") MB; \(r.value("threads") ?? "?") indexing threads; build \(r.value("build_s") ?? "?") s in Python"
        }
        return m
    }

    /// Warm Tantivy phrase queries (tantivy_bench.py query): for each phrase, the median of
    /// `runs` searches timed inside Python, counting matching documents (Tantivy has no
    /// occurrence count). Keyed by phrase; `fallback` says why a key is missing.
    func tantivyPhrases(_ index: String, _ phrases: [String]) -> (results: [String: Measurement], fallback: Measurement) {
        guard let script = script("tantivy_bench.py") else { return ([:], .missing(missingScript("tantivy_bench.py"))) }
        guard hasModule("tantivy") else { return ([:], .missing("not run: tantivy not installed (pip install tantivy)")) }
        guard FileManager.default.fileExists(atPath: index) else { return ([:], .missing("not run: no Tantivy index")) }
        let m = timed(python([script, "query", index, String(runs)] + phrases), runs: 1) { _ in nil }
        guard m.seconds != nil, let r = lastRun else { return ([:], m) }
        var results: [String: Measurement] = [:]
        for (i, phrase) in phrases.enumerated() {
            guard let s = r.value("q\(i)_docs_median_s").flatMap(Double.init) else { continue }
            results[phrase] = Measurement(seconds: s, count: Format.count(r.value("q\(i)_docs_count") ?? "?") + " docs",
                                          peakRSS: r.peakRSS, runs: runs, busy: r.othersBusy)
        }
        return (results, .missing("failed: no figure in tantivy_bench.py's output"))
    }

    /// polars_counts.py in `mode` (uni or tri), as pyCounts: whole-script wall time.
    func polarsCounts(_ mode: String, key: String, runs: Int) -> Measurement {
        guard let script = script("polars_counts.py") else { return .missing(missingScript("polars_counts.py")) }
        guard hasModule("polars") else { return .missing("not run: polars not installed (pip install polars)") }
        var m = timed(python([script, docs, mode]), runs: runs) { $0.value(key).map(Format.count) }
        if m.seconds != nil, let r = lastRun { m.note = "read \(r.value("read_s") ?? "?") s + count \(r.value("compute_s") ?? "?") s" }
        return m
    }

    /// py_counts.py in `mode` (uni or tri): whole-script wall time; `key` is the count it prints.
    func pyCounts(_ mode: String, key: String, runs: Int) -> Measurement {
        guard let script = script("py_counts.py") else { return .missing(missingScript("py_counts.py")) }
        var m = timed(python([script, docs, mode]), runs: runs) { $0.value(key).map(Format.count) }
        if m.seconds != nil, let r = lastRun { m.note = "read \(r.value("read_s") ?? "?") s + count \(r.value("compute_s") ?? "?") s" }
        return m
    }

    /// nltk_colloc.py (one run): bigram collocations of the whole corpus, LR and PMI top 20.
    func nltkCollocations() -> Measurement {
        guard let script = script("nltk_colloc.py") else { return .missing(missingScript("nltk_colloc.py")) }
        guard hasModule("nltk") else { return .missing("not run: nltk not installed") }
        var m = timed(python([script, docs]), runs: 1) { $0.value("bigram_types").map { Format.count($0) + " bigram types" } }
        if m.seconds != nil, let r = lastRun {
            m.note = "build \(r.value("finder_build_s") ?? "?") s, LR top 20 \(r.value("lr_top20_s") ?? "?") s, PMI top 20 \(r.value("pmi_top20_s") ?? "?") s"
        }
        return m
    }

    /// The first line of `tool --version`, or nil when it does not run.
    func version(_ words: [String]) -> String? {
        guard let r = try? ChildProcess.run(ChildProcess.line(words) + " 2>&1"), r.succeeded else { return nil }
        return r.stdout.split(separator: "\n").first.map(String.init)
    }

    // MARK: - running

    private var lastRun: ChildRun?

    private func timed(_ command: String, runs: Int, count: (ChildRun) -> String?) -> Measurement {
        commands.append(command)
        progress("  \(command)  (\(runs) run\(runs == 1 ? "" : "s"))")
        var done: [ChildRun] = []
        lastRun = nil
        for _ in 0..<runs {
            do {
                let r = try ChildProcess.run(command)
                done.append(r)
                lastRun = r
                if !r.succeeded { break }
            } catch {
                return .missing("failed: \(error)")
            }
        }
        return Measurement.of(done, count: count)
    }

    private func python(_ args: [String]) -> String { ChildProcess.line(["python3"] + args) }

    /// Whether python3 can import `module`.
    private func hasModule(_ module: String) -> Bool {
        (try? ChildProcess.run(python(["-c", "import " + module])))?.succeeded == true
    }

    /// The path of one of bench/'s scripts, when it and python3 are there.
    private func script(_ name: String) -> String? {
        let path = (scripts as NSString).appendingPathComponent(name)
        return FileManager.default.isReadableFile(atPath: path) && ChildProcess.which("python3") != nil ? path : nil
    }

    private func missingScript(_ name: String) -> String {
        ChildProcess.which("python3") == nil ? "not run: python3 not installed" : "not run: no \(name) in \(scripts)"
    }
}
