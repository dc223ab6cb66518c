import Foundation

/// Writing a table to a file, atomically: the text goes to a temporary file in the same
/// folder, which then takes the final name (rename(2), or link(2) when an existing file
/// must not be replaced, so a file that appears meanwhile is not overwritten either).
/// A failure leaves no temporary file behind.
extension Table {
    /// Writes the table to `path` in the format its extension names; returns the path written.
    /// `policy` decides where: a relative path is taken inside its output folder, and the file
    /// must stay inside it (PathPolicy.writablePath); without a policy (`--unsafe`) a relative
    /// path is still taken inside `outputFolder` but any folder may be named.
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
        try TableFileWriter.write(Array(format.encode(self, title: title).utf8), to: target, overwrite: overwrite)
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
        var temp = ""
        var fd: Int32 = -1
        for _ in 0..<20 {
            temp = (folder.isEmpty ? "" : folder + "/") + ".\(name).\(UInt32.random(in: 0...UInt32.max)).tmp"
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
    }
}

/// write(2), named apart from the writers' own `write` methods.
private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    write(fd, p, n)
}
