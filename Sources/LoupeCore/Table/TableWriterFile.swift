import Foundation

/// Writing a table to a file, atomically: the text goes to a temporary file in the same
/// folder, which then takes the final name (rename(2), or link(2) when an existing file
/// must not be replaced, so a file that appears meanwhile is not overwritten either).
/// A failure leaves no temporary file behind; one left by a killed writer is removed by
/// the next write of the same name (its name holds the dead writer's pid).
extension Table {
    /// Writes the table to `path` in the format its extension names; returns the path written.
    /// `policy` decides where: a relative path is taken inside its output folder, and the file
    /// must stay inside it (PathPolicy.writablePath); the script's `overwrite` replaces a file
    /// only when the policy has the command line's consent too. Without a policy (Loupe's own
    /// files, such as the class results) a relative path is taken inside `outputFolder`.
    @discardableResult
    public func write(to path: String, policy: PathPolicy?, outputFolder: String = ".", overwrite: Bool = false) throws -> String {
        let format = try TableFormat(path: path)
        let target: String
        if let policy {
            target = try policy.writablePath(path)
        } else {
            target = path.hasPrefix("/") ? path : outputFolder + "/" + path
        }
        let title = ((target as NSString).lastPathComponent as NSString).deletingPathExtension
        try TableFileWriter.write(Array(format.encode(self, title: title).utf8), to: target,
                                  overwrite: overwrite && (policy?.mayReplace ?? true))
        return target
    }
}

/// The atomic write itself, for any bytes.
public enum TableFileWriter {
    public static func write(_ bytes: [UInt8], to target: String, overwrite: Bool) throws {
        var st = stat()
        if lstat(target, &st) == 0 {
            guard (st.st_mode & S_IFMT) == S_IFREG else { throw TableWriteError.notAFile(target) }
            guard overwrite else { throw TableWriteError.exists(target) }
        }
        let folder = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        removeStaleTemporaries(folder: folder, name: name)
        var temp = ""
        var fd: Int32 = -1
        for _ in 0..<20 {
            temp = (folder.isEmpty ? "" : folder + "/") + temporaryName(name, pid: getpid(), random: UInt32.random(in: 0...UInt32.max))
            fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw TableWriteError.system(target, String(cString: strerror(errno))) }
        var closed = false
        var placed = false
        defer {
            if !closed { close(fd) }
            if !placed { unlink(temp) }
        }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { buf in buf.baseAddress.map { systemWrite(fd, $0 + offset, bytes.count - offset) } ?? 0 }
            if n < 0 {
                if errno == EINTR { continue }
                throw TableWriteError.system(target, String(cString: strerror(errno)))
            }
            offset += n
        }
        if fsync(fd) != 0 { throw TableWriteError.system(target, String(cString: strerror(errno))) }
        closed = true
        if close(fd) != 0 { throw TableWriteError.system(target, String(cString: strerror(errno))) }
        if overwrite {
            guard rename(temp, target) == 0 else { throw TableWriteError.system(target, String(cString: strerror(errno))) }
        } else {
            if link(temp, target) == 0 {
                unlink(temp)
            } else {
                let e = errno
                if e == EEXIST || lstat(target, &st) == 0 { throw TableWriteError.exists(target) }
                // a file system without hard links: checked above, then rename (a tiny race instead of none)
                guard e == EPERM || e == ENOTSUP || e == EOPNOTSUPP || e == EMLINK else {
                    throw TableWriteError.system(target, String(cString: strerror(e)))
                }
                guard rename(temp, target) == 0 else { throw TableWriteError.system(target, String(cString: strerror(errno))) }
            }
        }
        placed = true
        WrittenFiles.shared.record(target, bytes)
    }

    /// `.NAME.PID.RANDOM.tmp`: hidden, and naming the process that writes it.
    static func temporaryName(_ name: String, pid: Int32, random: UInt32) -> String {
        ".\(name).\(pid).\(random).tmp"
    }

    /// Removes `.NAME.PID.RANDOM.tmp` files in `folder` whose writer is no longer alive
    /// (killed mid-write: kill -9 runs no cleanup). A live writer's file, or one whose pid is
    /// now another live process, is left alone; so are files of any other pattern.
    static func removeStaleTemporaries(folder: String, name: String) {
        let dir = folder.isEmpty ? "." : folder
        // Once per folder and name in a process: a dead writer's files do not come back, and a
        // script writing thousands of files should not list the folder for each.
        guard StaleScan.shared.firstTime(dir + "/" + name) else { return }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        let prefix = "." + name + "."
        for entry in entries where entry.hasPrefix(prefix) && entry.hasSuffix(".tmp") {
            let middle = entry.dropFirst(prefix.count).dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
            guard middle.count == 2, let pid = Int32(middle[0]), pid > 0, UInt32(middle[1]) != nil else { continue }
            if pid == getpid() || kill(pid, 0) == 0 || errno != ESRCH { continue }
            let path = dir + "/" + entry
            var st = stat()
            guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
            unlink(path)
        }
    }
}

/// The folder-and-name pairs already scanned for dead writers' temporary files.
final class StaleScan: @unchecked Sendable {
    static let shared = StaleScan()
    private let lock = NSLock()
    private var seen = Set<String>()
    func firstTime(_ key: String) -> Bool { lock.lock(); defer { lock.unlock() }; return seen.insert(key).inserted }
}

/// What this process's writers wrote, hashed from the bytes as they were written (not read back
/// from disk later, where another run may have replaced them): a run's manifest records these.
/// Recording starts with `start()`, so a process that keeps no manifest hashes nothing.
public final class WrittenFiles: @unchecked Sendable {
    public static let shared = WrittenFiles()
    public struct Record: Equatable, Sendable { public let bytes: Int; public let sha256: String }
    private let lock = NSLock()
    private var recording = false
    private var records: [String: Record] = [:]

    public func start() { lock.lock(); recording = true; lock.unlock() }

    func record(_ path: String, _ bytes: [UInt8]) {
        lock.lock(); let on = recording; lock.unlock()
        guard on else { return }
        let record = Record(bytes: bytes.count, sha256: SHA256.hex(bytes))
        let key = PathPolicy.resolved(path) ?? path
        lock.lock(); records[key] = record; lock.unlock()
    }

    /// The last write of this process to `path` (any spelling of it), if recorded.
    public func record(for path: String) -> Record? {
        let key = PathPolicy.resolved(path) ?? path
        lock.lock(); defer { lock.unlock() }
        return records[key]
    }
}

/// write(2), named apart from the writers' own `write` methods.
private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    write(fd, p, n)
}
