/// Spelling variants (`corpus:variants`): each spelling of a name counted on its own, per document.
///
/// A group is a list of forms that name one thing ("Kyiv", "Kiev"). A form is
/// one or more words; it matches its own tokens and, on its last word, the
/// possessive `'s` (the tokenizer keeps `Kiev's`/`Kiev’s` as one token whose
/// matching form is `kiev's`). Hyphenated compounds (`pro-Kiev`,
/// `Kiev-based`) are one token of their own and are not counted.
public struct VariantGroup: Equatable, Sendable {
    /// "Kyiv/Kiev": shown in the `group` column.
    public var name: String
    /// The spellings, as written (the built-in groups put the Ukrainian
    /// national romanization first, then Russian-derived or former names).
    public var forms: [String]

    public init(name: String? = nil, forms: [String]) {
        self.forms = forms
        self.name = name ?? forms.prefix(2).joined(separator: "/")
    }
}

public enum Variants {
    /// Ukrainian place names: the current official English spelling (Ukrainian
    /// national romanization, the spelling of #KyivNotKiev, AP since 2019)
    /// first, then Russian-derived transliterations and former (Soviet) names.
    /// Documented in docs/source-criticism.md; a teaching aid, not a verdict.
    public static let builtIn: [VariantGroup] = [
        VariantGroup(forms: ["Kyiv", "Kiev"]),
        VariantGroup(forms: ["Kharkiv", "Kharkov"]),
        VariantGroup(forms: ["Odesa", "Odessa"]),
        VariantGroup(forms: ["Luhansk", "Lugansk"]),
        VariantGroup(forms: ["Donbas", "Donbass"]),
        VariantGroup(forms: ["Mykolaiv", "Nikolaev", "Nikolayev"]),
        VariantGroup(forms: ["Zaporizhzhia", "Zaporozhye", "Zaporozhzhia", "Zaporizhia", "Zaporozhie"]),
        VariantGroup(forms: ["Dnipro", "Dnepropetrovsk", "Dnipropetrovsk", "Dnepr"]),
        VariantGroup(forms: ["Bakhmut", "Artemovsk", "Artyomovsk"]),
        VariantGroup(forms: ["Chernihiv", "Chernigov"]),
        VariantGroup(forms: ["Lviv", "Lvov"]),
        VariantGroup(forms: ["Rivne", "Rovno"]),
        VariantGroup(forms: ["Kryvyi Rih", "Krivoy Rog", "Krivoi Rog"]),
        VariantGroup(forms: ["Vinnytsia", "Vinnitsa"]),
        VariantGroup(forms: ["Zhytomyr", "Zhitomir"]),
        VariantGroup(forms: ["Ternopil", "Ternopol"]),
        VariantGroup(forms: ["Uzhhorod", "Uzhgorod"]),
        VariantGroup(forms: ["Ivano-Frankivsk", "Ivano-Frankovsk"]),
        VariantGroup(forms: ["Kropyvnytskyi", "Kirovograd", "Kirovohrad"]),
        VariantGroup(forms: ["Cherkasy", "Cherkassy"]),
        VariantGroup(forms: ["Chernivtsi", "Chernovtsy"]),
        VariantGroup(forms: ["Sievierodonetsk", "Severodonetsk"]),
        VariantGroup(forms: ["Lysychansk", "Lisichansk"]),
        VariantGroup(forms: ["Sloviansk", "Slavyansk"]),
        VariantGroup(forms: ["Horlivka", "Gorlovka"]),
        VariantGroup(forms: ["Makiivka", "Makeyevka", "Makeevka"]),
        VariantGroup(forms: ["Berdiansk", "Berdyansk"]),
        VariantGroup(forms: ["Enerhodar", "Energodar"]),
        VariantGroup(forms: ["Nova Kakhovka", "Novaya Kakhovka"]),
        VariantGroup(forms: ["Avdiivka", "Avdeyevka", "Avdeevka"]),
        VariantGroup(forms: ["Izium", "Izyum"]),
        VariantGroup(forms: ["Kupiansk", "Kupyansk"]),
        VariantGroup(forms: ["Debaltseve", "Debaltsevo"]),
    ]

    /// A form's words as matching forms ("Krivoy Rog" → ["krivoy", "rog"]).
    static func words(_ form: String) throws -> [String] {
        let words = Tokenizer.tokens(in: form).map { Folding.matchingForm($0) }
        guard !words.isEmpty else { throw AnalysisError("variant '\(form)' has no letters or digits") }
        return words
    }

    /// Checks groups given by a script: each has at least one form, every form has a word.
    public static func validate(_ groups: [VariantGroup]) throws {
        guard !groups.isEmpty else { throw AnalysisError("give at least one group of variants, such as {{\"kiev\", \"kyiv\"}}") }
        for g in groups {
            guard !g.forms.isEmpty else { throw AnalysisError("a group of variants needs at least one form") }
            for f in g.forms { _ = try words(f) }
        }
    }

    /// The group a word belongs to (compared by matching form, possessive ignored).
    public static func group(of word: String, in groups: [VariantGroup] = builtIn) -> VariantGroup? {
        guard var w = try? words(word) else { return nil }
        if let last = w.last, last.hasSuffix("'s"), last.count > 2 { w[w.count - 1] = String(last.dropLast(2)) }
        return groups.first { g in g.forms.contains { (try? words($0)) == w } }
    }

