import Testing
@testable import LoupeCore
import LoupeTestSupport

/// A document without a title gets its first non-blank line. That line is
/// found by bytes while the text is ASCII; the reading by `Character`s
/// (Unicode's newlines and white space, CR LF as one) is the reference.
@Suite struct TitleGuessTests {
    @Test func byteReadingFindsWhatTheCharacterReadingFinds() {
        let pieces = [" ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "a", "b", "Z", ".", "\u{1C}", "\u{7F}",
                      "é", "e\u{0301}", "\u{0301}", "\u{2028}", "\u{2029}", "\u{85}", "\u{A0}", "\u{3000}", "Ж", "🙂"]
        var rng = LCG(seed: 2026)
        var asciiAnswers = 0
        for round in 0..<4000 {
            // Every fourth text is ASCII only, the rest draw from everything.
            let pool = round % 4 == 0 ? Array(pieces.prefix(13)) : pieces
            let text = (0..<rng.int(14)).map { _ in rng.pick(pool) }.joined()
            let fast = TitleGuess.firstNonBlankLine(text)
            #expect(fast == TitleGuess.firstNonBlankLineByCharacters(text), "\(Array(text.unicodeScalars))")
            if text.utf8.allSatisfy({ $0 < 0x80 }) && !fast.isEmpty { asciiAnswers += 1 }
        }
        #expect(asciiAnswers > 500)   // the byte reading answered often
        #expect(TitleGuess.firstLine("\n \t\r\n  Headline here  \nbody") == "Headline here")
        #expect(TitleGuess.firstLine(" \n\u{0C}\n") == "")
    }
}
