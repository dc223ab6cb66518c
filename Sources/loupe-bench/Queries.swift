import Foundation

/// What the benchmark asks of Loupe and of each other tool, and the targets of
/// issues 4 and 5 (docs/performance.md).
enum Queries {
    /// A task Loupe runs in its Lua session: `lua` is an expression giving a number;
    /// `method` a corpus method that must exist for it; `unit` follows the count;
    /// `docs` counts the documents matched (untimed), to set beside FTS5's.
    struct LoupeQuery {
        let task: String
        let lua: String
        var method: String? = nil
        var unit = ""
        var docs: String? = nil
    }

    /// A query counted by corpus:count, with its documents counted by corpus:search.
    static func counted(_ task: String, _ query: String) -> LoupeQuery {
        let q = "\"" + query + "\""
        return LoupeQuery(task: task, lua: "corpus:count(\(q))", docs: "#corpus:search(\(q)):docs()")
    }

    /// Another tool's figure on a task, with the target it must be beaten by.
    struct Other {
        let tool: String
        let measurement: Measurement
        var target: BenchRow.Target? = nil
    }

    static let frequent = "phrase \"the people\" (frequent)"
    static let rare = "phrase \"pillar of salt\" (rare)"
    static let wildcard = "wildcard \"nat*\""
    static let near = "\"people NEAR/5 lord\""
    static let wordList = "word list (all types)"
    static let trigrams = "trigram table (within documents)"
    static let collocates = "collocates of \"lord\" (±5)"
    static let load = "load + tokenize + index"
    static let memory = "peak RSS after load"
    static let memoryAfterTasks = "peak RSS after all Loupe tasks"

