import Foundation
import Testing
@testable import LoupeCore
import LoupeTestSupport

/// corpus:variants — each spelling counted on its own per document, possessives included.
@Suite struct VariantsTests {
    static func rows(_ t: Table) -> [[String: TableValue]] {
        (0..<t.rowCount).map { Dictionary(uniqueKeysWithValues: t.row($0)) }
    }

    static func cell(_ t: Table, doc: String, form: String, _ column: String = "n") -> TableValue? {
        rows(t).first { $0["doc"] == .string(doc) && $0["form"] == .string(form) }?[column]
    }

    @Test func possessivesCountWithTheirFormAndAreReportedApart() throws {
        let c = CorpusBuilder.corpus(texts: ["Kiev's mayor met Kiev officials. Kyiv’s plan; KYIV again; kiev’s too."])
        let t = try c.variants([VariantGroup(forms: ["Kyiv", "Kiev"])])
        #expect(t.names == ["doc", "outlet", "date", "group", "form", "n", "possessive", "share"])
        #expect(t.rowCount == 2)
        #expect(Self.cell(t, doc: "doc1", form: "Kiev") == .int(3))            // Kiev's, Kiev, kiev’s
        #expect(Self.cell(t, doc: "doc1", form: "Kiev", "possessive") == .int(2))
        #expect(Self.cell(t, doc: "doc1", form: "Kyiv") == .int(2))            // Kyiv’s, KYIV
        #expect(Self.cell(t, doc: "doc1", form: "Kyiv", "possessive") == .int(1))
        #expect(Self.cell(t, doc: "doc1", form: "Kyiv", "share") == .double(0.4))
        #expect(Self.rows(t)[0]["group"] == .string("Kyiv/Kiev"))
    }

    @Test func compoundsAndOtherWordsAreNotCounted() throws {
        // pro-Kiev and Kiev-based are single tokens of their own; Kievan is another word.
        let c = CorpusBuilder.corpus(texts: ["pro-Kiev forces, a Kiev-based firm, Kievan Rus, Kievs."])
        let t = try c.variants([VariantGroup(forms: ["Kiev", "Kyiv"])])
        #expect(t.rowCount == 0)
        #expect(try c.variants([VariantGroup(forms: ["Kiev", "Kyiv"])], zeros: true).rowCount == 2)
    }

    @Test func multiWordFormsMatchAsPhrasesWithThePossessiveOnTheLastWord() throws {
        let c = CorpusBuilder.corpus(texts: ["Krivoy Rog's mills; Kryvyi Rih and KRIVOY ROG. Krivoy alone. Rog alone."])
        let t = try c.variants([VariantGroup(forms: ["Kryvyi Rih", "Krivoy Rog"])])
        #expect(Self.cell(t, doc: "doc1", form: "Krivoy Rog") == .int(2))
        #expect(Self.cell(t, doc: "doc1", form: "Krivoy Rog", "possessive") == .int(1))
        #expect(Self.cell(t, doc: "doc1", form: "Kryvyi Rih") == .int(1))
    }

