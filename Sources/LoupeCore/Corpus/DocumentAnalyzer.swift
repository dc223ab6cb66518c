/// One document tokenized and interned, with type ids local to the analyzer
/// that read it. (Its paragraphs and sentences are worked out on first use:
/// DocumentSegments.)
struct DocumentAnalysis {
    /// Where tokens 0, 64, 128, … start (`SpanCheckpoints`): the spans
    /// themselves are not kept.
    var checkpointStarts: [UInt32]
    var typeIDs: [UInt32]
}

/// A run of consecutive documents analysed by one thread. Its type ids index
/// that thread's analyzer's `forms`; `newForms` are the ids of the forms this
/// chunk was the first of the analyzer's chunks to use, which are numbered in
/// the order they first occur in it.
struct AnalyzedChunk {
    var documents: [DocumentAnalysis]
    var analyzer: Int
    var newForms: Range<Int>
}

/// The per-thread half of corpus building: tokenizes, and folds each token to
/// its matching form and interns it without making a `String` for it (only
/// forms that need Unicode case mapping and NFC go through
/// `Folding.matchingForm`, once per surface).
/// `CorpusBuilder` merges the chunks in document order.
///
/// The analyzer keeps one table of forms for all the chunks it reads, so a
/// form is added to it (and later looked up in the corpus vocabulary) once
/// per thread, not once per chunk.
struct DocumentAnalyzer: Sendable {
    /// This analyzer's place among the builder's (`AnalyzedChunk.analyzer`).
    let me: Int
    /// Every matching form this analyzer has met, numbered as it met them.
    private(set) var forms: ByteInterner
    private var folding = UnicodeFoldingCache()
    private var scratch = AnalyzerScratch()

    /// `expectedForms` only sizes the table, so it rarely has to grow.
    init(me: Int, expectedForms: Int) {
        self.me = me
        forms = ByteInterner(capacity: expectedForms)
    }

    /// Analyses a chunk.
    mutating func analyze(_ raws: ArraySlice<RawDocument>) -> AnalyzedChunk {
        let before = forms.count
        var documents: [DocumentAnalysis] = []
        documents.reserveCapacity(raws.count)
        for raw in raws { documents.append(Self.analyze(raw.text, forms: &forms, folding: &folding, scratch: &scratch)) }
        return AnalyzedChunk(documents: documents, analyzer: me, newForms: before..<forms.count)
    }

    private static func analyze(_ text: String, forms: inout ByteInterner, folding: inout UnicodeFoldingCache,
                                scratch: inout AnalyzerScratch) -> DocumentAnalysis {
        var text = text   // shares the storage: withUTF8 does not copy a native string
        return text.withUTF8 { bytes in
            // Untouched beyond the tokens found.
            scratch.spans.withScratch(Tokenizer.maxTokens(bytes.count)) { spanRoom in
                guard let spanBase = spanRoom.baseAddress else { return DocumentAnalysis(checkpointStarts: [], typeIDs: []) }
                let spans = UnsafeBufferPointer(rebasing: spanRoom[..<Tokenizer.spans(utf8: bytes, into: spanBase)])
                let checkpoints = Swift.stride(from: 0, to: spans.count, by: SpanCheckpoints.stride).map { spans[$0].start }
                let n = spans.count
                // Forms are never longer than their tokens.
                let ids = scratch.staged.withScratch(3 * n, slack: 3 * n / 4) { staged in
                    scratch.arena.withScratch(bytes.count, slack: bytes.count) { arena in
                        let staged = StagedKeys(staged, count: n)
                        stageKeys(bytes, spans, into: staged, arena: arena)
                        return [UInt32](unsafeUninitializedCapacity: n) { ids, initialized in
                            // The table slot of the token a few places on is prefetched
                            // while this one is looked up: the table is mostly not in the
                            // core's cache, and this way several misses are served at once.
                            for i in 0..<n {
                                let ahead = staged.hashes[Swift.min(i + Self.lookahead, n - 1)]
                                if ahead != 0 { forms.prefetch(hash: ahead) }
                                let h = staged.hashes[i], key = staged.keys[i]
                                if h == 0 {
                                    let start = Int(spans[i].start), length = Int(spans[i].end - spans[i].start)
                                    ids[i] = typeID(UnsafeBufferPointer(rebasing: bytes[start..<(start + length)]), forms: &forms,
                                                    folding: &folding, scratch: &scratch.folded)
                                } else if key == Self.packedKey {
                                    ids[i] = forms.intern(packed: staged.words[i], length: Int(spans[i].end - spans[i].start), hash: h)
                                } else {
                                    let form = UnsafeBufferPointer(rebasing: arena[Int(key >> 32)..<(Int(key >> 32) + Int(key & 0xFFFF_FFFF))])
                                    ids[i] = forms.intern(form, hash: h, word: staged.words[i]).id
                                }
                            }
                            initialized = n
                        }
                    }
                }
                return DocumentAnalysis(checkpointStarts: checkpoints, typeIDs: ids)
            }
        }
    }

    /// How many tokens ahead the interning loop prefetches a table slot: far enough
    /// for the miss to be served in time (the distances tried: docs/performance.md).
    static let lookahead = 16
    /// `keys[i]` of a packed token.
    static let packedKey = UInt64.max

    /// Folds and hashes every token of a document, before any is looked up.
    /// A short ASCII token (most tokens) is packed into a word: `words[i]` is
    /// its form, `keys[i]` is `packedKey`. Another token whose form needs no
    /// Unicode tables is folded into `formArena`: `keys[i]` is its offset
    /// there << 32 | its length, `words[i]` what the table's slot holds for it.
    /// `hashes[i]` is the form's hash, or 0 for a token that takes the long
    /// way, `typeID` (so does a form whose hash happens to be 0: the long way
    /// gives it the same id).
    /// The three have room for a value per span.
    private static func stageKeys(_ bytes: UnsafeBufferPointer<UInt8>, _ spans: UnsafeBufferPointer<TokenSpan>,
                                  into staged: StagedKeys, arena: UnsafeMutableBufferPointer<UInt8>) {
        let words = staged.words, hashes = staged.hashes, keys = staged.keys
        guard let arena = arena.baseAddress else { return }
        var used = 0
        for (i, span) in spans.enumerated() {
            let start = Int(span.start), length = Int(span.end - span.start)
            if length <= 8, start + 8 <= bytes.count, let form = Self.packedASCIIForm(bytes, at: start, length: length) {
                words[i] = form
                hashes[i] = ByteInterner.hash(packed: form, length: length)
                keys[i] = Self.packedKey
            } else if length > 8, length <= 16, start + 16 <= bytes.count, let (low, high) = Self.packedASCIIForm16(bytes, at: start, length: length) {
                // Nine to sixteen ASCII bytes: two words, stored whole. The
                // arena has room (forms are never longer than their tokens,
                // so `used` <= `start`, and start + 16 is inside the text),
                // and the next form overwrites what is past this one.
                let raw = UnsafeMutableRawPointer(arena + used)
                raw.storeBytes(of: low.littleEndian, as: UInt64.self)
                raw.storeBytes(of: high.littleEndian, toByteOffset: 8, as: UInt64.self)
                let h = ByteInterner.hash(packed: low, high, length: length)
                words[i] = h
                hashes[i] = h
                keys[i] = UInt64(used) << 32 | UInt64(length)
                used += length
            } else if let folded = Folding.simpleMatchingForm(UnsafeBufferPointer(rebasing: bytes[start..<(start + length)]), into: arena + used) {
                let form = UnsafeBufferPointer(start: arena + used, count: folded)
                let (h, packed) = ByteInterner.hash(form)
                words[i] = folded <= 8 ? packed : h
                hashes[i] = h
                keys[i] = UInt64(used) << 32 | UInt64(folded)
                used += folded
            } else {
                words[i] = 0
                hashes[i] = 0
                keys[i] = 0
            }
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
        return lowercased(w)
    }

    /// `packedASCIIForm` for a token of nine to sixteen bytes: its form's
    /// first eight bytes and the rest (zero above), or nil if it is not ASCII.
    /// Reads sixteen bytes: the caller makes sure they are inside `bytes`.
    @inline(__always)
    static func packedASCIIForm16(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, length: Int) -> (UInt64, UInt64)? {
        guard (9...16).contains(length), let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let low = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start, as: UInt64.self))
        let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start + 8, as: UInt64.self))
        let high = length == 16 ? word : word & ((1 << (8 * UInt64(length - 8))) - 1)
        guard (low | high) & 0x8080_8080_8080_8080 == 0 else { return nil }
        return (lowercased(low), lowercased(high))
    }

    /// Eight ASCII bytes with 'A'...'Z' made lowercase (0x20 added).
    @inline(__always)
    static func lowercased(_ w: UInt64) -> UInt64 { w | (Folding.asciiCapitals(w) >> 2) }

    private static func typeID(_ surface: UnsafeBufferPointer<UInt8>, forms: inout ByteInterner,
                               folding: inout UnicodeFoldingCache, scratch: inout ScratchBuffer<UInt8>) -> UInt32 {
        let simple = scratch.withScratch(surface.count, slack: surface.count) { room -> UInt32? in
            guard let base = room.baseAddress, let n = Folding.simpleMatchingForm(surface, into: base) else { return nil }
            return forms.intern(UnsafeBufferPointer(start: base, count: n)).id
        }
        if let simple { return simple }
        return folding.intern(surface, into: &forms)
    }
}

