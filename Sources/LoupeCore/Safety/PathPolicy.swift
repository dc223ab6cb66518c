import Foundation

/// Which files a sandboxed script may read and where Loupe's writers may write.
/// Every path is resolved (symlinks followed, `..` removed) before it is
/// compared, so neither `../` nor a link can reach outside the allowed folders.
///
/// Writes (docs/safety.md): only into the output folder; never into a protected folder
/// (the readable inputs: the corpus, scripts/, the exercises), even one inside the output
/// folder; an existing file is replaced only with the host's consent (`mayReplace`) as well
/// as the script's own; and not at all while the gate is closed (while plugins load).
///
/// A refusal says what was refused in LoupeCore's own words; how the host's user lifts it
/// (a command-line flag, say) is the host's to add, through `wording`.
public struct PathPolicy: Sendable {
    /// Folders whose files may be read (the corpus, the script's folder, scripts/).
    public let readable: [String]
    /// The one folder outputs may be written into, as given.
    public let output: String
    /// Folders never readable, even inside a readable one: a student's script sits in
    /// a folder that may also hold the exercises and their solutions.
    public let hidden: [String]
    /// Folders no writer may write into, even inside the output folder (resolved).
    public let protected: [String]
    /// The host's consent to replace existing files.
    public let mayReplace: Bool
    /// For a trusted script: relative paths still go into the output folder, but any folder
    /// may be named, and the script's own consent alone replaces a file (it could anyway).
    public let unrestricted: Bool
    /// Shared by every copy of the policy: closed while plugins load, and how a missing output folder is made.
    public let gate: WriteGate
    /// What the host adds to a refusal.
    public let wording: Wording

    public init(readable: [String], output: String, hidden: [String] = [], protected: [String] = [],
                mayReplace: Bool = false, unrestricted: Bool = false, gate: WriteGate = WriteGate(),
                wording: Wording = Wording()) {
        self.readable = readable.compactMap(PathPolicy.resolved)
        self.output = PathPolicy.resolved(output) ?? PathPolicy.absolute(output)
        self.hidden = hidden.compactMap(PathPolicy.resolved)
        self.protected = protected.map(PathPolicy.resolvedAllowingMissing)
        self.mayReplace = mayReplace
        self.unrestricted = unrestricted
        self.gate = gate
        self.wording = wording
    }

    /// The same policy for a trusted script.
    public func unrestrictedCopy() -> PathPolicy {
        PathPolicy(readable: readable, output: output, hidden: hidden, protected: protected,
                   mayReplace: true, unrestricted: true, gate: gate, wording: wording)
    }

    /// The resolved path of an existing file that may be read.
    public func readablePath(_ path: String) throws -> String {
        guard let real = PathPolicy.resolved(path), readable.contains(where: { PathPolicy.isInside(real, $0) }) else {
            throw Refusal.notReadable(path).worded(wording)
        }
        if hidden.contains(where: { PathPolicy.isInside(real, $0) }) { throw Refusal.hidden(path).worded(wording) }
        return real
    }

    /// The path to write `path` to: relative paths are taken inside the output
    /// folder; the result (after resolving its folder's links) must stay inside it,
    /// outside every protected folder, and must not replace a file without consent.
    /// An existing file at the path must itself not be a link.
    /// The output folder is made here, on the first write, when the gate allows it.
    public func writablePath(_ path: String) throws -> String {
        do {
            return try unwordedWritablePath(path)
        } catch let refusal as Refusal {
            throw refusal.worded(wording)
        } catch let error as TableWriteError {
            throw error.worded(wording)
        }
    }

    private func unwordedWritablePath(_ path: String) throws -> String {
        if let why = gate.closedReason { throw Refusal.closed(path, why) }
        guard !path.utf8.contains(0) else { throw Refusal.outsideOutput(path, output) }
        // An output folder inside the corpus (./results with --corpus .) is refused before it is made.
        if !unrestricted, let p = protectedFolder(containing: output) { throw Refusal.protected(path, p) }
        let root = path.hasPrefix("/") && unrestricted ? output : try gate.outputFolder(output)
        let candidate = path.hasPrefix("/") ? path : root + "/" + path
        let folder = (candidate as NSString).deletingLastPathComponent
        let name = (candidate as NSString).lastPathComponent
        guard !name.isEmpty, name != ".", name != ".." else { throw Refusal.outsideOutput(path, output) }
        if unrestricted { return candidate }
        guard let realFolder = PathPolicy.resolved(folder) else {
            if PathPolicy.isInside(PathPolicy.lexical(folder), root) { throw Refusal.missingFolder(path) }
            throw Refusal.outsideOutput(path, output)
        }
        guard PathPolicy.isInside(realFolder, root) else { throw Refusal.outsideOutput(path, output) }
        if let p = protected.first(where: { PathPolicy.isInside(realFolder, $0) }) { throw Refusal.protected(path, p) }
        let final = realFolder + "/" + name
        switch FileSystem.kind(ofPath: final, followingLink: false) {
        case .link?: throw Refusal.outsideOutput(path, output)
        case .regularFile? where !mayReplace: throw TableWriteError.exists(final)
        default: break
        }
        return final
    }

    /// Whether `folder` (which need not exist yet) is one of, or inside one of, the protected folders.
    public func protectedFolder(containing folder: String) -> String? {
        let real = PathPolicy.resolvedAllowingMissing(folder)
        return protected.first { PathPolicy.isInside(real, $0) }
    }

    static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// `..` and `.` removed without touching the file system.
    public static func lexical(_ path: String) -> String {
        var parts: [Substring] = []
        for p in absolute(path).split(separator: "/") {
            if p == "." || p.isEmpty { continue }
            if p == ".." { _ = parts.popLast() } else { parts.append(p) }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// realpath(3): the canonical path of an existing file or folder.
    public static func resolved(_ path: String) -> String? {
        guard !path.utf8.contains(0) else { return nil }
        return try? FileSystem.realPath(absolute(path)).get()
    }

    /// The canonical path of the deepest existing folder above `path`, with the rest appended:
    /// where `path` would be once made.
    public static func resolvedAllowingMissing(_ path: String) -> String {
        if let r = resolved(path) { return r }
        var head = lexical(path)
        var tail: [String] = []
        while head != "/" {
            tail.insert((head as NSString).lastPathComponent, at: 0)
            head = (head as NSString).deletingLastPathComponent
            if let r = resolved(head) { return ([r == "/" ? "" : r] + tail).joined(separator: "/") }
        }
        return "/" + tail.joined(separator: "/")
    }
}
