/// Builds a corpus from raw documents: tokenizes, interns, indexes.
///
/// `add` only collects; `build` does the work on all cores. Documents are cut
/// into chunks of consecutive documents, each analysed by one thread against
/// that thread's own vocabulary (`DocumentAnalyzer`); the chunks are then
/// merged in document order. Merging a chunk's forms in the order they first occur in
/// it gives every form the id it would get from one thread reading the
/// documents in order, so the corpus is the same on any number of cores.
/// Chunks are analysed a wave at a time, so their temporary arrays never
/// hold more than a wave's worth of tokens.
public struct CorpusBuilder {
    private var pending: [RawDocument] = []
    private let chunkBytes: Int

    /// About this much text per chunk: enough that few of a chunk's forms
    /// have to be looked up in the corpus vocabulary again (each chunk looks
    /// up all of its own), small enough to balance the threads.
    static let defaultChunkBytes = 1 << 20
    /// Chunks per wave, per thread.
    static let chunksPerWorker = 4

    public init() { chunkBytes = Self.defaultChunkBytes }

    /// Tests cut tiny corpora into many chunks and waves with a small `chunkBytes`.
    init(chunkBytes: Int) { self.chunkBytes = max(1, chunkBytes) }

    public mutating func add(_ raw: RawDocument) { pending.append(raw) }

    public func build(root: String = "", progress: LoadProgress? = nil) -> Corpus {
        progress?.documentsTotal.store(pending.count, ordering: .relaxed)
        let workers = Parallel.workerCount
        let textBytes = pending.reduce(0) { $0 + $1.text.utf8.count }
        var analyzers = (0..<workers).map { DocumentAnalyzer(me: $0, expectedForms: Self.expectedForms(textBytes / workers)) }
        let chunks = Self.chunks(pending, chunkBytes: chunkBytes)
        // English averages over six bytes a token; a quarter of the bytes is a generous first guess.
        var merger = ChunkMerger(documentCount: pending.count, expectedTokens: textBytes / 4,
                                 expectedForms: Self.expectedForms(textBytes), analyzers: workers)
        var first = 0
        while first < chunks.count {
            let wave = chunks[first..<min(chunks.count, first + workers * Self.chunksPerWorker)]
            let analyzed = Self.analyze(wave, of: pending, with: &analyzers)
            for (range, chunk) in zip(wave, analyzed) {
                merger.merge(chunk, forms: analyzers[chunk.analyzer].forms, raws: pending[range])
                progress?.documentsAnalysed.add(range.count, ordering: .relaxed)
            }
            first = wave.endIndex
        }
        // The waves' freed arrays and the analyzers' tables go back to the
        // system before the index is built, so the two do not add up at the peak.
        analyzers = []
        FreedMemory.release()
        return merger.corpus(root: root)
    }

    /// About how many distinct forms a thread meets in this much text, for
    /// sizing its table. (Only a size: a wrong guess costs time, not
    /// correctness.)
    static func expectedForms(_ bytes: Int) -> Int { min(1 << 18, max(1 << 12, bytes / 320)) }

    /// One wave's chunks, analysed on all cores.
    private static func analyze(_ wave: ArraySlice<Range<Int>>, of docs: [RawDocument],
                                with analyzers: inout [DocumentAnalyzer]) -> [AnalyzedChunk] {
        Parallel.map(wave.count, states: &analyzers) { i, analyzer in
            analyzer.analyze(docs[wave[wave.startIndex + i]])
        }
    }

    /// Consecutive runs of documents holding about `chunkBytes` of text each.
    static func chunks(_ docs: [RawDocument], chunkBytes: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0, bytes = 0
        for (i, d) in docs.enumerated() {
            bytes += d.text.utf8.count
            if bytes >= chunkBytes {
                out.append(start..<(i + 1))
                start = i + 1
                bytes = 0
            }
        }
        if start < docs.count { out.append(start..<docs.count) }
        return out
    }

    /// A corpus of plain texts with ids doc1, doc2, … (for tests and examples).
    public static func corpus(texts: [String]) -> Corpus { corpus(texts: texts, chunkBytes: defaultChunkBytes) }

    static func corpus(texts: [String], chunkBytes: Int) -> Corpus {
        var b = CorpusBuilder(chunkBytes: chunkBytes)
        for (i, t) in texts.enumerated() {
            b.add(RawDocument(id: "doc\(i + 1)", title: "doc\(i + 1)", text: t, meta: Metadata(),
                              source: DocumentSource(file: "", firstLine: 1, lastLine: 1)))
        }
        return b.build()
    }
}
