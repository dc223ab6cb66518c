import Foundation

extension Corpus {
    /// Keywords of this corpus (the focus) against a reference (`corpus:keyness`).
    ///
    /// Each form of either list gets the keyness 2×2 table (docs/statistics.md):
    /// O11 = its frequency here, R1 = this corpus's tokens, O21 = its frequency
    /// in the reference, R2 = the reference's total. `key` is "+" when its rate
    /// here is higher (O11·R2 > O21·R1), else "-". A row is kept when the
    /// frequency on the side where it is key is at least `min`: f_focus for "+",
    /// f_ref for "-".
    ///
    /// Columns: `form`, `f_focus`, `f_ref`, `per_10k_focus`, `per_10k_ref`, the
    /// measure (named as chosen), `key`. Sorted: positive keywords first, then
    /// negative ones; within each, strongest first (the largest value for a
    /// significance test; for an effect size the largest for "+" and the
    /// smallest for "-"), then form in code point order.
    /// The measure is one of `Measure.keynessSignificance` (values large for both positive and
    /// negative keywords) or `Measure.keynessEffect` (above the neutral point, 0 or 1, for
    /// positive keywords and below it for negative ones).
    public func keyness(reference: FrequencyList, measure: Measure = .ll, min: Int = 5) throws -> Table {
        let name = measure.name, compute = measure
        let isEffect = Measure.keynessEffect.contains(measure)
        guard isEffect || Measure.keynessSignificance.contains(measure) else {
            throw AnalysisError("unknown keyness measure \"\(name)\"; one of \((Measure.keynessSignificance + Measure.keynessEffect).map(\.name).joined(separator: ", "))")
        }
        try AnalysisSupport.checkMin(min)
        guard reference.total > 0 else { throw AnalysisError("the reference is empty (0 tokens)") }
        guard reference.total <= FrequencyList.largestCount else {
            throw AnalysisError("the reference's total must be at most \(FrequencyList.largestCount), got \(reference.total)")
        }
        let size1 = tokenCount, size2 = reference.total
        guard size1 > 0 else { return Self.keynessTable([], name) }

        var rows: [KeynessRow] = []
        func consider(_ form: String, _ f1: Int, _ f2: Int) {
            let positive = Self.higherRate(f1, size1, than: f2, size2)
            guard (positive ? f1 : f2) >= min, f1 > 0 || f2 > 0 else { return }
            let c = Contingency(frequency1: Double(f1), size1: Double(size1), frequency2: Double(f2), size2: Double(size2))
            rows.append(KeynessRow(form: form, f1: f1, f2: f2, value: compute(c), positive: positive))
        }
        let forms = vocabulary.forms
        for t in 0..<vocabulary.count {
            if t & AnalysisSupport.checkMask == AnalysisSupport.checkMask { try Interruption.check() }
            consider(forms[t], index.frequency(of: UInt32(t)), reference.counts[forms[t]] ?? 0)
        }
        var k = 0
        for (form, f2) in reference.counts where vocabulary.id(of: form) == nil {
            k += 1
            if k & AnalysisSupport.checkMask == 0 { try Interruption.check() }
            consider(form, 0, f2)
        }
        rows.sort { a, b in
            if a.positive != b.positive { return a.positive }
            let flip = isEffect && !a.positive
            return flip ? AnalysisSupport.descending(-a.value, a.form, -b.value, b.form)
                        : AnalysisSupport.descending(a.value, a.form, b.value, b.form)
        }
        let s1 = 10_000 / Double(size1), s2 = 10_000 / Double(size2)
        return Self.keynessTable(rows, name, s1, s2)
    }

    /// Keywords against another corpus; forms are matched by their string.
    public func keyness(reference: Corpus, measure: Measure = .ll, min: Int = 5) throws -> Table {
        try keyness(reference: FrequencyList(corpus: reference), measure: measure, min: min)
    }

    /// f1/size1 > f2/size2 for counts ≥ 0, compared exactly: the cross products
    /// are taken double-width, since a reference's counts come from the user and
    /// may be as large as an Int holds (a plain `*` would trap on overflow).
    static func higherRate(_ f1: Int, _ size1: Int, than f2: Int, _ size2: Int) -> Bool {
        let a = f1.multipliedFullWidth(by: size2), b = f2.multipliedFullWidth(by: size1)
        return a.high != b.high ? a.high > b.high : a.low > b.low
    }

    struct KeynessRow { var form: String; var f1: Int; var f2: Int; var value: Double; var positive: Bool }

    static func keynessTable(_ rows: [KeynessRow], _ name: String, _ s1: Double = 0, _ s2: Double = 0) -> Table {
        Table(columns: [
            ("form", rows.map { .string($0.form) }),
            ("f_focus", rows.map { .int($0.f1) }),
            ("f_ref", rows.map { .int($0.f2) }),
            ("per_10k_focus", rows.map { .double(Double($0.f1) * s1) }),
            ("per_10k_ref", rows.map { .double(Double($0.f2) * s2) }),
            (name, rows.map { .measure($0.value) }),
            ("key", rows.map { .string($0.positive ? "+" : "-") }),
        ])
    }
}