    static let loupe: [LoupeQuery] = [
        counted(frequent, "the people"),
        counted(rare, "pillar of salt"),
        counted(wildcard, "nat*"),
        counted(near, "people NEAR/5 lord"),
        LoupeQuery(task: wordList, lua: "#corpus:freq{}", method: "freq", unit: "types"),
        LoupeQuery(task: trigrams, lua: #"#corpus:ngrams{n = 3, min = 1, within = "document"}"#, method: "ngrams", unit: "trigram types"),
        LoupeQuery(task: collocates, lua: #"#corpus:collocates("lord", {window = 5})"#, method: "collocates", unit: "collocates"),
    ]

    /// Runs every other tool, in this order: ripgrep and grep, SQLite FTS5 (build,
    /// then queries), Tantivy (build, then queries), Python counts, Polars, NLTK.
    static func others(_ t: OtherTools, skipPython: Bool) -> [String: [Other]] {
        var out: [String: [Other]] = [:]
        for (task, phrase) in [(frequent, "the people"), (rare, "pillar of salt")] {
            out[task] = [Other(tool: "rg -o -i -F | wc -l", measurement: t.matchCount(tool: "rg", flags: ["-o", "-i", "-F"], pattern: phrase), target: .ratio(100)),
                         Other(tool: "grep -r -o -i -F | wc -l", measurement: t.matchCount(tool: "grep", flags: ["-o", "-i", "-F"], pattern: phrase))]
        }
        out[wildcard] = [Other(tool: #"rg -o -i -w 'nat\w*' | wc -l"#, measurement: t.matchCount(tool: "rg", flags: ["-o", "-i", "-w"], pattern: #"nat\w*"#)),
                         Other(tool: #"grep -r -o -i -w 'nat\w*' | wc -l"#, measurement: t.matchCount(tool: "grep", flags: ["-o", "-i", "-w"], pattern: #"nat\w*"#))]
        out[near] = [Other(tool: "rg", measurement: .missing("not run: no proximity operator"))]

        let db = NSTemporaryDirectory() + "loupe-bench-fts5-\(getpid()).db"
        defer { for ext in ["", "-journal", "-wal", "-shm"] { unlink(db + ext) } }
        out[load] = [Other(tool: "SQLite FTS5 build (fts5_bench.py)", measurement: t.fts5Build(db), target: nil)]
        let fts = t.fts5Phrases(db, ["the people", "pillar of salt"])
        for (task, phrase) in [(frequent, "the people"), (rare, "pillar of salt")] {
            out[task, default: []] += [Other(tool: "FTS5 occurrences (highlight)", measurement: fts.results["\(phrase) occ"] ?? fts.fallback),
                                       Other(tool: "FTS5 count(*) of documents", measurement: fts.results["\(phrase) docs"] ?? fts.fallback)]
        }
        let occurrences = "WITH h AS MATERIALIZED (SELECT length(highlight(d,1,char(1),'')) - length(body) AS n FROM d WHERE d MATCH 'nat*') SELECT sum(n) FROM h"
        out[wildcard, default: []].append(Other(tool: "sqlite3 FTS5 'nat*' occurrences", measurement: t.sqlite(db, occurrences)))
        out[near, default: []].append(Other(tool: "sqlite3 FTS5 NEAR(people lord, 4) docs",
                                            measurement: t.sqlite(db, "SELECT count(*) FROM d WHERE d MATCH 'NEAR(people lord, 4)'")))

        let index = NSTemporaryDirectory() + "loupe-bench-tantivy-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: index) }
        out[load, default: []].append(Other(tool: "Tantivy index build (tantivy_bench.py)", measurement: t.tantivyBuild(index)))
        let tantivy = t.tantivyPhrases(index, ["the people", "pillar of salt"])
        for (task, phrase) in [(frequent, "the people"), (rare, "pillar of salt")] {
            out[task, default: []].append(Other(tool: "Tantivy phrase query, documents", measurement: tantivy.results[phrase] ?? tantivy.fallback))
        }

        let skipped = Measurement.missing("not run: --skip-python")
        let pyRuns = min(t.runs, 3)
        out[wordList] = [Other(tool: "py_counts.py uni (Counter)", measurement: skipPython ? skipped : t.pyCounts("uni", key: "types", runs: pyRuns), target: .ratio(20))]
        out[trigrams] = [Other(tool: "py_counts.py tri (Counter)", measurement: skipPython ? skipped : t.pyCounts("tri", key: "trigram_types", runs: pyRuns), target: .ratio(20))]
        // Stronger than Counter on paper (multithreaded, in Rust); no target of an issue.
        out[wordList, default: []].append(Other(tool: "polars_counts.py uni (Polars)", measurement: skipPython ? skipped : t.polarsCounts("uni", key: "types", runs: pyRuns)))
        out[trigrams, default: []].append(Other(tool: "polars_counts.py tri (Polars)", measurement: skipPython ? skipped : t.polarsCounts("tri", key: "trigram_types", runs: pyRuns)))
        out[collocates] = [Other(tool: "nltk_colloc.py (all bigrams, LR+PMI)", measurement: skipPython ? skipped : t.nltkCollocations(), target: .ratio(50))]
        return out
    }

    /// The table, task by task.
    static func rows(loupe: LoupeSide, text: CorpusText, mine: [String: Measurement], theirs: [String: [Other]], peakAfterTasks: Int) -> [BenchRow] {
        let l = loupe.load
        let perCore = LoupeSide.Load.rate(text.bytes, l.cpu)
        let speed = String(format: "%.0f MB/s; CPU ", LoupeSide.Load.rate(text.bytes, l.wall)) + Format.seconds(l.cpu) + String(format: " = %.0f MB/s per core", perCore)
        let loaded = Measurement(seconds: l.wall, count: "\(Format.count(l.documents)) docs, \(Format.count(l.tokens)) tokens; \(speed)",
                                 runs: l.loads, busy: l.busy)
        var rows = (theirs[load] ?? []).map {
            BenchRow(task: load, loupe: loaded, tool: $0.tool, other: $0.measurement,
                     target: .own(String(format: "≥ 100 MB/s per core (%.0f)", perCore), l.cpu > 0 ? perCore >= 100 : nil))
        }
        let rssRatio = Double(l.peakRSS) / Double(max(1, text.bytes))
        rows.append(BenchRow(task: memory, loupe: Measurement(seconds: nil, count: "", note: "\(Format.megabytes(l.peakRSS)) (\(String(format: "%.2f", rssRatio))× text)"),
                             tool: "", other: Measurement(), target: .own("≤ 3× text", rssRatio <= 3)))
        // Not a target: what the Loupe tasks below add (the trigram Table above all).
        let after = Double(peakAfterTasks) / Double(max(1, text.bytes))
        rows.append(BenchRow(task: memoryAfterTasks, loupe: Measurement(seconds: nil, count: "", note: "\(Format.megabytes(peakAfterTasks)) (\(String(format: "%.2f", after))× text)"),
                             tool: "", other: Measurement()))
        for q in Queries.loupe {
            let m = mine[q.task] ?? .missing("not run")
            for o in theirs[q.task] ?? [] {
                rows.append(BenchRow(task: q.task, loupe: m, tool: o.tool, other: o.measurement, target: o.target))
            }
        }
        return rows
    }

    /// The tools' versions, for the report.
    static func versions(_ t: OtherTools) -> [String] {
        [t.version(["rg", "--version"]), t.version(["grep", "--version"]), t.version(["python3", "--version"]),
         t.version(["python3", "-c", "import sqlite3; print('SQLite (Python)', sqlite3.sqlite_version)"]),
         t.version(["python3", "-c", "import nltk; print('NLTK', nltk.__version__)"]),
         t.version(["python3", "-c", "import tantivy, importlib.metadata as m; print('Tantivy (Python)', m.version('tantivy'))"]),
         t.version(["python3", "-c", "import polars; print('Polars', polars.__version__)"])].compactMap { $0 }
    }
}
