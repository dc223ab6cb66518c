import CByteClasses
import Testing
@testable import LoupeCore
import LoupeTestSupport

/// docs/text.md (docs/design.md §5): a token is a maximal run of letters,
/// marks and digits; a single apostrophe or hyphen between two such characters
/// stays inside; everything else separates. Expected token lists are written
/// out by hand.
@Suite struct TokenizerTests {
    private func tokens(_ s: String) -> [String] { Tokenizer.tokens(in: s) }

    @Test func straightAndCurlyApostrophesInsideAWord() {
        #expect(tokens("don't") == ["don't"])
        #expect(tokens("don\u{2019}t stop") == ["don\u{2019}t", "stop"])
        #expect(tokens("Kiev\u{2019}s plans") == ["Kiev\u{2019}s", "plans"])
    }

    @Test func apostrophesAtTheEdgesAreNotPartOfTheToken() {
        #expect(tokens("the dogs' bowls") == ["the", "dogs", "bowls"])
        #expect(tokens("'tis the season") == ["tis", "the", "season"])
        #expect(tokens("\u{2018}anti-globalism\u{2019} alliance") == ["anti-globalism", "alliance"])
        #expect(tokens("rock 'n' roll") == ["rock", "n", "roll"])
    }

    @Test func doubledOrMixedJoinersSeparate() {
        #expect(tokens("a''b") == ["a", "b"])
        #expect(tokens("a'-b") == ["a", "b"])
        #expect(tokens("a--b") == ["a", "b"])
        #expect(tokens("wait -- what") == ["wait", "what"])
        #expect(tokens("-a-") == ["a"])
    }

    @Test func hyphensIncludingUnicodeHyphensJoin() {
        #expect(tokens("neo-Nazi") == ["neo-Nazi"])
        #expect(tokens("neo\u{2010}Nazi") == ["neo\u{2010}Nazi"])   // HYPHEN
        #expect(tokens("neo\u{2011}Nazi") == ["neo\u{2011}Nazi"])   // NON-BREAKING HYPHEN
        #expect(tokens("self-proclaimed, un-re-cog-nized") == ["self-proclaimed", "un-re-cog-nized"])
        #expect(tokens("COVID-19") == ["COVID-19"])
    }

    @Test func dashesThatAreNotHyphensSeparate() {
        #expect(tokens("2014\u{2013}2024") == ["2014", "2024"])          // EN DASH
        #expect(tokens("war\u{2014}and peace") == ["war", "and", "peace"]) // EM DASH
        #expect(tokens("a\u{2212}b") == ["a", "b"])                       // MINUS SIGN
    }

    @Test func digits() {
        #expect(tokens("In 2022 there") == ["In", "2022", "there"])
        #expect(tokens("1,000 troops") == ["1", "000", "troops"])
        #expect(tokens("3.5%") == ["3", "5"])
        #expect(tokens("\u{0662}\u{0660}\u{0662}\u{0662}") == ["\u{0662}\u{0660}\u{0662}\u{0662}"])   // Arabic-Indic digits (Nd)
        #expect(tokens("x\u{00B2}") == ["x"])   // superscript two is No, not Nd
    }

    @Test func underscoreSeparates() {
        #expect(tokens("special_operation") == ["special", "operation"])
        #expect(tokens("__init__") == ["init"])
    }

    @Test func cyrillicAndGreek() {
        #expect(tokens("Київ і Донбасс") == ["Київ", "і", "Донбасс"])
        #expect(tokens("Кам\u{2019}янське") == ["Кам\u{2019}янське"])
        #expect(tokens("ΟΔΟΣ οδός") == ["ΟΔΟΣ", "οδός"])
    }

    @Test func combiningMarksStayInTheirToken() {
        let decomposed = "cafe\u{0301}"
        let t = tokens("\(decomposed) noir")
        #expect(t.count == 2)
        #expect(scalarsOf(t[0]) == scalarsOf(decomposed))   // the mark is not split off
        #expect(tokens("Z\u{0335}\u{0301}a") == ["Z\u{0335}\u{0301}a"])
    }

    @Test func aMarkWithNoBaseCharacterIsNotAToken() {
        // A variation selector (Mn) after an emoji, a skin-tone modifier, a lone combining accent.
        #expect(tokens("I \u{2764}\u{FE0F} NATO") == ["I", "NATO"])
        #expect(tokens(" \u{0301} x") == ["x"])
        #expect(tokens("a-\u{0301}b") == ["a", "b"])
    }

    @Test func emojiAndSymbolsSeparate() {
        #expect(tokens("\u{1F1FA}\u{1F1E6} Ukraine\u{1F44D}\u{1F3FD}!") == ["Ukraine"])
        #expect(tokens("$100 & \u{00A3}5 @user #tag a+b=c") == ["100", "5", "user", "tag", "a", "b", "c"])
        #expect(tokens("e-mail: x@y.com") == ["e-mail", "x", "y", "com"])
        #expect(tokens("\u{201C}Quoted\u{201D} (bracketed) [x]") == ["Quoted", "bracketed", "x"])
    }

