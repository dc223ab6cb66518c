/// A malformed query, with the 1-based column of the problem.
public struct QueryError: Error, Equatable, CustomStringConvertible {
    public var query: String
    public var column: Int
    public var message: String
    public init(query: String, column: Int, message: String) {
        self.query = query; self.column = column; self.message = message
    }
    public var description: String {
        "\(message) at column \(column)\n  \(query)\n  \(String(repeating: " ", count: max(0, column - 1)))^"
    }
}

/// A word or phrase: its text is tokenized and folded exactly as documents are,
/// so `Kiev’s` in a query matches `kiev's` in the text. Surrounding double quotes
/// are optional: `kiev regime` and `"kiev regime"` are the same phrase.
public struct PhraseQuery: Equatable, Sendable {
    public let text: String
    public let forms: [String]

    public init(_ text: String) throws {
        self.text = text
        var body = Substring(text)
        while let c = body.first, c.isWhitespace { body.removeFirst() }
        while let c = body.last, c.isWhitespace { body.removeLast() }
        if body.hasPrefix("\"") {
            guard body.count >= 2, body.hasSuffix("\"") else {
                let col = text.distance(from: text.startIndex, to: body.startIndex) + 1
                throw QueryError(query: text, column: col, message: "unclosed double quote")
            }
            body = body.dropFirst().dropLast()
        }
        // Operators of the full query language (DESIGN.md §6) are refused rather
        // than silently read as word separators, so no count is quietly wrong.
        for word in body.split(separator: " ") where ["AND", "OR", "NOT"].contains(word) || word.hasPrefix("NEAR/") {
            let col = text.distance(from: text.startIndex, to: word.startIndex) + 1
            throw QueryError(query: text, column: col, message: "'\(word)' is a query operator that plain word and phrase search does not support")
        }
        for i in body.indices where "_*?|/~=()\"".contains(body[i]) {
            throw QueryError(query: text, column: text.distance(from: text.startIndex, to: i) + 1,
                             message: "'\(body[i])' is a query operator that plain word and phrase search does not support")
        }
        let forms = Tokenizer.tokens(in: String(body)).map(Folding.matchingForm)
        guard !forms.isEmpty else {
            throw QueryError(query: text, column: 1, message: text.isEmpty ? "empty query" : "query has no words")
        }
        self.forms = forms
    }
}
