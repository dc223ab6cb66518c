/// The sizes a request may have (docs/browser.md, "Safety").
public enum Limits {
    /// A request's whole query string, in bytes (414 past it).
    public static let queryStringBytes = 8 * 1024
    /// The `q` parameter, in characters (400 past it).
    public static let queryCharacters = 2_000
    /// A request body (`POST /api/run`), in bytes (413 past it).
    public static let bodyBytes = 64 * 1024
    /// Concordance lines on one page or in one API answer.
    public static let pageLines = 1_000
    /// Tokens of context on each side of a concordance line.
    public static let window = 50
    /// Characters of context on each side, with `unit=chars`.
    public static let windowCharacters = 500
    /// Documents on one page of the corpus table.
    public static let documentRows = 1_000
    /// What one evaluation may print before the rest is cut, in bytes.
    public static let outputBytes = 1 << 20
    /// Tables one evaluation may show, and the rows shown of each (all of them in a download).
    public static let cellTables = 20
    public static let tableRows = 1_000
    /// Charts one evaluation may show, and the size of each.
    public static let cellFigures = 10
    public static let figureBytes = 4 << 20
    /// Cells a visitor's console keeps (the oldest go first).
    public static let consoleCells = 30
}

/// A request the server refuses, with its status and a message for the visitor.
public struct RequestError: Error, Equatable, Sendable, CustomStringConvertible {
    public var status: Int
    public var message: String
    /// A query error's 1-based column (characters), when the message is one.
    public var column: Int?
    public init(_ status: Int, _ message: String, column: Int? = nil) {
        self.status = status; self.message = message; self.column = column
    }
    public var description: String { "\(status): \(message)" }

    static func badRequest(_ message: String) -> RequestError { RequestError(400, message) }
}

/// A request's query string, decoded as an HTML form encodes it (`+` is a space,
/// `%XX` a byte, the bytes UTF-8). The first value of a repeated name wins.
public struct QueryParameters: Sendable {
    public private(set) var values: [String: String] = [:]

    public init(_ query: String?) throws(RequestError) {
        guard let query, !query.isEmpty else { return }
        guard query.utf8.count <= Limits.queryStringBytes else {
            throw RequestError(414, "the query string is longer than \(Limits.queryStringBytes) bytes")
        }
        try read(query, place: "the query string")
    }

    /// A form's fields from a request body (`application/x-www-form-urlencoded`), already
    /// held to the body's limit.
    public init(form body: String) throws(RequestError) {
        try read(body, place: "the form")
    }

    private mutating func read(_ text: String, place: String) throws(RequestError) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decode(parts[0], place: place)
            let value = parts.count > 1 ? try Self.decode(parts[1], place: place) : ""
            if values[name] == nil { values[name] = value }
        }
    }

    public subscript(name: String) -> String? { values[name] }

    /// `+` → space, `%XX` → byte; the bytes must be UTF-8.
    static func decode(_ text: Substring, place: String = "the query string") throws(RequestError) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var it = Array(text.utf8)[...]
        while let b = it.popFirst() {
            if b == UInt8(ascii: "+") { bytes.append(0x20); continue }
            guard b == UInt8(ascii: "%") else { bytes.append(b); continue }
            guard let h = it.popFirst().flatMap(hexValue), let l = it.popFirst().flatMap(hexValue) else {
                throw .badRequest("malformed percent-encoding in \(place)")
            }
            bytes.append(h << 4 | l)
        }
        guard let s = String(validating: bytes, as: UTF8.self) else {
            throw .badRequest("\(place) is not UTF-8")
        }
        return s
    }

    /// Percent-decoding of a path segment (no `+` rule); nil when malformed or not UTF-8.
    public static func decodePath(_ text: Substring) -> String? {
        guard !text.contains("+") else {
            return (try? decode(Substring(text.replacingOccurrences(of: "+", with: "%2B"))))
        }
        return try? decode(text)
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// The query `q`, trimmed: nil when absent or blank; 400 when longer than the limit.
    public func query() throws(RequestError) -> String? {
        guard let q = values["q"] else { return nil }
        let trimmed = q.trimmingWhitespace()
        if trimmed.isEmpty { return nil }
        guard trimmed.count <= Limits.queryCharacters else {
            throw .badRequest("the query is longer than \(Limits.queryCharacters) characters")
        }
        return trimmed
    }

    /// A whole number parameter in `range`, `fallback` when absent or empty; 400 otherwise.
    public func integer(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws(RequestError) -> Int {
        guard let text = values[name], !text.isEmpty else { return fallback }
        guard text.count <= 12, text.allSatisfy({ $0.isASCII && $0.isNumber || $0 == "-" }), let n = Int(text) else {
            throw .badRequest("'\(name)' must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text.prefix(40))'")
        }
        guard range.contains(n) else {
            throw .badRequest("'\(name)' must be from \(range.lowerBound) to \(range.upperBound), got \(n)")
        }
        return n
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
