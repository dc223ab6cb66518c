import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
        let rootFD = open(root.path, BeneathOpener.folderFlags & ~O_NOFOLLOW)   // the corpus may be given as a link
        guard rootFD >= 0 else { throw FolderError(reason: String(cString: strerror(errno))) }
        defer { close(rootFD) }
        guard let realRoot = realPath(root.path) else { throw FolderError(reason: String(cString: strerror(errno))) }

        // Skips are kept in place with the files, so warnings come in path order.
        enum Entry { case file(String), link(String, target: String), skip(String, String, detail: String?) }
        var entries: [Entry] = []
        func walk(_ folder: Int32, _ prefix: String) throws {
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
        func descend(_ folder: Int32, _ name: String, _ rel: String) throws {
            let child = openat(folder, name, BeneathOpener.folderFlags)
            guard child >= 0 else {
                let e = errno
                entries.append(.skip(rel, e == EMFILE || e == ENFILE ? "folders nested too deeply to open (the open-file limit)"
                                     : e == EACCES ? "unreadable folder" : "unreadable folder (\(String(cString: strerror(e))))", detail: nil))
                return
            }
            defer { close(child) }
            try walk(child, rel)
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
    static func resolveLink(_ rel: String, folder: Int32, name: String, realRoot: String) -> LinkOutcome {
        var info = stat()
        guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return .skip("gone while loading", detail: nil) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regularFile
        case S_IFDIR: return .folder
        case S_IFLNK: break
        default: return .skip("not a regular file", detail: nil)
        }
        let written = readLink(folder: folder, name: name) ?? "?"
        let full = realRoot + "/" + rel
        guard full.utf8.count < Int(PATH_MAX) else { return .skip("path too long to check where the link leads", detail: written) }
        guard let target = realPath(full) else {
            switch errno {
            case ENOENT, ENOTDIR: return .skip("dangling link", detail: written)
            case ELOOP: return .skip("link loop", detail: written)
            case ENAMETOOLONG: return .skip("path too long to check where the link leads", detail: written)
            default: return .skip("unreadable link (\(String(cString: strerror(errno))))", detail: written)
            }
        }
        let inside = target == realRoot || target.hasPrefix(realRoot == "/" ? "/" : realRoot + "/")
        var targetInfo = stat()
        guard stat(target, &targetInfo) == 0 else { return .skip("unreadable link (\(String(cString: strerror(errno))))", detail: written) }
        switch targetInfo.st_mode & S_IFMT {
        case S_IFDIR:
            return inside ? .skip("link to a folder; not followed (the folder is read where it is)", detail: written)
                : .skip("link to a folder outside the corpus", detail: target)
        case S_IFREG:
            guard inside else { return .skip("link to a file outside the corpus", detail: target) }
            return .file(String(target.dropFirst(realRoot == "/" ? 1 : realRoot.count + 1)))
        default:
            return inside ? .skip("link to something that is not a regular file", detail: written)
                : .skip("link to a file outside the corpus", detail: target)
        }
    }

    /// realpath(3), nil with errno set when it fails.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// What a link says, as written (for messages).
    static func readLink(folder: Int32, name: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlinkat(folder, name, &buffer, Int(PATH_MAX))
        guard n >= 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    enum EntryKind { case regularFile, folder, special, linkOrUnknown, badName }

    /// Why a folder could not be listed, in the system's words ("Permission denied").
    struct FolderError: LocalizedError {
        var reason: String
        var errorDescription: String? { reason }
    }

    /// A folder's entries (not "." and ".."), each with what it is.
    static func folderEntries(_ path: String) throws -> [(name: String, kind: EntryKind)] {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw FolderError(reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        return try folderEntries(folder: fd)
    }

    /// The entries of the open `folder` (which stays open). The kind comes with
    /// the name from readdir on most file systems, so there is no lstat per file
    /// (a few µs each, for every file of the corpus, before any is read); where
    /// readdir does not say, lstat does. A link is not followed. A name that is
    /// not UTF-8 is given with its bad bytes as `\xFF` and the kind `.badName`.
    static func folderEntries(folder: Int32) throws -> [(name: String, kind: EntryKind)] {
        let own = dup(folder)   // closedir closes the descriptor it was given
        guard own >= 0, let dir = fdopendir(own) else {
            let e = errno
            if own >= 0 { close(own) }
            throw FolderError(reason: String(cString: strerror(e)))
        }
        defer { closedir(dir) }
        rewinddir(dir)
        var out: [(name: String, kind: EntryKind)] = []
        while let entry = readdir(dir) {
            let raw: [UInt8] = withUnsafePointer(to: entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: UInt8.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) {
                    Array(UnsafeBufferPointer(start: $0, count: strlen(UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))))
                }
            }
            guard let name = String(validating: raw, as: UTF8.self) else {
                out.append((displayName(raw), .badName))
                continue
            }
            if name == "." || name == ".." { continue }
            let kind: EntryKind
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): kind = .regularFile
            case Int32(DT_DIR): kind = .folder
            case Int32(DT_LNK): kind = .linkOrUnknown
            case Int32(DT_UNKNOWN): kind = entryKind(folder: folder, name)
            default: kind = .special
            }
            out.append((name, kind))
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
        var info = stat()
        guard lstat(path, &info) == 0 else { return .linkOrUnknown }
        return kind(info)
    }

    static func entryKind(folder: Int32, _ name: String) -> EntryKind {
        var info = stat()
        guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return .linkOrUnknown }
        return kind(info)
    }

    private static func kind(_ info: stat) -> EntryKind {
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regularFile
        case S_IFDIR: return .folder
        case S_IFLNK: return .linkOrUnknown
        default: return .special
        }
    }
}
