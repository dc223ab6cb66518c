import Foundation

/// A lexicon (dictionary): named categories of entries, each entry a query of
/// the query language (docs/queries.md): a word `regime`, a phrase `kiev
/// regime`, a wildcard `neo-nazi*`, alternatives, gaps. Read from a YAML-ish
/// file, a plain-text file or a LIWC-style `.dic` file, or built from a list
/// of categories (a Lua table). Every entry is parsed when the lexicon is
/// made, so a bad entry is an error that names its file and line.
public struct Lexicon: Sendable {
    public struct Entry: Sendable {
        /// The entry as written.
        public let text: String
        /// Its line in the file (nil when built from a table).
        public let line: Int?
        public let query: QueryNode
    }

    public struct Category: Sendable {
        public let name: String
        public let line: Int?
        public internal(set) var entries: [Entry]
    }

    public enum Format: String, Sendable, CaseIterable {
        /// `category:` lines, then `  - entry` lines.
        case yaml
        /// `# category` headings, then one entry per line.
        case text
        /// LIWC: `%`, `id<TAB>name` lines, `%`, then `word<TAB>id<TAB>id…` lines.
        case dic

        /// .yaml/.yml → yaml, .dic → dic, anything else → text.
        public static func guess(path: String) -> Format {
            switch (path as NSString).pathExtension.lowercased() {
            case "yaml", "yml": return .yaml
            case "dic": return .dic
            default: return .text
            }
        }
    }

    /// Where it came from: a file path, or "(table)".
    public let source: String
    public let categories: [Category]

    public var entryCount: Int { categories.reduce(0) { $0 + $1.entries.count } }

    /// A lexicon from categories in order, each with its entries.
    public init(categories: [(name: String, entries: [String])], source: String = "(table)") throws {
        var out: [Category] = []
        var seen = Set<String>()
        for (name, entries) in categories {
            let n = name.trimmingCharacters(in: .whitespaces)
            guard !n.isEmpty else { throw LexiconError(source: source, line: nil, message: "a category needs a name") }
            guard seen.insert(n).inserted else { throw LexiconError(source: source, line: nil, message: "category '\(n)' is given twice") }
            var c = Category(name: n, line: nil, entries: [])
            for e in entries { c.entries.append(try Self.entry(e, line: nil, category: n, source: source)) }
            out.append(c)
        }
        guard !out.isEmpty else { throw LexiconError(source: source, line: nil, message: "the lexicon has no categories") }
        self.source = source
        self.categories = out
    }

    init(source: String, categories: [Category]) {
        self.source = source; self.categories = categories
    }

    /// Parses the text of a lexicon file.
    public static func parse(_ text: String, format: Format, source: String = "(text)") throws -> Lexicon {
        // "\r\n" is one Character in Swift: split on it as well as on "\n".
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        var lexicon: Lexicon
        switch format {
        case .yaml: lexicon = try parseYAML(lines, source: source)
        case .text: lexicon = try parseText(lines, source: source)
        case .dic: lexicon = try parseDic(lines, source: source)
        }
        guard !lexicon.categories.isEmpty else {
            throw LexiconError(source: source, line: nil, message: "the lexicon has no categories")
        }
        if format != .dic, let empty = lexicon.categories.first(where: { $0.entries.isEmpty }) {
            throw LexiconError(source: source, line: empty.line, message: "category '\(empty.name)' has no entries")
        }
        lexicon = Lexicon(source: source, categories: lexicon.categories)
        return lexicon
    }

    /// Reads a lexicon file; the format comes from the extension unless given.
    public static func read(path: String, format: Format? = nil, displayName: String? = nil) throws -> Lexicon {
        let name = displayName ?? path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LexiconError(source: name, line: nil, message: "cannot read the file")
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw LexiconError(source: name, line: nil, message: "the file is not UTF-8 text")
        }
        return try parse(text, format: format ?? Format.guess(path: path), source: name)
    }

    static func entry(_ raw: String, line: Int?, category: String, source: String) throws -> Entry {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw LexiconError(source: source, line: line, message: "an empty entry in category '\(category)'") }
        do {
            return Entry(text: text, line: line, query: try QueryParser.parse(text))
        } catch let e as QueryError {
            throw LexiconError(source: source, line: line, message: "entry '\(text)' of category '\(category)' is not a valid query: \(e.message) at column \(e.column)")
        }
    }

    static func isBlank(_ s: Substring) -> Bool { s.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" } }
    static func trimmed(_ s: Substring) -> String { s.trimmingCharacters(in: CharacterSet.whitespaces) }

    /// A YAML scalar without its surrounding quotes, if it has a matching pair.
    static func unquoted(_ s: String) -> String {
        for q in ["\"", "'"] where s.count >= 2 && s.hasPrefix(q) && s.hasSuffix(q) {
            return String(s.dropFirst().dropLast())
        }
        return s
    }

    // MARK: YAML-ish

    static func parseYAML(_ lines: [Substring], source: String) throws -> Lexicon {
        var cats: [Category] = []
        var firstLine: [String: Int] = [:]
        for (i, line) in lines.enumerated() {
            let n = i + 1
            if isBlank(line) { continue }
            let t = trimmed(line)
            if t.hasPrefix("#") { continue }
            if t == "-" || t.hasPrefix("- ") || t.hasPrefix("-\t") {
                guard !cats.isEmpty else { throw LexiconError(source: source, line: n, message: "an entry before any 'category:' line") }
                let value = unquoted(String(t.dropFirst()).trimmingCharacters(in: .whitespaces))
                cats[cats.count - 1].entries.append(try entry(value, line: n, category: cats[cats.count - 1].name, source: source))
                continue
            }
            let indented = line.first == " " || line.first == "\t"
            if !indented, let colon = t.firstIndex(of: ":") {
                let name = unquoted(String(t[..<colon]).trimmingCharacters(in: .whitespaces))
                let rest = t[t.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                guard rest.isEmpty else {
                    throw LexiconError(source: source, line: n, message: "write the entries of '\(name)' on the lines below, one per line as '  - entry'")
                }
                guard !name.isEmpty else { throw LexiconError(source: source, line: n, message: "a category needs a name before ':'") }
                if let first = firstLine[name] {
                    throw LexiconError(source: source, line: n, message: "category '\(name)' is already defined at line \(first)")
                }
                firstLine[name] = n
                cats.append(Category(name: name, line: n, entries: []))
                continue
            }
            throw LexiconError(source: source, line: n, message: "expected 'category:' or '  - entry', got '\(t)'")
        }
        return Lexicon(source: source, categories: cats)
    }

    // MARK: plain text

    static func parseText(_ lines: [Substring], source: String) throws -> Lexicon {
        var cats: [Category] = []
        var firstLine: [String: Int] = [:]
        for (i, line) in lines.enumerated() {
            let n = i + 1
            if isBlank(line) { continue }
            let t = trimmed(line)
            if t.hasPrefix("#") {
                let name = String(t.drop { $0 == "#" }).trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else { throw LexiconError(source: source, line: n, message: "a '#' heading needs a category name") }
                if let first = firstLine[name] {
                    throw LexiconError(source: source, line: n, message: "category '\(name)' is already defined at line \(first)")
                }
                firstLine[name] = n
                cats.append(Category(name: name, line: n, entries: []))
                continue
            }
            guard !cats.isEmpty else { throw LexiconError(source: source, line: n, message: "an entry before any '# category' heading") }
            cats[cats.count - 1].entries.append(try entry(t, line: n, category: cats[cats.count - 1].name, source: source))
        }
        return Lexicon(source: source, categories: cats)
    }

    // MARK: LIWC .dic

    static func parseDic(_ lines: [Substring], source: String) throws -> Lexicon {
        var i = 0
        while i < lines.count, isBlank(lines[i]) { i += 1 }
        guard i < lines.count, trimmed(lines[i]) == "%" else {
            throw LexiconError(source: source, line: min(i + 1, max(lines.count, 1)), message: "a .dic file starts with a line holding only '%'")
        }
        let opened = i + 1
        i += 1
        var cats: [Category] = []
        var byID: [Int: Int] = [:]
        var closed = false
        while i < lines.count {
            let n = i + 1
            let line = lines[i]
            i += 1
            if isBlank(line) { continue }
            let t = trimmed(line)
            if t == "%" { closed = true; break }
            let fields = t.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let id = Int(fields[0]) else {
                throw LexiconError(source: source, line: n, message: "a category line is a number and a name, such as '1<TAB>hedges', got '\(t)' (end the category table with a line holding only '%')")
            }
            guard fields.count >= 2 else { throw LexiconError(source: source, line: n, message: "category \(id) has no name") }
            if byID[id] != nil { throw LexiconError(source: source, line: n, message: "category number \(id) is used twice") }
            let name = fields.dropFirst().joined(separator: " ")
            if let other = cats.first(where: { $0.name == name }) {
                throw LexiconError(source: source, line: n, message: "category '\(name)' is already defined at line \(other.line ?? 0)")
            }
            byID[id] = cats.count
            cats.append(Category(name: name, line: n, entries: []))
        }
        guard closed else {
            throw LexiconError(source: source, line: opened, message: "the category table opened here is not closed with a line holding only '%'")
        }
        while i < lines.count {
            let n = i + 1
            let line = lines[i]
            i += 1
            if isBlank(line) { continue }
            var word: String
            var ids: [Substring]
            if line.contains("\t") {
                let fields = line.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                word = fields.first ?? ""
                ids = fields.dropFirst().map { Substring($0) }
            } else {
                var fields = line.split(whereSeparator: { $0 == " " })
                ids = []
                while let last = fields.last, fields.count > 1, Int(last) != nil { ids.insert(last, at: 0); fields.removeLast() }
                word = fields.joined(separator: " ")
            }
            guard !ids.isEmpty else {
                throw LexiconError(source: source, line: n, message: "entry '\(word)' has no category numbers (write word<TAB>number<TAB>number…)")
            }
            var targets: [Int] = []
            for f in ids {
                guard let id = Int(f) else {
                    throw LexiconError(source: source, line: n, message: "'\(f)' is not a category number (entry '\(word)')")
                }
                guard let c = byID[id] else {
                    throw LexiconError(source: source, line: n, message: "category number \(id) is not in the table at the top (entry '\(word)')")
                }
                if !targets.contains(c) { targets.append(c) }
            }
            for c in targets {
                cats[c].entries.append(try entry(word, line: n, category: cats[c].name, source: source))
            }
        }
        return Lexicon(source: source, categories: cats)
    }
}

/// A lexicon that cannot be read: its file (or "(table)"), the line, and what is wrong.
public struct LexiconError: Error, Equatable, Sendable, CustomStringConvertible {
    public let source: String
    public let line: Int?
    public let message: String
    public init(source: String, line: Int?, message: String) {
        self.source = source; self.line = line; self.message = message
    }
    public var description: String { line.map { "\(source):\($0): \(message)" } ?? "\(source): \(message)" }
}
