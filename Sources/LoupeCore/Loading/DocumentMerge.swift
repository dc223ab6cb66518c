/// The step of loading that runs in file order, after the files are read in
/// parallel, because it depends on the files before: each document gets its
/// `metadata.csv` fields, its date is checked, a duplicate id is renamed
/// `id-2`, and a document too long to hold is left out; the rest go to the
/// builder.
struct DocumentMerge {
    private(set) var builder = CorpusBuilder()
    private let sidecar: CorpusLoader.SidecarRows
    private let documentByteLimit: Int
    private var usedSidecar = Set<String>()
    /// Each document id taken so far, and the file it was first used in.
    private var firstFile: [String: String] = [:]

    init(sidecar: CorpusLoader.SidecarRows, documentByteLimit: Int) {
        self.sidecar = sidecar
        self.documentByteLimit = documentByteLimit
    }

    /// The documents of `file`, the next file in path order.
    mutating func add(_ documents: [RawDocument], from file: String, report: inout LoadReport) {
        var documents = documents
        addSidecarFields(to: &documents, from: file)
        for var doc in documents {
            let bytes = doc.text.utf8.count
            guard bytes < documentByteLimit else {
                report.warn(file, line: doc.source.firstLine,
                            "document '\(doc.id)' has \(bytes) bytes of text, more than one document can hold (\(documentByteLimit - 1)); left out")
                continue
            }
            if let date = doc.meta["date"], !CorpusLoader.isISODate(date.description) {
                report.warn(file, line: doc.source.firstLine, "date '\(date)' is not ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)")
            }
            if let first = firstFile[doc.id] {
                var n = 2
                while firstFile["\(doc.id)-\(n)"] != nil { n += 1 }
                let renamed = "\(doc.id)-\(n)"
                report.warn(file, line: doc.source.firstLine, "duplicate id '\(doc.id)' (first used in \(first)); renamed to '\(renamed)'")
                doc.id = renamed
            }
            firstFile[doc.id] = file
            builder.add(doc)
        }
    }

    /// A row is found by the file's path, else the document's id, else (for
    /// files in subfolders, whose ids carry the folder) the file's bare name:
    /// `d0000001` for docs/d0000001.txt. The file's own values win, except a
    /// title guessed from the text.
    private mutating func addSidecarFields(to documents: inout [RawDocument], from file: String) {
        guard !sidecar.isEmpty else { return }
        let prefix = CorpusLoader.idKeyPrefix
        let bare = FileName(file).bareName   // once a file, not a document: a CSV file has thousands
        for i in documents.indices {
            let keys = [file, prefix + documents[i].id, prefix + bare]
            guard let key = keys.first(where: { sidecar[$0] != nil }), let extra = sidecar[key]?.fields else { continue }
            usedSidecar.insert(key)
            for (k, v) in extra {
                if k == "title" {
                    if documents[i].title.isEmpty || documents[i].titleIsGuessed { documents[i].title = v }
                    continue
                }
                if k == "id" { continue }
                if documents[i].meta[k] == nil { documents[i].meta[k] = .string(v) }
            }
        }
    }

    /// A warning for each `metadata.csv` row that named no document.
    func reportUnusedSidecarRows(_ report: inout LoadReport) {
        let prefix = CorpusLoader.idKeyPrefix
        for (name, row) in sidecar.sorted(by: { $0.value.line < $1.value.line }) where !usedSidecar.contains(name) {
            let what = name.hasPrefix(prefix) ? "id '\(name.dropFirst(prefix.count))', which is not a document id"
                : "'\(name)', which is not a document file"
            report.warn(CorpusLoader.sidecarName, line: row.line, "names \(what) in the corpus")
        }
    }
}
