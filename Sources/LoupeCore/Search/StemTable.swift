/// Each type's stem as an id among the corpus's distinct stems: finding the
/// types of a stem is then a pass over integers, not a stemming of the
/// whole vocabulary per query.
struct StemTable: Sendable {
    /// stemOf[type] is the id in `stems` of the type's stem.
    let stemOf: [UInt32]
    let stems: ByteInterner

    init(forms: [String], stemmer: Stemmer) {
        var stems = ByteInterner(capacity: forms.count / 2)
        stemOf = forms.map { form in
            var stem = stemmer.stem(form)
            return stem.withUTF8 { stems.intern($0).id }
        }
        self.stems = stems
    }

    /// The types whose stem is `stem`.
    func types(withStem stem: String) -> [UInt32] {
        var stem = stem
        guard let id = stem.withUTF8({ stems.id(of: $0) }) else { return [] }
        return stemOf.indices.compactMap { stemOf[$0] == id ? UInt32($0) : nil }
    }
}
