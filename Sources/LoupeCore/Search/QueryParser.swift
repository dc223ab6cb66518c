import Foundation

/// Parses the query language into a QueryNode; errors carry the column.
public struct QueryParser {
    enum Token: Equatable {
        case text(String)        // a bare term: word, wildcard, =Word, ~stem, with | alternatives
        case regex(String)
        case gap(Int, Int)
        case quote, open, close, and, or, not, near(Int), bar
    }

    let query: String
    var tokens: [(token: Token, column: Int)] = []
    var position = 0
    /// Nesting of parentheses and NOTs; bounded so a hostile query cannot exhaust the stack.
    var depth = 0
    static let maxDepth = 100

    public static func parse(_ query: String) throws -> QueryNode {
        var p = QueryParser(query: query)
        try p.lex()
        // Bounds that keep evaluation (recursive over the tree) and matching small.
        let operators = p.tokens.filter { t in
            switch t.token { case .and, .or, .not, .near: return true; default: return false }
        }
        if operators.count > 200 {
            throw QueryError(query: query, column: operators[200].column, message: "the query has more than 200 operators")
        }
        if let bar = p.tokens.filter({ $0.token == .bar }).dropFirst(1000).first {
            throw QueryError(query: query, column: bar.column, message: "the query has more than 1000 alternatives")
        }
        guard !p.tokens.isEmpty else {
            throw QueryError(query: query, column: 1, message: query.isEmpty ? "empty query" : "query has no words")
        }
        let node = try p.parseOr()
        if p.position < p.tokens.count {
            let token = p.tokens[p.position].token
            // "a NOT b" means "a AND NOT b" in some engines; here NOT only begins a term.
            let hint = token == .not && p.position > 0 ? " (for documents with one and not the other, write AND NOT)" : ""
            throw QueryError(query: query, column: p.tokens[p.position].column, message: "unexpected \(p.describe(token))" + hint)
        }
        return node
    }

    func describe(_ t: Token) -> String {
        switch t {
        case .close: return "')'"
        case .open: return "'('"
        case .quote: return "'\"'"
        case .and: return "AND"
        case .or: return "OR"
        case .not: return "NOT"
        case .near: return "NEAR"
        case .bar: return "'|'"
        case .text(let s): return "'\(s)'"
        case .regex(let s): return "/\(s)/"
        case .gap: return "gap"
        }
    }

    // MARK: lexing

