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
