import Foundation

/// A file the load reads: the name it is listed under (its id and format come
/// from this) and the file to open, relative to the corpus folder: the same
/// path, or for a link, the real path of its target inside the corpus.
struct ListedFile: Equatable {
    var path: String
    var source: String
    init(_ path: String, source: String? = nil) { self.path = path; self.source = source ?? path }
}

/// Listing the corpus folder: which files are read, and which entries are
/// passed over and why (docs/text.md, "Links").
extension CorpusLoader {
    /// The regular files below root, sorted, hidden entries left out, and the
    /// links that stay inside the corpus, each read once. A sub-folder that
    /// cannot be read, and anything that is not a regular file (a pipe, a
    /// socket, a device: reading it could block), is reported and passed over.
    ///
    /// Links: one that leads out of the corpus folder is refused (its target
    /// named in the warning); one to a folder is not followed (inside, the folder
    /// is read where it is); a dangling link and a link loop are named as such.
    /// A link to a file inside is read under the link's name unless the file is
    /// read under its own name, or through an earlier link, already.
    /// `reads(path)`: whether a file of that name is read as documents at all.
    static func listFiles(root: URL, report: inout LoadReport, reads: (String) -> Bool = { _ in true }) throws -> [ListedFile] {
        // The corpus itself may be given as a link.
        let rootFD = try FileSystem.openFolder(root.path).mapError { FolderError(reason: $0.description) }.get()
        defer { FileSystem.close(rootFD) }
        let realRoot = try FileSystem.realPath(root.path).mapError { FolderError(reason: $0.description) }.get()

        // Skips are kept in place with the files, so warnings come in path order.
        enum Entry { case file(String), link(String, target: String), skip(String, String, detail: String?) }
        var entries: [Entry] = []
        func walk(_ folder: FileSystem.Descriptor, _ prefix: String) throws {
            let listed: [(name: String, kind: EntryKind)]
            switch Result(catching: { try Self.folderEntries(folder: folder) }) {
            case .success(let all): listed = all.sorted { $0.name < $1.name }
            case .failure(let error):
                if prefix.isEmpty { throw error }
                entries.append(.skip(prefix, "unreadable folder", detail: nil))
                return
            }
            for (name, kind) in listed where !name.hasPrefix(".") {
                let rel = prefix.isEmpty ? name : prefix + "/" + name
                switch kind {
                case .regularFile: entries.append(.file(rel))
                case .folder: try descend(folder, name, rel)
                case .special: entries.append(.skip(rel, "not a regular file", detail: nil))
                case .badName: entries.append(.skip(rel, "the file name is not valid UTF-8", detail: nil))
                case .linkOrUnknown:
                    switch resolveLink(rel, folder: folder, name: name, realRoot: realRoot) {
                    case .file(let target): entries.append(.link(rel, target: target))
                    case .skip(let reason, let detail): entries.append(.skip(rel, reason, detail: detail))
                    case .regularFile: entries.append(.file(rel))
                    case .folder: try descend(folder, name, rel)   // readdir could not say
                    }
                }
            }
        }
        // Each folder is opened from its parent's descriptor, not by path: no
        // link on the way is followed, and no path grows past PATH_MAX.
        func descend(_ folder: FileSystem.Descriptor, _ name: String, _ rel: String) throws {
            switch FileSystem.openFolder(name, in: folder) {
            case .failure(let e):
                entries.append(.skip(rel, e == .tooManyOpen || e == .tooManyOpenInSystem ? "folders nested too deeply to open (the open-file limit)"
                                     : e == .accessDenied ? "unreadable folder" : "unreadable folder (\(e))", detail: nil))
            case .success(let child):
                defer { FileSystem.close(child) }
                try walk(child, rel)
            }
        }
        try walk(rootFD, "")

        // A file reachable by several names is read once: under its own name
        // if that is read, else under the first link to it in path order.
        let readByName = Set(entries.compactMap { if case .file(let p) = $0, reads(p) { return p } else { return nil } })
        var firstLink: [String: String] = [:]
        var out: [ListedFile] = []
        for entry in entries {
            switch entry {
            case .file(let path): out.append(ListedFile(path))
            case .skip(let path, let reason, let detail): report.skip(path, reason, detail: detail)
            case .link(let path, let target):
                guard reads(path) else { out.append(ListedFile(path, source: target)); continue }   // skipped by its extension
                if readByName.contains(target) {
                    report.skip(path, "link to a file read under its own name", detail: target)
                } else if let first = firstLink[target] {
                    report.skip(path, "link to a file read through another link", detail: "\(target), read as \(first)")
                } else {
                    firstLink[target] = path
                    out.append(ListedFile(path, source: target))
                }
            }
        }
        return out
    }

    enum LinkOutcome: Equatable {
        case file(String)               // a regular file inside, by its path relative to the corpus
        case regularFile                // the entry is no link after all (readdir could not say)
        case folder
        case skip(String, detail: String?)
    }

