/// `.txt` and `.md`: one document per file, with optional `---` front matter.
/// `id` defaults to the path without extension, `title` to the first non-blank line.
enum TextFileReader {
    static func read(_ text: String, file: String, stem: String, report: inout LoadReport) -> [RawDocument] {
        let fm = FrontMatter.parse(text)
        for p in fm.problems { report.warn(file, line: p.line, p.message) }
        let body = String(fm.body)
        if body.allSatisfy(\.isWhitespace) {
            report.skip(file, "empty")
            return []
        }
        var meta = Metadata()
        var id = stem, title = ""
        for (key, value) in fm.fields {
            switch key {
            case "id": if !value.isEmpty { id = value }
            case "title": title = value
            default: if !value.isEmpty { meta[key] = .string(value) }
            }
        }
        let bodyLines = Lines.breakCount(body) + (Lines.endsWithLineFeed(body) ? 0 : 1)
        var doc = RawDocument(id: id, title: title.isEmpty ? TitleGuess.firstLine(body) : title, text: body, meta: meta,
                              source: DocumentSource(file: file, firstLine: fm.bodyStartLine,
                                                     lastLine: fm.bodyStartLine + max(bodyLines, 1) - 1))
        doc.titleIsGuessed = title.isEmpty
        return [doc]
    }
}
