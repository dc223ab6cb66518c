/// A document as a reader from outside LoupeCore (a plugin) made it from a file.
public struct DocumentDraft: Sendable {
    public var text: String
    /// nil: the file's name, as for other files (with -1, -2… when the file gives several documents).
    public var id: String?
    /// nil or empty: the first line of the text, as for other files.
    public var title: String?
    public var meta: [(String, MetaValue)]

    public init(text: String, id: String? = nil, title: String? = nil, meta: [(String, MetaValue)] = []) {
        self.text = text; self.id = id; self.title = title; self.meta = meta
    }
}

/// Reads a file of a format Loupe does not know: the file's text and its path
/// relative to the corpus folder give its documents. A thrown error becomes a
/// warning for that file, which is then skipped. The loader calls readers one
/// file at a time, on its own thread (a plugin's Lua state is single-threaded).
public typealias DocumentReader = (_ text: String, _ path: String) throws -> [DocumentDraft]

/// A reader's drafts as documents, with ids and titles as other files get them.
enum DraftReader {
    static func read(_ text: String, file: String, stem: String, reader: DocumentReader, report: inout LoadReport) -> [RawDocument] {
        let drafts: [DocumentDraft]
        do { drafts = try reader(text, file) } catch {
            report.skipped.append((file, "rejected by their reader"))
            report.warn(file, "skipped: \(error)")
            return []
        }
        guard !drafts.isEmpty else {
            report.skip(file, "no documents")
            return []
        }
        let lastLine = max(Lines.breakCount(text) + (Lines.endsWithLineFeed(text) ? 0 : 1), 1)
        var docs: [RawDocument] = []
        for (k, draft) in drafts.enumerated() {
            guard !draft.text.allSatisfy(\.isWhitespace) else {
                report.warn(file, "document \(k + 1) of \(drafts.count) has no text; left out")
                continue
            }
            let id = draft.id.flatMap { $0.isEmpty ? nil : $0 } ?? (drafts.count == 1 ? stem : "\(stem)-\(k + 1)")
            let title = draft.title ?? ""
            var doc = RawDocument(id: id, title: title.isEmpty ? TitleGuess.firstLine(draft.text) : title, text: draft.text,
                                  meta: Metadata(draft.meta), source: DocumentSource(file: file, firstLine: 1, lastLine: lastLine))
            doc.titleIsGuessed = title.isEmpty
            docs.append(doc)
        }
        return docs
    }
}