    /// A query (docs/queries.md) that finds every form of the word's group and
    /// their possessives, for counting a topic whatever the spelling:
    /// "kyiv" → `kyiv|kiev|kyiv's|kiev's`. Groups with multi-word forms become
    /// phrases joined by OR (`"kryvyi rih|rih's" OR "krivoy rog|rog's" …`).
    /// A word in no group gives nil.
    public static func query(for word: String, in groups: [VariantGroup] = builtIn) -> String? {
        guard let g = group(of: word, in: groups) else { return nil }
        let all = g.forms.compactMap { try? words($0) }
        if all.allSatisfy({ $0.count == 1 }) {
            let forms = all.map { $0[0] }
            return (forms + forms.map { $0 + "'s" }).joined(separator: "|")
        }
        return all.map { w in
            "\"" + (w.dropLast() + [w.last! + "|" + w.last! + "'s"]).joined(separator: " ") + "\""
        }.joined(separator: " OR ")
    }

    /// The groups as a table: group, form, position (1 for the first form of its group).
    public static func list(_ groups: [VariantGroup] = builtIn) -> Table {
        var g: [TableValue] = [], f: [TableValue] = [], p: [TableValue] = []
        for group in groups {
            for (i, form) in group.forms.enumerated() {
                g.append(.string(group.name)); f.append(.string(form)); p.append(.int(i + 1))
            }
        }
        return Table(columns: [("group", g), ("form", f), ("position", p)])
    }
}

extension Corpus {
    /// Per document, how often each form of each group occurs
    /// (`corpus:variants`): rows doc, outlet, date, group, form, n, possessive,
    /// share. `n` counts the form and its possessive (`possessive` says how many
    /// of n were `'s` forms); `share` is n over the document's count for the
    /// whole group. A document gets rows for a group only when it uses at
    /// least one of its forms (then one row per form, zeros included), unless
    /// `zeros` is true (then every document × form). Rows are in corpus
    /// order, then group and form order.
    public func variants(_ groups: [VariantGroup] = Variants.builtIn, zeros: Bool = false) throws -> Table {
        try Variants.validate(groups)
        // counts[group][form][doc] = (all, possessive)
        var counts: [[[(n: Int, possessive: Int)]]] = []
        for g in groups {
            var perForm: [[(n: Int, possessive: Int)]] = []
            for form in g.forms {
                try Interruption.check()
                perForm.append(try variantCounts(try Variants.words(form)))
            }
            counts.append(perForm)
        }
        var doc: [TableValue] = [], outlet: [TableValue] = [], date: [TableValue] = []
        var group: [TableValue] = [], form: [TableValue] = [], n: [TableValue] = []
        var poss: [TableValue] = [], share: [TableValue] = []
        for (d, document) in documents.enumerated() {
            if d & 0xFF == 0xFF { try Interruption.check() }
            for (gi, g) in groups.enumerated() {
                let total = counts[gi].reduce(0) { $0 + $1[d].n }
                guard total > 0 || zeros else { continue }
                for (fi, f) in g.forms.enumerated() {
                    let c = counts[gi][fi][d]
                    doc.append(.string(document.id))
                    outlet.append(document.meta.string("outlet").map { .string($0) } ?? .null)
                    date.append(document.meta.string("date").map { .string($0) } ?? .null)
                    group.append(.string(g.name)); form.append(.string(f))
                    n.append(.int(c.n)); poss.append(.int(c.possessive))
                    share.append(total == 0 ? .null : .double(Double(c.n) / Double(total)))
                }
            }
        }
        return Table(columns: [("doc", doc), ("outlet", outlet), ("date", date), ("group", group), ("form", form),
                               ("n", n), ("possessive", poss), ("share", share)])
    }

    /// Occurrences of a form (its words; the last may carry `'s`) per document.
    func variantCounts(_ words: [String]) throws -> [(n: Int, possessive: Int)] {
        var out = [(n: Int, possessive: Int)](repeating: (0, 0), count: documents.count)
        let possLast = vocabulary.id(of: words.last! + "'s")
        if words.count == 1 {
            // One word: straight from the postings, over integer ids.
            for (id, isPossessive) in [(vocabulary.id(of: words[0]), false), (possLast, true)] {
                guard let id else { continue }
                var d = 0
                for (k, p) in index.postings(of: id).enumerated() {
                    if k & 0xFFFF == 0xFFFF { try Interruption.check() }
                    let pos = Int(p)
                    while d + 1 < documents.count, documents[d + 1].tokenBase <= pos { d += 1 }
                    out[d].n += 1
                    if isPossessive { out[d].possessive += 1 }
                }
            }
            return out
        }
        // Several words: every one must be in the vocabulary, else nothing matches.
        var ids: [UInt32] = []
        for w in words.dropLast() {
            guard let id = vocabulary.id(of: w) else { return out }
            ids.append(id)
        }
        let hits = try evaluate(.sequence(ids.indices.map { .token([.form(words[$0])]) }
                                          + [.token([.form(words.last!), .form(words.last! + "'s")])])).hits
        for h in hits {
            out[h.document].n += 1
            if let possLast, tokens[documents[h.document].tokenBase + h.end - 1] == possLast { out[h.document].possessive += 1 }
        }
        return out
    }
}
