/// A malformed query, with the 1-based column of the problem.
public struct QueryError: Error, Equatable, CustomStringConvertible {
    public var query: String
    public var column: Int
    public var message: String
    public init(query: String, column: Int, message: String) {
        self.query = query; self.column = column; self.message = message
    }
    /// NUL is shown as `\0`: Lua's messages are C strings, and a raw NUL would
    /// cut the message there. The caret moves right by the extra character of
    /// each NUL before the column.
    public var description: String {
        let before = query.prefix(max(0, column - 1)).filter { $0 == "\0" }.count
        return "\(Self.visible(message)) at column \(column)\n  \(Self.visible(query))\n  \(String(repeating: " ", count: max(0, column - 1) + before))^"
    }

    static func visible(_ s: String) -> String { s.replacingOccurrences(of: "\0", with: "\\0") }
}
