/// Swift-side working memory of an analysis (KWIC lines, collocate tables, results
/// being built for Lua) counts against `--memory` too. LoupeCore cannot see the Lua
/// host, so the host installs a probe once at start; work that is about to hold a
/// large amount calls `MemoryBudget.reserve(bytes)` with an estimate, which throws
/// `Interrupted` (the host then raises the memory limit's own message) when the Lua
/// state plus that much would pass the limit.
public enum MemoryBudget {
    /// Set once by the host; true when holding this many more bytes would pass the
    /// limit (it then trips the limit). Only the thread running the Lua chunk sees one.
    /// Unlocked: read where work grows, and written once before any reader runs.
    nonisolated(unsafe) public static var probe: (@Sendable (Int) -> Bool)?

    @inline(__always)
    public static func reserve(_ bytes: Int) throws {
        if let probe, probe(Swift.max(0, bytes)) { throw Interrupted() }
    }

    /// Bytes of `count` items of `each` bytes, saturating instead of trapping.
    @inline(__always)
    public static func bytes(_ count: Int, each: Int) -> Int {
        let (p, overflow) = Swift.max(0, count).multipliedReportingOverflow(by: Swift.max(0, each))
        return overflow ? Int.max : p
    }
}
