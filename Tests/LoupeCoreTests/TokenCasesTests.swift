import Testing
@testable import LoupeCore
import LoupeTestSupport

/// Token cases (`=Word` answered from a token's form and its case): an ASCII
/// surface in a known case must be exactly its form written in that case.
@Suite struct TokenCasesTests {
    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test func handCases() {
        func c(_ s: String) -> TokenCases.Case { Self.bytes(s).withUnsafeBufferPointer { TokenCases.case(of: $0) } }
        #expect(c("kiev") == .lower && c("2022") == .lower && c("neo-nazi") == .lower)
        #expect(c("NATO") == .upper && c("A") == .upper && c("U-2") == .upper)
        #expect(c("Kiev") == .title && c("I'm") == .title && c("Neo-nazi") == .title)
        #expect(c("McCain") == .other && c("neo-Nazi") == .other && c("Київ") == .other && c("café") == .other)
        #expect(TokenCases.cases(spelling: "Kiev", form: "kiev") == [.title])
        #expect(TokenCases.cases(spelling: "A", form: "a") == [.upper, .title])
        #expect(TokenCases.cases(spelling: "2022", form: "2022") == [.lower, .upper, .title])
        #expect(TokenCases.cases(spelling: "McCain", form: "mccain") == [])
        #expect(TokenCases.cases(spelling: "\u{212A}iev", form: "kiev") == nil)   // the Kelvin sign: the text decides
    }

    /// The word-at-a-time reading of short surfaces says what the byte loop says.
    @Test func packedCasesEqualTheByteLoop() {
        var rng = LCG(seed: 5)
        let alphabet = Array("aAzZ@[`{09'-".utf8) + [0x80, 0xC3, 0xFF, 0x40, 0x5B, 0x60, 0x7B]
        for _ in 0..<20_000 {
            let length = 1 + rng.int(8)
            let buffer = (0..<16).map { _ in rng.pick(alphabet) }   // bytes past the surface are read and ignored
            let word = buffer.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) }
            let expected = Array(buffer.prefix(length)).withUnsafeBufferPointer { TokenCases.case(of: $0) }
            #expect(TokenCases.case(packed: word, length: length) == expected, "\(buffer.prefix(length))")
        }
    }

    /// Every ASCII surface in a case other than `.other` is its form in that case.
    @Test func aKnownCaseGivesBackTheSurface() {
        var rng = LCG(seed: 77)
        let alphabet = Array("aAbBzZ09'-".utf8)
        for _ in 0..<5_000 {
            let s = (0..<(1 + rng.int(8))).map { _ in rng.pick(alphabet) }
            let c = s.withUnsafeBufferPointer { TokenCases.case(of: $0) }
            guard c != .other else { continue }
            let form = Self.bytes(Folding.matchingForm(String(decoding: s, as: UTF8.self)))
            #expect(TokenCases.surface(form, c) == s, "\(String(decoding: s, as: UTF8.self)) as \(c)")
        }
    }

    @Test func aDocumentsCasesAreItsTokensCasesAndSharedWithASubcorpus() throws {
        let texts = ["The NATO summit in Kiev: McCain and I'm café-goers, 2022.", "nato Nato NATO NaTo"]
        let corpus = CorpusBuilder.corpus(texts: texts)
        let sub = try corpus.subset([1, 0], selection: "test")
        #expect(corpus.documents.allSatisfy { !$0.cases.isDone })
        let packed = sub.documents[1].cases.of(sub.documents[1].text)
        #expect(corpus.documents[0].cases.isDone && !corpus.documents[1].cases.isDone)   // worked out once, for both
        let expected: [TokenCases.Case] = [.title, .upper, .lower, .lower, .title, .other, .lower, .title, .other, .lower]
        #expect((0..<expected.count).map { TokenCases.at(packed, $0) } == expected)
        #expect(TokenCases.at(packed, 12) == .other && TokenCases.at(packed, -1) == .other)   // past its bytes: the text decides
        #expect(try corpus.search("=NATO").hits.count == 2 && (try corpus.search("=Nato").hits.count) == 1)
        #expect(try corpus.search("=NaTo").hits.count == 1 && (try sub.search("=nato").hits.count) == 1)
    }

    /// Before a query with many candidates, the documents holding them (and only those) are classified.
    @Test func theDocumentsAroundCandidatesAreClassified() {
        let corpus = CorpusBuilder.corpus(texts: ["One Two", "three four", "Five six Seven", "", "eight"])
        corpus.classifyTokenCases(around: [1, 4, 6])   // in documents 0 and 2
        #expect(corpus.documents.map(\.cases.isDone) == [true, false, true, false, false])
        #expect(TokenCases.at(corpus.documents[2].cases.of(corpus.documents[2].text), 2) == .title)
    }
}
