import Testing
@testable import LoupeCore

/// Concordance lines: context measured in characters, line breaks flattened,
/// the match as it stands in the text.
@Suite struct KWICTests {
    /// The ASCII shortcut agrees with Character.isWhitespace everywhere.
    @Test func spaceTestAgreesWithIsWhitespace() {
        let others: [Character] = ["\r\n", "\u{85}", "\u{A0}", "\u{2003}", "\u{2028}", "\u{3000}", "é", "e\u{301}", " \u{301}", "\u{200B}", "\u{FEFF}"]
        for c in (0..<128).map({ Character(Unicode.Scalar(UInt8($0))) }) + others {
            #expect(KWIC.isSpace(c) == c.isWhitespace, "\(c.unicodeScalars.map { $0.value })")
        }
    }

    @Test func contextsAreCutToTheWidthAndFlattened() throws {
        let c = CorpusBuilder.corpus(texts: ["The quick brown fox jumps over\nthe lazy dog"])
        let lines = KWIC.lines(c, hits: (try c.search("fox").hits), width: 10)
        #expect(lines.count == 1)
        #expect(lines.first?.left == "uick brown")
        #expect(lines.first?.match == "fox")
        #expect(lines.first?.right == "jumps over")
        #expect(lines.first?.documentID == "doc1")
    }

    @Test func shortContextsAtTheEdgesOfADocument() throws {
        let c = CorpusBuilder.corpus(texts: ["Kiev\u{2019}s\n\nregime ends", "x"])
        let lines = KWIC.lines(c, hits: (try c.search("kiev's regime").hits), width: 20)
        #expect(lines.map(\.left) == [""])
        #expect(lines.map(\.match) == ["Kiev\u{2019}s regime"])   // the paragraph break flattened to one space
        #expect(lines.map(\.right) == ["ends"])
    }

    @Test func widthCountsCharactersNotBytes() throws {
        let c = CorpusBuilder.corpus(texts: ["Київ Донбас NATO Луганськ Харків"])
        let lines = KWIC.lines(c, hits: (try c.search("nato").hits), width: 6)
        #expect(lines.first?.left == "Донбас")
        #expect(lines.first?.right == "Луганс")
    }

    @Test func formatAlignsTheMatches() throws {
        let c = CorpusBuilder.corpus(texts: ["a NATO b", "long text before NATO after"])
        let text = KWIC.format(KWIC.lines(c, hits: (try c.search("nato").hits), width: 8), width: 8)
        let rows = text.split(separator: "\n").map(String.init)
        #expect(rows == ["doc1         a [NATO] b", "doc2  t before [NATO] after"])
        #expect(Set(rows.map { $0.firstIndex(of: "[")!.utf16Offset(in: $0) }).count == 1)
    }
}
