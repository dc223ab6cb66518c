import Foundation
import Testing
@testable import LoupeCore
import LoupeTestSupport

// Every analysis against a brute-force recomputation written here over plain
// [String] token lists: the reference tokenizer and folding of TestSupport.swift
// for made-up corpora, `matchingForms(of:)` for the bundled one. Measures are
// recomputed from their textbook formulas, not through `Measures`.

/// Column readers.
func strings(_ t: Table, _ name: String) -> [String] {
    (t.column(named: name) ?? []).map { if case .string(let s) = $0 { return s } else { return "<\($0)>" } }
}
func ints(_ t: Table, _ name: String) -> [Int] {
    (t.column(named: name) ?? []).map { if case .int(let i) = $0 { return i } else { return Int.min } }
}
func doubles(_ t: Table, _ name: String) -> [Double] {
    (t.column(named: name) ?? []).map { if case .double(let d) = $0 { return d } else { return .nan } }
}
func close(_ a: Double, _ b: Double, _ tol: Double = 1e-9) -> Bool {
    a == b || abs(a - b) <= tol * max(1, abs(a), abs(b))
}

/// A corpus and, independently, its documents' tokens as matching forms.
struct Made {
    let corpus: Corpus
    let forms: [[String]]
    init(_ texts: [String]) {
        corpus = CorpusBuilder.corpus(texts: texts)
        forms = texts.map { ReferenceTokenizer.surfaces($0).map(referenceFold) }
    }
    var all: [String] { forms.flatMap { $0 } }
}

let unicodeTexts = [
    "Київ і Kyiv. КИЇВ, київ — Kiev’s KIEV's kiev's!",
    "Café cafe\u{0301} CAFÉ. ΟΔΟΣ οδος Οδός; neo‐Nazi neo-nazi NEO-NAZI.",
    "Москва и Киев; и снова Москва и Киев и её слова.",
    "",
    "2022 2022 1,000 x_y",
]

