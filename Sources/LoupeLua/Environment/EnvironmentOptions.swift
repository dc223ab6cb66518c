import LoupeCore
import LuaRuntime

/// How an environment runs scripts: its sandbox, limits, folders and output.
public struct EnvironmentOptions: Sendable {
    /// Full standard library (io, os, require, debug) instead of the sandbox.
    public var unsafe = false
    public var limits = LuaLimits()
    /// Where print() writes.
    public var output: @Sendable (String) -> Void = { print($0, terminator: "") }
    /// What sandboxed scripts may read, and where writers write.
    public var paths = PathPolicy(readable: [], output: ".")
    /// Where `require` looks for modules (the script's folder, scripts/lib).
    public var moduleFolders: [String] = []
    /// --format: a Table a chunk returns, or prints, is written in this format instead of aligned text.
    public var tableFormat: TableFormat?
    /// Told the path of every file Loupe's writers (t:write, t:plot, hits:plot) write: a run's manifest lists them.
    public var wrote: @Sendable (String) -> Void = { _ in }
    /// Set by a host that shows tables and charts itself (`loupe serve`): a plot drawn without
    /// a file comes here as SVG, and a Table a REPL entry returns comes here instead of as text.
    public var display: (@Sendable (DisplayItem) -> Void)?
    /// How `doc:show{}` and `hit:show()` mark hits: reverse video on a terminal (the REPL sets it), `[[` `]]` elsewhere.
    public var highlight = (open: "[[", close: "]]")
    /// Where `doc:show{}` sends a whole document: the REPL's pager on a terminal; nil prints it.
    public var page: (@Sendable (String) -> Void)?
    public init() {}
}
