/// A fingerprint of a corpus's content: SHA-256 over every document, in
/// order, of its id, title, metadata (fields in order) and text, each part
/// ended by a zero byte so no two different corpora run together the same way.
/// Where the corpus was loaded from does not matter, only what it holds.
extension Corpus {
    public var fingerprint: String {
        var h = SHA256()
        for d in documents {
            h.update(d.id); h.update([0])
            h.update(d.title); h.update([0])
            for (k, v) in d.meta { h.update(k); h.update([1]); h.update(v.description); h.update([0]) }
            h.update([0])
            h.update(d.text); h.update([0])
        }
        return h.finish()
    }
}
