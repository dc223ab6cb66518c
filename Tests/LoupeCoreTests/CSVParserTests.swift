import Foundation
import Testing
@testable import LoupeCore
import LoupeTestSupport

/// RFC 4180 parsing: records keep the line they start on; malformations are
/// reported with their line.
@Suite struct CSVParserTests {
    private func parse(_ s: String) -> (records: [[String]], lines: [Int], problems: [(Int, String)]) {
        let (records, problems) = CSVParser.parse(s)
        return (records.map(\.fields), records.map(\.line), problems.map { ($0.line, $0.message) })
    }

    @Test func plainRecords() {
        let r = parse("a,b,c\n1,2,3\n")
        #expect(r.records == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(r.lines == [1, 2])
        #expect(r.problems.isEmpty)
    }

    @Test func emptyFieldsAndNoFinalNewline() {
        let r = parse("a,,c\n,\nx,y,")
        #expect(r.records == [["a", "", "c"], ["", ""], ["x", "y", ""]])
    }

    @Test func quotedCommasAndDoubledQuotes() {
        let r = parse("text,n\n\"Hello, world\",1\n\"say \"\"hi\"\"\",2\n\"\",3\n")
        #expect(r.records == [["text", "n"], ["Hello, world", "1"], ["say \"hi\"", "2"], ["", "3"]])
        #expect(r.problems.isEmpty)
    }

    @Test func aQuotedNewlineKeepsTheRecordOnItsStartLine() {
        let r = parse("id,text\n1,\"line one\nline two\nline three\"\n2,after\n")
        #expect(r.records == [["id", "text"], ["1", "line one\nline two\nline three"], ["2", "after"]])
        #expect(r.lines == [1, 2, 5])
    }

    @Test func crlfLineEnds() {
        let r = parse("a,b\r\n1,\"x\r\ny\"\r\n2,z\r\n")
        #expect(r.records == [["a", "b"], ["1", "x\r\ny"], ["2", "z"]])
        #expect(r.lines == [1, 2, 4])
    }

    @Test func blankLinesAreNotRecords() {
        let r = parse("a\n\nb\r\n\r\nc")
        #expect(r.records == [["a"], ["b"], ["c"]])
        #expect(r.lines == [1, 3, 5])
    }

    @Test func anUnterminatedQuoteIsReportedWithTheLineItOpensOn() {
        let r = parse("a,b\n1,2\n3,\"never closed\n4,5\n6,7\n")
        #expect(r.problems.count == 1)
        #expect(r.problems.first?.0 == 3)
        #expect(r.problems.first?.1.contains("never closed") == true)
        #expect(r.records == [["a", "b"], ["1", "2"]])
    }

    @Test func aStrayQuoteInsideAnUnquotedFieldIsReported() {
        let r = parse("a,b\nx\"y,2\n")
        #expect(r.problems.map(\.0) == [2])
        #expect(r.problems.first?.1.contains("stray") == true)
        #expect(r.records == [["a", "b"], ["x\"y", "2"]])   // kept as written
    }

    @Test func textAfterAClosingQuoteIsReported() {
        let r = parse("a\n\n\"quoted\"tail,b\n")
        #expect(r.problems.map(\.0) == [3])   // once, not once per trailing byte
        #expect(r.problems.first?.1.contains("after a closing") == true)
        #expect(r.records.last == ["quotedtail", "b"])
    }

    @Test func nonASCIIFields() {
        let r = parse("title,text\nКиїв,\"Donbass \u{2014} \u{201C}quoted\u{201D}\"\n")
        #expect(r.records == [["title", "text"], ["Київ", "Donbass \u{2014} \u{201C}quoted\u{201D}"]])
    }

    @Test func roundTripsRandomFields() {
        // Random fields quoted the RFC 4180 way must come back unchanged.
        let alphabet = ["a", "Ж", ",", "\"", "\n", "\r\n", " ", "x", "\u{2019}"]
        var rng = LCG(seed: 4180)
        for _ in 0..<300 {
            let rows = (0..<(1 + rng.int(4))).map { _ in
                (0..<3).map { _ in (0..<rng.int(6)).map { _ in rng.pick(alphabet) }.joined() }
            }
            let csv = rows.map { row in
                row.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
            }.joined(separator: rng.int(2) == 0 ? "\n" : "\r\n")
            let r = parse(csv)
            #expect(r.problems.isEmpty)
            #expect(r.records == rows, "\(csv.debugDescription)")
            // Each record starts on the line after the previous record's last line.
            var line = 1
            var expectedLines: [Int] = []
            for row in rows {
                expectedLines.append(line)
                line += 1 + row.joined().unicodeScalars.filter { $0 == "\n" }.count
            }
            #expect(r.lines == expectedLines)
        }
    }
}