    @Test func emptyAndSeparatorOnlyInput() {
        #expect(tokens("").isEmpty)
        #expect(tokens(" \n\t\r\n\u{00A0}").isEmpty)
        #expect(tokens("... --- !!! ''' ___").isEmpty)
        #expect(Tokenizer.spans(in: "").isEmpty)
    }

    @Test func lineEndings() {
        #expect(tokens("one\r\ntwo\rthree\nfour") == ["one", "two", "three", "four"])
        let spans = Tokenizer.spans(in: "one\r\ntwo")
        #expect(spans == [TokenSpan(start: 0, end: 3), TokenSpan(start: 5, end: 8)])
    }

    @Test func aByteOrderMarkIsNotPartOfAToken() {
        let spans = Tokenizer.spans(in: "\u{FEFF}Word")
        #expect(spans == [TokenSpan(start: 3, end: 7)])
    }

    @Test func byteOffsetsAreUTF8OffsetsIntoTheOriginal() {
        // "Київ" is 8 bytes, " – " is 5 bytes (en dash is 3), "столиця" is 14 bytes.
        let text = "Київ \u{2013} столиця"
        #expect(Tokenizer.spans(in: text) == [TokenSpan(start: 0, end: 8), TokenSpan(start: 13, end: 27)])
    }

    @Test func slicingTheUTF8AtEverySpanGivesTheSurface() {
        let text = "\u{201C}Don\u{2019}t\u{201D}, said Mr.\u{00A0}Ze\u{0301}lensky\u{2019}s aide \u{2014} in Київ\r\n"
            + "on 24.02.2022: neo\u{2010}Nazi? \u{1F600} dogs' 'tis a--b_c"
        let expected = ["Don\u{2019}t", "said", "Mr", "Ze\u{0301}lensky\u{2019}s", "aide", "in", "Київ",
                        "on", "24", "02", "2022", "neo\u{2010}Nazi", "dogs", "tis", "a", "b", "c"]
        let spans = Tokenizer.spans(in: text)
        let sliced = spans.map { utf8Slice(text, Int($0.start), Int($0.end)) }
        #expect(sliced.map(scalarsOf) == expected.map(scalarsOf))
        #expect(Tokenizer.tokens(in: text).map(scalarsOf) == expected.map(scalarsOf))
    }

