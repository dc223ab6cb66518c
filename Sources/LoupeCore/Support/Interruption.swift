/// Long Swift-side work (queries, analyses, tables) stops when the user presses
/// Ctrl-C or a limit runs out. LoupeCore cannot see the Lua host, so the host
/// installs a probe once at start; loops call `Interruption.check()` every few
/// thousand items, which throws `Interrupted` when the probe says stop.
public enum Interruption {
    /// Set once by the host before any work starts (LuaRuntime does it while making its
    /// first state); the probe reads process-wide flags only, so it is safe from any thread.
    /// Unlocked: it is read in every hot loop, and written once before any reader runs.
    nonisolated(unsafe) public static var probe: (@Sendable () -> Bool)?

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
