import Foundation
@testable import LoupeCore

// Shared helpers for the LoupeCore tests. Nothing here calls the code under
// test to compute an expected value: the reference tokenizer and folding below
// are written independently from docs/text.md's rules (docs/design.md §5).

/// An independent implementation of the §5 token rule, in two passes over the
/// scalars: classify each scalar, then keep a joiner only when the scalars on
/// both sides of it are word scalars. A mark counts as a word scalar only when
/// it continues a letter/digit/mark run (a mark cannot start a token).
enum ReferenceTokenizer {
    enum Kind { case word, joiner, other }

    static func kind(_ s: Unicode.Scalar, previous: Kind?) -> Kind {
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber:
            return .word
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return previous == .word ? .word : .other
        default:
            return ["'", "\u{2019}", "-", "\u{2010}", "\u{2011}"].contains(s) ? .joiner : .other
        }
    }

    /// Tokens as (UTF-8 start, UTF-8 end, surface).
    static func tokens(_ text: String) -> [(start: Int, end: Int, surface: String)] {
        let scalars = Array(text.unicodeScalars)
        var kinds: [Kind] = []
        for s in scalars { kinds.append(kind(s, previous: kinds.last)) }
        var offsets: [Int] = [0]
        for s in scalars { offsets.append(offsets.last! + String(s).utf8.count) }
        var inToken = [Bool](repeating: false, count: scalars.count)
        for i in scalars.indices {
            switch kinds[i] {
            case .word: inToken[i] = true
            case .joiner: inToken[i] = i > 0 && i + 1 < scalars.count && kinds[i - 1] == .word && kinds[i + 1] == .word
            case .other: inToken[i] = false
            }
        }
        var out: [(Int, Int, String)] = []
        var i = 0
        while i < scalars.count {
            guard inToken[i] else { i += 1; continue }
            var j = i
            while j < scalars.count, inToken[j] { j += 1 }
            var surface = String.UnicodeScalarView()
            surface.append(contentsOf: scalars[i..<j])
            out.append((offsets[i], offsets[j], String(surface)))
            i = j
        }
        return out
    }

    static func surfaces(_ text: String) -> [String] { tokens(text).map(\.surface) }
}

/// An independent matching form: Foundation's lowercasing and NFC, with the
/// apostrophe, hyphen and final-sigma folds of §5.
func referenceFold(_ s: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in s.lowercased().unicodeScalars {
        switch scalar {
        case "\u{2019}": out.append("'")
        case "\u{2010}", "\u{2011}": out.append("-")
        case "\u{03C2}": out.append("\u{03C3}")
        default: out.append(scalar)
        }
    }
    return String(out).precomposedStringWithCanonicalMapping
}

/// Scalars of a string, for comparisons that must not use String's canonical
/// equivalence (`"e\u{301}" == "é"` is true for String).
func scalarsOf(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

/// The UTF-8 bytes [start, end) of text, decoded.
func utf8Slice(_ text: String, _ start: Int, _ end: Int) -> String {
    String(decoding: Array(text.utf8)[start..<end], as: UTF8.self)
}

/// A temporary folder that removes itself.
final class TempFolder {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-core-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        // Restore permissions so chmod 000 files can be removed.
        if let e = FileManager.default.enumerator(atPath: url.path) {
            for case let rel as String in e {
                try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.appendingPathComponent(rel).path)
            }
        }
        try? FileManager.default.removeItem(at: url)
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        try write(name, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
        return file
    }

    func load() throws -> (Corpus, LoadReport) { try CorpusLoader.load(path: path) }
}

/// The repository root, from this file's path (…/Tests/LoupeCoreTests/TestSupport.swift).
let repoRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

extension Corpus {
    /// A document's text per sentence or paragraph span, sliced from the UTF-8 bytes.
    func texts(of spans: [TextSpan], in doc: Int) -> [String] {
        spans.map { utf8Slice(documents[doc].text, $0.byteStart, $0.byteEnd) }
    }
}
