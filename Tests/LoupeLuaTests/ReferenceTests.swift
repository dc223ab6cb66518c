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
}
