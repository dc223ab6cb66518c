/// A stretch of a document — a sentence or a paragraph — as both byte offsets
/// into the UTF-8 text (end exclusive) and document-local token indices (end exclusive).
///
/// Stored as four `UInt32`s (16 bytes, not 32): a corpus keeps one per
/// sentence. Offsets and indices within one document fit, as token spans'
/// offsets do.
public struct TextSpan: Equatable, Sendable {
    private var storage: (byteStart: UInt32, byteEnd: UInt32, tokenStart: UInt32, tokenEnd: UInt32)

    public init(byteStart: Int, byteEnd: Int, tokenStart: Int, tokenEnd: Int) {
        storage = (UInt32(byteStart), UInt32(byteEnd), UInt32(tokenStart), UInt32(tokenEnd))
    }

    public var byteStart: Int {
        get { Int(storage.byteStart) }
        set { storage.byteStart = UInt32(newValue) }
    }
    public var byteEnd: Int {
        get { Int(storage.byteEnd) }
        set { storage.byteEnd = UInt32(newValue) }
    }
    public var tokenStart: Int {
        get { Int(storage.tokenStart) }
        set { storage.tokenStart = UInt32(newValue) }
    }
    public var tokenEnd: Int {
        get { Int(storage.tokenEnd) }
        set { storage.tokenEnd = UInt32(newValue) }
    }
    public var tokenCount: Int { tokenEnd - tokenStart }

    public static func == (a: TextSpan, b: TextSpan) -> Bool {
        a.storage == b.storage
    }
}
