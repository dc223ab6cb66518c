import Testing
@testable import LoupeCore
import LoupeTestSupport

/// The matching form of docs/text.md (docs/design.md §5): NFC, Unicode
/// lowercase, `’` folded to `'`.
/// Comparisons use scalar arrays, because String's `==` already treats
/// canonically equivalent strings as equal and would hide a missing NFC.
@Suite struct FoldingTests {
    private func fold(_ s: String) -> [UInt32] { scalarsOf(Folding.matchingForm(s)) }

    @Test func asciiIsLowercased() {
        #expect(fold("NATO") == scalarsOf("nato"))
        #expect(fold("Kiev") == scalarsOf("kiev"))
        #expect(fold("neo-Nazi") == scalarsOf("neo-nazi"))
        #expect(fold("2022") == scalarsOf("2022"))
    }

    @Test func nonLatinScriptsAreLowercased() {
        #expect(fold("КИЇВ") == scalarsOf("київ"))
        #expect(fold("Київ") == scalarsOf("київ"))
        #expect(fold("Донбасс") == scalarsOf("донбасс"))
        #expect(fold("ǅemal") == scalarsOf("ǆemal"))   // titlecase digraph
    }

    @Test func curlyApostropheBecomesStraight() {
        #expect(fold("Don\u{2019}t") == scalarsOf("don't"))
        #expect(fold("Kiev\u{2019}s") == fold("KIEV's"))
    }

    @Test func unicodeHyphensBecomeHyphenMinus() {
        #expect(fold("neo\u{2010}Nazi") == scalarsOf("neo-nazi"))
        #expect(fold("neo\u{2011}Nazi") == scalarsOf("neo-nazi"))
    }

    @Test func decomposedAndPrecomposedFoldToTheSameNFC() {
        let precomposed = "Caf\u{00E9}"
        let decomposed = "Cafe\u{0301}"
        #expect(scalarsOf(precomposed) != scalarsOf(decomposed))          // different inputs…
        #expect(fold(precomposed) == [0x63, 0x61, 0x66, 0xE9])             // …one NFC output
        #expect(fold(decomposed) == [0x63, 0x61, 0x66, 0xE9])
        #expect(fold("E\u{0301}") == [0xE9])                               // uppercase + mark
    }

    @Test func finalSigmaFoldsLikeMedialSigma() {
        #expect(fold("ΟΔΟΣ") == fold("οδος"))
        #expect(fold("οδος") == scalarsOf("οδοσ"))
    }

    @Test func agreesWithFoundationLowercasingOnRandomTokens() {
        let letters = ["A", "z", "É", "e\u{0301}", "Ї", "і", "Σ", "ς", "\u{2019}", "'", "\u{2010}", "-", "Ж", "7", "ǅ", "Ø"]
        var rng = LCG(seed: 7)
        for _ in 0..<500 {
            let s = (0..<(1 + rng.int(8))).map { _ in rng.pick(letters) }.joined()
            #expect(fold(s) == scalarsOf(referenceFold(s)), "\(s)")
        }
    }

    @Test func aQueryAndItsTextAgreeInTheIndex() throws {
        let corpus = CorpusBuilder.corpus(texts: ["Cafe\u{0301} and caf\u{00E9} and CAF\u{00C9}."])
        #expect((try corpus.search("café").hits.count) == 3)
        #expect((try corpus.search("CAFE\u{0301}").hits.count) == 3)
        // One type for all three spellings.
        #expect(Set(corpus.matchingForms(of: 0).map(scalarsOf)).count == 2)   // café, and
    }
}
