import Synchronization

/// How far a load has come, for a progress line. The loader's threads count
/// into it; another thread may read it at any time.
public final class LoadProgress: Sendable {
    public let filesTotal = Atomic<Int>(0)
    public let filesRead = Atomic<Int>(0)
    public let bytesRead = Atomic<Int>(0)
    public let documentsTotal = Atomic<Int>(0)
    public let documentsAnalysed = Atomic<Int>(0)
    public let finished = Atomic<Bool>(false)

    public init() {}

    /// "reading 1,203/8,422 files (96 MB)" or "indexing 4,100/8,422 documents".
    public var line: String {
        let docs = documentsTotal.load(ordering: .relaxed)
        if docs > 0 {
            return "indexing \(LoadReport.grouped(documentsAnalysed.load(ordering: .relaxed)))/\(LoadReport.grouped(docs)) documents"
        }
        let mb = bytesRead.load(ordering: .relaxed) / 1_000_000
        return "reading \(LoadReport.grouped(filesRead.load(ordering: .relaxed)))/\(LoadReport.grouped(filesTotal.load(ordering: .relaxed))) files (\(LoadReport.grouped(mb)) MB)"
    }
}
