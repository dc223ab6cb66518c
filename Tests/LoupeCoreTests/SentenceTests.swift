import Testing
@testable import LoupeCore
import LoupeTestSupport

/// docs/text.md (docs/design.md §5): sentences end at `.`, `!`, `?`, `…`
/// followed by space and an uppercase letter or a quote, except after an
/// abbreviation; every paragraph break is a sentence break. Expected splits
/// are written out by hand.
@Suite struct SentenceTests {
    private func sentences(_ text: String) -> [String] {
        let corpus = CorpusBuilder.corpus(texts: [text])
        return corpus.texts(of: corpus.documents[0].sentences, in: 0)
    }

    @Test func abbreviationsAndInitialsDoNotEndASentence() {
        let text = "Mr. Smith met Dr. Jones in the U.S. Army. Then J. Smith left. Gen. Gerasimov read No. 5 aloud."
        #expect(sentences(text) == [
            "Mr. Smith met Dr. Jones in the U.S. Army.",
            "Then J. Smith left.",
            "Gen. Gerasimov read No. 5 aloud.",
        ])
    }

    @Test func abbreviationsThatAreAlsoWordsHoldOnlyBeforeANumber() {
        #expect(sentences("See No. 5 and Art. 51 here. He said no. Then it was art. Then nothing.") == [
            "See No. 5 and Art. 51 here.", "He said no.", "Then it was art.", "Then nothing.",
        ])
    }

    @Test func questionExclamationAndEllipsisEndSentences() {
        #expect(sentences("They talked! Did they? Yes\u{2026} Then silence... Finally.") == [
            "They talked!", "Did they?", "Yes\u{2026}", "Then silence...", "Finally.",
        ])
    }

    @Test func aClosingQuoteOrBracketAfterThePeriodStaysInTheSentence() {
        #expect(sentences("He said \"no.\" Then he left.") == ["He said \"no.\"", "Then he left."])
        #expect(sentences("She said: \u{201C}Go.\u{201D} They went.") == ["She said: \u{201C}Go.\u{201D}", "They went."])
        #expect(sentences("Really? (Yes.) \u{201C}Fine,\u{201D} she said.") == ["Really?", "(Yes.)", "\u{201C}Fine,\u{201D} she said."])
    }

    @Test func anOpeningQuoteStartsTheNextSentence() {
        #expect(sentences("He left. \u{201C}Why?\u{201D} she asked.") == ["He left.", "\u{201C}Why?\u{201D} she asked."])
    }

    @Test func aLowercaseWordAfterThePeriodIsNotABoundary() {
        #expect(sentences("It ends. then goes on. It was 5 p.m. and late, e.g. here. Is it? yes.") == [
            "It ends. then goes on.", "It was 5 p.m. and late, e.g. here.", "Is it? yes.",
        ])
    }

    @Test func noSpaceAfterThePunctuationIsNotABoundary() {
        #expect(sentences("Stop!Now. Version 1.5 is out.") == ["Stop!Now.", "Version 1.5 is out."])
    }

    @Test func aDigitAfterThePeriodIsABoundary() {
        #expect(sentences("It began in 2014. 2022 was worse.") == ["It began in 2014.", "2022 was worse."])
    }

    @Test func lineBreaksInsideAParagraphAndParagraphBreaks() {
        #expect(sentences("One line.\nAnother line.\r\n\r\nNo period here\n\nNext para") == [
            "One line.", "Another line.", "No period here", "Next para",
        ])
    }

    @Test func nonASCIIText() {
        #expect(sentences("Це Київ. Там Донбас.") == ["Це Київ.", "Там Донбас."])
    }

    @Test func spansHaveExactByteOffsetsAndPartitionTheTokens() {
        let text = "  Mr. Ze\u{0301}lensky spoke. \u{201C}We\u{2019}ll win!\u{201D} He left\u{2026}\n\nКиїв. End"
        let corpus = CorpusBuilder.corpus(texts: [text])
        let spans = corpus.documents[0].sentences
        let expected = ["Mr. Ze\u{0301}lensky spoke.", "\u{201C}We\u{2019}ll win!\u{201D}", "He left\u{2026}", "Київ.", "End"]
        #expect(corpus.texts(of: spans, in: 0).map(scalarsOf) == expected.map(scalarsOf))
        // Byte offsets by hand: 2 leading spaces; "Mr. Zélensky spoke." is 21 bytes (U+0301 is 2).
        #expect(spans[0].byteStart == 2 && spans[0].byteEnd == 23)
        // Token ranges: counts of each expected sentence, by the reference tokenizer.
        var next = 0
        var ranges: [[Int]] = []
        for s in expected {
            let n = ReferenceTokenizer.surfaces(s).count
            ranges.append([next, next + n]); next += n
        }
        #expect(spans.map { [$0.tokenStart, $0.tokenEnd] } == ranges)
        #expect(next == corpus.documents[0].tokenCount)
    }

    @Test func theSentenceOfAHit() throws {
        let corpus = CorpusBuilder.corpus(texts: ["NATO met. Then NATO left.\n\nLater NATO."])
        let hits = (try corpus.search("nato").hits)
        #expect(hits.map { corpus.sentence(of: $0).map { utf8Slice(corpus.documents[0].text, $0.byteStart, $0.byteEnd) } }
                == ["NATO met.", "Then NATO left.", "Later NATO."])
    }

    /// The packed lookup of abbreviations must answer as the list itself does
    /// (`list.contains(lowercased + ".")`): every entry, every entry in upper
    /// case or with a letter changed, and random short words.
    @Test func packedAbbreviationLookupAgreesWithTheList() throws {
        var words: [String] = []
        for list in [Sentences.abbreviations, Sentences.numberedAbbreviations] {
            for entry in list {
                let bare = String(entry.dropLast())
                words += [bare, bare.uppercased(), String(bare.dropLast()), bare + "s", "x" + bare]
            }
        }
        var rng = LCG(seed: 41)
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.")
        for _ in 0..<5000 { words.append(String((0..<(1 + rng.int(9))).map { _ in rng.pick(letters) })) }
        for (list, packed) in [(Sentences.abbreviations, Sentences.packedAbbreviations),
                               (Sentences.numberedAbbreviations, Sentences.packedNumberedAbbreviations)] {
            let packed = try #require(packed)
            var hits = 0
            for w in words {
                var text = w
                let listed = text.withUTF8 { Sentences.isListed($0, 0, $0.count, list, packed: packed) }
                #expect(listed == list.contains(w.lowercased() + "."), "\(w)")
                if listed { hits += 1 }
            }
            #expect(hits >= list.count)   // each entry, at least, is found
        }
    }
}
