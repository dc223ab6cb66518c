import Foundation
import Testing
@testable import LoupeCore
import LoupeTestSupport

/// Table operations: construction, sort, head, filter, where, add, select, join, group,
/// the text printer and the width function. Expected values come from hand-written
/// loops in this file, not from the code under test.
@Suite struct TableTests {
    static let words = Table(columns: [
        ("word", [.string("nato"), .string("kiev"), .string("minsk"), .string("kyiv")]),
        ("n", [.int(69), .int(12), .int(40), .null]),
        ("share", [.double(0.25), .double(0.5), .null, .double(1.0 / 3)]),
    ])

    // MARK: construction

    @Test func rowsInOrderOfFirstAppearanceAndNullsForMissingKeys() {
        let t = Table(rows: [[("word", .string("a")), ("n", .int(1))], [("n", .int(2)), ("extra", .bool(true))]])
        #expect(t.names == ["word", "n", "extra"])
        #expect(t.rowCount == 2)
        #expect(t.column(named: "word") == [.string("a"), .null])
        #expect(t.column(named: "extra") == [.null, .bool(true)])
        let fixed = Table(rows: [[("word", .string("a")), ("n", .int(1))]], names: ["n", "missing"])
        #expect(fixed.names == ["n", "missing"])
        #expect(fixed.columns == [[.int(1)], [.null]])
    }

    /// Compact columns (an n-gram table's) read, compare, sort and write as value columns do.
    @Test func compactColumnsBehaveAsValueColumns() throws {
        let texts = TableColumn.texts(bytes: Array("of thethe lordé ü".utf8), ends: [6, 14, 19])
        #expect(Array(texts) == [.string("of the"), .string("the lord"), .string("é ü")])
        #expect(texts == [.string("of the"), .string("the lord"), .string("é ü")])
        #expect(TableColumn.integers([3, -1, 7]) == [.int(3), .int(-1), .int(7)])
        let compact = Table(typed: [("ngram", texts), ("n", .integers([2, 9, 5]))])
        let plain = Table(columns: [("ngram", Array(texts)), ("n", [.int(2), .int(9), .int(5)])])
        #expect(compact == plain)
        #expect(compact.rowCount == 3)
        #expect(try compact.sorted(by: [SortKey("n", descending: true)]) == plain.sorted(by: [SortKey("n", descending: true)]))
        #expect(compact.rows(at: [2, 0]) == plain.rows(at: [2, 0]))
        #expect(TableWriterCSV.csv(compact) == TableWriterCSV.csv(plain))
    }

    /// A computed column makes each value when it is read, every time, from what it captured.
    @Test func computedColumnsMakeTheirValuesWhenRead() throws {
        let reads = Locked(0)
        let squares = TableColumn.computed(count: 4) { i in reads.value += 1; return .int(i * i) }
        #expect(squares.count == 4)
        #expect(reads.value == 0)
        #expect(squares[3] == .int(9) && squares[3] == .int(9))
        #expect(reads.value == 2)
        #expect(TableColumn.computed(count: -1) { _ in .null }.isEmpty)
        let computed = Table(typed: [("k", squares), ("name", [.string("a"), .string("b"), .string("c"), .string("d")])])
        let plain = Table(columns: [("k", [.int(0), .int(1), .int(4), .int(9)]), ("name", [.string("a"), .string("b"), .string("c"), .string("d")])])
        #expect(computed == plain)
        #expect(try computed.sorted(by: [SortKey("k", descending: true)]) == plain.sorted(by: [SortKey("k", descending: true)]))
        #expect(TableWriterCSV.csv(computed) == TableWriterCSV.csv(plain))
    }

    @Test func shortColumnsArePadded() {
        let t = Table(columns: [("a", [.int(1), .int(2)]), ("b", [.int(3)])])
        #expect(t.rowCount == 2)
        #expect(t.column(named: "b") == [.int(3), .null])
        #expect(t.row(1).map(\.0) == ["a", "b"])
        #expect(t.row(5).isEmpty)
    }

    // MARK: sort

