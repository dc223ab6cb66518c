
/// Opens files below the corpus folder one path component at a time from the
/// folder's descriptor, following no link on the way (O_NOFOLLOW on every
/// component). So what is opened is what the listing saw inside the corpus: a
/// file or folder swapped for a link after the listing fails to open instead of
/// leading out (no check-then-open race), and a path longer than PATH_MAX opens
/// too (each call names one component). Not shared between threads: each
/// worker has its own, which keeps the last folder it opened, so the files of
/// one folder cost one open each.
final class BeneathOpener {
    /// Why a path did not open.
    enum Failure: Error, Equatable {
        case isLink              // the last component is a link (it was not when listed)
        case folderChanged       // a folder on the way is a link or no folder now
        case notFound
        case system(FileSystem.Errno)

        var reason: String {
            switch self {
            case .isLink: return "became a link while loading; not followed"
            case .folderChanged: return "a folder on its path became a link while loading; not followed"
            case .notFound: return "gone while loading"
            case .system(.accessDenied): return "unreadable"
            case .system(.nameTooLong): return "path too long"
            case .system(let e): return "unreadable (\(e))"
            }
        }
    }

    private let root: FileSystem.Descriptor
    private var cachedFolder: String?
    private var cachedFD: FileSystem.Descriptor = -1

    /// `root`: the corpus folder's descriptor, owned by the caller.
    init(root: FileSystem.Descriptor) { self.root = root }

    deinit { if cachedFD >= 0 { FileSystem.close(cachedFD) } }

    /// The descriptor of the file at `path` (components joined by "/", relative
    /// to the corpus folder), for the caller to close.
    func openFile(_ path: String) -> Result<FileSystem.Descriptor, Failure> {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let base: FileSystem.Descriptor
        if folder.isEmpty {
            base = root
        } else if folder == cachedFolder {
            base = cachedFD
        } else {
            switch openFolder(folder) {
            case .failure(let f): return .failure(f)
            case .success(let fd):
                if cachedFD >= 0 { FileSystem.close(cachedFD) }
                cachedFolder = folder
                cachedFD = fd
                base = fd
            }
        }
        return FileSystem.openFile(name, in: base).mapError { Self.failure($0, last: true) }
    }

    /// The descriptor of the folder at `path` below the corpus folder, opened
    /// component by component without following links; for the caller to close.
    func openFolder(_ path: String) -> Result<FileSystem.Descriptor, Failure> {
        Self.openFolder(path, from: root)
    }

    static func openFolder(_ path: String, from root: FileSystem.Descriptor) -> Result<FileSystem.Descriptor, Failure> {
        var current = root
        for component in path.split(separator: "/") {
            let next = FileSystem.openFolder(String(component), in: current)
            if current != root { FileSystem.close(current) }
            switch next {
            case .failure(let error): return .failure(failure(error, last: false))
            case .success(let fd): current = fd
            }
        }
        if current == root {   // "": the corpus folder itself, as a descriptor of its own
            return FileSystem.duplicate(root).mapError { .system($0) }
        }
        return .success(current)
    }

    private static func failure(_ error: FileSystem.Errno, last: Bool) -> Failure {
        switch error {
        case .loop: return last ? .isLink : .folderChanged
        case .notAFolder: return .folderChanged
        case .notFound: return .notFound
        default: return .system(error)
        }
    }
}
