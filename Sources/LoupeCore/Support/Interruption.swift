/// Long Swift-side work (queries, analyses, tables) stops when the user presses
/// Ctrl-C or a limit runs out. LoupeCore cannot see the Lua host, so the host
/// installs a probe once at start; loops call `Interruption.check()` every few
/// thousand items, which throws `Interrupted` when the probe says stop.
public enum Interruption {
    /// Set once by the host before any work starts (LoupeLua's session does it).
    /// Reads process-wide flags only, so it is safe to call from any thread.
    public static var probe: (@Sendable () -> Bool)? {
        get { installed.value }
        set { installed.value = newValue }
    }
    private static let installed = Locked<(@Sendable () -> Bool)?>(nil)

    @inline(__always)
    public static func check() throws {
        if let probe, probe() { throw Interrupted() }
    }

    /// True when the work should stop (for loops that cannot throw).
    @inline(__always)
    public static var requested: Bool { probe?() ?? false }
}

/// Thrown by `Interruption.check()`; the host turns it into the limit's own message.
public struct Interrupted: Error, Sendable, CustomStringConvertible {
    public init() {}
    public var description: String { "interrupted" }
}
