/// An error that came out of a protected Lua call: a script error, a syntax
/// error, a limit. `message` is the first line; `traceback` the rest, if any.
public struct LuaError: Error, CustomStringConvertible, Sendable {
    public let status: Int32
    public let message: String
    public let traceback: String
    /// The limit that stopped the chunk, when one did (not read from the message's text).
    public let limit: Limit?

    /// The limits of docs/safety.md.
    public enum Limit: Sendable, Equatable {
        case time, memory, instructions, interrupted
    }

    public init(status: Int32, fullText: String, limit: Limit? = nil) {
        self.status = status
        self.limit = limit
        if let r = fullText.range(of: "\nstack traceback:") {
            message = String(fullText[..<r.lowerBound])
            traceback = String(fullText[r.lowerBound...].dropFirst())
        } else {
            message = fullText
            traceback = ""
        }
    }

    public var isSyntaxError: Bool { status == 3 }   // LUA_ERRSYNTAX
    public var description: String { message }
}

/// Thrown by Swift code called from Lua; becomes a Lua error raised at the
/// caller's line (by the C trampoline, after the Swift frame has returned).
public struct ScriptError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
