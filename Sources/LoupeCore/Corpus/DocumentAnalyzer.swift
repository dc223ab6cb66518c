/// One document tokenized, segmented and interned, with type ids local to its chunk.
struct DocumentAnalysis {
    var spans: [TokenSpan]
    var typeIDs: [UInt32]
    var sentences: [TextSpan]
    var paragraphs: [TextSpan]
}

/// A run of consecutive documents analysed by one thread, and the matching
/// forms they use in the order they first occur there (`typeIDs` index it).
struct AnalyzedChunk {
    var documents: [DocumentAnalysis]
    var forms: ByteInterner
    /// Each form's id in the corpus vocabulary as it stood before this
    /// chunk's wave, or `unknown`: looked up here, in parallel, so merging
    /// only has to intern the forms that are new.
    var knownIDs: [UInt32]
    static let unknown = UInt32.max
}

/// The per-thread half of corpus building: tokenizes, splits paragraphs and
/// sentences, and folds each token to its matching form and interns it
/// without making a `String` for it (only forms that need Unicode case
/// mapping and NFC go through `Folding.matchingForm`, once per surface).
/// `CorpusBuilder` merges the chunks in document order.
final class DocumentAnalyzer {
    /// Room for one folded token; grown when a token is longer.
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity = 256

    /// Matching forms of the surfaces that need the full Unicode folding,
    /// which is slow (it ends in NFC). Folding depends on the surface alone,
    /// so this cache never changes a result. It is emptied when it grows past
    /// `cacheLimit`, so it cannot grow with the corpus.
    private var foldedSurfaces = ByteInterner()
    private var surfaceForms: [UInt32] = []
    private var foldedForms = ByteInterner()
    private let cacheLimit = 1 << 16

    init() { scratch = .allocate(capacity: scratchCapacity) }
    deinit { scratch.deallocate() }

    func analyze(_ raws: ArraySlice<RawDocument>, known: Vocabulary) -> AnalyzedChunk {
        var forms = ByteInterner(capacity: 4096)
        var documents: [DocumentAnalysis] = []
        documents.reserveCapacity(raws.count)
        for raw in raws { documents.append(analyze(raw.text, forms: &forms)) }
        let knownIDs = known.ids(ofMatchingFormsIn: forms, missing: AnalyzedChunk.unknown)
        return AnalyzedChunk(documents: documents, forms: forms, knownIDs: knownIDs)
    }

    private func analyze(_ text: String, forms: inout ByteInterner) -> DocumentAnalysis {
        var text = text   // shares the storage: withUTF8 does not copy a native string
        return text.withUTF8 { bytes in
            let spans = Tokenizer.spans(utf8: bytes)
            let paragraphs = Paragraphs.spans(utf8: bytes, tokens: spans)
            let sentences = Sentences.spans(utf8: bytes, tokens: spans, paragraphs: paragraphs)
            var ids: [UInt32] = []
            ids.reserveCapacity(spans.count)
            for span in spans {
                let start = Int(span.start), length = Int(span.end - span.start)
                // The common case: a short ASCII token, folded and looked up as one word.
                if length <= 8, start + 8 <= bytes.count, let packed = Self.packedASCIIForm(bytes, at: start, length: length) {
                    ids.append(forms.intern(packed: packed, length: length))
                    continue
                }
                let surface = UnsafeBufferPointer(rebasing: bytes[start..<(start + length)])
                ids.append(typeID(surface, forms: &forms))
            }
            return DocumentAnalysis(spans: spans, typeIDs: ids, sentences: sentences, paragraphs: paragraphs)
        }
    }

    /// The matching form of a token of one to eight bytes at `start`, packed
    /// little-endian into a word, if the token is ASCII (its form is then its
    /// lowercase); nil otherwise. Reads eight bytes: the caller makes sure
    /// they are inside `bytes`.
    @inline(__always)
    static func packedASCIIForm(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, length: Int) -> UInt64? {
        guard let base = bytes.baseAddress else { return nil }
        let word = UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: start, as: UInt64.self))
        let w = length == 8 ? word : word & ((1 << (8 * UInt64(length))) - 1)
        guard w & 0x8080_8080_8080_8080 == 0 else { return nil }
        // Eight bytes at once: the high bit of b + 0x3F is set for b >= 'A',
        // that of b + 0x25 for b > 'Z' (ASCII bytes cannot carry into the next
        // byte); 'A'...'Z' then get 0x20 added.
        let upper = (w &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(w &+ 0x2525_2525_2525_2525) & 0x8080_8080_8080_8080
        return w | (upper >> 2)
    }

    private func typeID(_ surface: UnsafeBufferPointer<UInt8>, forms: inout ByteInterner) -> UInt32 {
        if surface.count > scratchCapacity {
            scratch.deallocate()
            scratchCapacity = surface.count * 2
            scratch = .allocate(capacity: scratchCapacity)
        }
        if let n = Folding.simpleMatchingForm(surface, into: scratch) {
            return forms.intern(UnsafeBufferPointer(start: scratch, count: n)).id
        }
        let folded = unicodeMatchingForm(surface)
        return foldedForms.withKey(folded) { forms.intern($0).id }
    }

    /// The id in `foldedForms` of the surface's matching form, by `Folding.matchingForm`.
    private func unicodeMatchingForm(_ surface: UnsafeBufferPointer<UInt8>) -> UInt32 {
        if let known = foldedSurfaces.id(of: surface) { return surfaceForms[Int(known)] }
        if foldedSurfaces.count >= cacheLimit {
            foldedSurfaces = ByteInterner()
            surfaceForms = []
            foldedForms = ByteInterner()
        }
        var form = Folding.matchingForm(String(decoding: surface, as: UTF8.self))
        let id = form.withUTF8 { foldedForms.intern($0).id }
        _ = foldedSurfaces.intern(surface)
        surfaceForms.append(id)
        return id
    }
}
