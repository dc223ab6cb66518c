import Testing
@testable import LoupeCore
import LoupeTestSupport

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
        let lines = try KWIC.lines(c, hits: (try c.search("fox").hits), width: 10)
        #expect(lines.count == 1)
        #expect(lines.first?.left == "uick brown")
        #expect(lines.first?.match == "fox")
        #expect(lines.first?.right == "jumps over")
        #expect(lines.first?.documentID == "doc1")
    }

    @Test func shortContextsAtTheEdgesOfADocument() throws {
        let c = CorpusBuilder.corpus(texts: ["Kiev\u{2019}s\n\nregime ends", "x"])
        let lines = try KWIC.lines(c, hits: (try c.search("kiev's regime").hits), width: 20)
        #expect(lines.map(\.left) == [""])
        #expect(lines.map(\.match) == ["Kiev\u{2019}s regime"])   // the paragraph break flattened to one space
        #expect(lines.map(\.right) == ["ends"])
    }

    @Test func widthCountsCharactersNotBytes() throws {
        let c = CorpusBuilder.corpus(texts: ["Київ Донбас NATO Луганськ Харків"])
        let lines = try KWIC.lines(c, hits: (try c.search("nato").hits), width: 6)
        #expect(lines.first?.left == "Донбас")
        #expect(lines.first?.right == "Луганс")
    }

    @Test func formatAlignsTheMatches() throws {
        let c = CorpusBuilder.corpus(texts: ["a NATO b", "long text before NATO after"])
        let text = KWIC.format(try KWIC.lines(c, hits: (try c.search("nato").hits), width: 8), width: 8)
        let rows = text.split(separator: "\n").map(String.init)
        #expect(rows == ["doc1         a [NATO] b", "doc2  t before [NATO] after"])
        #expect(Set(rows.map { $0.firstIndex(of: "[")!.utf16Offset(in: $0) }).count == 1)
    }

    /// The byte-level pieces (`KWICText`) equal the character-level ones on
    /// random texts of simple and not-so-simple scalars, for windows starting
    /// and ending anywhere (inside a scalar too), every trim and every cut; and
    /// a piece with a scalar the byte level does not handle is left to the characters.
    @Test func bytePiecesEqualCharacterPieces() {
        let alphabet = ["a", "B", "7", " ", "  ", "\n", "\r\n", "\t", "\u{0B}", "é", "ж", "Ж", "Ω", "—", "“", "’", "€", "ß",
                        "\u{A0}", "\u{2009}", "\u{2028}", "\u{205F}", "\u{202F}",
                        // not handled: combining marks, joiners, emoji, other spaces, C1 controls
                        "e\u{301}", " \u{301}", "\u{200D}", "\u{200C}", "👍", "\u{3000}", "\u{1680}", "\u{85}", "\u{483}", "中"]
        var rng = LCG(seed: 2024)
        var fast = 0, slow = 0
        for round in 0..<400 {
            // Most texts keep to the handled scalars, so that both paths are exercised.
            let pool = round % 3 == 0 ? alphabet : Array(alphabet.prefix(23))
            let text = (0..<rng.int(40)).map { _ in rng.pick(pool) }.joined()
            let d = CorpusBuilder.corpus(texts: [text]).documents[0]
            let count = text.utf8.count
            var scratch: [UInt8] = []
            for _ in 0..<12 {
                let a = rng.int(count + 10) - 5, b = a + rng.int(count + 10) - 2
                let trim = [KWICText.Trim.none, .leadingSpace, .trailingSpace][rng.int(3)]
                let n = rng.int(14) - 1
                let cut = [KWICText.Cut.none, .first(n), .last(n)][rng.int(3)]
                let bytes = Array(text.utf8)
                let piece = bytes.withUnsafeBufferPointer { KWICText.piece($0, a, b, trim: trim, cut: cut, into: &scratch) }
                let reference = KWIC.characterPiece(d.slice(a, b), trim, cut)
                if let piece {
                    fast += 1
                    #expect(piece == reference, "\(Array(d.slice(a, b).unicodeScalars.map(\.value))) \(trim) \(cut)")
                } else {
                    slow += 1
                    #expect(d.slice(a, b).unicodeScalars.contains { !$0.isASCII && !KWICText.isSimple($0.value) })
                }
                #expect(KWIC.piece(d, a, b, trim, cut, &scratch) == reference)
            }
        }
        #expect(fast > 1_000 && slow > 100)
    }

    /// Sorting many hits by form ranks gives the order sorting by the forms'
    /// strings gives: Unicode forms, forms that begin other forms, nodes of
    /// several tokens, hits at a document's edges, the document key.
    @Test func rankSortEqualsStringSort() throws {
        let words = ["a", "ab", "ab-c", "abc", "b", "Б", "б", "ба", "é", "e", "don\u{2019}t", "don", "Z", "z9", "ß", "ss", "Ωmega", "ω"]
        var rng = LCG(seed: 31)
        let texts = (0..<30).map { _ in (0..<rng.int(50)).map { _ in rng.pick(words) }.joined(separator: " ") }
        let c = CorpusBuilder.corpus(texts: texts)
        let keySets: [[KWICOptions.SortKey]] = [[.right(1)], [.left(1), .right(2)], [.node, .document], [.document, .left(3)],
                                                [.right(1), .right(2), .right(3)], [.node]]
        for query in ["a|ab|b", "a _", "ab|abc|a _{0,2} b|б|e", "б|ба|é|e", "/.+/"] {
            let hits = try c.search(query).hits
            #expect(hits.count > 20)
            for keys in keySets {
                let byRank = try KWIC.sortedByRank(c, hits, by: keys)
                #expect(byRank == KWIC.sortedByString(c, hits, by: keys), "\(query) \(keys)")
            }
        }
    }
}
