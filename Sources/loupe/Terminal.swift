import CLineEditor
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing to the terminal: results to stdout, messages to stderr (stdout is
/// flushed first so the two stay in order when both go to one place).
enum Terminal {
    static func out(_ s: String) {
        var s = s
        s.withUTF8 { b in b.withMemoryRebound(to: CChar.self) { le_write_out($0.baseAddress, $0.count) } }
    }

    static func err(_ s: String) {
        flush()
        var line = s.hasSuffix("\n") ? s : s + "\n"
        line.withUTF8 { b in b.withMemoryRebound(to: CChar.self) { le_write_err($0.baseAddress, $0.count) } }
    }

    static func flush() { le_flush_out() }

    enum Color: String { case red = "31", dim = "2" }

    /// Color only on a terminal that supports it, never with NO_COLOR set.
    static let colorful: Bool = isatty(2) != 0 && environment("NO_COLOR") == nil && environment("TERM") != "dumb"

    static func paint(_ s: String, _ color: Color) -> String {
        colorful ? "\u{1B}[\(color.rawValue)m\(s)\u{1B}[0m" : s
    }

    static var stdinIsTTY: Bool { isatty(0) != 0 }
    static var stdoutIsTTY: Bool { isatty(1) != 0 }

    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}

/// Ends the program with a status after its message has been printed.
struct Exit: Error {
    let status: Int32
    static let scriptError = Exit(status: 1)
    static let usage = Exit(status: 2)
}
