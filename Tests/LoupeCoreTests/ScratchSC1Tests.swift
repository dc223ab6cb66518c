import Foundation
import Testing
@testable import LoupeCore

@Suite struct ScratchSC1Tests {
    @Test func dump() throws {
        let (c, _) = try CorpusLoader.load(path: repoRoot.appendingPathComponent("corpus").path)
        var s = ""
        func dumpTable(_ t: Table) {
            for r in 0..<t.rowCount { s += t.row(r).map { "\($0.0)=\($0.1)" }.joined(separator: " | ") + "\n" }
        }
        s += "=== PROVENANCE\n"; dumpTable(try c.provenance())
        s += "=== TURNS\n"; dumpTable(try c.turns())
        s += "=== SPEAKERS\n"; dumpTable(try c.speakers())
        s += "=== QUOTES\n"; dumpTable(try c.quotes(options: QuoteOptions(unclosed: true)))
        s += "=== NUMBERS\n"; dumpTable(try c.numbers())
        let clock = ContinuousClock()
        for (name, f) in [("prov", { _ = try c.provenance() }), ("turns", { _ = try c.turns() }), ("quotes", { _ = try c.quotes() }), ("numbers", { _ = try c.numbers() }), ("doctext", { for d in c.documents.indices { _ = DocText(c, d) } })] as [(String, () throws -> Void)] {
            let e = try clock.measure { try f() }
            s += "TIME \(name) \(e)\n"
        }
        try s.write(toFile: "/tmp/sc1/dump.txt", atomically: true, encoding: .utf8)
    }
}
