import Foundation
import LoupeCore

/// The files that come with Loupe (the bundled corpus; scripts/ with its lexicons and
/// exercises), found where Loupe is installed as well as in the checkout it was built in,
/// so `loupe` run from any folder can open them.
enum BundledFiles {
    /// The folder holding corpus/ and scripts/: $LOUPE_HOME; else PREFIX/share/loupe for a
    /// binary in PREFIX/bin; else the nearest folder above the binary that holds both
    /// (a source checkout: .build/release/loupe).
    static let home: String? = {
        let fm = FileManager.default
        func holdsBoth(_ dir: String) -> Bool {
            var a: ObjCBool = false, b: ObjCBool = false
            return fm.fileExists(atPath: dir + "/corpus", isDirectory: &a) && a.boolValue
                && fm.fileExists(atPath: dir + "/scripts", isDirectory: &b) && b.boolValue
        }
        if let h = Terminal.environment("LOUPE_HOME"), !h.isEmpty { return PathPolicy.resolved(h) }
        guard let exe = PathPolicy.resolved("/proc/self/exe") ?? PathPolicy.resolved(CommandLine.arguments.first ?? "") else { return nil }
        var dir = (exe as NSString).deletingLastPathComponent
        let share = ((dir as NSString).deletingLastPathComponent as NSString).appendingPathComponent("share/loupe")
        if holdsBoth(share) { return share }
        for _ in 0..<6 {
            if holdsBoth(dir) { return dir }
            let up = (dir as NSString).deletingLastPathComponent
            if up == dir { break }
            dir = up
        }
        return nil
    }()

    /// An existing folder that came with Loupe, such as "corpus" or "scripts/exercises".
    static func folder(_ relative: String) -> String? {
        guard let home else { return nil }
        let path = (home as NSString).appendingPathComponent(relative)
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue ? path : nil
    }
}
