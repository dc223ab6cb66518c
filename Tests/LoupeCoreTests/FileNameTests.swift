import Foundation
import Testing
@testable import LoupeCore
import LoupeTestSupport

/// A corpus file's extension, path without it and bare name, as NSString's
/// path methods (the reference) give them, for the paths the folder walk
/// makes: components joined by "/", none empty, none starting with ".".
@Suite struct FileNameTests {
    @Test func agreesWithNSStringOnTheWalksPaths() {
        let pieces = ["a", "b", "d0000001", ".", ".", "txt", "TXT", "md", " ", "é", "e\u{0301}", ".\u{0301}", "-", "x.y", "Ж", "🙂"]
        var rng = LCG(seed: 7)
        var paths = ["a.txt", "d0000001.txt", "sub/b.md", "a.b.txt", "a.", "a..txt", "sub.d/a", "a b.txt", "a.t x", "x/a.", "a.\u{0301}x", "é.TXT"]
        for _ in 0..<3000 {
            let components = (0..<(1 + rng.int(3))).map { _ -> String in
                var c = ""
                while c.isEmpty || c.hasPrefix(".") { c = (0..<(1 + rng.int(5))).map { _ in rng.pick(pieces) }.joined() }
                return c
            }
            paths.append(components.joined(separator: "/"))
        }
        for path in paths {
            let name = FileName(path), ns = path as NSString
            #expect(name.pathExtension == ns.pathExtension, "\(path)")
            #expect(name.deletingPathExtension == ns.deletingPathExtension, "\(path)")
            #expect(name.bareName == (ns.lastPathComponent as NSString).deletingPathExtension, "\(path)")
        }
    }
}