    @Test func sortsNumbersNumericallyAcrossIntAndDouble() throws {
        let t = Table(columns: [("x", [.int(10), .double(9.5), .int(2), .double(-1), .int(100)])])
        #expect(try t.sorted(by: [SortKey("x")]).columns[0] == [.double(-1), .int(2), .double(9.5), .int(10), .int(100)])
        let s = Table(columns: [("x", [.string("10"), .string("9"), .string("100")])])
        #expect(try s.sorted(by: [SortKey("x")]).columns[0] == [.string("10"), .string("100"), .string("9")])
    }

    @Test func nullsLastInBothDirections() throws {
        let asc = try Self.words.sorted(by: [SortKey("n")])
        #expect(asc.column(named: "word") == ["kiev", "minsk", "nato", "kyiv"].map(TableValue.string))
        let desc = try Self.words.sorted(by: [SortKey("n", descending: true)])
        #expect(desc.column(named: "word") == ["nato", "minsk", "kiev", "kyiv"].map(TableValue.string))
        let share = try Self.words.sorted(by: [SortKey("share", descending: true)])
        #expect(share.column(named: "word") == ["kiev", "kyiv", "nato", "minsk"].map(TableValue.string))
    }

    @Test func unknownColumnOrNoKeyIsAnError() {
        #expect(throws: TableError.unknownColumn("freq", ["word", "n", "share"])) { try Self.words.sorted(by: [SortKey("freq")]) }
        #expect(throws: TableError.self) { try Self.words.sorted(by: []) }
    }

    /// An independent order: numbers < strings < booleans, nulls after everything.
    static func referenceLess(_ a: TableValue, _ b: TableValue, descending: Bool) -> Bool? {
        func rank(_ v: TableValue) -> Int {
            switch v { case .int, .double: return 0; case .string: return 1; case .bool: return 2; case .null: return 3 }
        }
        if rank(a) == 3 || rank(b) == 3 { return rank(a) == rank(b) ? nil : rank(b) == 3 }
        var less: Bool, equal: Bool
        if rank(a) != rank(b) { less = rank(a) < rank(b); equal = false } else {
            switch (a, b) {
            case let (.string(x), .string(y)): less = Array(x.unicodeScalars.map(\.value)).lexicographicallyPrecedes(y.unicodeScalars.map(\.value)); equal = x == y
            case let (.bool(x), .bool(y)): less = !x && y; equal = x == y
            default:
                let x = a.number ?? 0, y = b.number ?? 0
                less = x < y; equal = x == y
            }
        }
        if equal { return nil }
        return descending ? !less : less
    }

    @Test func stableMultiKeySortMatchesAnInsertionSort() throws {
        var rng = LCG(seed: 2024)
        for round in 0..<40 {
            let n = 1 + rng.int(60)
            func value(_ kind: Int) -> TableValue {
                if rng.int(6) == 0 { return .null }
                switch kind {
                case 0: return .int(rng.int(5))
                case 1: return rng.int(2) == 0 ? .double(Double(rng.int(8)) / 2) : .int(rng.int(4))
                default: return rng.int(7) == 0 ? .bool(rng.int(2) == 0) : .string(rng.pick(["a", "B", "ä", "ab", "", "z"]))
                }
            }
            let t = Table(columns: [("a", (0..<n).map { _ in value(0) }), ("b", (0..<n).map { _ in value(1) }),
                                    ("c", (0..<n).map { _ in value(2) }), ("id", (0..<n).map { .int($0) })])
            let names = ["a", "b", "c"].shuffledWith(&rng)
            let keys = names.prefix(1 + rng.int(3)).map { SortKey($0, descending: rng.int(2) == 0) }
            // insertion sort is stable by construction
            var rows = Array(0..<n)
            for i in 1..<max(1, n) {
                var j = i
                while j > 0 {
                    var less: Bool? = nil
                    for k in keys {
                        let col = t.column(named: k.column) ?? []
                        if let l = Self.referenceLess(col[rows[j]], col[rows[j - 1]], descending: k.descending) { less = l; break }
                    }
                    guard less == true else { break }
                    rows.swapAt(j, j - 1); j -= 1
                }
            }
            let sorted = try t.sorted(by: keys)
            #expect(sorted.column(named: "id") == rows.map { .int($0) }, "round \(round), keys \(keys)")
        }
    }

