/// A corpus file's relative path taken apart as `NSString`'s path methods do
/// (`pathExtension`, `deletingPathExtension`, `lastPathComponent`), for the
/// paths the folder walk makes: components joined by "/", none empty, none
/// starting with "." (hidden entries are passed over). NSString is slow
/// at it, and loading asks for every file.
struct FileName {
    /// The extension as written ("" when none): after the last "." of the
    /// last component, unless that "." starts it.
    let pathExtension: String
    /// The path without ".extension" (the path itself when it has none).
    let deletingPathExtension: String
    /// The last component without its extension.
    let bareName: String

    init(_ path: String) {
        // By Characters, as NSString: a "." that a combining mark follows is no dot.
        let nameStart = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let name = path[nameStart...]
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            pathExtension = String(name[name.index(after: dot)...])
            deletingPathExtension = String(path[..<dot])
            bareName = String(name[..<dot])
        } else {
            pathExtension = ""
            deletingPathExtension = path
            bareName = String(name)
        }
    }
}
