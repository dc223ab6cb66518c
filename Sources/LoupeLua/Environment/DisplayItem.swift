import LoupeCore

/// What a host that shows more than text (a browser) shows as itself: a Table as a
/// table, a chart as its SVG (`EnvironmentOptions.display`).
public enum DisplayItem: Sendable {
    /// A Table an entry returned (hits and concordances as their tables).
    case table(Table)
    /// A chart drawn without a file: `t:plot{}`, `hits:plot{}`.
    case figure(svg: String)
}
