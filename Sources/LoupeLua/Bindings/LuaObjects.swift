import LoupeCore

/// The Swift objects scripts hold, each a thin handle over LoupeCore values.
enum TypeName {
    static let corpus = "loupe.Corpus"
    static let document = "loupe.Document"
    static let hits = "loupe.Hits"
    static let concordance = "loupe.Concordance"
}

/// One document of a corpus.
final class DocumentHandle {
    let corpus: Corpus
    let index: Int
    init(corpus: Corpus, index: Int) { self.corpus = corpus; self.index = index }
    var document: Document { corpus.documents[index] }
}

/// The result of a search: hits over a corpus, and the query that found them.
final class HitsHandle {
    let corpus: Corpus
    let hits: [Hit]
    let query: String
    init(corpus: Corpus, hits: [Hit], query: String) { self.corpus = corpus; self.hits = hits; self.query = query }
}

/// Concordance lines, printed aligned.
final class ConcordanceHandle {
    let lines: [KWICLine]
    let width: Int
    init(lines: [KWICLine], width: Int) { self.lines = lines; self.width = width }
}

/// Shared argument readers for the bindings.
enum Arguments {
    /// A query in the query language (docs/queries.md), parsed; errors show the column.
    static func query(_ call: LuaCall, _ i: Int32) throws -> (text: String, node: QueryNode) {
        let text = try call.string(i)
        do { return (text, try QueryParser.parse(text)) } catch let e as QueryError {
            throw ScriptError("\(call.name): \(e.description)")
        }
    }

    /// {width = N} for KWIC: 1...500 characters, default 40.
    static func kwicWidth(_ call: LuaCall, _ i: Int32) throws -> Int {
        guard let options = try call.optionalTable(i) else { return 40 }
        guard let w = options["width"] else { return 40 }
        guard case .int(let n) = w, (1...500).contains(n) else {
            throw ScriptError("\(call.name): width must be a whole number from 1 to 500, got \(describe(w))")
        }
        return n
    }

    static func describe(_ v: LuaValue) -> String {
        switch v {
        case .string(let s): return "\"\(s)\""
        case .int(let i): return String(i)
        case .number(let d): return String(d)
        default: return v.typeName
        }
    }
}
