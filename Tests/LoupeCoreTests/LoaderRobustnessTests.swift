import Foundation
import Testing
@testable import LoupeCore
import LoupeTestSupport

/// The fuzz targets' promises (Fuzz/FuzzTargets.swift) on a fixed seed, so CI
/// checks them without libFuzzer: random and mutated files through the CSV,
/// JSONL and front matter readers never trap, every warning names the file and
/// a line it has, and no document is empty or outside the file's lines.
@Suite struct LoaderRobustnessTests {
    /// Pieces the readers treat specially, for the mutations to splice in.
    static let pieces: [[UInt8]] = [
        "\"", "\"\"", ",", "\n", "\r", "\r\n", "---", "---\n", ":", "{", "}", "[", "]", "\\", "\\u", "\\ud800",
        "\\udc00", "\\ud83d\\ude00", "1e999", "-1e400", "null", "true", "\"text\"", "\"id\"", "\"\"", "text", "id",
        "title", "# ", " ", "\t", "é", "😀", "\u{FEFF}", "\u{FFFD}", "\u{2028}", "\u{85}",
    ].map { Array($0.utf8) } + [[0], [0xFF], [0xFE], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF, 0xFE], [0xFE, 0xFF]]

    static let seeds: [String: [String]] = [
        "csv": ["id,title,text,outlet\na1,\"T, one\",\"First \"\"quoted\"\" text.\nSecond line.\",RT\n,,Untitled row,\n", "text\r\n\"x\r\ny\"\r\n"],
        "jsonl": ["{\"id\":\"j1\",\"title\":\"T1\",\"text\":\"First text.\",\"n\":3,\"score\":1.5,\"ok\":true,\"none\":null}\n{\"text\":\"pair \\ud83d\\ude00\",\"tags\":[\"a\"]}\n"],
        "txt": ["---\nid: a\ntitle: \"Quoted\"\ndate: 2022-02-24\nid: again\nno colon\n# comment\n---\nBody text.\n\nSecond para.\n", "---\rid: mac\r---\rBody.\r"],
    ]

    static func mutate(_ input: [UInt8], _ rng: inout LCG) -> [UInt8] {
        var b = input
        for _ in 0..<(1 + rng.int(6)) {
            switch rng.int(5) {
            case 0 where !b.isEmpty: b.remove(at: rng.int(b.count))
            case 1: b.insert(contentsOf: rng.pick(pieces), at: rng.int(b.count + 1))
            case 2 where !b.isEmpty: b[rng.int(b.count)] = UInt8(truncatingIfNeeded: rng.next())
            case 3 where !b.isEmpty:   // duplicate a slice, as repeated lines and keys are
                let s = rng.int(b.count), e = min(b.count, s + 1 + rng.int(40))
                b.insert(contentsOf: b[s..<e], at: rng.int(b.count + 1))
            default: b += rng.pick(pieces)
            }
        }
        return b
    }

    static func check(_ bytes: [UInt8], ext: String) {
        let file = "f.\(ext)"
        guard case .text(let decoded) = bytes.withUnsafeBufferPointer({ TextDecoding.decode($0, loneCR: ext != "jsonl") }) else { return }
        var report = LoadReport()
        let docs: [RawDocument]
        switch ext {
        case "csv": docs = CSVReader.read(decoded.text, file: file, stem: "f", report: &report)
        case "jsonl": docs = JSONLReader.read(decoded.text, file: file, stem: "f", report: &report)
        default: docs = TextFileReader.read(decoded.text, file: file, stem: "f", report: &report)
        }
        let lines = Lines.breakCount(decoded.text) + 1
        for w in report.warnings {
            #expect(w.file == file, "\(w) for \(bytes)")
            #expect(w.line.map { (1...lines).contains($0) } ?? true, "\(w) of \(lines) lines for \(bytes)")
        }
        for d in docs {
            #expect(!d.id.isEmpty && !d.text.allSatisfy(\.isWhitespace), "\(d.id) for \(bytes)")
            #expect((1...lines).contains(d.source.firstLine) && d.source.lastLine >= d.source.firstLine, "\(d.source) for \(bytes)")
        }
    }

    @Test(arguments: ["csv", "jsonl", "txt"])
    func mutatedFilesKeepThePromises(ext: String) {
        var rng = LCG(seed: 2026_12_07)
        let seeds = Self.seeds[ext == "txt" ? "txt" : ext] ?? []
        for _ in 0..<1500 {
            var input = Array(rng.pick(seeds).utf8)
            for _ in 0..<(1 + rng.int(4)) { input = Self.mutate(input, &rng) }
            Self.check(input, ext: ext)
        }
        for _ in 0..<300 {   // pure noise, and noise made of the special pieces
            let noise = (0..<rng.int(200)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            Self.check(noise, ext: ext)
            Self.check((0..<rng.int(40)).flatMap { _ in rng.pick(Self.pieces) }, ext: ext)
        }
    }
}
