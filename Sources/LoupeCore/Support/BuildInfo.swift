internal import CBuildInfo

/// Which Loupe this is: its version (written once, in Package.swift) and the commit it was built from.
public enum BuildInfo {
    public static let version = String(cString: loupe_version())
    /// The git commit `make` built (LOUPE_COMMIT), or "unknown" for a plain `swift build`.
    public static let commit = String(cString: loupe_commit())
}
