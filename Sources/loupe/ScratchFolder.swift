import Foundation
import LoupeCore

/// A private folder (mkdtemp: mode 0700, a fresh name) that is removed after use.
struct ScratchFolder {
    let path: String

    init(prefix: String) throws {
        var template = Array((NSTemporaryDirectory() + "/" + prefix + "-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buf -> String? in
            guard let base = buf.baseAddress, let p = mkdtemp(base) else { return nil }
            return String(cString: p)
        }
        guard let made else {
            Terminal.err("loupe: cannot make a scratch folder in \(NSTemporaryDirectory()): \(String(cString: strerror(errno)))")
            throw Exit.usage
        }
        path = PathPolicy.resolved(made) ?? made
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// The bytes of a regular file at `relative` that resolves inside the folder; nil for anything
    /// else (missing, a link leading out, a folder), so nothing outside is ever read.
    func regularFile(_ relative: String) -> [UInt8]? {
        guard VerifyPlan.isPlainRelative(relative), let real = VerifyPlan.inside(relative, path) else { return nil }
        var st = stat()
        guard lstat(real, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileManager.default.contents(atPath: real).map { [UInt8]($0) }
    }
}