    // MARK: head, filter, where

    @Test func headCutsAndRefusesNegative() throws {
        #expect(try Self.words.head(2).rowCount == 2)
        #expect(try Self.words.head(2).column(named: "word") == [.string("nato"), .string("kiev")])
        #expect(try Self.words.head(99) == Self.words)
        #expect(try Self.words.head(0).rowCount == 0)
        #expect(try Self.words.head(0).names == Self.words.names)
        #expect(throws: TableError.self) { try Self.words.head(-1) }
    }

    @Test func filterKeepsRowsInOrder() {
        let t = Self.words.filter { i in (Self.words.columns[1][i].number ?? 0) > 20 }
        #expect(t.column(named: "word") == [.string("nato"), .string("minsk")])
    }

    @Test func whereMatchesValuesNumbersByValueAndNeverNull() throws {
        #expect(try Self.words.where([("word", [.string("kiev"), .string("kyiv")])]).rowCount == 2)
        #expect(try Self.words.where([("n", [.double(12.0)])]).column(named: "word") == [.string("kiev")])
        #expect(try Self.words.where([("n", [.int(12)]), ("word", [.string("nato")])]).rowCount == 0)
        #expect(try Self.words.where([("n", [.null])]).rowCount == 0)
        #expect(throws: TableError.self) { try Self.words.where([("nope", [.int(1)])]) }
    }

    // MARK: add, select

    @Test func addAppendsOrReplacesInPlace() {
        let added = Self.words.adding("rank", [.int(1), .int(2)])
        #expect(added.names == ["word", "n", "share", "rank"])
        #expect(added.column(named: "rank") == [.int(1), .int(2), .null, .null])
        let replaced = Self.words.adding("n", [.int(0), .int(0), .int(0), .int(0), .int(9)])
        #expect(replaced.names == ["word", "n", "share"])
        #expect(replaced.column(named: "n") == Array(repeating: .int(0), count: 4))
        #expect(Self.words.column(named: "n")?.first == .int(69), "the original is unchanged")
    }

    @Test func selectKeepsOrderAndRefusesUnknownOrTwice() throws {
        let s = try Self.words.selecting(["share", "word"])
        #expect(s.names == ["share", "word"])
        #expect(s.rowCount == 4)
        #expect(throws: TableError.unknownColumn("x", ["word", "n", "share"])) { try Self.words.selecting(["x"]) }
        #expect(throws: TableError.duplicateColumn("word")) { try Self.words.selecting(["word", "word"]) }
    }

    // MARK: join

    @Test func innerJoinWithDuplicateKeysAndNames() throws {
        let other = Table(columns: [
            ("n", [.int(1), .int(2), .int(3), .int(4)]),
            ("word", [.string("kiev"), .string("nato"), .string("kiev"), .string("absent")]),
            ("outlet", [.string("RT"), .string("TASS"), .string("BBC"), .string("X")]),
        ])
        let j = try Self.words.joined(with: other, on: "word")
        #expect(j.names == ["word", "n", "share", "n_2", "outlet"])
        #expect(j.column(named: "word") == ["nato", "kiev", "kiev"].map(TableValue.string))
        #expect(j.column(named: "n_2") == [.int(2), .int(1), .int(3)])
        #expect(j.column(named: "outlet") == ["TASS", "RT", "BBC"].map(TableValue.string))
        #expect(throws: TableError.self) { try Self.words.joined(with: other, on: "share") }
    }

    @Test func joinKeysMatchByValueAndNullsNever() throws {
        let a = Table(columns: [("k", [.int(2), .null, .double(3)]), ("a", [.string("x"), .string("y"), .string("z")])])
        let b = Table(columns: [("k", [.double(2), .null, .int(3)]), ("b", [.int(1), .int(2), .int(3)])])
        let j = try a.joined(with: b, on: "k")
        #expect(j.column(named: "a") == [.string("x"), .string("z")])
        #expect(j.column(named: "b") == [.int(1), .int(3)])
    }

