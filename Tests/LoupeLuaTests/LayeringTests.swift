import Foundation
import Testing

/// The architecture's rules, checked on the sources: raw lua_* calls live only
/// in Sources/LoupeLua/Lua (and the C shim); LoupeCore knows nothing of Lua.
@Suite struct LayeringTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func swiftFiles(_ folder: String) -> [(String, String)] {
        let dir = root.appendingPathComponent(folder)
        guard let e = FileManager.default.enumerator(atPath: dir.path) else { return [] }
        return e.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.compactMap { rel in
            (try? String(contentsOf: dir.appendingPathComponent(rel), encoding: .utf8)).map { ("\(folder)/\(rel)", $0) }
        }
    }

    @Test func rawLuaCallsStayInTheLuaLayer() {
        let outside = Self.swiftFiles("Sources/LoupeLua").filter { !$0.0.hasPrefix("Sources/LoupeLua/Lua/") } + Self.swiftFiles("Sources/loupe")
        #expect(!outside.isEmpty)
        for (file, text) in outside {
            let offending = text.split(separator: "\n").filter { $0.contains("lua_") || $0.contains("luaL_") || $0.contains("import CLua54") }
            #expect(offending.isEmpty, "\(file) calls Lua directly: \(offending)")
        }
    }

    @Test func loupeCoreDoesNotKnowLua() {
        let core = Self.swiftFiles("Sources/LoupeCore")
        #expect(core.count > 5)
        for (file, text) in core {
            #expect(!text.contains("import CLua") && !text.contains("import LoupeLua"), "\(file) imports Lua")
        }
    }

    @Test func noCrashPrimitivesInSources() {
        for (file, text) in Self.swiftFiles("Sources/LoupeCore") + Self.swiftFiles("Sources/LoupeLua") + Self.swiftFiles("Sources/loupe") {
            for bad in ["fatalError(", "try!", "precondition("] {
                #expect(!text.contains(bad), "\(file) uses \(bad)")
            }
        }
    }
}