@Suite struct FreqTests {
    /// The brute-force word list: (form, n, docs) sorted by n desc then form.
    static func brute(_ docs: [[String]], min: Int = 1, stop: Set<String> = []) -> [(String, Int, Int)] {
        var n: [String: Int] = [:], d: [String: Int] = [:]
        for doc in docs {
            for f in doc { n[f, default: 0] += 1 }
            for f in Set(doc) { d[f, default: 0] += 1 }
        }
        return n.filter { $0.value >= min && !stop.contains($0.key) }
            .map { ($0.key, $0.value, d[$0.key]!) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    }

    static func check(_ t: Table, _ expected: [(String, Int, Int)], tokens: Int) {
        #expect(t.names == ["form", "n", "per_10k", "docs"])
        #expect(strings(t, "form") == expected.map(\.0))
        #expect(ints(t, "n") == expected.map(\.1))
        #expect(ints(t, "docs") == expected.map(\.2))
        #expect(zip(doubles(t, "per_10k"), expected).allSatisfy { close($0, Double($1.1) * 10_000 / Double(tokens)) })
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func randomCorporaEqualBruteForce(seed: UInt64) throws {
        let m = Made(PhraseSearchTests.randomCorpus(seed: seed))
        Self.check(try m.corpus.freq(), Self.brute(m.forms), tokens: m.all.count)
        Self.check(try m.corpus.freq(min: 3), Self.brute(m.forms, min: 3), tokens: m.all.count)
        Self.check(try m.corpus.freq(stop: ["THE", "Kiev"]), Self.brute(m.forms, stop: ["the", "kiev"]), tokens: m.all.count)
    }

    @Test func unicodeAndStopLists() throws {
        let m = Made(unicodeTexts)
        let t = try m.corpus.freq()
        Self.check(t, Self.brute(m.forms), tokens: m.all.count)
        // Case, apostrophes, hyphens, composition and final sigma all fold together.
        let row = { (f: String) in strings(t, "form").firstIndex(of: f).map { ints(t, "n")[$0] } }
        #expect(row("київ") == 3 && row("kiev's") == 3 && row("café") == 3 && row("οδοσ") == 2 && row("neo-nazi") == 3)
        #expect(row("и") == 4)
        let ru = try m.corpus.freq(stop: StopWords.list(named: "ru")!)
        Self.check(ru, Self.brute(m.forms, stop: Set(StopWords.russian)), tokens: m.all.count)
        #expect(!strings(ru, "form").contains("и") && !strings(ru, "form").contains("её") && strings(ru, "form").contains("москва"))
    }

    @Test func bundledCorpusWithEnglishStopList() throws {
        let (c, _) = try BundledCorpusTests.load()
        let docs = c.documents.indices.map { c.matchingForms(of: $0) }
        let stop = Set(["i", "me", "the", "a", "and", "of", "don't", "isn't", "very", "with", "their"])
        #expect(stop.isSubset(of: Set(StopWords.english)))
        let t = try c.freq(min: 2, stop: StopWords.english)
        Self.check(t, Self.brute(docs, min: 2, stop: Set(StopWords.english)), tokens: c.tokenCount)
        #expect(ints(t, "n").first! > 50 && !strings(t, "form").contains("the"))
        #expect(try c.freq().rowCount == c.vocabulary.count)
        #expect(ints(try c.freq(), "n").reduce(0, +) == c.tokenCount)
    }

    @Test func stopListsAreWellFormed() {
        for list in [StopWords.english, StopWords.russian] {
            #expect(Set(list).count == list.count)
            #expect(list.allSatisfy { Folding.matchingForm($0) == $0 && ReferenceTokenizer.surfaces($0) == [$0] })
        }
        #expect(StopWords.english.count > 150 && StopWords.russian.count > 150)
        #expect(StopWords.list(named: "EN") != nil && StopWords.list(named: "de") == nil)
    }
}

@Suite struct NGramTests {
    /// n-grams of each segment (a list of forms), with document counts.
    static func brute(_ docs: [[[String]]], n: Int, min: Int) -> [(String, Int, Int)] {
        var c: [String: Int] = [:], d: [String: Int] = [:]
        for segments in docs {
            var inDoc = Set<String>()
            for seg in segments where seg.count >= n {
                for s in 0...(seg.count - n) {
                    let g = seg[s..<(s + n)].joined(separator: " ")
                    c[g, default: 0] += 1
                    inDoc.insert(g)
                }
            }
            for g in inDoc { d[g, default: 0] += 1 }
        }
        return c.filter { $0.value >= min }.map { ($0.key, $0.value, d[$0.key]!) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    }

    static func check(_ t: Table, _ expected: [(String, Int, Int)]) {
        #expect(t.names == ["ngram", "n", "docs"])
        #expect(strings(t, "ngram") == expected.map(\.0))
        #expect(ints(t, "n") == expected.map(\.1))
        #expect(ints(t, "docs") == expected.map(\.2))
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func withinDocumentsEqualBruteForce(seed: UInt64) throws {
        let m = Made(PhraseSearchTests.randomCorpus(seed: seed))
        for n in 2...5 {
            for min in [1, 2, 3] {
                Self.check(try m.corpus.ngrams(n: n, min: min, within: .document), Self.brute(m.forms.map { [$0] }, n: n, min: min))
            }
        }
    }

    /// Texts built from sentences we know: each sentence starts with a capital and ends with ". ".
    @Test(arguments: [7, 8, 9] as [UInt64])
    func withinSentencesEqualBruteForce(seed: UInt64) throws {
        var rng = LCG(seed: seed)
        // No one-letter words: a one-letter word before "." reads as an initial and does not end a sentence.
        let words = ["nato", "kiev", "regime", "the", "аб", "вдг", "οδος", "café"]
        var texts: [String] = [], segments: [[[String]]] = []
        for _ in 0..<(2 + rng.int(5)) {
            var text = "", segs: [[String]] = []
            for k in 0..<(1 + rng.int(8)) {
                let sentence = (0..<(1 + rng.int(7))).map { _ in rng.pick(words) }
                segs.append(sentence.map(referenceFold))
                text += (k > 0 ? (rng.int(3) == 0 ? "\n\n" : " ") : "") + ([sentence[0].capitalized] + sentence.dropFirst()).joined(separator: " ") + "."
            }
            texts.append(text)
            segments.append(segs)
        }
        let c = CorpusBuilder.corpus(texts: texts)
        for d in texts.indices {   // the sentence splitter agrees with how the texts were built
            #expect(c.documents[d].sentences.map { Array(c.matchingForms(of: d)[$0.tokenStart..<$0.tokenEnd]) } == segments[d], "\(texts[d])")
        }
        for n in 2...4 {
            for min in [1, 2] {
                Self.check(try c.ngrams(n: n, min: min), Self.brute(segments, n: n, min: min))
                Self.check(try c.ngrams(n: n, min: min, within: .document), Self.brute(segments.map { [$0.flatMap { $0 }] }, n: n, min: min))
            }
        }
    }

    @Test func neverAcrossDocumentsOrSentences() throws {
        let c = CorpusBuilder.corpus(texts: ["a b", "c d", "Ee ff. Gg hh"])
        #expect(strings(try c.ngrams(n: 2, min: 1, within: .document), "ngram") == ["a b", "c d", "ee ff", "ff gg", "gg hh"])
        #expect(strings(try c.ngrams(n: 2, min: 1), "ngram") == ["a b", "c d", "ee ff", "gg hh"])
        #expect(try c.ngrams(n: 3, min: 1, within: .document).rowCount == 2)
        #expect(try c.ngrams(n: 8, min: 1).rowCount == 0)
    }

    @Test func longNGramsAndUnicode() throws {
        let m = Made(unicodeTexts + unicodeTexts)
        for n in [2, 6, 8] { Self.check(try m.corpus.ngrams(n: n, min: 2, within: .document), Self.brute(m.forms.map { [$0] }, n: n, min: 2)) }
        let t = try m.corpus.ngrams(n: 2, min: 2, within: .document)
        #expect(strings(t, "ngram").contains("київ і") && strings(t, "ngram").contains("café café"))
    }

    @Test func bundledCorpusTrigrams() throws {
        let (c, _) = try BundledCorpusTests.load()
        let docs = c.documents.indices.map { [c.matchingForms(of: $0)] }
        Self.check(try c.ngrams(n: 3, min: 2, within: .document), Self.brute(docs, n: 3, min: 2))
        // Sentence scope: the segments are the documents' sentence spans.
        let sentences = c.documents.indices.map { d in
            c.documents[d].sentences.map { Array(c.matchingForms(of: d)[$0.tokenStart..<$0.tokenEnd]) }
        }
        #expect(zip(sentences, docs).allSatisfy { $0.flatMap { $0 } == $1[0] })   // sentences cover every token
        Self.check(try c.ngrams(n: 2, min: 3), Self.brute(sentences, n: 2, min: 3))
        // Long n-grams over ~4,000 types do not fit one 64-bit key: the chained levels.
        #expect(c.vocabulary.count > 1 << 10 && 7 * 11 > 64)
        for (n, min) in [(6, 1), (7, 2), (8, 2)] {
            Self.check(try c.ngrams(n: n, min: min, within: .document), Self.brute(docs, n: n, min: min))
        }
        Self.check(try c.ngrams(n: 7, min: 1), Self.brute(sentences, n: 7, min: 1))
    }

    /// N-grams whose ranks fit one key are counted a first word at a time (NGramBuckets.swift):
    /// here one word's bucket is big enough for the radix sort, the corpus is long enough to be
    /// cut into segments and parts, and many words are too rare for `min`, first or later.
    @Test func bigBucketsAndRareWords() throws {
        var rng = LCG(seed: 11)
        let common = ["nato", "kiev", "regime", "аб", "вдг", "οδος", "café", "west"]
        let texts = (0..<24).map { d in
            var s = ""
            for i in 0..<1400 {
                if i > 0 { s += rng.int(40) == 0 ? ". " : " " }
                switch rng.int(10) {
                case 0..<5: s += "the"
                case 5: s += "x\(d)y\(rng.int(300))"   // mostly seen once or twice
                default: s += rng.pick(common)
                }
            }
            return s
        }
        let m = Made(texts)
        let c = m.corpus
        #expect(m.all.filter { $0 == "the" }.count > 8000 && m.all.count > 1 << 15)
        let sentences = c.documents.indices.map { d in
            c.documents[d].sentences.map { Array(c.matchingForms(of: d)[$0.tokenStart..<$0.tokenEnd]) }
        }
        for n in 2...4 {
            for min in [1, 2, 3] {
                Self.check(try c.ngrams(n: n, min: min, within: .document), Self.brute(m.forms.map { [$0] }, n: n, min: min))
                Self.check(try c.ngrams(n: n, min: min), Self.brute(sentences, n: n, min: min))
            }
        }
    }

    /// With 128–255 types an 8-gram's ranks just fill a key, leaving no room for the number of
    /// one of 300 documents: the chained path takes over, with the same results.
    @Test func keysWithNoRoomForTheDocument() throws {
        var rng = LCG(seed: 12)
        let words = (0..<150).map { "w\($0)" }
        let texts = (0..<300).map { d in
            (0..<(d == 0 ? 150 : 2 + rng.int(14))).map { i in d == 0 ? words[i] : words[rng.int(6) * rng.int(25)] }.joined(separator: " ")
        }
        let m = Made(texts + texts.prefix(20))
        #expect((128...255).contains(m.corpus.vocabulary.count) && m.corpus.documents.count > 256)
        for n in [7, 8] {
            for min in [1, 2] {
                Self.check(try m.corpus.ngrams(n: n, min: min, within: .document), Self.brute(m.forms.map { [$0] }, n: n, min: min))
            }
        }
    }

    /// Few rows, one far more frequent than there are rows: the order by count then comes
    /// from a radix sort, not one bucket per count; "x y" is seen once.
    @Test func fewRowsManyRepeats() throws {
        let m = Made([String(repeating: "la ", count: 60) + "x y z", "la la la x", "y z"])
        for n in 2...4 {
            for min in [1, 2] {
                Self.check(try m.corpus.ngrams(n: n, min: min, within: .document), Self.brute(m.forms.map { [$0] }, n: n, min: min))
            }
        }
        #expect(ints(try m.corpus.ngrams(n: 2, min: 1, within: .document), "n") == [61, 2, 2, 1])
    }

    @Test func badArguments() {
        let c = CorpusBuilder.corpus(texts: ["a b"])
        #expect(throws: AnalysisError.self) { try c.ngrams(n: 1) }
        #expect(throws: AnalysisError.self) { try c.ngrams(n: 9) }
        #expect(throws: AnalysisError.self) { try c.ngrams(n: 2, min: -1) }
    }
}

@Suite struct CollocateTests {
    struct Expected { var o11: [String: Int] = [:]; var docs: [String: Int] = [:]; var r1 = 0; var hits = 0 }

    /// Node = every occurrence of the phrase `node`; window positions are the
    /// union of the windows minus all node tokens.
    static func brute(_ docs: [[String]], node: [String], left: Int, right: Int) -> Expected {
        var e = Expected()
        for doc in docs {
            var nodeTokens = Set<Int>(), window = Set<Int>()
            if doc.count >= node.count {
                for s in 0...(doc.count - node.count) where Array(doc[s..<(s + node.count)]) == node {
                    e.hits += 1
                    for p in s..<(s + node.count) { nodeTokens.insert(p) }
                    for p in (s - left)..<s where p >= 0 { window.insert(p) }
                    for p in (s + node.count)..<(s + node.count + right) where p < doc.count { window.insert(p) }
                }
            }
            window.subtract(nodeTokens)
            e.r1 += window.count
            for p in window { e.o11[doc[p], default: 0] += 1 }
            for f in Set(window.map { doc[$0] }) { e.docs[f, default: 0] += 1 }
        }
        return e
    }

    /// The measure from its formula (docs/statistics.md), written out here.
    static func formula(_ name: String, o11: Double, r1: Double, c1: Double, n: Double) -> Double {
        let e11 = r1 * c1 / n
        let o = [o11, r1 - o11, c1 - o11, n - r1 - c1 + o11]
        let e = [e11, r1 * (n - c1) / n, (n - r1) * c1 / n, (n - r1) * (n - c1) / n]
        let g2 = 2 * zip(o, e).reduce(0.0) { $0 + ($1.0 > 0 ? $1.0 * log($1.0 / $1.1) : 0) }
        switch name {
        case "logdice": return 14 + log2(2 * o11 / (r1 + c1))
        case "dice": return 2 * o11 / (r1 + c1)
        case "mi": return log2(o11 / e11)
        case "mi3": return log2(pow(o11, 3) / e11)
        case "t": return (o11 - e11) / o11.squareRoot()
        case "z": return (o11 - e11) / e11.squareRoot()
        case "ll": return g2
        case "ll_signed": return o11 < e11 ? -g2 : g2
        case "deltap_collocate_given_node": return o11 / r1 - (c1 - o11) / (n - r1)
        case "deltap_node_given_collocate": return o11 / c1 - (r1 - o11) / (n - c1)
        case "log_ratio": return log2((o11 / r1) / (max(c1 - o11, 0.5) / (n - r1)))
        default: return .nan
        }
    }

    static func check(_ m: Made, _ t: Table, node: [String], left: Int, right: Int, measure: String, min: Int) {
        let e = brute(m.forms, node: node, left: left, right: right)
        let n = Double(m.all.count)
        var c1: [String: Int] = [:]
        for f in m.all { c1[f, default: 0] += 1 }
        #expect(t.names == ["collocate", "o11", "e11", "f_node", "f_collocate", "docs", measure])
        let expectedForms = Set(e.o11.filter { $0.value >= max(min, 1) }.keys)
        let forms = strings(t, "collocate")
        #expect(Set(forms) == expectedForms && forms.count == expectedForms.count, "\(node)")
        let values = doubles(t, measure)
        for (i, f) in forms.enumerated() {
            let o = Double(e.o11[f] ?? -1), c = Double(c1[f] ?? -1), r = Double(e.r1)
            #expect(ints(t, "o11")[i] == e.o11[f] && ints(t, "docs")[i] == e.docs[f] && ints(t, "f_collocate")[i] == c1[f])
            #expect(ints(t, "f_node")[i] == e.hits)
            #expect(close(doubles(t, "e11")[i], r * c / n))
            #expect(close(values[i], formula(measure, o11: o, r1: r, c1: c, n: n), 1e-9), "\(f) \(measure)")
        }
        // Sorted by the measure, ties by form.
        for i in 1..<max(1, forms.count) {
            #expect(values[i - 1] > values[i] || (values[i - 1] == values[i] && forms[i - 1] < forms[i]), "\(forms[i - 1]) before \(forms[i])")
        }
    }

    @Test func aHandWorkedExample() throws {
        // doc1: x a x b c; doc2: a x. Node x, one token each side.
        // Windows: {a(1)} ∪ {a(1), b(3)} in doc1 and {a(0)} in doc2; a at doc1:1 sits in two
        // windows but is counted once. R1 = 3, O11(a) = 2, O11(b) = 1, N = 7, C1(a) = 2.
        // (Counting per window, a would get O11 = 3 > C1 = 2, an impossible 2×2 table.)
        let c = CorpusBuilder.corpus(texts: ["x a x b c", "a x"])
        let t = try c.collocates("x", left: 1, right: 1, measure: .logDice, min: 1)
        #expect(strings(t, "collocate") == ["a", "b"])
        #expect(ints(t, "o11") == [2, 1] && ints(t, "f_collocate") == [2, 1] && ints(t, "docs") == [2, 1] && ints(t, "f_node") == [3, 3])
        #expect(close(doubles(t, "e11")[0], 3.0 * 2 / 7) && close(doubles(t, "e11")[1], 3.0 / 7))
        #expect(close(doubles(t, "logdice")[0], 14 + log2(4.0 / 5)) && close(doubles(t, "logdice")[1], 14 + log2(2.0 / 4)))
        // MI by hand: log2(2 / (6/7)) = log2(7/3).
        #expect(close(doubles(try c.collocates("x", left: 1, right: 1, measure: Measure(name: "MI")!, min: 1), "mi")[0], log2(7.0 / 3)))
        // A node is never its own collocate; left = 0 looks only right.
        let right = try c.collocates("x", left: 0, right: 1, min: 1)   // a after the first x, b after the second
        #expect(strings(right, "collocate") == ["b", "a"] && ints(right, "o11") == [1, 1])   // logDice 14 + log2(2/3) > 14 + log2(2/4)
        #expect(try CorpusBuilder.corpus(texts: ["x x x"]).collocates("x", min: 1).rowCount == 0)
        #expect(try c.collocates("x", min: 3).rowCount == 0)
    }

    @Test(arguments: ["logdice", "mi", "mi3", "t", "z", "ll", "ll_signed", "dice",
                      "deltap_collocate_given_node", "deltap_node_given_collocate", "log_ratio"])
    func randomCorporaEqualBruteForce(measure: String) throws {
        for seed in [11, 12, 13] as [UInt64] {
            let m = Made(PhraseSearchTests.randomCorpus(seed: seed))
            for (query, node) in [("a", ["a"]), ("kiev's", ["kiev's"]), ("\"the a\"", ["the", "a"])] {
                for (l, r, min) in [(5, 5, 2), (2, 0, 1), (0, 3, 1), (10, 1, 2)] {
                    let t = try m.corpus.collocates(query, left: l, right: r, measure: Measure(name: measure)!, min: min)
                    Self.check(m, t, node: node, left: l, right: r, measure: measure, min: min)
                }
            }
        }
    }

    @Test func unicodeNodes() throws {
        let m = Made(unicodeTexts)
        Self.check(m, try m.corpus.collocates("Київ", left: 3, right: 3, measure: .logDice, min: 1), node: ["київ"], left: 3, right: 3, measure: "logdice", min: 1)
        Self.check(m, try m.corpus.collocates("и", measure: .llSigned, min: 1), node: ["и"], left: 5, right: 5, measure: "ll_signed", min: 1)
    }

    @Test func bundledCorpus() throws {
        let (c, _) = try BundledCorpusTests.load()
        let m = Made(c.documents.map(\.text))
        #expect(m.forms == c.documents.indices.map { c.matchingForms(of: $0) })
        Self.check(m, try c.collocates("nato"), node: ["nato"], left: 5, right: 5, measure: "logdice", min: 2)
        Self.check(m, try c.collocates("\"kiev regime\"", left: 4, right: 4, measure: .llSigned, min: 1), node: ["kiev", "regime"], left: 4, right: 4, measure: "ll_signed", min: 1)
    }

    @Test func badArguments() throws {
        let c = CorpusBuilder.corpus(texts: ["a b"])
        #expect(Measure(name: "nonsense") == nil)
        #expect(throws: AnalysisError.self) { try c.collocates("a", left: -1) }
        #expect(try c.collocates("zzz").rowCount == 0)
    }
}

@Suite struct KeynessTests {
    /// Test vector TV6 (StatisticsTests): 23 of 263 tokens against 551 of 8,870.
    @Test func antConcDemoNumbers() throws {
        let focus = CorpusBuilder.corpus(texts: [Array(repeating: "w", count: 23).joined(separator: " ") + " "
                                                 + (1...240).map { "f\($0)" }.joined(separator: " ")])
        #expect(focus.tokenCount == 263)
        let ref = FrequencyList(counts: ["w": 551], total: 8870)
        for (measure, value, tol) in [("ll", 2.506973, 1e-6), ("ll2", 2.330552, 1e-6), ("chi2", 2.783108, 1e-6),
                                      ("log_ratio", 0.493453, 1e-6), ("percent_diff", 40.781, 1e-4),
                                      ("relative_risk", 1.407810, 1e-6), ("odds_ratio", 1.446892, 1e-6), ("bic", -6.6127, 1e-4)] {
            let t = try focus.keyness(reference: ref, measure: Measure(name: measure)!, min: 1)
            let i = strings(t, "form").firstIndex(of: "w")!
            #expect(close(doubles(t, measure)[i], value, tol), "\(measure): \(doubles(t, measure)[i])")
            #expect(strings(t, "key")[i] == "+" && ints(t, "f_focus")[i] == 23 && ints(t, "f_ref")[i] == 551)
            #expect(close(doubles(t, "per_10k_focus")[i], 230_000.0 / 263) && close(doubles(t, "per_10k_ref")[i], 5_510_000.0 / 8870))
        }
        #expect(try focus.keyness(reference: ref, min: 24).rowCount == 0)   // f_focus 23 < 24; the fillers have 1
    }

    /// Brute force: both lists, hand formulas, the documented filter and order.
    static func check(_ t: Table, focus: [String], ref: [String: Int], refTotal: Int, measure: String, min: Int) {
        var f1: [String: Int] = [:]
        for f in focus { f1[f, default: 0] += 1 }
        let r1 = Double(focus.count), r2 = Double(refTotal)
        var rows: [(form: String, a: Int, b: Int, v: Double, pos: Bool)] = []
        for form in Set(f1.keys).union(ref.keys) {
            let a = f1[form] ?? 0, b = ref[form] ?? 0
            let pos = Double(a) / r1 > Double(b) / r2
            guard (pos ? a : b) >= min else { continue }
            let n = r1 + r2, c1 = Double(a + b)
            let o = [Double(a), r1 - Double(a), Double(b), r2 - Double(b)]
            let e = [r1 * c1 / n, r1 * (n - c1) / n, r2 * c1 / n, r2 * (n - c1) / n]
            let v: Double
            switch measure {
            case "ll": v = 2 * zip(o, e).reduce(0.0) { $0 + ($1.0 > 0 ? $1.0 * log($1.0 / $1.1) : 0) }
            case "log_ratio": v = log2((max(Double(a), 0.5) / r1) / (max(Double(b), 0.5) / r2))
            case "simple_maths": v = (Double(a) / r1 * 1e6 + 1) / (Double(b) / r2 * 1e6 + 1)
            default: v = .nan
            }
            rows.append((form, a, b, v, pos))
        }
        let effect = measure != "ll"
        rows.sort { x, y in
            if x.pos != y.pos { return x.pos }
            let (p, q) = effect && !x.pos ? (-x.v, -y.v) : (x.v, y.v)
            return p != q ? p > q : x.form < y.form
        }
        #expect(t.names == ["form", "f_focus", "f_ref", "per_10k_focus", "per_10k_ref", measure, "key"])
        #expect(strings(t, "form") == rows.map(\.form))
        #expect(ints(t, "f_focus") == rows.map(\.a) && ints(t, "f_ref") == rows.map(\.b))
        #expect(strings(t, "key") == rows.map { $0.pos ? "+" : "-" })
        #expect(zip(doubles(t, measure), rows).allSatisfy { close($0, $1.v, 1e-9) })
    }

    @Test(arguments: ["ll", "log_ratio", "simple_maths"])
    func bundledHalvesAgainstEachOther(measure: String) throws {
        let (c, _) = try BundledCorpusTests.load()
        let texts = c.documents.map(\.text)
        let focus = CorpusBuilder.corpus(texts: Array(texts[..<6])), reference = CorpusBuilder.corpus(texts: Array(texts[6...]))
        let focusForms = focus.documents.indices.flatMap { focus.matchingForms(of: $0) }
        var ref: [String: Int] = [:]
        for d in reference.documents.indices { for f in reference.matchingForms(of: d) { ref[f, default: 0] += 1 } }
        for min in [0, 3] {
            let t = try focus.keyness(reference: reference, measure: Measure(name: measure)!, min: min)
            Self.check(t, focus: focusForms, ref: ref, refTotal: reference.tokenCount, measure: measure, min: min)
            #expect(strings(t, "key").contains("-") && strings(t, "key").contains("+"))
        }
    }

    /// Sub-corpora share their parent's type table, with types that do not occur in them.
    @Test func subCorporaOfOneCorpus() throws {
        let (c, _) = try BundledCorpusTests.load()
        let focus = try c.subset([0, 2, 4], selection: "focus"), reference = try c.subset(Array(5..<13), selection: "reference")
        let focusForms = focus.documents.indices.flatMap { focus.matchingForms(of: $0) }
        var ref: [String: Int] = [:]
        for d in reference.documents.indices { for f in reference.matchingForms(of: d) { ref[f, default: 0] += 1 } }
        Self.check(try focus.keyness(reference: reference, min: 2), focus: focusForms, ref: ref, refTotal: reference.tokenCount, measure: "ll", min: 2)
        Self.check(try focus.keyness(reference: c, measure: .simpleMaths, min: 0), focus: focusForms,
                   ref: FrequencyList(corpus: c).counts, refTotal: c.tokenCount, measure: "simple_maths", min: 0)
        #expect(try focus.freq().rowCount == Set(focusForms).count)
        FreqTests.check(try focus.freq(), FreqTests.brute(focus.documents.indices.map { focus.matchingForms(of: $0) }), tokens: focus.tokenCount)
    }

    @Test func unicodeFormsLineUpAcrossVocabularies() throws {
        let m = Made(unicodeTexts)
        let list = try FrequencyListReader.parse("КИЇВ\t10\nCafe\u{0301}\t1\nΟΔΟΣ\t7\nмосква\t0\nzzz\t50\n# total: 1000\n")
        #expect(list.counts == ["київ": 10, "café": 1, "οδοσ": 7, "zzz": 50] && list.total == 1000)
        let t = try m.corpus.keyness(reference: list, measure: .logRatio, min: 1)
        Self.check(t, focus: m.all, ref: list.counts, refTotal: 1000, measure: "log_ratio", min: 1)
        #expect(strings(t, "form").last == "zzz")   // the only negative keyword, absent from the focus
    }

    @Test func badArguments() throws {
        let c = CorpusBuilder.corpus(texts: ["a b"])
        #expect(throws: AnalysisError.self) { try c.keyness(reference: FrequencyList(counts: ["a": 1], total: 1), measure: .logDice) }
        #expect(throws: AnalysisError.self) { try c.keyness(reference: FrequencyList(counts: [:], total: 0)) }
    }
}

@Suite struct FrequencyListReaderTests {
    @Test func formats() throws {
        #expect(try FrequencyListReader.parse("word\tcount\nthe\t10\nNATO\t3\nnato\t2\n") == FrequencyList(counts: ["the": 10, "nato": 5], total: 15))
        #expect(try FrequencyListReader.parse("\u{FEFF}word,freq\r\n\"the\",10\r\n\r\nkiev’s, 4\r\n") == FrequencyList(counts: ["the": 10, "kiev's": 4], total: 14))
        #expect(try FrequencyListReader.parse("#Word Types: 2\n#Word Tokens: 500\nthe 10\nof 5\n") == FrequencyList(counts: ["the": 10, "of": 5], total: 500))
        #expect(try FrequencyListReader.parse("# a comment\nthe\t10\n# total: 10\n").total == 10)
    }

    @Test func errorsNameTheLine() {
        func message(_ text: String) -> String {
            do { _ = try FrequencyListReader.parse(text, name: "ref.tsv"); return "no error" } catch { return "\(error)" }
        }
        #expect(message("word\tn\nthe\t10\nof\tmany\n") == "ref.tsv:3: the count must be a whole number 0 or more, got \"many\"")
        #expect(message("the\t10\nof\t-2\n") == "ref.tsv:2: the count must be a whole number 0 or more, got \"-2\"")
        #expect(message("the\t10\t3\n").hasPrefix("ref.tsv:1: expected two fields"))
        #expect(message("the\t10\n# total: 5\n") == "ref.tsv:2: the total 5 is smaller than the sum of the counts, 10")
        #expect(message("# total: x\n").hasPrefix("ref.tsv:1: the total must be"))
        #expect(message("\t5\n").hasPrefix("ref.tsv:1: the word is empty"))
        #expect(message("word\tcount\n") == "ref.tsv: no entries (the total is 0)")
        #expect(message("# total: 5\nthe\t1\n# total: 6\n") == "ref.tsv:3: a second total (the first is on line 1)")
    }

    @Test func readsAFile() throws {
        let dir = try TempFolder()
        let url = try dir.write("ref.tsv", "nato\t3\n")
        #expect(try FrequencyListReader.read(path: url.path).counts == ["nato": 3])
        #expect(throws: AnalysisError.self) { try FrequencyListReader.read(path: dir.path + "/missing.tsv") }
    }
}

@Suite struct DispersionAnalysisTests {
    /// DP, DPnorm and Juilland's D from their formulas.
    static func measures(_ v: [Double], _ sizes: [Double]) -> (dp: Double, norm: Double, d: Double) {
        let f = v.reduce(0, +), total = sizes.reduce(0, +), s = sizes.map { $0 / total }
        let dp = 0.5 * zip(v, s).reduce(0.0) { $0 + abs($1.0 / f - $1.1) }
        let r = zip(v, sizes).map { $0 / $1 }, mean = r.reduce(0, +) / Double(r.count)
        let sd = (r.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) } / Double(r.count)).squareRoot()
        return (dp, dp / (1 - s.min()!), 1 - (sd / mean) / Double(r.count - 1).squareRoot())
    }

    @Test func overDocumentsOfTheBundledCorpus() throws {
        let (c, _) = try BundledCorpusTests.load()
        let forms = c.documents.indices.map { c.matchingForms(of: $0) }
        let v = forms.map { Double($0.filter { $0 == "nato" }.count) }, sizes = forms.map { Double($0.count) }
        let r = try c.dispersion("nato")
        #expect(r.summary.names == ["hits", "parts", "range", "juilland_d", "dp", "dp_norm"] && r.summary.rowCount == 1)
        #expect(r.parts.names == ["part", "size", "hits", "per_10k"])
        #expect(strings(r.parts, "part") == c.documents.map(\.id))
        #expect(ints(r.parts, "hits") == v.map { Int($0) } && ints(r.parts, "size") == sizes.map { Int($0) })
        let m = Self.measures(v, sizes)
        #expect(ints(r.summary, "hits") == [Int(v.reduce(0, +))] && ints(r.summary, "parts") == [13])
        #expect(ints(r.summary, "range") == [v.filter { $0 > 0 }.count])
        #expect(close(doubles(r.summary, "dp")[0], m.dp) && close(doubles(r.summary, "dp_norm")[0], m.norm) && close(doubles(r.summary, "juilland_d")[0], m.d))
    }

    @Test func equalParts() throws {
        // 10 tokens in two documents; 3 parts: tokens 0..<3, 3..<6, 6..<10.
        let c = CorpusBuilder.corpus(texts: ["x a b x c", "d x e f x"])
        let r = try c.dispersion("x", parts: .equal(3))
        #expect(ints(r.parts, "part") == [1, 2, 3] && ints(r.parts, "size") == [3, 3, 4] && ints(r.parts, "hits") == [1, 1, 2])
        #expect(close(doubles(r.parts, "per_10k")[2], 5000))
        let m = Self.measures([1, 1, 2], [3, 3, 4])
        #expect(close(doubles(r.summary, "dp")[0], m.dp) && close(doubles(r.summary, "juilland_d")[0], m.d))
        // One part: D is undefined (an empty cell); no hits: DP undefined.
        #expect(try c.dispersion("x", parts: .equal(1)).summary.column(named: "juilland_d") == [.null])
        #expect(try c.dispersion("zzz").summary.column(named: "dp") == [.null])
        #expect(throws: AnalysisError.self) { try c.dispersion("x", parts: .equal(0)) }
        #expect(throws: AnalysisError.self) { try c.dispersion("x", parts: .equal(11)) }
        #expect(ints(try c.dispersion("x", parts: .equal(10)).parts, "hits") == [1, 0, 0, 1, 0, 0, 1, 0, 0, 1])
    }
}