    @Test func rowsOnlyForDocumentsUsingTheGroupUnlessZerosAreAsked() throws {
        let c = CorpusBuilder.corpus(texts: ["Odessa and Odesa.", "Nothing here.", "Donbass only."])
        let groups = [VariantGroup(forms: ["Odesa", "Odessa"]), VariantGroup(forms: ["Donbas", "Donbass"])]
        let t = try c.variants(groups)
        #expect(Self.rows(t).map { "\($0["doc"]!) \($0["form"]!) \($0["n"]!)" } ==
                ["doc1 Odesa 1", "doc1 Odessa 1", "doc3 Donbas 0", "doc3 Donbass 1"])
        let z = try c.variants(groups, zeros: true)
        #expect(z.rowCount == 3 * 4)
        #expect(Self.rows(z).first { $0["doc"] == .string("doc2") }?["share"] == .null)
    }

    @Test func metadataColumnsComeFromTheDocuments() throws {
        var b = CorpusBuilder()
        var meta = Metadata()
        meta["outlet"] = .string("TASS"); meta["date"] = .string("2019-08-14")
        b.add(RawDocument(id: "a", title: "a", text: "Kiev", meta: meta, source: DocumentSource(file: "a", firstLine: 1, lastLine: 1)))
        b.add(RawDocument(id: "b", title: "b", text: "Kyiv", meta: Metadata(), source: DocumentSource(file: "b", firstLine: 1, lastLine: 1)))
        let rows = Self.rows(try b.build().variants([VariantGroup(forms: ["Kyiv", "Kiev"])]))
        #expect(rows[0]["outlet"] == .string("TASS") && rows[0]["date"] == .string("2019-08-14"))
        #expect(rows[2]["outlet"] == .null && rows[2]["date"] == .null)
    }

    @Test func queryMergesAGroupForTopicCounts() throws {
        #expect(Variants.query(for: "kyiv") == "kyiv|kiev|kyiv's|kiev's")
        #expect(Variants.query(for: "Kiev’s") == "kyiv|kiev|kyiv's|kiev's")
        #expect(Variants.query(for: "nikolayev") == "mykolaiv|nikolaev|nikolayev|mykolaiv's|nikolaev's|nikolayev's")
        #expect(Variants.query(for: "krivoy rog") == #""kryvyi rih|rih's" OR "krivoy rog|rog's" OR "krivoi rog|rog's""#)
        #expect(Variants.query(for: "nato") == nil)
        // The query parses and finds what variants counts.
        let c = CorpusBuilder.corpus(texts: ["Kiev's and Kyiv, Krivoy Rog and Kryvyi Rih's."])
        #expect(try c.search(Variants.query(for: "kiev")!).hits.count == 2)
        #expect(try c.search(Variants.query(for: "kryvyi rih")!).hits.count == 2)
        #expect(try c.search("\(Variants.query(for: "kiev")!) regime").hits.isEmpty)
    }

    @Test func badGroupsAreErrors() throws {
        let c = CorpusBuilder.corpus(texts: ["Kiev"])
        #expect(throws: AnalysisError.self) { try c.variants([]) }
        #expect(throws: AnalysisError.self) { try c.variants([VariantGroup(forms: [])]) }
        #expect(throws: AnalysisError.self) { try c.variants([VariantGroup(forms: ["Kiev", "--"])]) }
    }

    @Test func builtInGroupsAreWellFormed() throws {
        // Every form has letters, no form is in two groups, names are "first/second".
        var seen = Set<[String]>()
        for g in Variants.builtIn {
            #expect(g.forms.count >= 2)
            #expect(g.name == "\(g.forms[0])/\(g.forms[1])")
            for f in g.forms { #expect(seen.insert(try Variants.words(f)).inserted, "\(f) twice") }
        }
        let list = Variants.list()
        #expect(list.rowCount == Variants.builtIn.reduce(0) { $0 + $1.forms.count })
    }

    /// Random documents over a small vocabulary, counted by an independent tokenizer and fold.
    @Test func matchesAnIndependentCountOnRandomText() throws {
        var rng = LCG(seed: 7)
        let words = ["Kiev", "Kyiv", "KIEV'S", "kyiv’s", "Kievan", "pro-Kiev", "Odessa", "Odesa’s", "the", "of"]
        var texts: [String] = []
        for _ in 0..<20 { texts.append((0..<rng.int(40)).map { _ in rng.pick(words) }.joined(separator: rng.pick([" ", ", ", ". "]))) }
        let c = CorpusBuilder.corpus(texts: texts)
        let groups = [VariantGroup(forms: ["Kyiv", "Kiev"]), VariantGroup(forms: ["Odesa", "Odessa"])]
        let t = try c.variants(groups, zeros: true)
        for (d, text) in texts.enumerated() {
            let forms = ReferenceTokenizer.surfaces(text).map(referenceFold)
            for g in groups {
                for f in g.forms {
                    let w = f.lowercased()
                    let plain = forms.filter { $0 == w }.count, poss = forms.filter { $0 == w + "'s" }.count
                    #expect(Self.cell(t, doc: "doc\(d + 1)", form: f) == .int(plain + poss))
                    #expect(Self.cell(t, doc: "doc\(d + 1)", form: f, "possessive") == .int(poss))
                }
            }
        }
    }

    @Test func worksOnSubcorpora() throws {
        let c = CorpusBuilder.corpus(texts: ["Kiev", "Kyiv Kyiv", "Kiev"])
        let sub = try c.subset([1], selection: "second")
        let rows = Self.rows(try sub.variants([VariantGroup(forms: ["Kyiv", "Kiev"])]))
        #expect(rows.map { "\($0["doc"]!) \($0["form"]!) \($0["n"]!)" } == ["doc2 Kyiv 2", "doc2 Kiev 0"])
    }

    /// The bundled corpus, checked by hand with grep over the document texts (front
    /// matter left out; `grep -o -i -E "[[:alnum:]'’-]*kiev[[:alnum:]'’-]*"` per file):
    /// - osce-statement-2022-01-27: "Kiev" 10 times, "Kiev’s" twice, "Kyiv" once (line 18,
    ///   "four planes have arrived in Kyiv", the only Kyiv in the corpus) → Kiev 12 (2 possessive), Kyiv 1.
    /// - putin-accession-treaties-2022-09-30: "Kiev" 5, "Kiev’s" 1 → 6 (1 possessive).
    /// - Kiev over all documents: 2+13+5+12+8+6+3+3+1+5+4 = 62 (gagnon, kagarlitsky, lavrov,
    ///   osce-01-27, osce-02-10, putin, rt, report 145, 146, 197, wsws); no compounds such as pro-Kiev.
    /// - kirillova-anti-western-coalitions: one "Luhansk", one "Lugansk" (lines 8 and 18).
    /// - kagarlitsky-ukraine-uprising-interview: "Sloviansk" twice, "Kharkiv" twice, "Odessa" 4.
    /// - osce-statement-2022-02-10 mixes "Donbass" (7) and "Donbas" (1), "Luhansk" 2 and "Lugansk" 2.
    @Test func bundledCorpusValuesCheckedByHand() throws {
        let (c, _) = try CorpusLoader.load(path: repoRoot.appendingPathComponent("corpus").path)
        let t = try c.variants()
        #expect(Self.cell(t, doc: "osce-statement-2022-01-27", form: "Kiev") == .int(12))
        #expect(Self.cell(t, doc: "osce-statement-2022-01-27", form: "Kiev", "possessive") == .int(2))
        #expect(Self.cell(t, doc: "osce-statement-2022-01-27", form: "Kyiv") == .int(1))
        #expect(Self.cell(t, doc: "putin-accession-treaties-2022-09-30", form: "Kiev") == .int(6))
        #expect(Self.cell(t, doc: "putin-accession-treaties-2022-09-30", form: "Kiev", "possessive") == .int(1))
        let kiev = Self.rows(t).filter { $0["form"] == .string("Kiev") }.reduce(0) { $0 + ($1["n"]?.number.map(Int.init) ?? 0) }
        #expect(kiev == 62)
        #expect(Self.cell(t, doc: "kirillova-anti-western-coalitions", form: "Luhansk") == .int(1))
        #expect(Self.cell(t, doc: "kirillova-anti-western-coalitions", form: "Lugansk") == .int(1))
        #expect(Self.cell(t, doc: "kagarlitsky-ukraine-uprising-interview", form: "Sloviansk") == .int(2))
        #expect(Self.cell(t, doc: "kagarlitsky-ukraine-uprising-interview", form: "Kharkiv") == .int(2))
        #expect(Self.cell(t, doc: "kagarlitsky-ukraine-uprising-interview", form: "Odessa") == .int(4))
        #expect(Self.cell(t, doc: "osce-statement-2022-02-10", form: "Donbass") == .int(7))
        #expect(Self.cell(t, doc: "osce-statement-2022-02-10", form: "Donbas") == .int(1))
        #expect(Self.cell(t, doc: "osce-statement-2022-02-10", form: "Luhansk") == .int(2))
        #expect(Self.cell(t, doc: "osce-statement-2022-02-10", form: "Lugansk") == .int(2))
        // The merged query counts the topic: 62 Kiev + 1 Kyiv.
        #expect(try c.search(Variants.query(for: "kyiv")!).hits.count == 63)
    }
}
