import Foundation

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
        let root = try corpusFolder(path)
        var report = LoadReport()
        let files = try listFiles(root, path: path, readers: readers, report: &report)
        // Every file is opened from the corpus folder's descriptor, following no link (BeneathOpener).
        let folder = try FileSystem.openFolder(root.path).mapError { CorpusError.unreadable(path, $0.description) }.get()
        defer { FileSystem.close(folder) }
        let sidecar = readSidecar(among: files, folder: folder, report: &report)
        let documentFiles = files.filter { $0.path != sidecarName }
        let read = readAll(documentFiles, folder: folder, readers: readers, progress: progress)
        var merge = DocumentMerge(sidecar: sidecar, documentByteLimit: documentByteLimit)
        for (file, (documents, fileReport)) in zip(documentFiles, read) {
            report.append(fileReport)
            merge.add(documents, from: file.path, report: &report)
        }
        merge.reportUnusedSidecarRows(&report)
        let corpus = merge.builder.build(root: path, progress: progress)
        report.documents = corpus.documents.count
        report.tokens = corpus.tokenCount
        FreedMemory.release()
        return (corpus, report)
    }

    /// The corpus folder's URL, once it is known to be a folder.
    private static func corpusFolder(_ path: String) throws -> URL {
        switch FileSystem.kind(ofPath: path) {
        case nil: throw CorpusError.notFound(path)
        case .folder?: return URL(fileURLWithPath: path).standardizedFileURL
        case _?: throw CorpusError.notAFolder(path)
        }
    }

    /// The rows of metadata.csv, if the listing has one.
    private static func readSidecar(among files: [ListedFile], folder: FileSystem.Descriptor, report: inout LoadReport) -> SidecarRows {
        guard let file = files.first(where: { $0.path == sidecarName }) else { return [:] }
        return readSidecar(file, opener: BeneathOpener(root: folder), report: &report)
    }

    /// The files to read: those of a built-in extension or one a reader was given for.
    private static func listFiles(_ root: URL, path: String, readers: [String: DocumentReader],
                                  report: inout LoadReport) throws -> [ListedFile] {
        do {
            return try listFiles(root: root, report: &report) { file in
                let ext = FileName(file).pathExtension.lowercased()
                return builtInExtensions.contains(ext) || readers[ext] != nil
            }
        } catch {
            throw CorpusError.unreadable(path, "\(error.localizedDescription)")
        }
    }

    /// Every document file's documents and report, in file order. Built-in
    /// readers run on all cores, an opener per thread; plugins' readers run
    /// Lua, which is single-threaded, so their files are read afterwards, one
    /// at a time, on this thread.
    private static func readAll(_ files: [ListedFile], folder: FileSystem.Descriptor, readers: [String: DocumentReader],
                                progress: LoadProgress?) -> [([RawDocument], LoadReport)] {
        progress?.filesTotal.store(files.count, ordering: .relaxed)
        let readerOf = readers.isEmpty ? [:] : files.indices.reduce(into: [Int: DocumentReader]()) { byIndex, i in
            byIndex[i] = readers[FileName(files[i].path).pathExtension.lowercased()]
        }
        let byPlugin = Set(readerOf.keys)
        var read = Parallel.map(files.count, state: { BeneathOpener(root: folder) }) { i, opener in
            if byPlugin.contains(i) { return ([RawDocument](), LoadReport()) }   // read below
            let result = readDocuments(files[i], opener: opener)
            tally(result, into: progress)
            return result
        }
        let opener = BeneathOpener(root: folder)
        for (i, reader) in readerOf.sorted(by: { $0.key < $1.key }) {
            read[i] = readDocuments(files[i], opener: opener, reader: reader)
            tally(read[i], into: progress)
        }
        return read
    }

    private static func tally(_ read: ([RawDocument], LoadReport), into progress: LoadProgress?) {
        guard let progress else { return }
        progress.filesRead.add(1, ordering: .relaxed)
        progress.bytesRead.add(read.0.reduce(0) { $0 + $1.text.utf8.count }, ordering: .relaxed)
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
        defer { FileSystem.close(fd) }
        guard let outcome = TextDecoding.read(fd: fd, loneCR: loneCR) else {
            let kind = FileSystem.status(fd)?.kind
            report.skip(file, kind != nil && kind != .regularFile ? "not a regular file" : "unreadable")
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

    /// metadata.csv's rows, keyed by file path or (with `idKeyPrefix`) document id.
    typealias SidecarRows = [String: (line: Int, fields: [(String, String)])]

    /// metadata.csv: a `file` column naming a document file, other columns as fields.
    static func readSidecar(_ listed: ListedFile, opener: BeneathOpener, report: inout LoadReport) -> SidecarRows {
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
        var out: SidecarRows = [:]
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
