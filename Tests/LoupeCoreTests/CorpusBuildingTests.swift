import Testing
@testable import LoupeCore
import LoupeTestSupport

/// Building a corpus on all cores: documents are cut into chunks, each thread
/// interns its chunks' tokens in a table of its own (short ASCII forms packed into a
/// word, other simple forms staged in a buffer, Unicode forms the long way),
/// and the chunks are merged in order. Whatever the chunking, every token must
/// get the id of its matching form, numbered in the order forms first occur,
/// as one plain reading of the documents in order gives them.
@Suite struct CorpusBuildingTests {
    /// Surfaces of every kind the interning treats apart: one to eight ASCII
    /// bytes (packed), exactly eight, nine to sixteen and more (staged), with
    /// ’ or U+2010 (folded to one byte, so short again or still long), and
    /// Unicode ones (case mapping, final sigma, NFC) short and long.
    static let surfaces = [
        "a", "A", "Nato", "NATO", "the", "THE", "Ukraines", "UKRAINES", "2022",
        "government", "GOVERNMENT", "Governments", "internationally", "counterrevolutionaries", "Counterrevolutionaries",
        "don\u{2019}t", "DON\u{2019}T", "don't", "government\u{2019}s", "Government's", "neo\u{2010}Nazi", "neo-nazi",
        "self\u{2011}determination", "Self-Determination",
        "Київ", "КИЇВ", "Президентський", "ПРЕЗИДЕНТСЬКИЙ", "Ελληνικός", "ΕΛΛΗΝΙΚΌΣ", "É", "e\u{301}", "Café", "CAFE\u{301}",
    ]

    static func randomTexts(seed: UInt64, documents: Int) -> [String] {
        var rng = LCG(seed: seed)
        return (0..<documents).map { _ in
            (0..<rng.int(60)).map { _ in rng.pick(surfaces) }
                .joined(separator: rng.pick([" ", ", ", ". ", "\n\n", " — "]))
        }
    }

    @Test(arguments: [1, 7, 64, 300, CorpusBuilder.defaultChunkBytes])
    func everyTokenGetsItsFormsIDInFirstOccurrenceOrder(chunkBytes: Int) {
        let texts = Self.randomTexts(seed: UInt64(chunkBytes), documents: 90)
        // The expectation: the reference tokenizer, the reference (all-Unicode)
        // fold, and ids given in one pass over the documents in order.
        var expectedForms: [String] = []
        var idOf: [String: UInt32] = [:]
        var expectedTokens: [UInt32] = []
        for text in texts {
            for token in ReferenceTokenizer.tokens(text) {
                let form = Folding.matchingForm(token.surface)
                if idOf[form] == nil {
                    idOf[form] = UInt32(expectedForms.count)
                    expectedForms.append(form)
                }
                expectedTokens.append(idOf[form] ?? .max)
            }
        }
        let c = CorpusBuilder.corpus(texts: texts, chunkBytes: chunkBytes)
        #expect(c.vocabulary.forms == expectedForms)
        #expect(c.tokens == expectedTokens)
        #expect(c.index.frequency(of: idOf["counterrevolutionaries"] ?? .max) == expectedTokens.filter { $0 == idOf["counterrevolutionaries"] }.count)
    }

    @Test func chunksCoverTheDocumentsInOrder() {
        let texts = Self.randomTexts(seed: 5, documents: 40)
        let raws = texts.enumerated().map { RawDocument(id: "d\($0.offset)", title: "", text: $0.element, meta: Metadata(),
                                                          source: DocumentSource(file: "", firstLine: 1, lastLine: 1)) }
        var b = CorpusBuilder(chunkBytes: 100)
        for raw in raws { b.add(raw) }
        let chunks = CorpusBuilder.chunks(raws, chunkBytes: 100)
        #expect(chunks.first?.lowerBound == 0 && chunks.last?.upperBound == texts.count)
        #expect(zip(chunks, chunks.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound && !$0.isEmpty })
        #expect(chunks.count > 5)
        #expect(b.build().documents.map(\.id) == raws.map(\.id))
    }

    /// The packed forms of short tokens (one or two words, lowercased eight
    /// bytes at a time) are the bytes `Folding.simpleMatchingForm` writes, and
    /// there are none for a token with a byte over 0x7F.
    @Test func packedFormsAreTheFoldedForms() {
        let alphabet: [UInt8] = Array(0x20...0x7E) + [0x80, 0xC3, 0xA9, 0xE2, 0xFF]
        var rng = LCG(seed: 9)
        for _ in 0..<5_000 {
            let length = 1 + rng.int(16)
            let token = (0..<length).map { _ in rng.int(10) == 0 ? rng.pick(alphabet) : rng.pick(Array("aZqM09'-@[`{".utf8)) }
            let buffer = token + [UInt8](repeating: 0x41, count: 16)   // bytes after the token, read but not used
            let ascii = token.allSatisfy { $0 < 0x80 }
            var folded = [UInt8](repeating: 0, count: length)
            let n = token.withUnsafeBufferPointer { t in folded.withUnsafeMutableBufferPointer { Folding.simpleMatchingForm(t, into: $0.baseAddress!) } }
            func bytes(_ w: UInt64, _ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: w >> UInt64(8 * $0)) } }
            buffer.withUnsafeBufferPointer { b in
                if length <= 8 {
                    let packed = DocumentAnalyzer.packedASCIIForm(b, at: 0, length: length)
                    #expect((packed == nil) == !ascii)
                    if let packed, let n { #expect(bytes(packed, length) == Array(folded[..<n]) && packed >> UInt64(8 * length) == 0 || length == 8) }
                } else {
                    let packed = DocumentAnalyzer.packedASCIIForm16(b, at: 0, length: length)
                    #expect((packed == nil) == !ascii)
                    if let (low, high) = packed, let n {
                        #expect(bytes(low, 8) + bytes(high, length - 8) == Array(folded[..<n]))
                        #expect(length == 16 || high >> UInt64(8 * (length - 8)) == 0)
                    }
                }
            }
        }
    }
}
