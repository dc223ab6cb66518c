import Foundation
import Testing
@testable import LoupeCore

@Suite struct ScratchSC2Tests {
    @Test func explore() throws {
        let (c, _) = try CorpusLoader.load(path: repoRoot.appendingPathComponent("corpus").path)
        let lex = try Lexicon.read(path: repoRoot.appendingPathComponent("scripts/lexicons/loaded-labels.yaml").path)
        print(TablePrinter.render(try c.lookup(lex), maxRows: 200, width: 200))
        print(TablePrinter.render(try c.lookupByEntry(lex), maxRows: 300, width: 200))
        print(TablePrinter.render(try c.lookupKWIC(lex, options: KWICOptions(left: 30, right: 30)), maxRows: 30, width: 250))
        let (clean, removed) = try c.withoutBoilerplate()
        print(clean.selection ?? "", clean.tokenCount, c.tokenCount, removed.rowCount)
        for d in clean.documents { print(d.id, d.meta.string("boilerplate_removed") ?? "-", d.tokenCount, c.documents[c.documentIndex(id: d.id)!].tokenCount) }
    }
}
