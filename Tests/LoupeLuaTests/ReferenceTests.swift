import Foundation
import Testing
import LoupeCore
@testable import LoupeLua

/// docs/api.md is the same text as help(); every example in it runs on the bundled corpus.
@Suite struct ReferenceTests {
    @Test func docsApiMdIsTheReference() throws {
        let onDisk = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/api.md"), encoding: .utf8)
        #expect(onDisk == APIReference.markdown(), "regenerate with: loupe reference --markdown > docs/api.md")
    }

    @Test func everyExampleRunsOnTheBundledCorpus() throws {
        let (session, out) = try bundledSession()
        for e in APIReference.entries {
            out.text = ""
            try session.run(e.example, chunkName: "=\(e.name)")
            #expect(!out.text.isEmpty, "example of \(e.name) prints something")
        }
    }

    @Test func helpFindsEntriesByFullOrShortName() throws {
        #expect(APIReference.text(for: "corpus:kwic").hasPrefix("corpus:kwic(query"))
        #expect(APIReference.text(for: "kwic").hasPrefix("corpus:kwic(query"))
        #expect(APIReference.text(for: "nonsense").hasPrefix("No help for 'nonsense'"))
        #expect(APIReference.text(for: nil).contains("corpus:search"))
    }

    /// help() lists every entry exactly once, in groups, and fits a 50-line screen in 80 columns.
    @Test func theListOfNamesIsGroupedAndComplete() {
        let text = APIReference.text(for: nil)
        let lines = text.split(separator: "\n")
        #expect(lines.count <= 30, "\(lines.count) lines")
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(text)")
        let titles = HelpIndex.groups.map(\.title)
        let names = lines.dropFirst().map { line in titles.reduce(String(line)) { $0.hasPrefix($1 + " ") ? String($0.dropFirst($1.count)) : $0 } }
        let words = names.joined(separator: " ").split(separator: " ").map(String.init)
        for e in APIReference.entries {
            #expect(words.filter { $0 == e.name }.count == 1, "\(e.name) listed once")
        }
        for title in ["The corpus", "Searching", "Counting and statistics", "Source criticism", "Tables and charts"] {
            #expect(lines.contains { $0.hasPrefix(title + " ") }, "\(title)")
        }
        // a name no group claims is still listed
        #expect(HelpIndex.text(names: ["corpus:count", "corpus:brand_new"]).contains("\nOther "))
    }
}
