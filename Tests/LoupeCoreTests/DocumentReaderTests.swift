import Foundation
import Testing
@testable import LoupeCore

/// CorpusLoader with readers for formats it does not know (plugins' readers, seen from
/// LoupeCore as plain closures): ids, titles, warnings, the sidecar, and file order.
@Suite struct DocumentReaderTests {
    struct Refusal: Error, CustomStringConvertible { var description: String }

    /// A reader for ".cue" files: one document per "== " section, or an error for "BROKEN".
    static func cues(_ text: String, _ path: String) throws -> [DocumentDraft] {
        if text.contains("BROKEN") { throw Refusal(description: "plugin.lua:9: no cues in \(path)") }
        let parts = text.components(separatedBy: "== ").filter { !$0.isEmpty }
        return parts.map { part in
            let lines = part.split(separator: "\n", maxSplits: 1).map(String.init)
            let head = lines.first ?? ""
            return DocumentDraft(text: lines.count > 1 ? lines[1] : "", id: head.hasPrefix("#") ? String(head.dropFirst()) : nil,
                                 title: head.hasPrefix("#") ? nil : head, meta: [("speaker", .string(head)), ("n", .int(part.count))])
        }
    }

    @Test func readerFilesLoadBesideOtherFilesInPathOrder() throws {
        let f = try TempFolder()
        try f.write("a.txt", "Plain text first.\n")
        try f.write("b.cue", "== Anna\nHello there.\n")
        try f.write("c.cue", "== Ben\nOne.\n== #named\nTwo.\n== Cleo\nThree.\n")
        try f.write("d.CUE", "BROKEN\n")
        try f.write("e.txt", "Plain text last.\n")
        try f.write("metadata.csv", "file,place\nb.cue,Riga\nc.cue,Oslo\n")
        let (c, report) = try CorpusLoader.load(path: f.path, readers: ["cue": { try Self.cues($0, $1) }])
        #expect(c.documents.map(\.id) == ["a", "b", "c-1", "named", "c-3", "e"])
        #expect(c.documents.map(\.title) == ["Plain text first.", "Anna", "Ben", "Two.", "Cleo", "Plain text last."])
        #expect(c.documents.map { $0.meta["speaker"]?.description } == [nil, "Anna", "Ben", "#named", "Cleo", nil])
        #expect(c.documents.map { $0.meta["place"]?.description } == [nil, "Riga", "Oslo", "Oslo", "Oslo", nil], "the sidecar's row applies to every document of the file")
        #expect(c.documents[1].meta["n"] == .int("Anna\nHello there.\n".count))
        #expect(c.documents[2].source == DocumentSource(file: "c.cue", firstLine: 1, lastLine: 6))
        #expect(report.warnings == [LoadWarning(file: "d.CUE", message: "skipped: plugin.lua:9: no cues in d.CUE")])
        #expect(report.summary == "loaded 6 documents, 11 tokens; skipped 1 file (1 rejected by their reader); 1 warning")
    }

    @Test func withoutAReaderTheFormatIsUnsupportedAsBefore() throws {
        let f = try TempFolder()
        try f.write("a.txt", "Text.\n")
        try f.write("b.cue", "== Anna\nHello.\n")
        let (c, report) = try CorpusLoader.load(path: f.path)
        #expect(c.documents.map(\.id) == ["a"])
        #expect(report.skipped.map(\.reason) == ["unsupported file type .cue"])
    }

    @Test func emptyResultsAndDuplicateIdsAreWarnings() throws {
        let f = try TempFolder()
        try f.write("a.txt", "---\nid: same\n---\nText.\n")
        try f.write("b.cue", "x")
        try f.write("c.cue", "y")
        try f.write("d.cue", "z")
        let reader: DocumentReader = { text, _ in
            switch text {
            case "x": return []
            case "y": return [DocumentDraft(text: "Body.", id: "same", meta: [("date", .string("March 2022"))])]
            default: return [DocumentDraft(text: "  \n", id: "blank"), DocumentDraft(text: "Kept.")]
            }
        }
        let (c, report) = try CorpusLoader.load(path: f.path, readers: ["cue": reader])
        #expect(c.documents.map(\.id) == ["same", "same-2", "d-2"])
        #expect(report.warnings.map(\.description) == [
            "b.cue: skipped: no documents",
            "c.cue:1: date 'March 2022' is not ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)",
            "c.cue:1: duplicate id 'same' (first used in a.txt); renamed to 'same-2'",
            "d.cue: document 1 of 2 has no text; left out",
        ])
    }

    @Test func binaryAndEmptyFilesNeverReachTheReader() throws {
        let f = try TempFolder()
        try f.write("a.cue", bytes: [0, 1, 2, 0, 255])
        try f.write("b.cue", "")
        var calls = 0
        let reader: DocumentReader = { _, _ in calls += 1; return [] }
        let (c, report) = try CorpusLoader.load(path: f.path, readers: ["cue": reader])
        #expect(c.documents.isEmpty && calls == 0)
        #expect(report.skipped.map(\.reason) == ["binary", "empty"])
    }
}