    /// Random strings over a mixed alphabet, checked against the independent
    /// two-pass tokenizer in TestSupport.swift.
    @Test func agreesWithAReferenceImplementationOnRandomText() {
        let pieces: [String] = ["a", "B", "z", "é", "e\u{0301}", "\u{0301}", "Ї", "в", "ς", "7", "٣",
                                "'", "\u{2019}", "-", "\u{2010}", "\u{2011}", "\u{2013}", "_", " ", "\n", "\r\n",
                                ".", ",", "\u{00A0}", "\u{1F600}", "\u{FE0F}", "\u{200D}", "\u{00AD}", "\"", "ǅ"]
        var rng = LCG(seed: 20240601)
        for _ in 0..<2000 {
            let text = (0..<rng.int(24)).map { _ in rng.pick(pieces) }.joined()
            let expected = ReferenceTokenizer.tokens(text)
            let spans = Tokenizer.spans(in: text)
            #expect(spans.map { [Int($0.start), Int($0.end)] } == expected.map { [$0.start, $0.end] },
                    "text: \(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// Long texts, mostly ASCII, so that whole readings take the 64-byte mask
    /// path (`ASCIITokenMasks`) and switch to reading by scalars around the
    /// rarer non-ASCII pieces: tokens and joiners cross 64-byte block edges,
    /// words run longer than a block, texts end inside a token. Checked against
    /// the independent reference tokenizer and against the byte-by-byte reading.
    @Test func maskPathAgreesWithTheReferenceOnLongMostlyASCIIText() {
        let ascii: [String] = ["a", "B", "z", "Q", "7", "0", "'", "-", " ", " ", "\n", ".", ",", "_", "\"", "@", "[", "`", "{", "/", ":"]
        let other: [String] = ["é", "e\u{0301}", "\u{0301}", "Ї", "в", "\u{2019}", "\u{2010}", "\u{2013}", "\u{00A0}",
                               "\u{1F600}", "\u{200D}", "\u{201C}", "ǅ", "٣"]
        var rng = LCG(seed: 20261202)
        for round in 0..<600 {
            var text = ""
            let length = 1 + rng.int(round < 300 ? 200 : 1200)
            for _ in 0..<length {
                switch rng.int(20) {
                case 0: text += rng.pick(other)
                case 1: text += String(repeating: rng.pick(["x", "9", "ab-"]), count: 1 + rng.int(90))   // long runs
                default: text += rng.pick(ascii)
                }
            }
            if round % 3 == 0 { text = text.filter(\.isASCII) }
            let expected = ReferenceTokenizer.tokens(text).map { [$0.start, $0.end] }
            var copy = text
            let (fast, scalar) = copy.withUTF8 { (Tokenizer.spans(utf8: $0), Tokenizer.scalarSpans(utf8: $0)) }
            #expect(fast.map { [Int($0.start), Int($0.end)] } == expected, "round \(round): \(text.debugDescription)")
            #expect(fast == scalar, "round \(round)")
        }
    }

    /// A reading from any token's first byte with a limit finds exactly the
    /// next tokens a whole reading finds (`SpanCheckpoints` reads spans again
    /// this way), on long texts that take both the mask path and the byte path.
    @Test func limitedReadingsFromATokenStartAgreeWithTheWholeReading() {
        let pieces: [String] = ["a", "Z", "7", "'", "-", " ", " ", "\n", ".", ",", "\u{2019}", "é", "\u{0301}", "в", "\u{2010}",
                                "\u{00A0}", "\u{201C}", String(repeating: "w", count: 70)]
        var rng = LCG(seed: 777)
        for round in 0..<60 {
            let text = (0..<(50 + rng.int(400))).map { _ in rng.pick(pieces) }.joined()
            var copy = text
            copy.withUTF8 { bytes in
                let whole = Tokenizer.scalarSpans(utf8: bytes)
                for (k, span) in whole.enumerated() where k % 3 == 0 || k == whole.count - 1 {
                    for limit in [1, 2, 5, 64, 65, 1000] {
                        let read = Tokenizer.spans(utf8: bytes, from: Int(span.start), limit: limit)
                        #expect(read == Array(whole[k..<Swift.min(whole.count, k + limit)]), "round \(round) token \(k) limit \(limit)")
                    }
                }
            }
        }
    }

    /// Readings write into room for `maxTokens` spans unchecked: one-letter
    /// words one space apart are the most a text can hold, and meet it.
    @Test func maxTokensIsTight() {
        for n in [1, 2, 3, 63, 64, 65, 127, 128, 129, 1001] {
            let text = String(String(repeating: "a ", count: n / 2 + 1).prefix(n))
            #expect(Tokenizer.spans(in: text).count == Tokenizer.maxTokens(text.utf8.count) - (n % 2 == 0 ? 1 : 0), "n = \(n)")
            #expect(Tokenizer.tokensByScalars(text).count <= Tokenizer.maxTokens(text.utf8.count))
        }
    }

    /// Joiners and token ends placed exactly at the 64-byte block edges.
    @Test func maskPathHandlesJoinersAtBlockEdges() {
        for edge in [63, 64, 65, 127, 128] {
            for tail in ["-b", "'b", "--b", "-", "b", "- b", "-\u{00E9}", "\u{00E9}"] {
                let text = String(repeating: "a", count: edge - 1) + tail + " end"
                #expect(Tokenizer.spans(in: text) == Tokenizer.tokensByScalars(text), "edge \(edge) tail \(tail.debugDescription)")
                let spaced = String(repeating: "ab ", count: edge / 3) + "c" + tail
                #expect(Tokenizer.spans(in: spaced) == Tokenizer.tokensByScalars(spaced), "edge \(edge) tail \(tail.debugDescription)")
            }
        }
    }

    /// The 64-byte classes (SSE2 in C) and the eight-byte ones (Swift) say of
    /// every byte value, at places all over a block, what its definition says:
    /// a word byte is an ASCII letter or digit, a joiner ' or -.
    @Test func byteClassesOfEveryByteAtEveryPlace() {
        func isWord(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || (0x30...0x39).contains(b) }
        for shift in 0..<64 {
            // Every byte value turns up, each at 16 places across the shifts.
            let block = (0..<64).map { UInt8(truncatingIfNeeded: $0 * 4 + shift) }
            var word: UInt64 = 0, joiner: UInt64 = 0
            block.withUnsafeBufferPointer { loupe_ascii_classes64($0.baseAddress, &word, &joiner) }
            for (i, b) in block.enumerated() {
                #expect((word >> UInt64(i)) & 1 == (isWord(b) ? 1 : 0), "byte \(b) at \(i)")
                #expect((joiner >> UInt64(i)) & 1 == (b == 0x27 || b == 0x2D ? 1 : 0), "byte \(b) at \(i)")
            }
            for k in stride(from: 0, to: 64, by: 8) {
                let x = block[k..<(k + 8)].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) }
                let (w, j) = ASCIITokenMasks.classify(x)
                #expect(w == (word >> UInt64(k)) & 0xFF && j == (joiner >> UInt64(k)) & 0xFF, "bytes \(k) of shift \(shift)")
            }
        }
    }
}

private extension Tokenizer {
    static func tokensByScalars(_ text: String) -> [TokenSpan] {
        var copy = text
        return copy.withUTF8 { scalarSpans(utf8: $0) }
    }
}
