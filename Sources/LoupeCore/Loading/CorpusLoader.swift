import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why a corpus could not be loaded at all (a bad file is a warning, not this).
public enum CorpusError: Error, Equatable, CustomStringConvertible {
    case notFound(String)
    case notAFolder(String)
    case unreadable(String, String)

    public var description: String {
        switch self {
        case .notFound(let p): return "corpus folder '\(p)' does not exist"
        case .notAFolder(let p): return "corpus path '\(p)' is not a folder"
        case .unreadable(let p, let why): return "cannot read corpus folder '\(p)': \(why)"
        }
    }
}

/// Loads a corpus folder: every .txt, .md, .jsonl and .csv file below it, and
/// files a reader was given for (hidden files and folders are passed over), plus an optional metadata.csv
/// sidecar at the top keyed by file name. Files are read in path order, so the
/// same folder always gives the same corpus.
public enum CorpusLoader {
    public static let sidecarName = "metadata.csv"
    /// Sidecar rows keyed by document id carry this prefix, so they never collide with file names.
    static let idKeyPrefix = "\u{0}id:"

    /// The extensions Loupe reads itself; a reader from a plugin cannot take them over.
    public static let builtInExtensions = ["txt", "md", "jsonl", "csv"]

    /// `progress`, when given, is counted into as files are read and documents indexed.
    /// `readers` read files of other extensions (lowercase, without the dot), one file at a time.
    public static func load(path: String, progress: LoadProgress? = nil, readers: [String: DocumentReader] = [:]) throws -> (Corpus, LoadReport) {
        try load(path: path, progress: progress, readers: readers, documentByteLimit: documentByteLimit)
    }

    /// Token offsets are 32-bit: a document holds fewer bytes of text than this.
    static let documentByteLimit = Int(UInt32.max)

    /// `load` with the largest document it takes (tests use a small one).
    static func load(path: String, progress: LoadProgress?, readers: [String: DocumentReader],
                     documentByteLimit: Int) throws -> (Corpus, LoadReport) {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw CorpusError.notFound(path) }
        guard isDir.boolValue else { throw CorpusError.notAFolder(path) }
        let root = URL(fileURLWithPath: path).standardizedFileURL
        var report = LoadReport()
        let reads = { (file: String) -> Bool in
            let ext = FileName(file).pathExtension.lowercased()
            return builtInExtensions.contains(ext) || readers[ext] != nil
        }
        let files: [ListedFile]
        do { files = try listFiles(root: root, report: &report, reads: reads) } catch { throw CorpusError.unreadable(path, "\(error.localizedDescription)") }

