/// Appends analysed chunks, in document order, to the corpus's arrays:
/// the chunk's forms get corpus-wide ids (new forms in the order the chunk
/// first uses them), and its token ids are rewritten to those.
struct ChunkMerger {
    private var documents: [Document] = []
    private var tokens: [UInt32] = []
    private var checkpoints = SpanCheckpoints()
    private(set) var vocabulary = Vocabulary()

    /// `expectedTokens` only sizes the arrays, so they are rarely copied to grow.
    init(documentCount: Int, expectedTokens: Int) {
        documents.reserveCapacity(documentCount)
        tokens = HugePages.emptyArray(capacity: expectedTokens)
        checkpoints.reserveCapacity(documents: documentCount, tokens: expectedTokens)
    }

    mutating func merge(_ chunk: AnalyzedChunk, raws: ArraySlice<RawDocument>) {
        var globalID = chunk.knownIDs
        for local in globalID.indices where globalID[local] == AnalyzedChunk.unknown {
            // Unknown when the wave began: new, or first met earlier in this wave.
            globalID[local] = chunk.forms.withKey(UInt32(local)) { vocabulary.intern(matchingForm: $0) }
        }
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

    func corpus(root: String) -> Corpus {
        Corpus(root: root, documents: documents, tokens: tokens, checkpoints: checkpoints, vocabulary: vocabulary)
    }
}
