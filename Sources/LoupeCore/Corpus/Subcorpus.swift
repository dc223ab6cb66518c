/// Sub-corpora: a corpus made of some of another's documents.
///
/// The documents keep their text, metadata, sentences and paragraphs; their
/// token ids are copied and the positional index is built again over the
/// copy. The type table is shared, so a type id means the same form in the
/// parent and in every sub-corpus, and analyses can compare them by id; what
/// is worked out from the table (stems, the forms' order) is shared too.
extension Corpus {
    /// The documents at `positions` (in the order given; duplicates are dropped).
    public func subset(_ positions: [Int], selection: String) throws -> Corpus {
        var seen = Set<Int>()
        let chosen = positions.filter { $0 >= 0 && $0 < documents.count && seen.insert($0).inserted }
        let total = chosen.reduce(0) { $0 + documents[$1].tokenCount }
        var newTokens: [UInt32] = []
        newTokens.reserveCapacity(total)
        var newCheckpoints = SpanCheckpoints()
        newCheckpoints.reserveCapacity(documents: chosen.count, tokens: total)
        var newDocuments: [Document] = []
        newDocuments.reserveCapacity(chosen.count)
        for (n, i) in chosen.enumerated() {
            if n & 0xFF == 0xFF { try Interruption.check() }
            let d = documents[i]
            let range = d.tokenBase..<(d.tokenBase + d.tokenCount)
            newDocuments.append(Document(d, tokenBase: newTokens.count))
            newTokens.append(contentsOf: tokens[range])
            newCheckpoints.append(document: i, of: checkpoints)
        }
        let label = self.selection.map { "\($0); \(selection)" } ?? selection
        return Corpus(root: root, documents: newDocuments, tokens: newTokens, checkpoints: newCheckpoints,
                      vocabulary: vocabulary, selection: label, derived: derived)
    }

    /// The documents for which `keep` is true, in corpus order.
    public func filter(selection: String, _ keep: (Document) throws -> Bool) throws -> Corpus {
        var positions: [Int] = []
        for (i, d) in documents.enumerated() where try keep(d) { positions.append(i) }
        return try subset(positions, selection: selection)
    }

    /// One sub-corpus per value of a metadata field, ordered by value (numbers
    /// numerically); documents without the field form the group "(none)", last.
    public func group(by field: String) throws -> [(value: String, corpus: Corpus)] {
        var byValue: [String: [Int]] = [:]
        var none: [Int] = []
        for (i, d) in documents.enumerated() {
            if let v = MetadataFilter.value(of: d, field) { byValue[v, default: []].append(i) } else { none.append(i) }
        }
        var out: [(value: String, corpus: Corpus)] = []
        for v in byValue.keys.sorted(by: MetadataFilter.valueOrder) {
            out.append((v, try subset(byValue[v] ?? [], selection: "\(field) = \(v)")))
        }
        if !none.isEmpty { out.append(("(none)", try subset(none, selection: "\(field) missing"))) }
        return out
    }
}
