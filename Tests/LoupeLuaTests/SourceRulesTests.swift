import Foundation
import Testing

/// A rule the compiler cannot keep: no call that crashes on bad input. (That only
/// LuaRuntime calls Lua's C API, and that LoupeCore knows nothing of Lua, the
/// compiler keeps: LuaRuntime imports the C modules `internal`, and LoupeCore
/// does not depend on them.)
@Suite struct SourceRulesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func swiftFiles(_ folder: String) -> [(String, String)] {
        let dir = root.appendingPathComponent(folder)
        guard let e = FileManager.default.enumerator(atPath: dir.path) else { return [] }
        return e.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.compactMap { rel in
            (try? String(contentsOf: dir.appendingPathComponent(rel), encoding: .utf8)).map { ("\(folder)/\(rel)", $0) }
        }
    }

    @Test func noCrashPrimitivesInSources() {
        for (file, text) in ["LoupeCore", "LuaRuntime", "LoupeLua", "loupe"].flatMap({ Self.swiftFiles("Sources/" + $0) }) {
            for bad in ["fatalError(", "try!", "precondition("] {
                #expect(!text.contains(bad), "\(file) uses \(bad)")
            }
        }
    }
}
