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
        let files: [String]
        do { files = try listFiles(root: root, report: &report) } catch { throw CorpusError.unreadable(path, "\(error.localizedDescription)") }

        let sidecar = files.contains(sidecarName) ? readSidecar(root: root, report: &report) : [:]
        var usedSidecar = Set<String>()
        var builder = CorpusBuilder()
        var firstFile: [String: String] = [:]

        // Files are read and parsed on all cores; what follows depends on the
        // files before (duplicate ids), so it runs in file order.
        let documentFiles = files.filter { $0 != sidecarName }
        let rootPath = root.path
        progress?.filesTotal.store(documentFiles.count, ordering: .relaxed)
        let readerOf: [DocumentReader?] = readers.isEmpty ? [DocumentReader?](repeating: nil, count: documentFiles.count)
            : documentFiles.map { readers[FileName($0).pathExtension.lowercased()] }
        let tally = { (result: ([RawDocument], LoadReport)) in
            guard let progress else { return }
            progress.filesRead.add(1, ordering: .relaxed)
            progress.bytesRead.add(result.0.reduce(0) { $0 + $1.text.utf8.count }, ordering: .relaxed)
        }
        let byReader = Set(readerOf.indices.filter { readerOf[$0] != nil })
        // Files are opened from the corpus folder's descriptor (when it opens).
        let rootFolder = open(rootPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if rootFolder >= 0 { close(rootFolder) } }
        var read = Parallel.map(documentFiles.count, workers: Parallel.workerCount) { i, _ in
            if byReader.contains(i) { return ([RawDocument](), LoadReport()) }   // read below
            let result = readDocuments(rootPath: rootPath, file: documentFiles[i], folder: rootFolder)
            tally(result)
            return result
        }
        // Plugins' readers run Lua, which is single-threaded: one file at a time, here.
        for i in byReader.sorted() {
            read[i] = readDocuments(rootPath: rootPath, file: documentFiles[i], reader: readerOf[i])
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
        releaseFreedMemory()
        return (corpus, report)
    }

    /// Hands the heap pages that loading used and freed (file buffers, per-thread
    /// token arrays before the merge) back to the system; glibc keeps them otherwise,
    /// and they would count against the session's resident memory for its lifetime.
    static func releaseFreedMemory() {
        #if canImport(Glibc)
        // malloc_trim is glibc's (malloc.h, which the Glibc module leaves out): found at run time.
        typealias Trim = @convention(c) (Int) -> Int32
        if let symbol = dlsym(nil, "malloc_trim") { _ = unsafeBitCast(symbol, to: Trim.self)(0) }
        #endif
    }

    /// One document file's documents, with the warnings and skips it caused
    /// (in a report of its own, so files can be read in parallel).
    static func readDocuments(rootPath: String, file: String, reader: DocumentReader? = nil, folder: Int32 = -1) -> ([RawDocument], LoadReport) {
        var report = LoadReport()
        let name = FileName(file)
        let ext = name.pathExtension.lowercased()
        guard reader != nil || builtInExtensions.contains(ext) else {
            report.skip(file, ext.isEmpty ? "no file extension" : "unsupported file type .\(ext)")
            return ([], report)
        }
        report.files += 1
        guard let outcome = TextDecoding.read(path: rootPath + "/" + file, folder: folder, relative: file) else {
            report.skip(file, "unreadable")
            return ([], report)
        }
        let text: String
        switch outcome {
        case .binary: report.skip(file, "binary"); return ([], report)
        case .empty: report.skip(file, "empty"); return ([], report)
        case .text(let t, let bad):
            if let bad { report.warn(file, line: bad, "invalid UTF-8; bad bytes replaced with U+FFFD") }
            text = t
        }
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

    /// Relative paths of the regular files below root, sorted, hidden entries left out.
    /// A sub-folder that cannot be read, and anything that is not a regular file
    /// (a pipe, a socket, a device: reading it could block), is reported and passed over.
    static func listFiles(root: URL, report: inout LoadReport) throws -> [String] {
        var out: [String] = []
        func walk(_ dir: URL, _ prefix: String, report: inout LoadReport) throws {
            let entries: [(name: String, kind: EntryKind)]
            do { entries = try folderEntries(dir.path).sorted { $0.name < $1.name } } catch {
                if prefix.isEmpty { throw error }
                report.skip(prefix, "unreadable folder")
                return
            }
            for (name, kind) in entries where !name.hasPrefix(".") {
                let rel = prefix.isEmpty ? name : prefix + "/" + name
                switch kind {
                case .regularFile: out.append(rel)
                case .folder: try walk(dir.appendingPathComponent(name), rel, report: &report)
                case .special: report.skip(rel, "not a regular file")
                case .linkOrUnknown:
                    let url = dir.appendingPathComponent(name)
                    let values = try? url.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey, .isRegularFileKey])
                    if values?.isDirectory == true {
                        if values?.isSymbolicLink == true { continue }   // no link loops
                        try walk(url, rel, report: &report)
                    } else if values?.isRegularFile == true {
                        out.append(rel)
                    } else if values?.isSymbolicLink != true || (try? url.resolvingSymlinksInPath().resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) != true {
                        report.skip(rel, "not a regular file")
                    } else {
                        out.append(rel)
                    }
                }
            }
        }
        try walk(root, "", report: &report)
        return out
    }

    enum EntryKind { case regularFile, folder, special, linkOrUnknown }

    /// Why a folder could not be listed, in the system's words ("Permission denied").
    struct FolderError: LocalizedError {
        var reason: String
        var errorDescription: String? { reason }
    }

    /// A folder's entries (not "." and ".."), each with what it is. The kind
    /// comes with the name from readdir on most file systems, so there is no
    /// lstat per file (a few µs each, for every file of the corpus, before any
    /// is read); where readdir does not say, lstat does. A link is not followed.
    static func folderEntries(_ path: String) throws -> [(name: String, kind: EntryKind)] {
        guard let dir = opendir(path) else { throw FolderError(reason: String(cString: strerror(errno))) }
        defer { closedir(dir) }
        var out: [(name: String, kind: EntryKind)] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            let kind: EntryKind
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): kind = .regularFile
            case Int32(DT_DIR): kind = .folder
            case Int32(DT_LNK): kind = .linkOrUnknown
            case Int32(DT_UNKNOWN): kind = entryKind(path + "/" + name)
            default: kind = .special
            }
            out.append((name, kind))
        }
        return out
    }

    /// What a folder entry is, by lstat (a link is not followed).
    static func entryKind(_ path: String) -> EntryKind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .linkOrUnknown }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regularFile
        case S_IFDIR: return .folder
        case S_IFLNK: return .linkOrUnknown
        default: return .special
        }
    }

    /// metadata.csv: a `file` column naming a document file, other columns as fields.
    static func readSidecar(root: URL, report: inout LoadReport) -> [String: (line: Int, fields: [(String, String)])] {
        guard let data = try? Data(contentsOf: root.appendingPathComponent(sidecarName)) else {
            report.warn(sidecarName, "unreadable; ignored")
            return [:]
        }
        // Decoded like a document file: a byte-order mark (as spreadsheets write) is dropped.
        let text: String
        switch TextDecoding.decode(data) {
        case .binary: report.warn(sidecarName, "binary; ignored"); return [:]
        case .empty: report.warn(sidecarName, "empty; ignored"); return [:]
        case .text(let t, let bad):
            if let bad { report.warn(sidecarName, line: bad, "invalid UTF-8; bad bytes replaced with U+FFFD") }
            text = t
        }
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
            out[(byID ? Self.idKeyPrefix : "") + record.fields[fileColumn]] = (record.line, fields)
        }
        return out
    }
}
