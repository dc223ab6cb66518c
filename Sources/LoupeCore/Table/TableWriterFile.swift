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
                                  overwrite: overwrite && (policy?.mayReplace ?? true), wording: policy?.wording ?? .init())
        return target
    }
}

/// The atomic write itself, for any bytes.
public enum TableFileWriter {
    /// `wording`: the host's words for a refusal to replace a file.
    public static func write(_ bytes: [UInt8], to target: String, overwrite: Bool, wording: PathPolicy.Wording = .init()) throws {
        do {
            try writeAtomically(bytes, to: target, overwrite: overwrite)
        } catch let error as TableWriteError {
            throw error.worded(wording)
        }
    }

    private static func writeAtomically(_ bytes: [UInt8], to target: String, overwrite: Bool) throws {
        if let kind = FileSystem.kind(ofPath: target, followingLink: false) {
            guard kind == .regularFile else { throw TableWriteError.notAFile(target) }
            guard overwrite else { throw TableWriteError.exists(target) }
        }
        let folder = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        removeStaleTemporaries(folder: folder, name: name)
        func failed(_ e: FileSystem.Errno) -> TableWriteError { .system(target, e.description) }
        var temp = ""
        var created = Result<FileSystem.Descriptor, FileSystem.Errno>.failure(.exists)
        for _ in 0..<20 {
            temp = (folder.isEmpty ? "" : folder + "/") + temporaryName(name, pid: FileSystem.processID, random: UInt32.random(in: 0...UInt32.max))
            created = FileSystem.createNew(temp)
            if case .failure(.exists) = created { continue }
            break
        }
        let fd = try created.mapError(failed).get()
        var closed = false
        var placed = false
        defer {
            if !closed { FileSystem.close(fd) }
            if !placed { FileSystem.remove(temp) }
        }
        if let e = bytes.withUnsafeBytes({ FileSystem.write(fd, $0) }) { throw failed(e) }
        if let e = FileSystem.sync(fd) { throw failed(e) }
        closed = true
        if let e = FileSystem.close(fd) { throw failed(e) }
        if overwrite {
            if let e = FileSystem.rename(temp, to: target) { throw failed(e) }
        } else if let e = FileSystem.link(temp, to: target) {
            if e == .exists || FileSystem.kind(ofPath: target, followingLink: false) != nil { throw TableWriteError.exists(target) }
            // a file system without hard links: checked above, then rename (a tiny race instead of none)
            guard FileSystem.Errno.noHardLinks.contains(e) else { throw failed(e) }
            if let e = FileSystem.rename(temp, to: target) { throw failed(e) }
        } else {
            FileSystem.remove(temp)
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
            if pid == FileSystem.processID || FileSystem.processExists(pid) { continue }
            let path = dir + "/" + entry
            guard FileSystem.kind(ofPath: path, followingLink: false) == .regularFile else { continue }
            FileSystem.remove(path)
        }
    }
}

/// The folder-and-name pairs already scanned for dead writers' temporary files.
final class StaleScan: Sendable {
    static let shared = StaleScan()
    private let seen = Locked(Set<String>())
    func firstTime(_ key: String) -> Bool { seen.withValue { $0.insert(key).inserted } }
}

/// What this process's writers wrote, hashed from the bytes as they were written (not read back
/// from disk later, where another run may have replaced them): a run's manifest records these.
/// Recording starts with `start()`, so a process that keeps no manifest hashes nothing.
public final class WrittenFiles: Sendable {
    public static let shared = WrittenFiles()
    public struct Record: Equatable, Sendable { public let bytes: Int; public let sha256: String }
    private let recording = Locked(false)
    private let records = Locked([String: Record]())

    public func start() { recording.value = true }

    func record(_ path: String, _ bytes: [UInt8]) {
        guard recording.value else { return }
        let record = Record(bytes: bytes.count, sha256: SHA256.hex(bytes))
        let key = PathPolicy.resolved(path) ?? path
        records.withValue { $0[key] = record }
    }

    /// The last write of this process to `path` (any spelling of it), if recorded.
    public func record(for path: String) -> Record? {
        let key = PathPolicy.resolved(path) ?? path
        return records.value[key]
    }
}
