#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The POSIX calls LoupeCore makes, in one place, for the platforms
/// Package.swift names: Linux (Glibc) and macOS (Darwin). Everything else in
/// LoupeCore speaks of descriptors, kinds of file and `Errno`s, not of
/// `stat` structures, flags or the C library's globals.
enum FileSystem {
    /// An open file or folder, for the caller to `close`.
    typealias Descriptor = Int32

    /// Why a call failed, in the system's own words when printed.
    struct Errno: Error, Equatable, CustomStringConvertible {
        let code: Int32

        /// The calling thread's last error.
        static var last: Errno { Errno(code: errno) }

        static let accessDenied = Errno(code: EACCES)
        static let exists = Errno(code: EEXIST)
        static let interrupted = Errno(code: EINTR)
        static let loop = Errno(code: ELOOP)
        static let nameTooLong = Errno(code: ENAMETOOLONG)
        static let notFound = Errno(code: ENOENT)
        static let notAFolder = Errno(code: ENOTDIR)
        static let tooManyOpen = Errno(code: EMFILE)
        static let tooManyOpenInSystem = Errno(code: ENFILE)
        /// The ways a file system says it has no hard links.
        static let noHardLinks = [Errno(code: EPERM), Errno(code: ENOTSUP), Errno(code: EOPNOTSUPP), Errno(code: EMLINK)]

        var description: String { String(cString: strerror(code)) }
    }

    enum Kind: Equatable { case regularFile, folder, link, special }

    static let pathMax = Int(PATH_MAX)

    // MARK: Opening

