import Testing
@testable import LoupeCore

/// Queries that were accepted with a wrong answer, or whose error was cut short
/// (red-team report F14 and unclear message 8), are errors that say so in full.
@Suite struct QueryErrorTests {
    /// An unbalanced body closed the anchoring `^(?:…)$` and matched every token.
    @Test(arguments: ["/a)|(.*/", "/x)|(?:.*/", "nato /a)|(.*/", "/\\Qa)|(.*/", "/(?x)a#/"])
    func regexesThatWouldEscapeTheirAnchorsAreErrors(_ query: String) {
        do {
            let node = try QueryParser.parse(query)
            Issue.record("accepted \(query) as \(node)")
        } catch let e as QueryError {
            #expect(e.message.contains("is not a valid regular expression"), "\(e)")
            #expect(e.column == (query.hasPrefix("nato") ? 6 : 1))
        } catch { Issue.record("\(error)") }
    }

    @Test func validRegexesStillMatchWholeTokensOnly() throws {
        let c = CorpusBuilder.corpus(texts: ["a ab abc b"])
        #expect(try c.search("/a|ab/").hits.map(\.start) == [0, 1])
        #expect(try c.search("/(a)|(b)/").hits.map(\.start) == [0, 3])
        #expect(try c.search("/\\Qab\\E/").hits.map(\.start) == [1])
    }

    @Test(arguments: [("u.s.%d", 1), ("the 1,000%d", 5), ("nato|u.k.%d", 6)])
    func diacriticsIgnoredTakesOneWord(_ query: String, _ column: Int) {
        do {
            let node = try QueryParser.parse(query)
            Issue.record("accepted \(query) as \(node)")
        } catch let e as QueryError {
            #expect(e.message.contains("'%d' follows one word, such as cafe%d"), "\(e)")
            #expect(e.column == column)
        } catch { Issue.record("\(error)") }
        #expect((try? QueryParser.parse("CAFÉ%d")) == .sequence([.token([.unaccented("cafe")])]))
    }

    @Test(arguments: [("~~nato", 1), ("a ~~nato", 3), ("~=nato", 1), ("~nato~", 1)])
    func aStemTakesOneWordExactly(_ query: String, _ column: Int) {
        do {
            let node = try QueryParser.parse(query)
            Issue.record("accepted \(query) as \(node)")
        } catch let e as QueryError {
            #expect(e.message.contains("'~' takes one word"), "\(e)")
            #expect(e.column == column)
        } catch { Issue.record("\(error)") }
        #expect((try? QueryParser.parse("~Negotiations")) == .sequence([.token([.stem("negotiations")])]))
    }

    /// Lua's messages are C strings: a NUL would end the message there.
    @Test func nulIsShownAndTheCaretStillPointsAtTheColumn() {
        do {
            _ = try QueryParser.parse("a\0b (")
            Issue.record("accepted")
        } catch let e as QueryError {
            let text = e.description
            #expect(!text.contains("\0"))
            #expect(text.contains("a\\0b ("), "\(text)")
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            // The caret sits under the '(' as the line shows it.
            let shown = Array(lines[1]), caret = Array(lines[2])
            #expect(caret.count <= shown.count && shown[caret.count - 1] == "(", "\(text)")
        } catch { Issue.record("\(error)") }
        do {
            _ = try QueryParser.parse("\0")
            Issue.record("accepted")
        } catch let e as QueryError {
            #expect(e.description.hasPrefix("'\\0' has no letters or digits at column 1"), "\(e)")
        } catch { Issue.record("\(error)") }
    }
}
