/// Appends analysed chunks, in document order, to the corpus's arrays:
/// the chunk's forms get corpus-wide ids (new forms in the order the chunk
/// first uses them), and its token ids are rewritten to those.
///
/// Each analyzer's ids are mapped to corpus ids by a table of its own, which
/// a chunk extends by its `newForms`. That needs an analyzer's chunks merged
/// in the order it analysed them, which holds because chunks are merged in
/// document order and a worker of `Parallel.map` takes its items in index
/// order. A chunk's new forms are new to its analyzer, so every form new to
/// the corpus is among them, in the order the chunk first uses it: the
/// corpus numbers forms in the order they first occur.
struct ChunkMerger {
    private var documents: [Document] = []
    private var tokens: [UInt32] = []
    private var checkpoints = SpanCheckpoints()
    private(set) var vocabulary: Vocabulary
    /// Per analyzer: its form ids → corpus ids.
    private var corpusIDs: [[UInt32]]

    /// `expectedTokens` only sizes the arrays, so they are rarely copied to grow.
    init(documentCount: Int, expectedTokens: Int, expectedForms: Int, analyzers: Int) {
        vocabulary = Vocabulary(expectedForms: expectedForms)
        corpusIDs = [[UInt32]](repeating: [], count: analyzers)
        documents.reserveCapacity(documentCount)
        tokens = HugePages.emptyArray(capacity: expectedTokens)
        checkpoints.reserveCapacity(documents: documentCount, tokens: expectedTokens)
    }

    /// `forms` is the table of the analyzer that read the chunk.
    mutating func merge(_ chunk: AnalyzedChunk, forms: ByteInterner, raws: ArraySlice<RawDocument>) {
        var globalID = corpusIDs[chunk.analyzer]
        corpusIDs[chunk.analyzer] = []   // not copied as it grows
        let new = chunk.newForms
        for local in new {
            // The vocabulary's table is mostly not in the cache: the slot of a
            // form a few on is asked for while this one is interned.
            if local + Self.lookahead < new.upperBound {
                forms.withKey(UInt32(local + Self.lookahead)) { vocabulary.prefetch(matchingForm: $0) }
            }
            globalID.append(forms.withKey(UInt32(local)) { vocabulary.intern(matchingForm: $0) })
        }
        defer { corpusIDs[chunk.analyzer] = globalID }
        for (analysis, raw) in zip(chunk.documents, raws) {
            let base = tokens.count
            tokens.append(contentsOf: analysis.typeIDs)
            tokens.withUnsafeMutableBufferPointer { all in
                for i in base..<all.count { all[i] = globalID[Int(all[i])] }
            }
            checkpoints.append(starts: analysis.checkpointStarts)
            documents.append(Document(raw: raw, tokenBase: base, tokenCount: analysis.typeIDs.count))
        }
    }

    static let lookahead = 8

    func corpus(root: String) -> Corpus {
        Corpus(root: root, documents: documents, tokens: tokens, checkpoints: checkpoints, vocabulary: vocabulary)
    }
}