        // Every file is opened from the corpus folder's descriptor, following no link (BeneathOpener).
        let rootFolder = open(root.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootFolder >= 0 else { throw CorpusError.unreadable(path, String(cString: strerror(errno))) }
        defer { close(rootFolder) }
        let sidecarFile = files.first { $0.path == sidecarName }
        let sidecar = sidecarFile.map { readSidecar($0, opener: BeneathOpener(root: rootFolder), report: &report) } ?? [:]
        var usedSidecar = Set<String>()
        var builder = CorpusBuilder()
        var firstFile: [String: String] = [:]

        // Files are read and parsed on all cores; what follows depends on the
        // files before (duplicate ids), so it runs in file order.
        let listedDocumentFiles = files.filter { $0.path != sidecarName }
        let documentFiles = listedDocumentFiles.map(\.path)
        progress?.filesTotal.store(documentFiles.count, ordering: .relaxed)
        let readerOf: [DocumentReader?] = readers.isEmpty ? [DocumentReader?](repeating: nil, count: documentFiles.count)
            : documentFiles.map { readers[FileName($0).pathExtension.lowercased()] }
        let tally = { (result: ([RawDocument], LoadReport)) in
            guard let progress else { return }
            progress.filesRead.add(1, ordering: .relaxed)
            progress.bytesRead.add(result.0.reduce(0) { $0 + $1.text.utf8.count }, ordering: .relaxed)
        }
        let byReader = Set(readerOf.indices.filter { readerOf[$0] != nil })
        let workers = Parallel.workerCount
        let openers = (0..<workers).map { _ in BeneathOpener(root: rootFolder) }   // one per thread
        var read = Parallel.map(documentFiles.count, workers: workers) { i, worker in
            if byReader.contains(i) { return ([RawDocument](), LoadReport()) }   // read below
            let result = readDocuments(listedDocumentFiles[i], opener: openers[worker])
            tally(result)
            return result
        }
        // Plugins' readers run Lua, which is single-threaded: one file at a time, here.
        for i in byReader.sorted() {
            read[i] = readDocuments(listedDocumentFiles[i], opener: openers[0], reader: readerOf[i])
            tally(read[i])
        }
        for (file, (fileDocs, fileReport)) in zip(documentFiles, read) {
            report.append(fileReport)
            var docs = fileDocs
            // The file's path, else the document's id, else (for files in subfolders,
            // whose ids carry the folder) the file's bare name: `d0000001` for docs/d0000001.txt.
            // The bare name once a file, not a document (a CSV file has thousands).
            let bare = sidecar.isEmpty ? "" : FileName(file).bareName
            for i in docs.indices where !sidecar.isEmpty {
                let keys = [file, Self.idKeyPrefix + docs[i].id, Self.idKeyPrefix + bare]
                guard let key = keys.first(where: { sidecar[$0] != nil }), let extra = sidecar[key]?.fields else { continue }
                usedSidecar.insert(key)
                for (k, v) in extra {
                    // A sidecar title beats one guessed from the text, not one the file gives.
                    if k == "title" { if docs[i].title.isEmpty || docs[i].titleIsGuessed { docs[i].title = v } ; continue }
                    if k == "id" { continue }
                    if docs[i].meta[k] == nil { docs[i].meta[k] = .string(v) }   // the file's own value wins
                }
            }
            for var doc in docs {
                let bytes = doc.text.utf8.count
                guard bytes < documentByteLimit else {
                    report.warn(file, line: doc.source.firstLine,
                                "document '\(doc.id)' has \(bytes) bytes of text, more than one document can hold (\(documentByteLimit - 1)); left out")
                    continue
                }
                if let date = doc.meta["date"], !isISODate(date.description) {
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
        for (name, row) in sidecar.sorted(by: { $0.value.line < $1.value.line }) where !usedSidecar.contains(name) {
            let what = name.hasPrefix(Self.idKeyPrefix) ? "id '\(name.dropFirst(Self.idKeyPrefix.count))', which is not a document id" : "'\(name)', which is not a document file"
            report.warn(sidecarName, line: row.line, "names \(what) in the corpus")
        }
        let corpus = builder.build(root: path, progress: progress)
        report.documents = corpus.documents.count
        report.tokens = corpus.tokenCount
        FreedMemory.release()
        return (corpus, report)
    }

    /// One document file's documents, with the warnings and skips it caused
    /// (in a report of its own, so files can be read in parallel).
    static func readDocuments(_ listed: ListedFile, opener: BeneathOpener, reader: DocumentReader? = nil) -> ([RawDocument], LoadReport) {
        var report = LoadReport()
        let file = listed.path
        let name = FileName(file)
        let ext = name.pathExtension.lowercased()
        guard reader != nil || builtInExtensions.contains(ext) else {
            report.skip(file, ext.isEmpty ? "no file extension" : "unsupported file type .\(ext)")
            return ([], report)
        }
        report.files += 1
        // JSON Lines end at LF; a CR elsewhere is JSON whitespace, not a line break.
        guard let decoded = readText(listed, opener: opener, loneCR: ext != "jsonl", report: &report) else { return ([], report) }
        let text = decoded.text
        let stem = name.deletingPathExtension
        let docs: [RawDocument]
        if let reader { return (DraftReader.read(text, file: file, stem: stem, reader: reader, report: &report), report) }
        switch ext {
        case "jsonl": docs = JSONLReader.read(text, file: file, stem: stem, report: &report)
        case "csv": docs = CSVReader.read(text, file: file, stem: stem, report: &report)
        default: docs = TextFileReader.read(text, file: file, stem: stem, report: &report)
        }
        return (docs, report)
    }

    /// A listed file's text, opened without following links, with what decoding
    /// did reported (nil, and the file reported skipped, when there is none).
    static func readText(_ listed: ListedFile, opener: BeneathOpener, loneCR: Bool, report: inout LoadReport) -> TextDecoding.Decoded? {
        let file = listed.path
        let fd: Int32
        switch opener.openFile(listed.source) {
        case .failure(let failure): report.skip(file, failure.reason); return nil
        case .success(let opened): fd = opened
        }
        defer { close(fd) }
        guard let outcome = TextDecoding.read(fd: fd, loneCR: loneCR) else {
            var info = stat()
            report.skip(file, fstat(fd, &info) == 0 && info.st_mode & S_IFMT != S_IFREG ? "not a regular file" : "unreadable")
            return nil
        }
        switch outcome {
        case .binary: report.skip(file, "binary"); return nil
        case .empty: report.skip(file, "empty"); return nil
        case .text(let decoded):
            reportDecoding(decoded, file: file, into: &report)
            return decoded
        }
    }

    /// The warnings for what decoding did to a file's bytes.
    static func reportDecoding(_ decoded: TextDecoding.Decoded, file: String, into report: inout LoadReport) {
        if decoded.encoding != .utf8 {
            report.utf16Files += 1
            report.warn(file, "\(decoded.encoding.name); read as UTF-16")
        }
        if let bad = decoded.invalidLine {
            report.warn(file, line: bad, decoded.encoding == .utf8 ? "invalid UTF-8; bad bytes replaced with U+FFFD"
                        : "invalid UTF-16 (an unpaired surrogate or an odd last byte); replaced with U+FFFD")
        }
        if let nul = decoded.nulLine {
            report.warn(file, line: nul, decoded.encoding == .utf8
                        ? "NUL byte after the first 8 KiB (so the file is not taken as binary); kept in the text"
                        : "NUL character; kept in the text")
        }
        if decoded.loneCR { report.warn(file, "line breaks that are a lone CR (classic Mac) are read as LF") }
    }

    /// YYYY, YYYY-MM or YYYY-MM-DD with a real month and day.
    public static func isISODate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return false }
        let n = parts.map { Int($0)! }
        if n.count >= 2, !(1...12).contains(n[1]) { return false }
        if n.count == 3 {
            let days = [31, (n[0] % 4 == 0 && (n[0] % 100 != 0 || n[0] % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            if !(1...days[n[1] - 1]).contains(n[2]) { return false }
        }
        return true
    }

    /// metadata.csv: a `file` column naming a document file, other columns as fields.
    static func readSidecar(_ listed: ListedFile, opener: BeneathOpener, report: inout LoadReport) -> [String: (line: Int, fields: [(String, String)])] {
        // Decoded like a document file: a byte-order mark (as spreadsheets write) is dropped.
        var own = LoadReport()
        guard let decoded = readText(listed, opener: opener, loneCR: true, report: &own) else {
            let reason = own.skipped.first?.reason ?? "unreadable"
            report.warn(sidecarName, "\(reason); ignored")
            return [:]
        }
        report.append(own)
        let text = decoded.text
        let (records, problems) = CSVParser.parse(text)
        for p in problems { report.warn(sidecarName, line: p.line, "malformed CSV: \(p.message)") }
        // Rows name a document file ('file' column) or, failing that, a document id ('id' column).
        guard let header = records.first?.fields.map({ FrontMatter.trimmed($0) }),
              let fileColumn = header.firstIndex(where: { ["file", "filename", "path"].contains($0.lowercased()) })
                ?? header.firstIndex(where: { $0.lowercased() == "id" }) else {
            report.warn(sidecarName, "needs a 'file' or an 'id' column; ignored")
            return [:]
        }
        let byID = !["file", "filename", "path"].contains(header[fileColumn].lowercased())
        var out: [String: (line: Int, fields: [(String, String)])] = [:]
        for record in records.dropFirst() {
            guard record.fields.count == header.count else {
                report.warn(sidecarName, line: record.line, "row has \(record.fields.count) fields, the header has \(header.count); row skipped")
                continue
            }
            var fields: [(String, String)] = []
            for (i, name) in header.enumerated() where i != fileColumn && !name.isEmpty && !record.fields[i].isEmpty {
                fields.append((name, record.fields[i]))
            }
            // The first row for a file or id wins: a later one is reported, not merged.
            let key = (byID ? Self.idKeyPrefix : "") + record.fields[fileColumn]
            if let first = out[key] {
                report.warn(sidecarName, line: record.line,
                            "duplicate \(byID ? "id" : "file") '\(record.fields[fileColumn])' (first on line \(first.line)); this row is ignored")
                continue
            }
            out[key] = (record.line, fields)
        }
        return out
    }
}