/// Room for one document's staged tokens (see `stageKeys`): three values a token.
private struct StagedKeys {
    let words: UnsafeMutableBufferPointer<UInt64>
    let hashes: UnsafeMutableBufferPointer<UInt64>
    let keys: UnsafeMutableBufferPointer<UInt64>

    init(_ room: UnsafeMutableBufferPointer<UInt64>, count n: Int) {
        words = UnsafeMutableBufferPointer(rebasing: room[0..<n])
        hashes = UnsafeMutableBufferPointer(rebasing: room[n..<(2 * n)])
        keys = UnsafeMutableBufferPointer(rebasing: room[(2 * n)..<(3 * n)])
    }
}

/// One analyzer's reused memory: a document's token spans and staged keys
/// (only needed while it is analysed), its folded forms one after another,
/// and room for one folded token.
private struct AnalyzerScratch: Sendable {
    var spans = ScratchBuffer<TokenSpan>(capacity: 1 << 12)
    var staged = ScratchBuffer<UInt64>(capacity: 3 << 12)
    var arena = ScratchBuffer<UInt8>(capacity: 1 << 16)
    var folded = ScratchBuffer<UInt8>(capacity: 256)
}

/// Matching forms of the surfaces that need the full Unicode folding, which
/// is slow (it ends in NFC). Folding depends on the surface alone, so this
/// cache never changes a result. It is emptied when it grows past
/// `limit`, so it cannot grow with the corpus.
private struct UnicodeFoldingCache: Sendable {
    private var surfaces = ByteInterner()
    private var surfaceForms: [UInt32] = []
    private var forms = ByteInterner()
    private let limit = 1 << 16

    /// The id in `table` of the surface's matching form, by `Folding.matchingForm`.
    mutating func intern(_ surface: UnsafeBufferPointer<UInt8>, into table: inout ByteInterner) -> UInt32 {
        let folded = form(of: surface)
        return forms.withKey(folded) { table.intern($0).id }
    }

    /// The id in `forms` of the surface's matching form.
    private mutating func form(of surface: UnsafeBufferPointer<UInt8>) -> UInt32 {
        if let known = surfaces.id(of: surface) { return surfaceForms[Int(known)] }
        if surfaces.count >= limit { self = UnicodeFoldingCache() }
        var form = Folding.matchingForm(String(decoding: surface, as: UTF8.self))
        let id = form.withUTF8 { forms.intern($0).id }
        _ = surfaces.intern(surface)
        surfaceForms.append(id)
        return id
    }
}
