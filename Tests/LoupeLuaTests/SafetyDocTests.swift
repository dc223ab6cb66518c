import Foundation
import Testing
import LoupeCore
@testable import LoupeLua
@testable import LuaRuntime

/// docs/safety.md's lists of what a sandboxed script has and what was removed are
/// checked against a live sandbox, name by name, so the page cannot drift from the
/// code (the user audit found the guide saying `io` and `require` were absent).
@Suite struct SafetyDocTests {
    static func section(_ title: String) throws -> String {
        let page = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/safety.md"), encoding: .utf8)
        guard let start = page.range(of: title) else { throw ScriptError("docs/safety.md has no section \(title)") }
        let rest = page[start.upperBound...]
        let end = rest.range(of: "\n#")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    /// The `code` spans of a text that name Lua globals or fields (a.b), nothing else.
    static func names(in text: String) -> [String] {
        var names: [String] = []
        for span in text.split(separator: "`", omittingEmptySubsequences: false).enumerated() where span.offset % 2 == 1 {
            for word in span.element.split(separator: " ") {
                let w = String(word)
                if w.range(of: #"^[A-Za-z_][A-Za-z_0-9]*(\.[A-Za-z_][A-Za-z_0-9]*)?$"#, options: .regularExpression) != nil { names.append(w) }
            }
        }
        return names
    }

    func value(_ h: LuaHarness, _ name: String) throws -> String {
        let parts = name.split(separator: ".")
        let expr = parts.count == 2 ? "(\(parts[0]) or {}).\(parts[1])" : String(name)
        return try h.run("print(type(\(expr)))").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func everythingTheRemovedListNamesIsAbsent() throws {
        let removed = try Self.section("### Removed")
        let firstParagraph = removed.components(separatedBy: "\n\n").first { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } ?? ""
        let names = Self.names(in: firstParagraph)
        #expect(names.count >= 15, "\(names)")
        let h = try LuaHarness()
        for name in names {
            #expect(try value(h, name) == "nil", "\(name) is listed as removed")
        }
    }

    @Test func everythingTheHasTableNamesIsPresent() throws {
        let table = try Self.section("## What a script has")
        let rows = table.split(separator: "\n").filter { $0.hasPrefix("| Lua basics") || $0.hasPrefix("| `os`") || $0.hasPrefix("| libraries") }
        // "(without `dump`)" names what a library lacks
        let names = rows.flatMap { row in Self.names(in: String(row).replacingOccurrences(of: #"\(without `[a-z]+`\)"#, with: "", options: .regularExpression)) }
        #expect(names.count >= 20, "\(names)")
        let h = try LuaHarness()
        for name in names where name != "_VERSION" {
            #expect(try value(h, name) != "nil", "\(name) is listed as present")
        }
        // and os has nothing more than the table says
        let os = try h.run("local k = {} for n in pairs(os) do k[#k + 1] = n end table.sort(k) print(table.concat(k, ' '))")
        #expect(os == "clock date difftime time\n")
    }

    /// The guide's safety section names what a script has and what is absent: each name is
    /// checked in a sandbox (the user audit found it saying `io` and `require` were absent).
    @Test func theGuidesSafetyClaimsHold() throws {
        let guide = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/guide.md"), encoding: .utf8)
        guard let start = guide.range(of: "## 9. Safety"), let end = guide.range(of: "## 10.", range: start.upperBound..<guide.endIndex) else {
            Issue.record("docs/guide.md has no section 9. Safety"); return
        }
        let section = guide[start.upperBound..<end.lowerBound]
        // the bullets are wrapped over two lines: join each bullet into one
        let bullets = section.components(separatedBy: "\n- ").map { $0.replacingOccurrences(of: "\n  ", with: " ") }
        let present = bullets.filter { $0.contains("work there") }.flatMap { Self.names(in: $0.components(separatedBy: " work there")[0]) }
        let absent = bullets.filter { $0.contains("are absent") }.flatMap { Self.names(in: $0.components(separatedBy: ":").dropFirst().joined()) }
        #expect(present.count >= 5 && absent.count >= 5, "\(present) \(absent)")
        let h = try LuaHarness()
        for name in present { #expect(try value(h, name) == "function", "\(name): the guide says it works") }
        for name in absent { #expect(try value(h, name) == "nil", "\(name): the guide says it is absent") }
        #expect(try h.run("print(io.open('/etc/passwd') == nil)") == "true\n")
    }

    @Test func theWrappedFunctionsExist() throws {
        let table = try Self.section("### Wrapped: present, but changed")
        let names = table.split(separator: "\n").filter { $0.hasPrefix("| `") }.flatMap { row in
            Self.names(in: String(row.split(separator: "|").first ?? ""))
        }
        #expect(names.count >= 15, "\(names)")
        let h = try LuaHarness()
        for name in names {
            let qualified = name.contains(".") || ["setmetatable", "xpcall", "load", "dofile", "loadfile", "require"].contains(name)
                ? name : "string." + name
            let resolved = ["insert", "remove", "move", "concat", "unpack", "sort"].contains(name) ? "table." + name : qualified
            #expect(try value(h, resolved) == "function", "\(resolved) is listed as wrapped")
        }
    }
}
