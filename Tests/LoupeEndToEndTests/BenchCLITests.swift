import Foundation
import Testing
import LoupeTestSupport

/// `loupe-bench --load-only`: loads a make_corpus.py-style folder (DIR/docs)
/// and prints one line of times, per-core rate and memory; no other tool runs.
@Suite("loupe-bench --load-only")
struct BenchCLITests {
    @Test("One line: the median and the first load, the peak, the counts")
    func loadOnlyPrintsOneLine() throws {
        try TempDir.with { dir in
            try dir.write("docs/a.txt", "The people met. The people left.\n")
            try dir.write("docs/b.txt", "Pillar of salt.\n")
            let r = try LoupeCLI.run(["--corpus", dir.path, "--load-only", "--runs", "2"], bench: true)
            #expect(r.status == 0, "\(r)")
            #expect(r.stdoutLines.count == 1, "\(r)")
            let line = r.stdoutLines.first ?? ""
            #expect(line.hasPrefix("load (median of 2): wall "), "\(line)")
            for part in ["MB/s per core; the first load: CPU ", "peak RSS ", "× the text); 2 documents, 9 tokens"] {
                #expect(line.contains(part), "\(part) in \(line)")
            }
        }
    }

    @Test("The benchmark is not part of loupe: loupe bench is no command")
    func benchIsNotALoupeCommand() throws {
        let help = try LoupeCLI.run(["--help"])
        #expect(!help.stdout.contains("bench"), "\(help)")
        let r = try LoupeCLI.run(["bench", "--load-only"])
        #expect(r.status != 0, "\(r)")
    }

    @Test("A folder with no text files is a usage error")
    func loadOnlyWithoutTextIsAUsageError() throws {
        try TempDir.with { dir in
            let r = try LoupeCLI.run(["--corpus", dir.path, "--load-only"], bench: true)
            #expect(r.status == 2, "\(r)")
            #expect(r.stdout.isEmpty)
        }
    }
}
