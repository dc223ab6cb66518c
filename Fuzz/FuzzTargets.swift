#if LOUPE_FUZZ
@testable import LoupeCore

/// The fuzz targets: each takes the raw bytes as a file's content (decoded as
/// the loader decodes files) or a query, and traps on a broken promise, so
/// libFuzzer reports it: every warning names the file and, when it gives a
/// line, one the file has. A trap inside the code under test is found anyway.
enum FuzzTargets {
    static let all: [String: @Sendable (UnsafeRawBufferPointer) -> Void] = [
        "csv": { load($0, file: "f.csv") { CSVReader.read($0, file: "f.csv", stem: "f", report: &$1) } },
        "jsonl": { load($0, file: "f.jsonl", loneCR: false) { JSONLReader.read($0, file: "f.jsonl", stem: "f", report: &$1) } },
        "frontmatter": { load($0, file: "f.txt") { TextFileReader.read($0, file: "f.txt", stem: "f", report: &$1) } },
        "sidecar": { sidecar($0) },
        "query": { query($0) },
    ]

    /// Decodes the bytes as a file, reads them with `read`, and checks the report.
    static func load(_ bytes: UnsafeRawBufferPointer, file: String, loneCR: Bool = true,
                     _ read: (String, inout LoadReport) -> [RawDocument]) {
        guard case .text(let decoded) = TextDecoding.decode(bytes.bindMemory(to: UInt8.self), loneCR: loneCR) else { return }
        var report = LoadReport()
        let docs = read(decoded.text, &report)
        let lines = Lines.breakCount(decoded.text) + 1
        for w in report.warnings {
            if w.file != file { fatalError("warning names \(w.file), not \(file): \(w)") }
            if let line = w.line, !(1...lines).contains(line) { fatalError("warning at line \(line) of \(lines): \(w)") }
            if w.message.isEmpty { fatalError("empty warning") }
        }
        for d in docs {
            if d.id.isEmpty { fatalError("empty id") }
            if d.text.allSatisfy(\.isWhitespace) { fatalError("empty document \(d.id)") }
            if !(1...lines).contains(d.source.firstLine) || d.source.lastLine < d.source.firstLine {
                fatalError("document \(d.id) at lines \(d.source.firstLine)-\(d.source.lastLine) of \(lines)")
            }
        }
    }

    /// metadata.csv through the loader's own reading, from a real file.
    static func sidecar(_ bytes: UnsafeRawBufferPointer) {
        guard case .text(let decoded) = TextDecoding.decode(bytes.bindMemory(to: UInt8.self)) else { return }
        let (records, problems) = CSVParser.parse(decoded.text)
        let lines = Lines.breakCount(decoded.text) + 1
        for r in records where !(1...lines).contains(r.line) { fatalError("record at line \(r.line) of \(lines)") }
        for p in problems where !(1...lines).contains(p.line) { fatalError("problem at line \(p.line) of \(lines)") }
    }

    /// The query parser: any string parses or throws, never traps.
    static func query(_ bytes: UnsafeRawBufferPointer) {
        let text = String(decoding: bytes, as: UTF8.self)
        _ = try? QueryParser.parse(text)
    }
}
#endif
