import Foundation
import LoupeCore
import LoupeLua

/// One piece of what an evaluation showed, in the order it came.
enum CellBlock: Sendable {
    case text(String)
    /// A Table, cut to `Limits.tableRows` rows; `rows` is how many it had.
    case table(Table, rows: Int)
    case figure(svg: String)
}

/// What one evaluation prints and displays, cut at the limits: `Limits.outputBytes` of
/// text, `Limits.cellTables` tables of at most `Limits.tableRows` rows, `Limits.cellFigures`
/// charts of at most `Limits.figureBytes` each.
final class CellOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var blocks: [CellBlock] = []
    /// Text printed since the last table or chart (appended in place: a cell may print 30,000 lines).
    private var pending = ""
    private var textBytes = 0
    private var tables = 0
    private var figures = 0
    private var cut = false
    /// The rows shown of each Table (a download takes them all).
    private var tableRows = Limits.tableRows

    /// Sets the rows shown of each Table from now on.
    func showRows(_ n: Int) {
        lock.lock(); defer { lock.unlock() }
        tableRows = n
    }

    func append(_ s: String) {
        lock.lock(); defer { lock.unlock() }
        guard !cut, !s.isEmpty else { return }
        let n = s.utf8.count
        var part = s
        if textBytes + n > Limits.outputBytes {
            part = Self.prefix(s, bytes: Limits.outputBytes - textBytes)
            cut = true
        }
        textBytes += part.utf8.count
        pending += part
    }

    /// Ends the text printed so far as a block, before a table or chart (under the lock).
    private func flushText() {
        if !pending.isEmpty { blocks.append(.text(pending)) }
        pending = ""
    }

    func show(_ item: DisplayItem) {
        lock.lock(); defer { lock.unlock() }
        flushText()
        switch item {
        case .table(let t):
            guard tables < Limits.cellTables else { cut = true; return }
            tables += 1
            let shown = t.rowCount > tableRows ? t.rows(at: Array(0..<tableRows)) : t
            blocks.append(.table(shown, rows: t.rowCount))
        case .figure(let svg):
            guard figures < Limits.cellFigures, svg.utf8.count <= Limits.figureBytes else { cut = true; return }
            figures += 1
            blocks.append(.figure(svg: svg))
        }
    }

    /// What was shown since the last take, and whether something was cut.
    func take() -> (blocks: [CellBlock], truncated: Bool) {
        lock.lock(); defer { lock.unlock() }
        flushText()
        defer { blocks = []; textBytes = 0; tables = 0; figures = 0; cut = false }
        return (blocks, cut)
    }

    /// The longest prefix of `s` of at most `bytes` UTF-8 bytes that ends between characters.
    static func prefix(_ s: String, bytes: Int) -> String {
        var room = max(0, bytes)
        var part = ""
        for c in s.unicodeScalars {
            let w = UTF8.width(c)
            if w > room { break }
            part.unicodeScalars.append(c)
            room -= w
        }
        return part
    }
}
