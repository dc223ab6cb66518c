/// Each type's stem as an id among the corpus's distinct stems: finding the
/// types of a stem is then a pass over integers, not a stemming of the
/// whole vocabulary per query.
struct StemTable: Sendable {
    /// stemOf[type] is the id in `stems` of the type's stem.
    let stemOf: [UInt32]
    let stems: ByteInterner

    /// The forms are stemmed on all cores, a stemmer per thread (one is not
    /// safe to share), and their stems interned in form order.
    init(forms: [String], stemmer: Stemmer) {
        let language = stemmer.language
        let pieces = Swift.min(64, Swift.max(1, forms.count / 1024))
        let stemmed = Parallel.map(pieces, state: { Stemmer(language: language) }) { k, stemmer in
            (forms.count * k / pieces..<forms.count * (k + 1) / pieces).map { stemmer?.stem(forms[$0]) ?? forms[$0] }
        }
        var stems = ByteInterner(capacity: forms.count / 2)
        var stemOf: [UInt32] = []
        stemOf.reserveCapacity(forms.count)
        for piece in stemmed {
            for var stem in piece { stemOf.append(stem.withUTF8 { stems.intern($0).id }) }
        }
        self.stemOf = stemOf
        self.stems = stems
    }

    /// The types whose stem is `stem`.
    func types(withStem stem: String) -> [UInt32] {
        var stem = stem
        guard let id = stem.withUTF8({ stems.id(of: $0) }) else { return [] }
        return stemOf.indices.compactMap { stemOf[$0] == id ? UInt32($0) : nil }
    }
}
