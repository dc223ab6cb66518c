/// A stretch of a document — a sentence or a paragraph — as both byte offsets
/// into the UTF-8 text (end exclusive) and document-local token indices (end exclusive).
public struct TextSpan: Equatable, Sendable {
    public var byteStart: Int
    public var byteEnd: Int
    public var tokenStart: Int
    public var tokenEnd: Int
    public init(byteStart: Int, byteEnd: Int, tokenStart: Int, tokenEnd: Int) {
        self.byteStart = byteStart; self.byteEnd = byteEnd
        self.tokenStart = tokenStart; self.tokenEnd = tokenEnd
    }
    public var tokenCount: Int { tokenEnd - tokenStart }
}