    /// A folder by path; a link to a folder is followed unless `followingLink` is false.
    static func openFolder(_ path: String, followingLink: Bool = true) -> Result<Descriptor, Errno> {
        opened(open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | (followingLink ? 0 : O_NOFOLLOW)))
    }

    /// The folder `name` inside `folder`, not followed if it is a link.
    static func openFolder(_ name: String, in folder: Descriptor) -> Result<Descriptor, Errno> {
        opened(openat(folder, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC))
    }

    /// The file `name` inside `folder` for reading, not followed if it is a
    /// link; non-blocking, so a pipe swapped in for a file does not hang the open.
    static func openFile(_ name: String, in folder: Descriptor) -> Result<Descriptor, Errno> {
        opened(openat(folder, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK))
    }

    /// A new file for writing, failing with `.exists` if there is one.
    static func createNew(_ path: String) -> Result<Descriptor, Errno> {
        opened(open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644))
    }

    /// A second descriptor for the same open file or folder.
    static func duplicate(_ fd: Descriptor) -> Result<Descriptor, Errno> { opened(dup(fd)) }

    @discardableResult
    static func close(_ fd: Descriptor) -> Errno? { systemClose(fd) == 0 ? nil : .last }

    private static func opened(_ fd: Int32) -> Result<Descriptor, Errno> { fd >= 0 ? .success(fd) : .failure(.last) }

    // MARK: What a file is

    /// What is at `path`: a link is followed unless `followingLink` is false; nil when there is nothing.
    static func kind(ofPath path: String, followingLink: Bool = true) -> Kind? {
        var info = stat()
        guard (followingLink ? stat(path, &info) : lstat(path, &info)) == 0 else { return nil }
        return kind(info)
    }

    /// What the entry `name` of `folder` is, a link not followed.
    static func kind(of name: String, in folder: Descriptor) -> Kind? {
        var info = stat()
        guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        return kind(info)
    }

    /// What the open `fd` is, and its size in bytes.
    static func status(_ fd: Descriptor) -> (kind: Kind, size: Int)? {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        return (kind(info), Int(info.st_size))
    }

    private static func kind(_ info: stat) -> Kind {
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regularFile
        case S_IFDIR: return .folder
        case S_IFLNK: return .link
        default: return .special
        }
    }

    /// realpath(3): every link on the way followed, `.` and `..` removed.
    static func realPath(_ path: String) -> Result<String, Errno> {
        guard let resolved = realpath(path, nil) else { return .failure(.last) }
        defer { free(resolved) }
        return .success(String(cString: resolved))
    }

    /// What the link `name` in `folder` says, as written.
    static func readLink(_ name: String, in folder: Descriptor) -> String? {
        var buffer = [CChar](repeating: 0, count: pathMax + 1)
        let n = readlinkat(folder, name, &buffer, pathMax)
        guard n >= 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    // MARK: Folders

    /// One entry of a folder: its name's bytes, and its kind when the listing
    /// says (most file systems do; nil where `kind(of:in:)` must ask).
    struct Entry {
        var name: [UInt8]
        var kind: Kind?
    }

    /// The entries of the open `folder` (which stays open), "." and ".." among them.
    static func entries(of folder: Descriptor) -> Result<[Entry], Errno> {
        let own = dup(folder)   // closedir closes the descriptor it is given
        guard own >= 0, let dir = fdopendir(own) else {
            let e = Errno.last
            if own >= 0 { _ = systemClose(own) }
            return .failure(e)
        }
        defer { closedir(dir) }
        rewinddir(dir)
        var out: [Entry] = []
        while let entry = readdir(dir) {
            let name: [UInt8] = withUnsafePointer(to: entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: UInt8.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) {
                    Array(UnsafeBufferPointer(start: $0, count: strlen(UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))))
                }
            }
            let kind: Kind?
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): kind = .regularFile
            case Int32(DT_DIR): kind = .folder
            case Int32(DT_LNK): kind = .link
            case Int32(DT_UNKNOWN): kind = nil
            default: kind = .special
            }
            out.append(Entry(name: name, kind: kind))
        }
        return .success(out)
    }

    // MARK: Reading and writing

    /// Reads into `buffer` from the current offset; the bytes read (0 at the end).
    static func read(_ fd: Descriptor, into buffer: UnsafeMutableRawBufferPointer) -> Result<Int, Errno> {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return .success(0) }
        while true {
            let n = systemRead(fd, base, buffer.count)
            if n >= 0 { return .success(n) }
            if Errno.last != .interrupted { return .failure(.last) }
        }
    }

    /// Back to the file's start.
    static func rewind(_ fd: Descriptor) -> Bool { lseek(fd, 0, SEEK_SET) == 0 }

    /// Writes all of `bytes`.
    static func write(_ fd: Descriptor, _ bytes: UnsafeRawBufferPointer) -> Errno? {
        guard let base = bytes.baseAddress else { return nil }
        var offset = 0
        while offset < bytes.count {
            let n = systemWrite(fd, base + offset, bytes.count - offset)
            if n < 0 {
                if Errno.last == .interrupted { continue }
                return .last
            }
            offset += n
        }
        return nil
    }

    /// Flushes what was written to `fd` to the disk.
    static func sync(_ fd: Descriptor) -> Errno? { fsync(fd) == 0 ? nil : .last }

    /// rename(2): `to` replaced if it exists.
    static func rename(_ from: String, to: String) -> Errno? { systemRename(from, to) == 0 ? nil : .last }

    /// link(2): fails with `.exists` rather than replace `to`.
    static func link(_ from: String, to: String) -> Errno? { systemLink(from, to) == 0 ? nil : .last }

    @discardableResult
    static func remove(_ path: String) -> Errno? { unlink(path) == 0 ? nil : .last }

    // MARK: Processes

    static var processID: Int32 { getpid() }

    /// Whether a process `pid` exists (someone's: it may not be ours to signal).
    static func processExists(_ pid: Int32) -> Bool { kill(pid, 0) == 0 || errno != ESRCH }

    // MARK: Memory

    /// Asks for huge pages for the `length` bytes at `start` (Linux only; only advice).
    static func adviseHugePages(_ start: UnsafeMutableRawPointer, length: Int) {
        #if os(Linux)
        _ = madvise(start, length, MADV_HUGEPAGE)
        #endif
    }

    /// Hands the heap's freed pages back to the system (glibc keeps them otherwise).
    static func releaseFreedHeap() {
        #if canImport(Glibc)
        // malloc_trim is glibc's (malloc.h, which the Glibc module leaves out): found at run time.
        typealias Trim = @convention(c) (Int) -> Int32
        if let symbol = dlsym(nil, "malloc_trim") { _ = unsafeBitCast(symbol, to: Trim.self)(0) }
        #endif
    }
}

// The C library's calls whose names the facade's own methods take.
#if canImport(Glibc)
private func systemClose(_ fd: Int32) -> Int32 { Glibc.close(fd) }
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { Glibc.read(fd, buffer, count) }
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { Glibc.write(fd, buffer, count) }
private func systemRename(_ from: String, _ to: String) -> Int32 { Glibc.rename(from, to) }
private func systemLink(_ from: String, _ to: String) -> Int32 { Glibc.link(from, to) }
#elseif canImport(Darwin)
private func systemClose(_ fd: Int32) -> Int32 { Darwin.close(fd) }
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { Darwin.read(fd, buffer, count) }
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { Darwin.write(fd, buffer, count) }
private func systemRename(_ from: String, _ to: String) -> Int32 { Darwin.rename(from, to) }
private func systemLink(_ from: String, _ to: String) -> Int32 { Darwin.link(from, to) }
#endif
