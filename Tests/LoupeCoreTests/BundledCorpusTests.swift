import Foundation
import Testing
@testable import LoupeCore

/// The curated corpus in `corpus/` (docs/corpus.md), checked against the seed
/// files it was cut from. The seeds live beside the repository in
/// `../shared/seeds`; without them the seed checks are skipped, visibly.
@Suite struct BundledCorpusTests {
    static let corpusPath = repoRoot.appendingPathComponent("corpus").path
    static let seedsURL = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/seeds")
    static var seedsPresent: Bool { FileManager.default.fileExists(atPath: seedsURL.appendingPathComponent("003_a0fb617495781ff2.txt").path) }

    static func load() throws -> (Corpus, LoadReport) { try CorpusLoader.load(path: corpusPath) }

    @Test func loadsThirteenDocumentsWithoutWarnings() throws {
        let (c, r) = try Self.load()
        #expect(c.documents.count == 13)
        #expect(r.warnings.isEmpty, "\(r.warnings)")
        #expect(r.skipped.isEmpty)
        #expect(r.summary.hasPrefix("loaded 13 documents, "))
        #expect(!r.summary.contains("warning") && !r.summary.contains("skipped"))
    }

    @Test func everyDocumentHasTheRequiredFields() throws {
        let (c, _) = try Self.load()
        for d in c.documents {
            #expect(d.id == (d.source.file as NSString).deletingPathExtension, "\(d.id)")
            #expect(!d.title.isEmpty, "\(d.id)")
            for key in ["outlet", "genre", "language", "source"] {
                #expect(d.meta.string(key).map { !$0.isEmpty } == true, "\(d.id) lacks \(key)")
            }
            #expect(["news", "interview", "speech", "statement", "report", "blog"].contains(d.meta.string("genre") ?? ""))
            #expect(d.meta.string("language") == "en")
            if let date = d.meta.string("date") { #expect(CorpusLoader.isISODate(date), "\(d.id): \(date)") }
            #expect(d.tokenCount > 0)
            #expect(!d.sentences.isEmpty && !d.paragraphs.isEmpty)
        }
        #expect(c.documentIndex(id: "lavrov-carlson-2024") != nil)
    }

    @Test func tokenCountMatchesTheReferenceTokenizer() throws {
        let (c, r) = try Self.load()
        let expected = c.documents.reduce(0) { $0 + ReferenceTokenizer.tokens($1.text).count }
        #expect(c.tokenCount == expected)
        #expect(r.tokens == expected)
    }

    // MARK: against the seeds

    /// `source: <seed>:<first>-<last>` → that line range of the seed, joined with LF, plus a final LF.
    static func seedRange(_ source: String) throws -> String {
        let parts = source.split(separator: ":")
        let range = parts[1].split(separator: "-").map { Int($0)! }
        let seed = try String(contentsOf: seedsURL.appendingPathComponent(String(parts[0])), encoding: .utf8)
        let lines = seed.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String(String.UnicodeScalarView($0)) }
        return lines[(range[0] - 1)..<range[1]].joined(separator: "\n") + "\n"
    }

    @Test(.enabled(if: seedsPresent, "../shared/seeds is not beside the repository"))
    func everyDocumentIsItsSeedRangeByteForByte() throws {
        let (c, _) = try Self.load()
        for d in c.documents {
            let expected = try Self.seedRange(try #require(d.meta.string("source")))
            #expect(Array(d.text.utf8) == Array(expected.utf8), "\(d.id)")
        }
    }

    /// Whole-token, case-insensitive occurrences of an ASCII word, by a regular
    /// expression that restates §5: no letter, mark or digit on either side, and
    /// no apostrophe or hyphen that is itself followed/preceded by one.
    static func seedCount(_ word: String) throws -> Int {
        let w = "[\\p{L}\\p{M}\\p{Nd}]"
        let j = "['\u{2019}\\-\u{2010}\u{2011}]"
        let pattern = "(?<!\(w))(?<!\(w)\(j))\(NSRegularExpression.escapedPattern(for: word))(?!\(w))(?!\(j)\(w))"
        let regex = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        var total = 0
        let files = try FileManager.default.contentsOfDirectory(atPath: seedsURL.path).filter { $0.hasSuffix(".txt") }
        for f in files {
            let text = try String(contentsOf: seedsURL.appendingPathComponent(f), encoding: .utf8)
            total += regex.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
        }
        return total
    }

    @Test(.enabled(if: seedsPresent, "../shared/seeds is not beside the repository"),
          arguments: ["nato", "kiev", "kyiv", "minsk", "donbass", "donbas", "lugansk", "luhansk", "ukraine", "russia", "putin", "regime"])
    func wordCountsEqualTheSeeds(word: String) throws {
        let (c, _) = try Self.load()
        let expected = try Self.seedCount(word)
        #expect((try c.search(word).hits.count) == expected)
        if ["nato", "kiev", "minsk", "ukraine"].contains(word) { #expect(expected > 0) }
    }

    /// Two-word phrases, by the reference tokenizer over the seed files.
    @Test(.enabled(if: seedsPresent, "../shared/seeds is not beside the repository"),
          arguments: ["kiev regime", "minsk agreements", "special operation", "united states", "the west"])
    func phraseCountsEqualTheSeeds(phrase: String) throws {
        let (c, _) = try Self.load()
        let want = phrase.split(separator: " ").map(String.init)
        var expected = 0
        for f in try FileManager.default.contentsOfDirectory(atPath: Self.seedsURL.path) where f.hasSuffix(".txt") {
            let text = try String(contentsOf: Self.seedsURL.appendingPathComponent(f), encoding: .utf8)
            let forms = ReferenceTokenizer.surfaces(text).map(referenceFold)
            for i in 0..<max(0, forms.count - want.count + 1) where Array(forms[i..<(i + want.count)]) == want { expected += 1 }
        }
        #expect((try c.search(phrase).hits.count) == expected)
    }
}