    mutating func lex() throws {
        let chars = Array(query)
        var i = 0
        while i < chars.count {
            let c = chars[i], column = i + 1
            if c.isWhitespace { i += 1; continue }
            switch c {
            case "\"": tokens.append((.quote, column)); i += 1
            case "(": tokens.append((.open, column)); i += 1
            case ")": tokens.append((.close, column)); i += 1
            case "|": tokens.append((.bar, column)); i += 1
            case "/":
                var j = i + 1, body = ""
                while j < chars.count, chars[j] != "/" {
                    if chars[j] == "\\", j + 1 < chars.count { body.append(chars[j]); j += 1 }
                    body.append(chars[j]); j += 1
                }
                guard j < chars.count else { throw QueryError(query: query, column: column, message: "regular expression is not closed with '/'") }
                guard !body.isEmpty else { throw QueryError(query: query, column: column, message: "empty regular expression") }
                tokens.append((.regex(body), column)); i = j + 1
            case "_":
                if i + 1 < chars.count, chars[i + 1] == "{" {
                    guard let close = chars[(i + 2)...].firstIndex(of: "}") else {
                        throw QueryError(query: query, column: column, message: "gap is not closed with '}'")
                    }
                    let inside = String(chars[(i + 2)..<close])
                    let parts = inside.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingSpaces) }
                    guard parts.count == 2, let m = parts[0], let n = parts[1], m >= 0, n >= m, n <= 100 else {
                        throw QueryError(query: query, column: column, message: "a gap is _{m,n} with 0 ≤ m ≤ n ≤ 100")
                    }
                    tokens.append((.gap(m, n), column)); i = close + 1
                } else if i + 1 >= chars.count || isBoundary(chars[i + 1]) {
                    tokens.append((.gap(1, 1), column)); i += 1
                } else {
                    throw QueryError(query: query, column: column, message: "'_' stands alone for any one token, or as _{m,n}")
                }
            default:
                var j = i, word = ""
                while j < chars.count, !isBoundary(chars[j]) { word.append(chars[j]); j += 1 }
                if word.hasPrefix("NEAR/") {
                    guard let n = Int(word.dropFirst(5)), n >= 0, n <= 1000 else {
                        throw QueryError(query: query, column: column, message: "NEAR needs a distance: NEAR/5")
                    }
                    tokens.append((.near(n), column))
                } else if word == "AND" { tokens.append((.and, column)) }
                else if word == "OR" { tokens.append((.or, column)) }
                else if word == "NOT" { tokens.append((.not, column)) }
                else { tokens.append((.text(word), column)) }
                i = j
            }
        }
    }

    func isBoundary(_ c: Character) -> Bool { c.isWhitespace || "\"()|".contains(c) }

    // MARK: parsing

    var current: Token? { position < tokens.count ? tokens[position].token : nil }
    var column: Int { position < tokens.count ? tokens[position].column : query.count + 1 }

    mutating func parseOr() throws -> QueryNode {
        var left = try parseAnd()
        while current == .or { position += 1; left = .or(left, try parseAnd()) }
        return left
    }

    mutating func parseAnd() throws -> QueryNode {
        var left = try parseNot()
        while current == .and { position += 1; left = .and(left, try parseNot()) }
        return left
    }

    mutating func parseNot() throws -> QueryNode {
        if current == .not {
            try enter()
            defer { depth -= 1 }
            position += 1
            return .not(try parseNot())
        }
        return try parseNear()
    }

    mutating func enter() throws {
        depth += 1
        if depth > Self.maxDepth {
            throw QueryError(query: query, column: column, message: "the query nests more than \(Self.maxDepth) levels deep")
        }
    }

    mutating func parseNear() throws -> QueryNode {
        var left = try parsePrimary()
        while case .near(let n)? = current { position += 1; left = .near(left, try parsePrimary(), n) }
        return left
    }

    mutating func parsePrimary() throws -> QueryNode {
        switch current {
        case .open?:
            let start = column
            try enter()
            defer { depth -= 1 }
            position += 1
            let inner = try parseOr()
            guard current == .close else { throw QueryError(query: query, column: start, message: "'(' is not closed") }
            position += 1
            return inner
        case .quote?:
            let start = column
            position += 1
            let elements = try parseElements(quoted: true)
            guard current == .quote else { throw QueryError(query: query, column: start, message: "unclosed double quote") }
            position += 1
            guard !elements.isEmpty else { throw QueryError(query: query, column: start, message: "empty phrase") }
            return try sequence(elements, column: start)
        case nil:
            throw QueryError(query: query, column: column, message: "the query ends where a word was expected")
        default:
            let start = column
            let elements = try parseElements(quoted: false)
            guard !elements.isEmpty else {
                throw QueryError(query: query, column: column, message: "unexpected \(describe(current!))")
            }
            return try sequence(elements, column: start)
        }
    }

    func sequence(_ elements: [SequenceElement], column: Int) throws -> QueryNode {
        guard elements.contains(where: { if case .token = $0 { return true }; return false }) else {
            throw QueryError(query: query, column: column, message: "a phrase needs at least one word besides gaps")
        }
        return .sequence(elements)
    }

    /// Elements side by side until an operator, a parenthesis or the closing quote.
    mutating func parseElements(quoted: Bool) throws -> [SequenceElement] {
        var out: [SequenceElement] = []
        while let t = current {
            switch t {
            case .gap(let m, let n): out.append(.gap(min: m, max: n)); position += 1
            case .text(let s) where plainWords(s).count > 1 && (position + 1 >= tokens.count || tokens[position + 1].token != .bar):
                // "U.S." or "1,000": several tokens written together are a phrase of them
                out += plainWords(s).map { .token([.form(Folding.matchingForm($0))]) }
                position += 1
            case .text, .regex:
                var alternatives = [try pattern()]
                while current == .bar {
                    position += 1
                    guard let next = current, next.isTerm else {
                        throw QueryError(query: query, column: column, message: "'|' needs a word after it")
                    }
                    alternatives.append(try pattern())
                }
                out.append(.token(alternatives))
            case .bar: throw QueryError(query: query, column: column, message: "'|' needs a word before it")
            default: return out
            }
            if !quoted, case .quote? = current { return out }
        }
        return out
    }

    /// The tokens of a plain term (no operator characters), else [].
    func plainWords(_ s: String) -> [String] {
        guard let f = s.first, f != "=", f != "~", !s.contains("*"), !s.contains("?"), !s.hasSuffix("%d") else { return [] }
        return Tokenizer.tokens(in: s)
    }

    /// One term: =Exact, ~stem, /regex/, wild*card, or a word (tokenized and folded like the text).
    mutating func pattern() throws -> TokenPattern {
        let (t, col) = tokens[position]
        position += 1
        if case .regex(let r) = t {
            // On its own first: an unbalanced body (`a)|(.*`) would otherwise
            // close the anchoring `^(?:…)$` and match every token (F14). A body
            // valid alone that still swallows the wrapper (an open `\Q`, a `#`
            // comment) leaves its `(?:` unclosed, so the wrapped form fails.
            do {
                _ = try NSRegularExpression(pattern: r)
                _ = try NSRegularExpression(pattern: "^(?:\(r))$")
            } catch {
                throw QueryError(query: query, column: col, message: "/\(r)/ is not a valid regular expression")
            }
            return .regex(r)
        }
        guard case .text(let s) = t else { throw QueryError(query: query, column: col, message: "expected a word") }
        if s.hasPrefix("=") {
            let w = String(s.dropFirst())
            guard Tokenizer.tokens(in: w) == [w] else {
                throw QueryError(query: query, column: col, message: "'=' takes one word exactly as written, such as =Kiev")
            }
            return .exact(w)
        }
        if s.hasPrefix("~") {
            let w = String(s.dropFirst())
            // The whole rest must be the word: `~~nato` is no stem of anything.
            guard Tokenizer.tokens(in: w) == [w] else {
                throw QueryError(query: query, column: col, message: "'~' takes one word, such as ~negotiate")
            }
            return .stem(Folding.matchingForm(w))
        }
        if s.hasSuffix("%d"), s.count > 2 {
            let w = String(s.dropLast(2))
            guard Tokenizer.tokens(in: w) == [w] else {
                throw QueryError(query: query, column: col, message: "'%d' follows one word, such as cafe%d (diacritics ignored)")
            }
            return .unaccented(Unaccented.key(Folding.matchingForm(w)))
        }
        if s.contains("*") || s.contains("?") {
            guard s.contains(where: { $0 != "*" && $0 != "?" }) else {
                throw QueryError(query: query, column: col, message: "a wildcard needs at least one letter: use _ for any token")
            }
            return .wildcard(Folding.matchingForm(s))
        }
        let words = Tokenizer.tokens(in: s)
        guard words.count == 1 else {
            throw QueryError(query: query, column: col, message: words.isEmpty
                ? "'\(s)' has no letters or digits" : "'\(s)' is several words: put spaces between them or quote the phrase")
        }
        return .form(Folding.matchingForm(words[0]))
    }
}

extension QueryParser.Token {
    var isTerm: Bool {
        switch self { case .text, .regex: return true; default: return false }
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return s
    }
}
