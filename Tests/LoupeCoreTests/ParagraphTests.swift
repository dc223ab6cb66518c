import Testing
@testable import LoupeCore
import LoupeTestSupport

/// docs/text.md (docs/design.md §5): paragraphs are separated by blank lines.
/// A span's bytes are the paragraph's text without surrounding whitespace; its
/// token range holds exactly the tokens inside those bytes.
@Suite struct ParagraphTests {
    private func paragraphs(_ text: String) -> (texts: [String], spans: [TextSpan]) {
        let corpus = CorpusBuilder.corpus(texts: [text])
        let spans = corpus.documents[0].paragraphs
        return (corpus.texts(of: spans, in: 0), spans)
    }

    @Test func blankWhitespaceOnlyAndCRLFBlankLinesSeparate() {
        let text = "First para line one.\nline two.\n\nSecond para.\n   \t \nThird.\r\n\r\nFourth.\r\n"
        let (texts, spans) = paragraphs(text)
        #expect(texts == ["First para line one.\nline two.", "Second para.", "Third.", "Fourth."])
        // Byte offsets counted by hand (the CR before each CRLF is not part of a paragraph).
        #expect(spans.map { [$0.byteStart, $0.byteEnd] } == [[0, 30], [32, 44], [51, 57], [61, 68]])
        // Tokens: First para line one line two | Second para | Third | Fourth
        #expect(spans.map { [$0.tokenStart, $0.tokenEnd] } == [[0, 6], [6, 8], [8, 9], [9, 10]])
    }

    @Test func aLineBreakWithoutABlankLineDoesNotSeparate() {
        #expect(paragraphs("one\ntwo\r\nthree").texts == ["one\ntwo\r\nthree"])
    }

    @Test func leadingTrailingAndRepeatedBlankLinesMakeNoEmptyParagraphs() {
        let (texts, _) = paragraphs("\n\n  \nAlpha\n\n\n\n\t\nBeta\n\n\n")
        #expect(texts == ["Alpha", "Beta"])
    }

    @Test func aLineOfNoBreakSpacesIsBlank() {
        #expect(paragraphs("Alpha\n\u{00A0}\u{00A0}\nBeta").texts == ["Alpha", "Beta"])
    }

    @Test func indentationIsTrimmedFromTheSpan() {
        let (texts, spans) = paragraphs("    Indented start.\n\n\tTabbed.  ")
        #expect(texts == ["Indented start.", "Tabbed."])
        #expect(spans[0].byteStart == 4)
    }

    @Test func aParagraphWithoutWordsHasAnEmptyTokenRange() {
        let (texts, spans) = paragraphs("Before\n\n* * *\n\nAfter")
        #expect(texts == ["Before", "* * *", "After"])
        #expect(spans.map { [$0.tokenStart, $0.tokenEnd] } == [[0, 1], [1, 1], [1, 2]])
    }

    @Test func nonASCIIOffsets() {
        // "Київ." is 9 bytes; the blank line is "\n\n"; "Донбас" starts at byte 11.
        let (texts, spans) = paragraphs("Київ.\n\nДонбас")
        #expect(texts == ["Київ.", "Донбас"])
        #expect(spans.map { [$0.byteStart, $0.byteEnd] } == [[0, 9], [11, 23]])
    }

    @Test func tokenRangesPartitionTheDocumentOnRandomText() {
        let pieces = ["word", "Київ", " ", " ", "\n", "\n\n", "\r\n", "\r\n\r\n", " \n \n", ".", "\u{00A0}", "x-y"]
        var rng = LCG(seed: 99)
        for _ in 0..<300 {
            let text = (0..<rng.int(30)).map { _ in rng.pick(pieces) }.joined()
            let corpus = CorpusBuilder.corpus(texts: [text])
            let doc = corpus.documents[0]
            let spans = doc.paragraphs
            // Every token belongs to exactly one paragraph, in order.
            var next = 0
            let tokenSpans = corpus.tokenSpans(document: 0)
            for p in spans {
                #expect(p.tokenStart == next)
                for t in p.tokenStart..<p.tokenEnd {
                    let s = tokenSpans[t]
                    #expect(Int(s.start) >= p.byteStart && Int(s.end) <= p.byteEnd)
                }
                next = p.tokenEnd
            }
            #expect(next == doc.tokenCount)
            // No paragraph holds a blank line: reference split of the text.
            let expected = referenceParagraphs(text)
            #expect(corpus.texts(of: spans, in: 0) == expected, "\(text.debugDescription)")
        }
    }

    /// Lines split at LF; a line is blank when it holds only space, tab, CR or NBSP;
    /// paragraphs are runs of non-blank lines joined back with LF, trimmed.
    private func referenceParagraphs(_ text: String) -> [String] {
        let lines = Array(text.unicodeScalars).split(separator: "\n", omittingEmptySubsequences: false)
            .map { String(String.UnicodeScalarView($0)) }
        func blank(_ l: String) -> Bool { l.unicodeScalars.allSatisfy { [" ", "\t", "\r", "\u{00A0}"].contains($0) } }
        var out: [String] = []
        var current: [String] = []
        for l in lines + [""] {
            if blank(l) {
                if !current.isEmpty {
                    var joined = Array(current.joined(separator: "\n").unicodeScalars)
                    while let f = joined.first, [" ", "\t", "\r", "\n", "\u{00A0}"].contains(f) { joined.removeFirst() }
                    while let l = joined.last, [" ", "\t", "\r", "\n", "\u{00A0}"].contains(l) { joined.removeLast() }
                    out.append(String(String.UnicodeScalarView(joined)))
                }
                current = []
            } else {
                current.append(l)
            }
        }
        return out
    }
}
