import Foundation
import LoupeLua

/// The benchmark's printout: the machine and the corpus, the table, what the
/// figures mean, and every command that was run.
struct BenchReport {
    let started: Date
    let loadBefore: String
    let loadAfter: String
    let corpusFolder: String
    let text: CorpusText
    let load: LoupeSide.Load
    let peakAfterTasks: Int
    let runs: Int
    let versions: [String]
    let commands: [String]

    var facts: [String] {
        let date = ISO8601DateFormatter().string(from: started)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let ram = Double(ProcessInfo.processInfo.physicalMemory) / Double(1 << 30)
        func rate(_ seconds: Double) -> String { String(format: "%.0f", LoupeSide.Load.rate(text.bytes, seconds)) }
        var manifest = ""
        if let docs = text.manifest["docs"] as? Int, let bytes = text.manifest["bytes"] as? Int {
            manifest = "; manifest: \(Format.count(docs)) docs, \(Format.count(bytes)) bytes, vocab \(text.manifest["vocab"] as? String ?? "?")"
            if let sha = text.manifest["sha256_docs_in_id_order"] as? String { manifest += ", sha256 \(sha.prefix(16))…" }
        }
        return [
            "date: \(date); Loupe \(LuaEnvironment.loupeVersion), \(BenchReport.build) build",
            "command: \(CommandLine.arguments.map(ChildProcess.quote).joined(separator: " "))",
            "machine: \(cores) cores, \(String(format: "%.1f", ram)) GiB RAM; load average before \(loadBefore), after \(loadAfter)",
            "corpus: \(corpusFolder): \(Format.count(text.files)) text files, \(Format.count(text.bytes)) bytes\(manifest)",
            "Loupe load + tokenize + index (median of \(load.loads)): wall \(Format.seconds(load.wall)) = \(rate(load.wall)) MB/s; "
                + "CPU \(Format.seconds(load.cpu)) = \(rate(load.cpu)) MB/s per core "
                + "(the first load: CPU \(Format.seconds(load.firstCPU)) = \(rate(load.firstCPU)) MB/s per core); \(load.summary)",
            "Loupe peak RSS: \(Format.megabytes(load.peakRSS)) after the first load (\(String(format: "%.2f", Double(load.peakRSS) / Double(text.bytes)))× the text), "
                + "\(Format.megabytes(peakAfterTasks)) after all Loupe tasks",
            "tools: " + (versions.isEmpty ? "none found" : versions.joined(separator: "; ")),
        ]
    }

    /// Timings from a debug build mean nothing; the report says which build made them.
    static var build: String {
        #if DEBUG
        return "debug (not for timing: use -c release)"
        #else
        return "release"
        #endif
    }

    var notes: [String] {
        [
            "Loupe's times: median of \(runs) runs, or of as many as fill a second for a quick query, of the Lua chunk `__bench = <expression>` in one session (after one warm-up run, each run after an untimed collectgarbage(); the others' load is read over the whole series), e.g. `__bench = corpus:count(\"the people\")`, `__bench = #corpus:freq{}`; \"(N docs)\" is `#corpus:search(q):docs()`, untimed. The load: median of up to 3 loads in this process (CorpusLoader.load of the corpus folder, as `loupe --corpus DIR` does); MB/s per core is the text size over the CPU time of all threads.",
            "Other tools' times: median wall time of \(runs) whole processes, start-up included (`sh -c`), with the peak RSS of the process tree (GNU time's %M; without /usr/bin/time, wait4's figure, an upper bound that starts at this process's own RSS); Python and Polars counts at most 3 runs, NLTK and the FTS5 and Tantivy builds one. The FTS5 and Tantivy phrase rows are timed inside Python by fts5_bench.py and tantivy_bench.py (warm, median of \(runs)); the other FTS5 rows are sqlite3 shell processes on the same database. Tantivy builds with 2 indexing threads, Polars uses every core.",
            "other/Loupe > 1 means Loupe is faster. \"others' load\": cores that other processes kept busy on average during Loupe's / the other tool's measurement (/proc/stat minus this process and its children); above 0.2 the figures are disturbed.",
            "Counts differ by tokenization. rg/grep -F count substrings, case-insensitive for ASCII only (\"the peoples\" and \"bathe people\" match too, a phrase across a line break does not); rg/grep -w 'nat\\w*' count words starting with nat; FTS5 (unicode61) matches tokens, and its \"docs\" rows count matching documents, not occurrences; Tantivy's default tokenizer splits at every non-alphanumeric character and lower-cases as unicode61 does, and it counts only matching documents. py_counts.py and polars_counts.py lower-case and split on [\\w']+ with n-grams within a document; Loupe's tokens are those of docs/text.md, and its trigrams here are taken within documents (min = 1) to match.",
            "NEAR: Loupe's NEAR/5 lets the two words' starts be 5 apart in either order; FTS5's NEAR(people lord, 4) allows up to 4 tokens between them. rg and grep have no proximity operator.",
            "Collocates: nltk_colloc.py finds all bigram collocations of the corpus (likelihood-ratio and PMI top 20); Loupe's row is the collocates of one word (±5 tokens, log Dice), the comparison issue 5 asks for, not the same computation.",
        ]
    }

    func text(_ rows: [BenchRow]) -> String {
        facts.joined(separator: "\n") + "\n\n" + BenchTable.text(rows) + "\n"
            + notes.map { "- " + $0 }.joined(separator: "\n") + "\n\nCommands run:\n" + commandList + "\n"
    }

    func markdown(_ rows: [BenchRow]) -> String {
        facts.map { "- " + $0 }.joined(separator: "\n") + "\n\n" + BenchTable.markdown(rows) + "\n"
            + notes.map { "- " + $0 }.joined(separator: "\n") + "\n\nCommands run:\n\n```sh\n" + commandList + "\n```\n"
    }

    private var commandList: String {
        var seen = Set<String>()
        return commands.filter { seen.insert($0).inserted }.joined(separator: "\n")
    }
}
