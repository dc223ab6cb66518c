import Foundation
import LoupeCore

/// The --out file of `loupe exercise check` (a gradebook with --all): one row per script, rewritten atomically after
/// every script, so stopping the check keeps every finished result and never a torn file.
/// Students' text in a .csv or .tsv is made safe for spreadsheets (SpreadsheetText).
/// An existing file is replaced only with --overwrite, checked before any script runs.
final class ClassResults {
    let path: String
    private let format: TableFormat
    private var replace: Bool
    /// The path written, once something was.
    private(set) var written: String?
    /// The columns.
    let names: [String]

    init(path: String, overwrite: Bool, names: [String] = ["file", "passed", "feedback", "seconds", "error"]) throws {
        self.path = path
        self.names = names
        do { format = try TableFormat(path: path) } catch {
            Terminal.err("loupe: --out: \(error)")
            throw Exit.usage
        }
        var st = stat()
        if lstat(path, &st) == 0 {
            guard (st.st_mode & S_IFMT) == S_IFREG else {
                Terminal.err("loupe: --out '\(path)' is a folder or a special file, not a results file")
                throw Exit.usage
            }
            guard overwrite else {
                Terminal.err("loupe: '\(path)' already exists; pass --overwrite to replace it (nothing was checked)")
                throw Exit.usage
            }
        }
        replace = overwrite
    }

    func write(_ rows: [[(String, TableValue)]]) throws {
        let safe = format == .csv || format == .tsv ? rows.map(SpreadsheetText.row) : rows
        let table = Table(rows: safe, names: names)
        do {
            written = try table.write(to: path, policy: nil, outputFolder: ".", overwrite: replace)
            replace = true   // from now on the file is this check's own
        } catch {
            Terminal.err("loupe: \(error)")
            throw Exit.usage
        }
    }
}
