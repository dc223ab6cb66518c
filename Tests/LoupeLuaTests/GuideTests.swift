import Foundation
import Testing
import LoupeCore
@testable import LoupeLua

/// Every ```lua block in docs/guide.md runs on the bundled corpus without error and prints something.
@Suite struct GuideTests {
    static func luaBlocks(_ markdown: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```lua" { current = [] }
            else if current != nil, line == "```" { blocks.append(current!.joined(separator: "\n")); current = nil }
            else if current != nil { current!.append(line) }
        }
        return blocks
    }

    @Test func everyGuideExampleRuns() throws {
        let guide = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/guide.md"), encoding: .utf8)
        let blocks = Self.luaBlocks(guide)
        #expect(blocks.count >= 8)
        let (session, out) = try bundledSession()
        for (i, block) in blocks.enumerated() {
            out.text = ""
            do {
                try session.run(block, chunkName: "=guide block \(i + 1)")
            } catch {
                Issue.record("guide block \(i + 1) failed: \(error)\n\(block)")
            }
            #expect(!out.text.isEmpty, "guide block \(i + 1) prints nothing")
        }
    }
}
