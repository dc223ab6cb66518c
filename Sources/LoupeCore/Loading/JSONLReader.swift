import Foundation

/// `.jsonl`: one JSON object per line with a `text` string; `id` and `title`
/// are used when present, every other scalar field becomes metadata.
enum JSONLReader {
    /// A JSON value as metadata: scalars only; arrays and objects are reported,
    /// and so is a number no Double holds (1e999).
    enum Field: Decodable {
        case value(MetaValue)
        case null
        case nested
        case outOfRange
        case badString   // a string the decoder refuses (an unpaired surrogate escape)

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null; return }
            if let b = try? c.decode(Bool.self) { self = .value(.bool(b)); return }
            if let i = try? c.decode(Int.self) { self = .value(.int(i)); return }
            // A type mismatch means another kind of value; any other error, this kind gone wrong.
            do { self = .value(.double(try c.decode(Double.self))); return } catch DecodingError.typeMismatch {} catch { self = .outOfRange; return }
            do { self = .value(.string(try c.decode(String.self))); return } catch DecodingError.typeMismatch {} catch { self = .badString; return }
            self = .nested
        }

        var isBadString: Bool { if case .badString = self { return true } else { return false } }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Any JSON value, looked at no deeper than its kind (so no recursion).
    struct Probe: Decodable {
        enum Kind { case array, object, other }
        var kind: Kind
        init(from decoder: Decoder) throws {
            if (try? decoder.unkeyedContainer()) != nil { kind = .array }
            else if (try? decoder.container(keyedBy: AnyKey.self)) != nil { kind = .object }
            else { _ = try decoder.singleValueContainer(); kind = .other }
        }
    }

    static func read(_ text: String, file: String, stem: String, report: inout LoadReport) -> [RawDocument] {
        var docs: [RawDocument] = []
        let decoder = JSONDecoder()
        for (n, (line, _)) in Lines(text).enumerated() {
            let lineNo = n + 1
            if line.allSatisfy(\.isWhitespace) { continue }
            var object: [String: Field]
            do {
                object = try decoder.decode([String: Field].self, from: Data(line.utf8))
            } catch {
                guard let repaired = withoutLoneSurrogates(line),
                      let o = try? decoder.decode([String: Field].self, from: Data(repaired.utf8)) else {
                    report.warn(file, line: lineNo, whyNotAnObject(line, decoder) + "; line skipped")
                    continue
                }
                report.warn(file, line: lineNo, "unpaired UTF-16 surrogate escape (like \\ud800) in a JSON string; replaced with U+FFFD")
                object = o
            }
            if object.values.contains(where: \.isBadString), let repaired = withoutLoneSurrogates(line),
               let o = try? decoder.decode([String: Field].self, from: Data(repaired.utf8)) {
                report.warn(file, line: lineNo, "unpaired UTF-16 surrogate escape (like \\ud800) in a JSON string; replaced with U+FFFD")
                object = o
            }
            guard case .value(.string(let body))? = object["text"] else {
                let what: String
                switch object["text"] {
                case nil, .null?: what = "no \"text\""
                case .outOfRange?: what = "\"text\" is a number out of range, not a string"
                case .nested?: what = "\"text\" is an array or object, not a string"
                case .value?: what = "\"text\" is not a string"
                case .badString?: what = "\"text\" is a string that cannot be decoded"
                }
                report.warn(file, line: lineNo, what + "; line skipped")
                continue
            }
            if body.allSatisfy(\.isWhitespace) {
                report.warn(file, line: lineNo, "empty text; line skipped")
                continue
            }
            var meta = Metadata()
            for key in object.keys.sorted() where key != "text" && key != "id" && key != "title" {
                switch object[key] {
                case .value(let v)?: meta[key] = v
                case .null?, nil: break
                case .nested?: report.warn(file, line: lineNo, "field \"\(key)\" is an array or object; ignored")
                case .outOfRange?: report.warn(file, line: lineNo, "field \"\(key)\" is a number out of range (beyond ±1.8e308); ignored")
                case .badString?: report.warn(file, line: lineNo, "field \"\(key)\" is a string that cannot be decoded; ignored")
                }
            }
            var id = "\(stem)-\(lineNo)"
            switch object["id"] {
            case .value(let v)?:
                if v.description.allSatisfy(\.isWhitespace) {
                    report.warn(file, line: lineNo, "empty \"id\"; the document is '\(id)'")
                } else {
                    id = v.description
                }
            case .nested?, .outOfRange?, .badString?: report.warn(file, line: lineNo, "\"id\" is not a string or number; the document is '\(id)'")
            case .null?, nil: break
            }
            var title = ""
            if case .value(let v)? = object["title"] { title = v.description }
            var doc = RawDocument(id: id, title: title.isEmpty ? TitleGuess.firstLine(body) : title, text: body,
                                  meta: meta, source: DocumentSource(file: file, firstLine: lineNo, lastLine: lineNo))
            doc.titleIsGuessed = title.isEmpty
            docs.append(doc)
        }
        return docs
    }

    /// How deep a line may nest arrays and objects: the decoder's own limit is
    /// 512; a line nested deeper is reported as such, not as bad JSON.
    static let depthLimit = 512

    /// Why a line that did not decode as an object is not one (only for such lines).
    static func whyNotAnObject(_ line: Substring, _ decoder: JSONDecoder) -> String {
        if maxDepth(line) > depthLimit { return "JSON nested too deeply (more than \(depthLimit) levels)" }
        guard let probe = try? decoder.decode(Probe.self, from: Data(line.utf8)) else { return "not valid JSON" }
        switch probe.kind {
        case .array: return "a JSON array, not an object"
        case .object: return "not a JSON object"   // an object with a value Field cannot hold
        case .other: return "a single JSON value, not an object"
        }
    }

    /// The deepest nesting of [ and { outside strings.
    static func maxDepth(_ line: Substring) -> Int {
        var depth = 0, deepest = 0, inString = false, escaped = false
        for b in line.utf8 {
            if inString {
                if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
                continue
            }
            switch b {
            case 0x22: inString = true
            case 0x5B, 0x7B: depth += 1; deepest = max(deepest, depth)
            case 0x5D, 0x7D: depth -= 1
            default: break
            }
        }
        return deepest
    }

    /// The line with every `\uD800`–`\uDFFF` escape that is not half of a pair
    /// replaced by `\uFFFD`; nil when it has none.
    static func withoutLoneSurrogates(_ line: Substring) -> String? {
        let b = Array(line.utf8)
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= b.count, let s = String(bytes: b[at..<(at + 4)], encoding: .ascii) else { return nil }
            return UInt32(s, radix: 16)
        }
        func escapeAt(_ at: Int) -> UInt32? {   // a \uXXXX escape starting at `at`
            guard at + 1 < b.count, b[at] == 0x5C, b[at + 1] == 0x75 else { return nil }
            return hex4(at + 2)
        }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var changed = false, i = 0
        while i < b.count {
            guard b[i] == 0x5C, i + 1 < b.count else { out.append(b[i]); i += 1; continue }
            guard let u = escapeAt(i) else { out += b[i...(i + 1)]; i += 2; continue }   // \\, \" …: kept as they are
            if (0xD800...0xDBFF).contains(u), let low = escapeAt(i + 6), (0xDC00...0xDFFF).contains(low) {
                out += b[i..<(i + 12)]; i += 12
            } else if (0xD800...0xDFFF).contains(u) {
                out += Array("\\ufffd".utf8); i += 6; changed = true
            } else {
                out += b[i..<(i + 6)]; i += 6
            }
        }
        return changed ? String(decoding: out, as: UTF8.self) : nil
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
    /// way, and a `Character` is dear); by `Character`s
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