    /// What the link `rel` (entry `name` of the open `folder`) leads to. The
    /// target is resolved in full (realpath: every link on the way, and `..`),
    /// then checked against the corpus folder's own real path.
    static func resolveLink(_ rel: String, folder: FileSystem.Descriptor, name: String, realRoot: String) -> LinkOutcome {
        switch FileSystem.kind(of: name, in: folder) {
        case nil: return .skip("gone while loading", detail: nil)
        case .regularFile?: return .regularFile
        case .folder?: return .folder
        case .link?: break
        case .special?: return .skip("not a regular file", detail: nil)
        }
        let written = FileSystem.readLink(name, in: folder) ?? "?"
        let full = realRoot + "/" + rel
        guard full.utf8.count < FileSystem.pathMax else { return .skip("path too long to check where the link leads", detail: written) }
        let target: String
        switch FileSystem.realPath(full) {
        case .success(let real): target = real
        case .failure(.notFound), .failure(.notAFolder): return .skip("dangling link", detail: written)
        case .failure(.loop): return .skip("link loop", detail: written)
        case .failure(.nameTooLong): return .skip("path too long to check where the link leads", detail: written)
        case .failure(let e): return .skip("unreadable link (\(e))", detail: written)
        }
        let inside = target == realRoot || target.hasPrefix(realRoot == "/" ? "/" : realRoot + "/")
        switch FileSystem.kind(ofPath: target) {
        case nil: return .skip("unreadable link (\(FileSystem.Errno.last))", detail: written)
        case .folder?:
            return inside ? .skip("link to a folder; not followed (the folder is read where it is)", detail: written)
                : .skip("link to a folder outside the corpus", detail: target)
        case .regularFile?:
            guard inside else { return .skip("link to a file outside the corpus", detail: target) }
            return .file(String(target.dropFirst(realRoot == "/" ? 1 : realRoot.count + 1)))
        case .link?, .special?:
            return inside ? .skip("link to something that is not a regular file", detail: written)
                : .skip("link to a file outside the corpus", detail: target)
        }
    }

    /// realpath(3); nil when it fails.
    static func realPath(_ path: String) -> String? { try? FileSystem.realPath(path).get() }

    enum EntryKind { case regularFile, folder, special, linkOrUnknown, badName }

    /// Why a folder could not be listed, in the system's words ("Permission denied").
    struct FolderError: LocalizedError {
        var reason: String
        var errorDescription: String? { reason }
    }

    /// A folder's entries (not "." and ".."), each with what it is.
    static func folderEntries(_ path: String) throws -> [(name: String, kind: EntryKind)] {
        let fd = try FileSystem.openFolder(path).mapError { FolderError(reason: $0.description) }.get()
        defer { FileSystem.close(fd) }
        return try folderEntries(folder: fd)
    }

    /// The entries of the open `folder` (which stays open). The kind comes with
    /// the name from readdir on most file systems, so there is no lstat per file
    /// (a system call for every file of the corpus, before any is read); where
    /// readdir does not say, lstat does. A link is not followed. A name that is
    /// not UTF-8 is given with its bad bytes as `\xFF` and the kind `.badName`.
    static func folderEntries(folder: FileSystem.Descriptor) throws -> [(name: String, kind: EntryKind)] {
        let listed = try FileSystem.entries(of: folder).mapError { FolderError(reason: $0.description) }.get()
        var out: [(name: String, kind: EntryKind)] = []
        for entry in listed {
            guard let name = String(validating: entry.name, as: UTF8.self) else {
                out.append((displayName(entry.name), .badName))
                continue
            }
            if name == "." || name == ".." { continue }
            out.append((name, entry.kind.map(Self.kind) ?? entryKind(folder: folder, name)))
        }
        return out
    }

    /// A name that is not UTF-8, readable: valid parts as they are, each bad byte as `\xFF`.
    static func displayName(_ raw: [UInt8]) -> String {
        var out = "", i = 0
        while i < raw.count {
            var j = i + 1
            while j <= raw.count, j - i <= 4, String(validating: raw[i..<j], as: UTF8.self) == nil { j += 1 }
            if j <= raw.count, j - i <= 4, let s = String(validating: raw[i..<j], as: UTF8.self) {
                out += s; i = j
            } else {
                out += "\\x" + String(raw[i], radix: 16, uppercase: true); i += 1
            }
        }
        return out
    }

    /// What a folder entry is, by lstat (a link is not followed).
    static func entryKind(_ path: String) -> EntryKind {
        FileSystem.kind(ofPath: path, followingLink: false).map(kind) ?? .linkOrUnknown
    }

    static func entryKind(folder: FileSystem.Descriptor, _ name: String) -> EntryKind {
        FileSystem.kind(of: name, in: folder).map(kind) ?? .linkOrUnknown
    }

    private static func kind(_ kind: FileSystem.Kind) -> EntryKind {
        switch kind {
        case .regularFile: return .regularFile
        case .folder: return .folder
        case .link: return .linkOrUnknown
        case .special: return .special
        }
    }
}
