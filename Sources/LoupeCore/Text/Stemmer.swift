import CStemmer

/// Snowball stemming (libstemmer) for `~word` queries. One instance per use:
/// a libstemmer stemmer is not safe to share between threads.
public final class Stemmer {
    private let handle: OpaquePointer?
    public let language: String

    /// `language` as Snowball names it: "english", "russian", "ukrainian" is not in 2.2 (see sb_stemmer_list).
    public init?(language: String = "english") {
        guard let h = sb_stemmer_new(language, "UTF_8") else { return nil }
        handle = h
        self.language = language
    }

    deinit { if let handle { sb_stemmer_delete(handle) } }

    public func stem(_ word: String) -> String {
        guard let handle else { return word }
        var word = word   // the stemmer only reads the bytes: no copy of them
        guard let out = word.withUTF8({ sb_stemmer_stem(handle, $0.baseAddress, Int32($0.count)) }) else {
            return word   // out of memory in the stemmer: compare unstemmed
        }
        let n = Int(sb_stemmer_length(handle))
        return String(decoding: UnsafeBufferPointer(start: out, count: n), as: UTF8.self)
    }
}
