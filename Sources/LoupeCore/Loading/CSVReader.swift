/// `.csv`: a header row, a `text` column, optional `id` and `title` columns;
/// every other column becomes metadata. One document per row.
enum CSVReader {
    static func read(_ text: String, file: String, stem: String, report: inout LoadReport) -> [RawDocument] {
        let (records, problems) = CSVParser.parse(text)
        for p in problems { report.warn(file, line: p.line, "malformed CSV: \(p.message)") }
        guard let header = records.first else { return [] }
        let names = header.fields.map { FrontMatter.trimmed($0) }
        guard let textColumn = names.firstIndex(where: { $0.lowercased() == "text" }) else {
            report.skip(file, "CSV without a 'text' column")
            return []
        }
        let idColumn = names.firstIndex { $0.lowercased() == "id" }
        let titleColumn = names.firstIndex { $0.lowercased() == "title" }
        var docs: [RawDocument] = []
        for record in records.dropFirst() {
            guard record.fields.count == names.count else {
                report.warn(file, line: record.line, "row has \(record.fields.count) fields, the header has \(names.count); row skipped")
                continue
            }
            let body = record.fields[textColumn]
            if body.allSatisfy(\.isWhitespace) {
                report.warn(file, line: record.line, "empty text; row skipped")
                continue
            }
            var meta = Metadata()
            for (i, name) in names.enumerated() where i != textColumn && i != idColumn && i != titleColumn && !name.isEmpty {
                if !record.fields[i].isEmpty { meta[name] = .string(record.fields[i]) }
            }
            let id = idColumn.map { record.fields[$0] }.flatMap { $0.isEmpty ? nil : $0 } ?? "\(stem)-\(record.line)"
            let givenTitle = titleColumn.map { record.fields[$0] }.flatMap { $0.isEmpty ? nil : $0 }
            let lines = Lines.breakCount(body)
            var doc = RawDocument(id: id, title: givenTitle ?? TitleGuess.firstLine(body), text: body, meta: meta,
                                  source: DocumentSource(file: file, firstLine: record.line, lastLine: record.line + lines))
            doc.titleIsGuessed = givenTitle == nil
            docs.append(doc)
        }
        return docs
    }
}
