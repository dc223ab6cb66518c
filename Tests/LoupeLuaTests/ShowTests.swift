import Foundation
import Testing
import LoupeCore
@testable import LoupeLua

/// doc:show{} and hit:show(): a document's lines numbered and its hits marked; hits know
/// their line and paragraph. Checked against the text read here.
@Suite struct ShowTests {
    static let texts = [
        "First line about NATO.\nSecond line.\n\nThird paragraph: nato and\nNATO again, across a break.\n\nLast NATO line.",
        "Nothing here.",
    ]

    /// The 1-based line and paragraph of the k-th whole-word "nato" (any case) in `text`, found here.
    static func places(_ text: String) -> [(line: Int, paragraph: Int)] {
        let lower = Array(text.lowercased().utf8)
        var out: [(Int, Int)] = []
        var i = 0
        while i + 4 <= lower.count {
            let word = Array("nato".utf8)
            let before = i == 0 || !(lower[i - 1] >= 0x61 && lower[i - 1] <= 0x7A)
            let after = i + 4 == lower.count || !(lower[i + 4] >= 0x61 && lower[i + 4] <= 0x7A)
            if Array(lower[i..<(i + 4)]) == word && before && after {
                let prefix = String(decoding: lower[..<i], as: UTF8.self)
                out.append((prefix.filter { $0 == "\n" }.count + 1, prefix.components(separatedBy: "\n\n").count))
            }
            i += 1
        }
        return out
    }

    @Test func hitsKnowTheirLineAndParagraph() throws {
        let h = try LuaHarness(Self.texts)
        let out = try h.run("for _, hit in ipairs(corpus:search('nato')) do print(hit.line, hit.paragraph) end")
        let expected = Self.places(Self.texts[0]).map { "\($0.line)\t\($0.paragraph)" }
        #expect(expected.count == 4)
        #expect(out == expected.joined(separator: "\n") + "\n")
    }

    @Test func aDocumentIsShownWithNumberedLinesAndItsHitsMarked() throws {
        let h = try LuaHarness(Self.texts)
        let out = try h.run("corpus:doc('d1'):show{q = 'nato'}")
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "d1: 4 hits of \"nato\"")
        let text = Self.texts[0].split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == text.count + 2, "the header, every line, and the final line break")
        for (i, line) in text.enumerated() {
            let shown = String(lines[i + 1])
            #expect(shown.hasPrefix(String(i + 1) + "  "), "\(shown)")
            #expect(shown.dropFirst(String(i + 1).count + 2).replacingOccurrences(of: "[[", with: "").replacingOccurrences(of: "]]", with: "") == line)
        }
        #expect(occurrences(of: "[[", in: out) == 4 && occurrences(of: "]]", in: out) == 4)
        #expect(out.contains("1  First line about [[NATO]]."))
        // a phrase across a line break is marked on both lines, each line standing alone
        let across = try h.run("corpus:doc('d1'):show{q = 'and nato', from = 4, to = 5}")
        #expect(across == "d1: 1 hit of \"and nato\"\n4  Third paragraph: nato [[and]]\n5  [[NATO]] again, across a break.\n")
    }

    @Test func aHitIsShownWithTheLinesAroundIt() throws {
        let h = try LuaHarness(Self.texts)
        let out = try h.run("local hits = corpus:search('nato') hits[4]:show{context = 1}")
        #expect(out == "d1, line 7\n6  \n7  Last [[NATO]] line.\n")
        let first = try h.run("corpus:search('nato')[1]:show()")
        #expect(first.hasPrefix("d1, line 1\n1  First line about [[NATO]].\n2  Second line.\n3  \n"))
    }

    @Test func theHostChoosesTheMarksAndThePager() throws {
        let corpus = LuaHarness.corpus(Self.texts)
        let printed = OutputBuffer(), paged = OutputBuffer()
        var options = EnvironmentOptions()
        options.output = { printed.text += $0 }
        options.page = { paged.text += $0 }
        options.highlight = ("\u{1B}[7m", "\u{1B}[0m")
        let env = try LuaEnvironment(corpus: corpus, options: options)
        try env.run("corpus:doc('d1'):show{q = 'nato'}", chunkName: "=test")
        #expect(printed.text.isEmpty, "a whole document goes to the pager")
        #expect(paged.text.contains("1  First line about \u{1B}[7mNATO\u{1B}[0m."))
        try env.run("corpus:search('nato')[1]:show()", chunkName: "=test")
        #expect(printed.text.hasPrefix("d1, line 1\n"), "a hit's few lines are printed")
    }

    @Test func badArgumentsAreClearErrors() throws {
        let h = try LuaHarness(Self.texts)
        #expect(h.error("corpus:doc('d1'):show{q = '(nato'}")?.contains("show: ") == true)
        #expect(h.error("corpus:doc('d1'):show{q = '(nato'}")?.contains("column") == true)
        #expect(h.error("corpus:doc('d1'):show{from = 5, to = 2}") == "test:1: show: to (2) is before from (5)")
        #expect(h.error("corpus:doc('d1'):show{colour = true}")?.contains("colour") == true)
        #expect(h.error("local show = getmetatable(corpus:search('nato')[1]).__index.show show({})")?
            .contains("not a hit: it needs doc, start and stop") == true)
        #expect(h.error("local hit = corpus:search('nato')[1] hit.stop = 999 hit:show()")?.contains("tokens 4–999 are not in d1") == true)
        #expect(h.error("local hit = corpus:search('nato')[1] hit.doc = 'nope' hit:show()")?.contains("there is no document 'nope'") == true)
        // nothing to show is no error
        #expect(try h.run("corpus:doc('d2'):show{q = 'nato'}") == "d2: 0 hits of \"nato\"\n1  Nothing here.\n")
    }
}

private func occurrences(of needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }
