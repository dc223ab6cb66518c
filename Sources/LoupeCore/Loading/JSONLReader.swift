import Foundation

/// `.jsonl`: one JSON object per line with a `text` string; `id` and `title`
/// are used when present, every other scalar field becomes metadata.
enum JSONLReader {
    /// A JSON value as metadata: scalars only; arrays and objects are reported.
    enum Field: Decodable {
        case value(MetaValue)
        case null
        case nested

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null }
            else if let b = try? c.decode(Bool.self) { self = .value(.bool(b)) }
            else if let i = try? c.decode(Int.self) { self = .value(.int(i)) }
            else if let d = try? c.decode(Double.self) { self = .value(.double(d)) }
            else if let s = try? c.decode(String.self) { self = .value(.string(s)) }
            else { self = .nested }
        }
    }

    static func read(_ text: String, file: String, stem: String, report: inout LoadReport) -> [RawDocument] {
        var docs: [RawDocument] = []
        let decoder = JSONDecoder()
        for (n, (line, _)) in Lines(text).enumerated() {
            let lineNo = n + 1
            if line.allSatisfy(\.isWhitespace) { continue }
            let object: [String: Field]
            do {
                object = try decoder.decode([String: Field].self, from: Data(line.utf8))
            } catch {
                report.warn(file, line: lineNo, "not a JSON object; line skipped")
                continue
            }
            guard case .value(.string(let body))? = object["text"] else {
                report.warn(file, line: lineNo, "no \"text\" string; line skipped")
                continue
            }
            var meta = Metadata()
            for key in object.keys.sorted() where key != "text" && key != "id" && key != "title" {
                switch object[key]! {
                case .value(let v): meta[key] = v
                case .null: break
                case .nested: report.warn(file, line: lineNo, "field \"\(key)\" is an array or object; ignored")
                }
            }
            var id = "\(stem)-\(lineNo)"
            if case .value(let v)? = object["id"] { id = v.description }
            var title = ""
            if case .value(let v)? = object["title"] { title = v.description }
            var doc = RawDocument(id: id, title: title.isEmpty ? TitleGuess.firstLine(body) : title, text: body,
                                  meta: meta, source: DocumentSource(file: file, firstLine: lineNo, lastLine: lineNo))
            doc.titleIsGuessed = title.isEmpty
            docs.append(doc)
        }
        return docs
    }
}

/// A title for a document that has none: its first non-blank line, shortened.
enum TitleGuess {
    static func firstLine(_ text: String) -> String {
        let t = FrontMatter.trimmed(firstNonBlankLine(text))
        return t.count > 100 ? String(t.prefix(99)) + "…" : t
    }

    /// `text.split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) }`,
    /// stopping at that line instead of splitting the whole text. Read by
    /// bytes while they are ASCII (every document's title is guessed this
    /// way, and `Character`s cost tens of nanoseconds each); by `Character`s
    /// from the start if a byte that is not comes before the answer.
    static func firstNonBlankLine(_ text: String) -> Substring {
        var text = text   // shares the storage: withUTF8 does not copy a native string
        let found: Range<Int>? = text.withUTF8 { bytes in
            var lineStart = 0, blank = true
            for (i, b) in bytes.enumerated() {
                switch b {
                case 0x0A, 0x0B, 0x0C, 0x0D:   // the ASCII newlines (CR LF makes an empty line between: blank)
                    if !blank { return lineStart..<i }
                    lineStart = i + 1
                case 0x20, 0x09: continue
                case 0x80...: return nil
                default: blank = false
                }
            }
            return blank ? bytes.count..<bytes.count : lineStart..<bytes.count
        }
        guard let found else { return firstNonBlankLineByCharacters(text) }
        let utf8 = text.utf8
        return text[utf8.index(utf8.startIndex, offsetBy: found.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: found.upperBound)]
    }

    /// `firstNonBlankLine` by `Character`s, for any text.
    static func firstNonBlankLineByCharacters(_ text: String) -> Substring {
        var lineStart = text.startIndex
        var i = text.startIndex
        while true {
            let atEnd = i == text.endIndex
            if atEnd || text[i].isNewline {
                let line = text[lineStart..<i]
                if !line.allSatisfy(\.isWhitespace) { return line }
                if atEnd { return "" }
                lineStart = text.index(after: i)
            }
            i = text.index(after: i)
        }
    }
}
