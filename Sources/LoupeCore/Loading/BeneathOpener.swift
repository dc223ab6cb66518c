import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
        case system(Int32)       // errno

        var reason: String {
            switch self {
            case .isLink: return "became a link while loading; not followed"
            case .folderChanged: return "a folder on its path became a link while loading; not followed"
            case .notFound: return "gone while loading"
            case .system(let e) where e == EACCES: return "unreadable"
            case .system(let e) where e == ENAMETOOLONG: return "path too long"
            case .system(let e): return "unreadable (\(String(cString: strerror(e))))"
            }
        }
    }

    private let root: Int32
    private var cachedFolder: String?
    private var cachedFD: Int32 = -1

    /// `root`: the corpus folder's descriptor, owned by the caller.
    init(root: Int32) { self.root = root }

    deinit { if cachedFD >= 0 { close(cachedFD) } }

    static let folderFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC
    /// O_NONBLOCK: a pipe swapped in for a file must not block the open.
    static let fileFlags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK

    /// The descriptor of the file at `path` (components joined by "/", relative
    /// to the corpus folder), for the caller to close.
    func openFile(_ path: String) -> Result<Int32, Failure> {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let base: Int32
        if folder.isEmpty {
            base = root
        } else if folder == cachedFolder {
            base = cachedFD
        } else {
            switch openFolder(folder) {
            case .failure(let f): return .failure(f)
            case .success(let fd):
                if cachedFD >= 0 { close(cachedFD) }
                cachedFolder = folder
                cachedFD = fd
                base = fd
            }
        }
        let fd = openat(base, name, Self.fileFlags)
        if fd >= 0 { return .success(fd) }
        return .failure(Self.failure(errno, last: true))
    }

    /// The descriptor of the folder at `path` below the corpus folder, opened
    /// component by component without following links; for the caller to close.
    func openFolder(_ path: String) -> Result<Int32, Failure> {
        Self.openFolder(path, from: root)
    }

    static func openFolder(_ path: String, from root: Int32) -> Result<Int32, Failure> {
        var current = root
        for component in path.split(separator: "/") {
            let next = openat(current, String(component), folderFlags)
            let error = errno
            if current != root { close(current) }
            guard next >= 0 else { return .failure(failure(error, last: false)) }
            current = next
        }
        if current == root {   // "": the corpus folder itself, as a descriptor of its own
            let fd = dup(root)
            return fd >= 0 ? .success(fd) : .failure(.system(errno))
        }
        return .success(current)
    }

    private static func failure(_ error: Int32, last: Bool) -> Failure {
        switch error {
        case ELOOP: return last ? .isLink : .folderChanged
        case ENOTDIR: return .folderChanged
        case ENOENT: return .notFound
        default: return .system(error)
        }
    }
}
