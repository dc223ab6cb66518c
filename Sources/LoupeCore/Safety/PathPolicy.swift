import Foundation

/// Which files a sandboxed script may read and where Loupe's writers may write.
/// Every path is resolved (symlinks followed, `..` removed) before it is
/// compared, so neither `../` nor a link can reach outside the allowed folders.
public struct PathPolicy: Sendable {
    /// Folders whose files may be read (the corpus, the script's folder, scripts/).
    public let readable: [String]
    /// The one folder outputs may be written into (--out, default the current folder).
    public let output: String
    /// Folders never readable, even inside a readable one: a student's script sits in
    /// a folder that may also hold the exercises and their solutions.
    public let hidden: [String]

    public init(readable: [String], output: String, hidden: [String] = []) {
        self.readable = readable.compactMap(PathPolicy.resolved)
        self.output = PathPolicy.resolved(output) ?? PathPolicy.absolute(output)
        self.hidden = hidden.compactMap(PathPolicy.resolved)
    }

    public enum Refusal: Error, Equatable, CustomStringConvertible {
        case notReadable(String)
        case outsideOutput(String, String)
        case missingFolder(String)
        case hidden(String)

        public var description: String {
            switch self {
            case .notReadable(let p): return "'\(p)' is outside the folders scripts may read (the corpus, the script's folder, scripts/); use --unsafe for trusted scripts"
            case .outsideOutput(let p, let out): return "'\(p)' is outside the output folder \(out) (set it with --out DIR)"
            case .missingFolder(let p): return "the folder of '\(p)' does not exist in the output folder"
            case .hidden(let p): return "'\(p)' may not be read by this script (it is in the exercises folder)"
            }
        }
    }

    /// The resolved path of an existing file that may be read.
    public func readablePath(_ path: String) throws -> String {
        guard let real = PathPolicy.resolved(path), readable.contains(where: { PathPolicy.isInside(real, $0) }) else {
            throw Refusal.notReadable(path)
        }
        if hidden.contains(where: { PathPolicy.isInside(real, $0) }) { throw Refusal.hidden(path) }
        return real
    }

    /// The path to write `path` to: relative paths are taken inside the output
    /// folder; the result (after resolving its folder's links) must stay inside it.
    /// An existing file at the path must itself not be a link.
    public func writablePath(_ path: String) throws -> String {
        let candidate = path.hasPrefix("/") ? path : output + "/" + path
        let folder = (candidate as NSString).deletingLastPathComponent
        let name = (candidate as NSString).lastPathComponent
        guard !name.isEmpty, name != ".", name != ".." else { throw Refusal.outsideOutput(path, output) }
        guard let realFolder = PathPolicy.resolved(folder) else {
            if PathPolicy.isInside(PathPolicy.lexical(folder), output) { throw Refusal.missingFolder(path) }
            throw Refusal.outsideOutput(path, output)
        }
        guard PathPolicy.isInside(realFolder, output) else { throw Refusal.outsideOutput(path, output) }
        let final = realFolder + "/" + name
        if (try? FileManager.default.destinationOfSymbolicLink(atPath: final)) != nil { throw Refusal.outsideOutput(path, output) }
        return final
    }

    static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// `..` and `.` removed without touching the file system.
    static func lexical(_ path: String) -> String {
        var parts: [Substring] = []
        for p in absolute(path).split(separator: "/") {
            if p == "." || p.isEmpty { continue }
            if p == ".." { _ = parts.popLast() } else { parts.append(p) }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// realpath(3): the canonical path of an existing file or folder.
    public static func resolved(_ path: String) -> String? {
        guard let r = realpath(absolute(path), nil) else { return nil }
        defer { free(r) }
        return String(cString: r)
    }
}