    // MARK: group

    @Test func groupSumsAndMeansMatchAHandLoop() throws {
        var rng = LCG(seed: 7)
        let n = 500
        let outlets = (0..<n).map { _ in TableValue.string(rng.pick(["RT", "TASS", "BBC", "DW"])) }
        let values: [TableValue] = (0..<n).map { _ in
            switch rng.int(5) { case 0: return .null; case 1: return .double(Double(rng.int(100)) / 4); default: return .int(rng.int(50)) }
        }
        let t = Table(columns: [("outlet", outlets), ("v", values)])
        var order: [String] = [], sums: [String: Double] = [:], counts: [String: Int] = [:], numbers: [String: Int] = [:]
        for i in 0..<n {
            guard case .string(let o) = outlets[i] else { continue }
            if counts[o] == nil { order.append(o) }
            counts[o, default: 0] += 1
            switch values[i] {
            case .int(let x): sums[o, default: 0] += Double(x); numbers[o, default: 0] += 1
            case .double(let x): sums[o, default: 0] += x; numbers[o, default: 0] += 1
            default: break
            }
        }
        let g = try t.grouped(by: ["outlet"])
        #expect(g.count().column(named: "outlet") == order.map(TableValue.string))
        #expect(g.count().column(named: "n") == order.map { .int(counts[$0] ?? -1) })
        let sum = try g.sum(["v"])
        let mean = try g.mean(["v"])
        for (k, o) in order.enumerated() {
            #expect(abs((sum.columns[1][k].number ?? -1) - (sums[o] ?? 0)) < 1e-9)
            #expect(abs((mean.columns[1][k].number ?? -1) - (sums[o] ?? 0) / Double(numbers[o] ?? 1)) < 1e-9)
        }
    }

    @Test func sumStaysIntUntilADoubleOrOverflow() throws {
        let t = Table(columns: [("g", [.string("a"), .string("a"), .string("b"), .string("b"), .string("c")]),
                                ("v", [.int(2), .int(3), .int(Int.max), .int(1), .null])])
        let s = try t.grouped(by: ["g"]).sum(["v"])
        #expect(s.columns[1][0] == .int(5))
        #expect(s.columns[1][1] == .double(Double(Int.max) + 1))
        #expect(s.columns[1][2] == .int(0))
        #expect(try t.grouped(by: ["g"]).mean(["v"]).columns[1][2] == .null)
    }

    @Test func groupByTwoColumnsAndErrors() throws {
        let t = Table(columns: [("a", [.int(1), .double(1), .int(1), .int(2)]), ("b", [.string("x"), .string("x"), .string("y"), .string("x")]),
                                ("n", [.string("text"), .int(1), .int(1), .int(1)])])
        let c = try t.grouped(by: ["a", "b"]).count()
        #expect(c.names == ["a", "b", "n"])
        #expect(c.columns[2] == [.int(2), .int(1), .int(1)])
        #expect(throws: TableError.notANumber(column: "n", row: 1, value: "the text \"text\"")) { try t.grouped(by: ["a"]).sum(["n"]) }
        #expect(throws: TableError.self) { try t.grouped(by: []) }
        #expect(try Table(columns: [("n", [.int(1), .int(1)])]).grouped(by: ["n"]).count().names == ["n", "n_2"])
    }

    // MARK: width and printing

    @Test func displayWidths() {
        #expect(TextWidth.of("日本") == 4)
        #expect(TextWidth.of("abc") == 3)
        #expect(TextWidth.of("e\u{301}") == 1)
        #expect(TextWidth.of("Ｆｕｌｌ") == 8)
        #expect(TextWidth.of("한국어") == 6)
        #expect(TextWidth.of("👍") == 2)
        #expect(TextWidth.of("a\u{200B}b") == 2)
        #expect(TextWidth.truncate("日本語テキスト", to: 5) == "日本…")
        #expect(TextWidth.truncate("short", to: 5) == "short")
        #expect(TextWidth.pad("日本", to: 6, right: true) == "  日本")
    }

