/// The file formats a table can be written in, chosen by the file's extension.
///
/// - csv: RFC 4180 — a header row, fields separated by commas, a field holding a comma,
///   a double quote, CR or LF quoted with double quotes (a quote inside doubled). Lines end
///   with LF (not RFC 4180's CRLF; every CSV reader accepts LF, and Unix tools prefer it).
/// - tsv: a header row, tabs between fields; inside a field a tab is written `\t`, a line
///   feed `\n`, a carriage return `\r` and a backslash `\\`.
/// - json: an array of objects, one per row, keys in column order; nulls and doubles that
///   are not finite (NaN, infinities) are `null`.
/// - jsonl: one such object per line.
/// - md: a Markdown pipe table (numbers right-aligned; `|` and `\` escaped, line breaks as `<br>`).
/// - html: a complete small page holding the `<table>`, every cell escaped.
///
/// csv, tsv and json(l) keep every digit of a double (the shortest text that reads back as
/// the same number); md and html show numbers as the terminal does (at most 4 decimals).
/// Nulls are empty fields; booleans are `true` and `false`.
public enum TableFormat: String, CaseIterable, Sendable {
    case csv, tsv, json, jsonl, md, html

    /// The format for a file name, by its extension (case-insensitive; `.markdown` and `.htm` too).
    public init(path: String) throws {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else {
            throw TableWriteError.unknownFormat(path)
        }
        let ext = name[name.index(after: dot)...].lowercased()
        switch ext {
        case "markdown": self = .md
        case "htm": self = .html
        default:
            guard let f = TableFormat(rawValue: ext) else { throw TableWriteError.unknownFormat(path) }
            self = f
        }
    }

    /// The table as text in this format (ending with a line break).
    public func encode(_ table: Table, title: String = "Table") -> String {
        switch self {
        case .csv: return TableWriterCSV.csv(table)
        case .tsv: return TableWriterCSV.tsv(table)
        case .json: return TableWriterJSON.json(table)
        case .jsonl: return TableWriterJSON.jsonLines(table)
        case .md: return TableWriterMarkdown.markdown(table)
        case .html: return TableWriterHTML.html(table, title: title)
        }
    }

    /// The names, as a user would list them: "csv, tsv, json, jsonl, md, html".
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// Why a table could not be written. Two are equal when they say the same, however
/// the host words them (`PathPolicy.Wording`).
public struct TableWriteError: Error, Equatable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        case unknownFormat(String)
        case exists(String)
        case notAFile(String)
        case system(String, String)
    }

    public let reason: Reason
    public private(set) var wording = PathPolicy.Wording()

    public init(_ reason: Reason) { self.reason = reason }

    public static func unknownFormat(_ path: String) -> TableWriteError { TableWriteError(.unknownFormat(path)) }
    public static func exists(_ path: String) -> TableWriteError { TableWriteError(.exists(path)) }
    public static func notAFile(_ path: String) -> TableWriteError { TableWriteError(.notAFile(path)) }
    public static func system(_ path: String, _ why: String) -> TableWriteError { TableWriteError(.system(path, why)) }

    /// The same error with the host's words.
    func worded(_ wording: PathPolicy.Wording) -> TableWriteError {
        var copy = self
        copy.wording = wording
        return copy
    }

    public static func == (a: TableWriteError, b: TableWriteError) -> Bool { a.reason == b.reason }

    public var description: String {
        switch reason {
        case .unknownFormat(let p):
            return "cannot tell the format of '\(p)': name it .csv, .tsv, .json, .jsonl, .md or .html"
        case .exists(let p):
            return "'\(p)' already exists; pass {overwrite = true}" + (wording.replacing.map { " and \($0)" } ?? "") + " to replace it"
        case .notAFile(let p): return "'\(p)' is a folder or a special file, not a file to replace"
        case .system(let p, let why): return "cannot write '\(p)': \(why)"
        }
    }
}

extension TableValue {
    /// Every digit: the shortest text that reads back as the same double; "nan", "inf", "-inf".
    var exactText: String {
        guard case .double(let d) = self else { return description }
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        return String(d)
    }
}
