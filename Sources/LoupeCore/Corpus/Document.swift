/// Where a document came from: its file (relative to the corpus folder) and line range.
public struct DocumentSource: Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var firstLine: Int
    public var lastLine: Int
    public init(file: String, firstLine: Int, lastLine: Int) {
        self.file = file; self.firstLine = firstLine; self.lastLine = lastLine
    }
    public var description: String { firstLine == lastLine ? "\(file):\(firstLine)" : "\(file):\(firstLine)-\(lastLine)" }
}

/// A document as a reader produced it, before tokenization.
public struct RawDocument: Sendable {
    public var id: String
    public var title: String
    public var text: String
    public var meta: Metadata
    public var source: DocumentSource
    /// The title was guessed from the text (no title field), so a sidecar title may replace it.
    public var titleIsGuessed = false
    public init(id: String, title: String, text: String, meta: Metadata, source: DocumentSource) {
        self.id = id; self.title = title; self.text = text; self.meta = meta; self.source = source
    }
}

/// A loaded, tokenized document. Its tokens live in the corpus's arrays from
/// `tokenBase` to `tokenBase + tokenCount`; sentence and paragraph spans use
/// document-local token indices and UTF-8 byte offsets into `text`.
public struct Document: Sendable {
    public let id: String
    public let title: String
    /// The original text, untouched (a leading byte-order mark is not part of it).
    public let text: String
    public let meta: Metadata
    public let source: DocumentSource
    /// The title is the text's first line, guessed (no title was given): it is still text.
    public let titleIsGuessed: Bool
    public let tokenBase: Int
    public let tokenCount: Int
    /// Paragraphs and sentences, worked out on first use (DocumentSegments.swift).
    let segments: DocumentSegments
    public var sentences: [TextSpan] { segments.of(text).sentences }
    public var paragraphs: [TextSpan] { segments.of(text).paragraphs }
    /// Its tokens' letter cases, worked out on first use (TokenCases.swift).
    let cases: TokenCases

    init(raw: RawDocument, tokenBase: Int, tokenCount: Int) {
        id = raw.id; title = raw.title; text = raw.text; meta = raw.meta; source = raw.source
        titleIsGuessed = raw.titleIsGuessed
        self.tokenBase = tokenBase; self.tokenCount = tokenCount
        segments = DocumentSegments()
        cases = TokenCases()
    }

    /// The same document placed at another position of a corpus's token array
    /// (sentence and paragraph spans and token cases are document-local: they are shared).
    init(_ d: Document, tokenBase: Int) {
        id = d.id; title = d.title; text = d.text; meta = d.meta; source = d.source
        titleIsGuessed = d.titleIsGuessed
        self.tokenBase = tokenBase; tokenCount = d.tokenCount
        segments = d.segments
        cases = d.cases
    }

    /// The text between two UTF-8 byte offsets (end exclusive), clamped to the
    /// text; an offset inside a multi-byte character moves to that character's end.
    public func slice(_ start: Int, _ end: Int) -> String {
        // A native string's bytes are contiguous: indexing them is O(1), where
        // walking the UTF-8 view to an offset is not.
        if let s = text.utf8.withContiguousStorageIfAvailable({ Self.slice($0, start, end) }) { return s }
        return Array(text.utf8).withUnsafeBufferPointer { Self.slice($0, start, end) }
    }

    private static func slice(_ u: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        var s = max(0, min(start, u.count)), e = max(s, min(end, u.count))
        func isContinuation(_ i: Int) -> Bool { i < u.count && u[i] & 0xC0 == 0x80 }
        while isContinuation(s) { s += 1 }
        while isContinuation(e) { e += 1 }
        e = max(s, e)
        return String(decoding: UnsafeBufferPointer(rebasing: u[s..<e]), as: UTF8.self)
    }
}