    @Test func printerAlignsByDisplayWidthAndRightAlignsNumbers() {
        let t = Table(columns: [("word", [.string("日本"), .string("a"), .string("x\u{301}y")]),
                                ("n", [.int(5), .int(120), .null]),
                                ("share", [.double(0.5), .double(1.0 / 3), .double(2)])])
        let lines = TablePrinter.render(t).split(separator: "\n").map(String.init)
        #expect(lines == [
            "word    n   share",
            "────  ───  ──────",
            "日本    5  0.5000",
            "a     120  0.3333",
            "x\u{301}y         2.0000",
        ])
        for line in lines.dropLast() { #expect(TextWidth.of(line) == 17, "\(line)") }
    }

    @Test func printerCutsRowsAndWidth() {
        let t = Table(columns: [("i", (1...25).map { .int($0) }), ("text", (1...25).map { .string(String(repeating: "x", count: $0 * 3)) })])
        let lines = TablePrinter.render(t, cellWidth: TablePrinter.maxCellWidth).split(separator: "\n").map(String.init)
        #expect(lines.count == 2 + 20 + 1 + 1)
        #expect(lines[22] == "… 5 more rows")
        #expect(lines.last == "(cut to 40 characters: text — print() shows every cell whole)")
        #expect(lines.dropLast().allSatisfy { TextWidth.of($0) <= 2 + 2 + TablePrinter.maxCellWidth })
        let narrow = TablePrinter.render(t, maxRows: 3, width: 10, cellWidth: 40).split(separator: "\n").map(String.init)
        #expect(narrow.prefix(6).allSatisfy { TextWidth.of($0) <= 10 })
        #expect(narrow[4].hasSuffix("…"))
        #expect(narrow.dropFirst(6).joined(separator: " ") == "(past the screen's edge: text — print() shows every cell whole)")
        #expect(TablePrinter.render(Table()) == "(empty table)")
        #expect(TablePrinter.render(Table(columns: [("a", [])])).hasSuffix("(no rows)"))
    }

    /// Into a pipe or a file (no width, no cell width) every cell is whole and nothing is noted;
    /// the user audit found print(t) cutting cells at 40 characters in a pipe.
    @Test func printerShowsWholeCellsUnlessForATerminal() {
        let long = String(repeating: "abcdefghij", count: 12)
        let t = Table(columns: [("id", [.int(1)]), ("text", [.string(long)]), ("speaker", [.string("Lavrov")])])
        let whole = TablePrinter.render(t).split(separator: "\n").map(String.init)
        #expect(whole.count == 3)
        #expect(whole[2] == " 1  \(long)  Lavrov")
        let terminal = TablePrinter.render(t, width: 50, cellWidth: 40).split(separator: "\n").map(String.init)
        #expect(terminal.dropFirst(3).joined(separator: " ") == "(cut to 40 characters: text; past the screen's edge: speaker — print() shows every cell whole)")
        #expect(terminal.allSatisfy { TextWidth.of($0) <= 50 })
        #expect(TablePrinter.render(t, width: 200, cellWidth: 200).split(separator: "\n").count == 3)
    }

    @Test func printerNumberFormats() {
        #expect(TablePrinter.cellText(.double(2.0), decimals: 0) == "2")
        #expect(TablePrinter.cellText(.double(3.14159), decimals: 4) == "3.1416")
        #expect(TablePrinter.cellText(.double(0.00001234)) == "1.234e-05")
        #expect(TablePrinter.cellText(.double(.nan)) == "nan")
        #expect(TablePrinter.cellText(.double(-.infinity)) == "-inf")
        #expect(TablePrinter.cellText(.int(1234567)) == "1234567")
        #expect(TablePrinter.cellText(.string("a\nb\tc")) == "a b c")
        #expect(TablePrinter.decimalsFor([.double(0.5), .double(2), .int(3)]) == 1)
        #expect(TablePrinter.decimalsFor([.double(1.0 / 3)]) == 4)
    }
}

extension Array {
    func shuffledWith(_ rng: inout LCG) -> [Element] {
        var a = self
        for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, rng.int(i + 1)) }
        return a
    }
}
