import Foundation
import Testing
@testable import LoupeCore
import LoupeTestSupport

/// corpus:reuse — passages shared between documents.
@Suite struct TextReuseTests {
    /// n distinct words with a prefix: "p1 p2 … pn".
    static func words(_ prefix: String, _ n: Int) -> [String] { (1...n).map { "\(prefix)\($0)" } }

    static func spans(_ ps: [ReusePassage]) -> [String] {
        ps.map { "\($0.documentA):\($0.startA)-\($0.endA) \($0.documentB):\($0.startB)-\($0.endB) d\($0.differences)" }
    }

    @Test func oneChangedWordIsOnePassageWithADifference() throws {
        let a = Self.words("w", 20)
        var b = a
        b[9] = "changed"
        let c = CorpusBuilder.corpus(texts: [a.joined(separator: " "), "x y " + b.joined(separator: " ")])
        let merged = try c.reusePassages(ReuseOptions(minTokens: 8, maxGap: 2))
        #expect(Self.spans(merged) == ["0:0-20 1:2-22 d1"])
        #expect(merged[0].matched == 19)
        #expect(merged[0].gaps == [ReusePassage.Gap(startA: 9, endA: 10, startB: 11, endB: 12)])
        let t = try c.reuse(ReuseOptions(minTokens: 8, maxGap: 2))
        #expect(t.names == ["doc_a", "start_a", "stop_a", "doc_b", "start_b", "stop_b", "tokens", "differences", "text", "changes"])
        #expect(t.row(0).map(\.1) == [.string("doc1"), .int(1), .int(20), .string("doc2"), .int(3), .int(22), .int(20), .int(1),
                                       .string(a.joined(separator: " ")), .string("w10 → changed")])
        // Without gaps: the two exact matches on either side (9 and 10 tokens).
        #expect(Self.spans(try c.reusePassages(ReuseOptions(minTokens: 8, maxGap: 0))) == ["0:0-9 1:2-11 d0", "0:10-20 1:12-22 d0"])
    }

    @Test func insertionsDeletionsAndWiderGaps() throws {
        let a = Self.words("w", 20)
        var inserted = a
        inserted.insert("extra", at: 10)
        var two = a
        two[9] = "x"; two[10] = "y"
        let c = CorpusBuilder.corpus(texts: [a.joined(separator: " "), inserted.joined(separator: " "), two.joined(separator: " ")])
        let t = try c.reuse(ReuseOptions(minTokens: 8, maxGap: 2))
        let rows = (0..<t.rowCount).map { t.row($0).reduce(into: [String: TableValue]()) { $0[$1.0] = $1.1 } }
        #expect(rows.count == 4)
        #expect(rows[0]["doc_b"] == .string("doc2") && rows[0]["differences"] == .int(1) && rows[0]["changes"] == .string("(nothing) → extra"))
        #expect(rows[1]["doc_b"] == .string("doc3") && rows[1]["differences"] == .int(2) && rows[1]["changes"] == .string("w10 w11 → x y"))
        // doc2 and doc3 differ in three tokens on one side (w10 extra w11 / x y): two passages
        #expect(rows[2]["doc_a"] == .string("doc2") && rows[2]["tokens"] == .int(9) && rows[2]["changes"] == .null)
        #expect(rows[3]["doc_a"] == .string("doc2") && rows[3]["tokens"] == .int(9) && rows[3]["changes"] == .null)
        // gap 1 is too narrow for two changed words in a row
        #expect(Self.spans(try c.reusePassages(ReuseOptions(minTokens: 8, maxGap: 1))).filter { $0.hasPrefix("0:") && $0.contains(" 2:") }
                == ["0:0-9 2:0-9 d0", "0:11-20 2:11-20 d0"])
    }

    @Test func aChangeNearTheStartLeavesAShortMatchOut() throws {
        // The first two words match but are shorter than min, so the passage starts after the change.
        let a = Self.words("w", 14)
        var b = a
        b[2] = "changed"
        let c = CorpusBuilder.corpus(texts: [a.joined(separator: " "), b.joined(separator: " ")])
        #expect(Self.spans(try c.reusePassages(ReuseOptions(minTokens: 8))) == ["0:3-14 1:3-14 d0"])
    }

    @Test func passagesAtDocumentStartAndEnd() throws {
        let p = Self.words("p", 9).joined(separator: " ")
        let c = CorpusBuilder.corpus(texts: [p, p + " tail words", "head " + p, p.uppercased() + "."])
        let ps = try c.reusePassages(ReuseOptions(minTokens: 8))
        #expect(Self.spans(ps) == ["0:0-9 1:0-9 d0", "0:0-9 2:1-10 d0", "0:0-9 3:0-9 d0", "1:0-9 2:1-10 d0", "1:0-9 3:0-9 d0", "2:1-10 3:0-9 d0"])
        #expect(try c.reuse(ReuseOptions(minTokens: 8)).column(named: "text")?[2] == .string(p))
        #expect(try c.reuse(ReuseOptions(minTokens: 9)).rowCount == 6)
        #expect(try c.reuse(ReuseOptions(minTokens: 10)).rowCount == 0)
    }

    @Test func threeDocumentsSharingOnePassageGiveThreePairs() throws {
        let p = Self.words("p", 12).joined(separator: " ")
        let c = CorpusBuilder.corpus(texts: ["a1 a2 \(p) a3", "\(p) b1", "c1 c2 c3 \(p)"])
        let t = try c.reuse()
        #expect(t.rowCount == 3)
        #expect(t.column(named: "doc_a") == [.string("doc1"), .string("doc1"), .string("doc2")])
        #expect(t.column(named: "doc_b") == [.string("doc2"), .string("doc3"), .string("doc3")])
        #expect(t.column(named: "start_a") == [.int(3), .int(3), .int(1)])
        #expect(t.column(named: "start_b") == [.int(1), .int(4), .int(4)])
        #expect(t.column(named: "tokens") == [.int(12), .int(12), .int(12)])
    }

    @Test func repeatsWithinADocumentAreNotReuse() throws {
        let p = Self.words("p", 10).joined(separator: " ")
        #expect(try CorpusBuilder.corpus(texts: ["\(p) middle \(p)"]).reuse().rowCount == 0)
        // A passage twice in one document and once in another: two locations, two rows.
        let c = CorpusBuilder.corpus(texts: ["\(p) middle \(p)", "other \(p)"])
        #expect(Self.spans(try c.reusePassages()) == ["0:0-10 1:1-11 d0", "0:11-21 1:1-11 d0"])
    }

    @Test func caseAndApostrophesDoNotMatter() throws {
        let c = CorpusBuilder.corpus(texts: ["NATO's Eastward Expansion Was Never Promised To Moscow In Nineteen Ninety",
                                             "nato’s eastward expansion was never promised to moscow in nineteen ninety"])
        #expect(Self.spans(try c.reusePassages()) == ["0:0-11 1:0-11 d0"])
    }

    @Test func shinglesInTooManyDocumentsSeedNothing() throws {
        let p = Self.words("p", 10).joined(separator: " ")
        let c = CorpusBuilder.corpus(texts: (1...4).map { "u\($0) \(p) v\($0)" })
        #expect(try c.reuse(ReuseOptions(maxDocuments: 3)).rowCount == 0)
        #expect(try c.reuse(ReuseOptions(maxDocuments: 4)).rowCount == 6)
        // A shingle repeated more than max_docs times in all is ignored as well.
        let q = Self.words("q", 8).joined(separator: " ")
        let r = CorpusBuilder.corpus(texts: [[q, q, q].joined(separator: " x "), "y " + q])
        #expect(try r.reuse(ReuseOptions(maxDocuments: 4)).rowCount == 3)     // q stands 4 times in all
        #expect(try r.reuse(ReuseOptions(maxDocuments: 3)).rowCount == 0)
    }

    @Test func extensionCrossesIgnoredBoilerplate() throws {
        // A footer in five documents is ignored (max_docs 3), but the passage two documents
        // share right after it is extended back over it: one passage of 20 tokens.
        let footer = Self.words("f", 10).joined(separator: " ")
        let q = Self.words("q", 10).joined(separator: " ")
        var texts = ["a \(footer) \(q) a2", "b b \(footer) \(q)"]
        for i in 3...5 { texts.append("c\(i) \(footer) d\(i)") }
        let ps = try CorpusBuilder.corpus(texts: texts).reusePassages(ReuseOptions(maxDocuments: 3))
        #expect(Self.spans(ps) == ["0:1-21 1:2-22 d0"])
    }

    @Test func aChanceWordBeforeIgnoredBoilerplateIsNotReuse() throws {
        // Two documents happen to end with the same word before a footer that five documents
        // share: the shingle "same f1 … f7" is in only two documents, but 10 of the match's 11
        // tokens lie in ignored shingles, fewer than min are left: no passage.
        let footer = Self.words("f", 10).joined(separator: " ")
        var texts = ["a b c same \(footer)", "d e same \(footer)"]
        for i in 3...5 { texts.append("x\(i) y\(i) \(footer)") }
        let c = CorpusBuilder.corpus(texts: texts)
        #expect(try c.reusePassages(ReuseOptions(maxDocuments: 3)).isEmpty)
        // Without the cap the footer is shared by every pair, and the two with "same" share 11 tokens.
        let all = try c.reusePassages(ReuseOptions(maxDocuments: 5))
        #expect(all.count == 10)
        #expect(all.first { $0.documentA == 0 && $0.documentB == 1 }.map { $0.endA - $0.startA } == 11)
    }

    @Test func optionsAreChecked() throws {
        let c = CorpusBuilder.corpus(texts: ["a b c"])
        #expect(throws: AnalysisError.self) { try c.reuse(ReuseOptions(minTokens: 1)) }
        #expect(throws: AnalysisError.self) { try c.reuse(ReuseOptions(maxGap: 51)) }
        #expect(throws: AnalysisError.self) { try c.reuse(ReuseOptions(maxDocuments: 1)) }
        #expect(try CorpusBuilder.corpus(texts: []).reuse().rowCount == 0)
    }

    /// All maximal common substrings of at least n tokens between every pair of
    /// documents, by brute force over an independent tokenization.
    static func bruteForce(_ texts: [String], _ n: Int) -> Set<String> {
        let docs = texts.map { ReferenceTokenizer.surfaces($0).map(referenceFold) }
        var out = Set<String>()
        for i in docs.indices {
            for j in docs.indices where j > i {
                let a = docs[i], b = docs[j]
                for p in a.indices {
                    for q in b.indices where a[p] == b[q] && (p == 0 || q == 0 || a[p - 1] != b[q - 1]) {
                        var l = 0
                        while p + l < a.count, q + l < b.count, a[p + l] == b[q + l] { l += 1 }
                        if l >= n { out.insert("\(i):\(p)-\(p + l) \(j):\(q)-\(q + l) d0") }
                    }
                }
            }
        }
        return out
    }

    @Test(arguments: [2, 3, 4, 6])
    func matchesBruteForceOnRandomCorpora(n: Int) throws {
        var rng = LCG(seed: UInt64(100 + n))
        for round in 0..<15 {
            let vocabulary = ["a", "b", "c", "D", "e’s"].prefix(3 + round % 3)
            var texts: [String] = []
            for _ in 0..<(2 + rng.int(5)) {
                texts.append((0..<rng.int(50)).map { _ in rng.pick(Array(vocabulary)) }.joined(separator: rng.pick([" ", ", "])))
            }
            let c = CorpusBuilder.corpus(texts: texts)
            let found = try c.reusePassages(ReuseOptions(minTokens: n, maxGap: 0, maxDocuments: 10_000))
            #expect(Set(Self.spans(found)) == Self.bruteForce(texts, n), "round \(round): \(texts)")
            #expect(found.count == Set(Self.spans(found)).count)
        }
    }

    @Test func findsPlantedPassagesInALargerCorpus() throws {
        var rng = LCG(seed: 42)
        var docs: [[String]] = (0..<300).map { _ in (0..<(50 + rng.int(200))).map { _ in "w\(rng.int(5000))" } }
        var planted: [(a: Int, sa: Int, b: Int, sb: Int, length: Int)] = []
        for k in 0..<25 {
            let a = k * 5, b = 150 + k * 6     // distinct sources: no two copies overlap
            let length = 12 + rng.int(30)
            guard docs[a].count > length else { continue }
            let sa = rng.int(docs[a].count - length), sb = rng.int(docs[b].count)
            docs[b].insert(contentsOf: docs[a][sa..<(sa + length)], at: sb)
            planted.append((a, sa, b, sb, length))
        }
        let c = CorpusBuilder.corpus(texts: docs.map { $0.joined(separator: " ") })
        let ps = try c.reusePassages(ReuseOptions(minTokens: 8, maxGap: 0))
        for p in planted {
            // Each planted copy is found, possibly longer where the neighbours agree by chance.
            #expect(ps.contains { $0.documentA == p.a && $0.documentB == p.b && $0.startA <= p.sa && $0.endA >= p.sa + p.length
                && $0.startB <= p.sb && $0.endB >= p.sb + p.length }, "\(p)")
        }
        #expect(ps.count == planted.count)
    }

    @Test func worksOnSubcorpora() throws {
        let p = Self.words("p", 10).joined(separator: " ")
        let c = CorpusBuilder.corpus(texts: ["x \(p)", "unrelated words only", "\(p) y"])
        let sub = try c.subset([0, 2], selection: "two")
        #expect(Self.spans(try sub.reusePassages()) == ["0:1-11 1:0-10 d0"])
        #expect(try sub.reuse().column(named: "doc_b") == [.string("doc3")])
    }

    /// The bundled corpus, checked by hand with grep over the document texts:
    /// - "on the other side of the line of contact" (9 tokens) is in lavrov-carlson-2024
    ///   (line 99) and osce-statement-2022-02-10 (line 44), nowhere else, and the words
    ///   around it differ ("… conducting war against Donbass" / "… visit … Donbass").
    /// - The two OSCE statements by A.K. Lukashevich share their header: 01-27 lines 7–10,
    ///   "…Federation Representative A.K. Lukashevich to OSCE Permanent Council / January 27,
    ///   2022 / On the deteriorating situation in Ukraine and the continued…"; 02-10 lines 3–8,
    ///   "…Permanent Representative A.K. LUKASHEVICH to OSCE Permanent Council / February 10,
    ///   2022 / On the deteriorating situation in Ukraine / and continued…". So 8 tokens
    ///   (Representative … Council), the date's two differing tokens, 8 tokens (2022 … and):
    ///   one passage of 18 tokens with 2 differences, or two exact ones without gaps.
    /// - "Secretary of the National Security and Defense Council" (8 tokens; 01-27 line 30,
    ///   02-10 line 34), "foreign policy advisers to the leaders of the Normandy Four" (10;
    ///   lines 40 and 32), "Package of Measures” of February 12, 2015, approved by UN Security
    ///   Council Resolution 2202" (14; lines 40 and 46).
    /// - The pull quote of 01-27 (line 3) repeats line 30's last sentence: within one
    ///   document, so not reuse.
    @Test func bundledCorpusValuesCheckedByHand() throws {
        let (c, _) = try CorpusLoader.load(path: repoRoot.appendingPathComponent("corpus").path)
        let t = try c.reuse()
        let rows = (0..<t.rowCount).map { t.row($0).reduce(into: [String: TableValue]()) { $0[$1.0] = $1.1 } }
        #expect(rows.map { "\($0["doc_a"]!) \($0["doc_b"]!) \($0["tokens"]!) \($0["differences"]!)" } == [
            "lavrov-carlson-2024 osce-statement-2022-02-10 9 0",
            "osce-statement-2022-01-27 osce-statement-2022-02-10 18 2",
            "osce-statement-2022-01-27 osce-statement-2022-02-10 8 0",
            "osce-statement-2022-01-27 osce-statement-2022-02-10 10 0",
            "osce-statement-2022-01-27 osce-statement-2022-02-10 14 0",
        ])
        #expect(rows[0]["text"] == .string("on the other side of the line of contact"))
        #expect(rows[1]["changes"] == .string("January 27 → February 10"))
        #expect(rows[2]["text"] == .string("Secretary of the National Security and Defense Council"))
        #expect(rows[4]["text"] == .string("Package of Measures” of February 12, 2015, approved by UN Security Council Resolution 2202"))
        #expect(try c.reuse(ReuseOptions(maxGap: 0)).rowCount == 6)
        #expect(try c.reuse(ReuseOptions(minTokens: 10)).rowCount == 2)    // the 10- and 14-token passages
    }
}
