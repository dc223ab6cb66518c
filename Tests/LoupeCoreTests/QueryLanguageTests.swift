import Foundation
import Testing
@testable import LoupeCore
import LoupeTestSupport

/// The query language against an independent brute-force scan over the token
/// arrays of random corpora (fixed seeds, Unicode included), and hand cases.
@Suite struct QueryLanguageTests {
    static let words = ["a", "a", "A", "b", "the", "The", "Kiev", "kiev’s", "Kyiv", "Київ", "neo-Nazi", "regime", "Regime",
                        "special", "military", "operation", "negotiate", "negotiations", "café", "cafe\u{301}", "cafè", "CAFE", "2022", "nato", "NATO",
                        "McCain", "MCCAIN", "Mccain", "I'm", "i'm"]

    static func corpus(seed: UInt64) -> Corpus {
        var rng = LCG(seed: seed)
        // Seeds above 4 make documents of several 64-token checkpoint stretches (`=Word` reads spans a stretch at a time).
        let texts = (0..<(2 + rng.int(6))).map { _ in
            (0..<rng.int(seed > 4 ? 400 : 80)).map { _ in rng.pick(words) }.joined(separator: rng.int(5) == 0 ? ". " : " ")
        }
        return CorpusBuilder.corpus(texts: texts)
    }

    /// Independent matcher: one token against one pattern, by the definitions in docs/queries.md.
    static func tokenMatches(_ pattern: String, form: String, surface: String) -> Bool {
        if pattern.hasPrefix("=") { return surface == String(pattern.dropFirst()) }
        if pattern.hasSuffix("%d") {
            // diacritics ignored: both sides decomposed, every scalar that combines with the one before dropped
            func bare(_ s: String) -> [Unicode.Scalar] {
                s.decomposedStringWithCanonicalMapping.unicodeScalars.filter { $0.properties.canonicalCombiningClass == .notReordered }
            }
            return bare(form) == bare(Folding.matchingForm(String(pattern.dropLast(2))))
        }
        if pattern.hasPrefix("/") {
            let re = try! NSRegularExpression(pattern: "^(?:" + pattern.dropFirst().dropLast() + ")$", options: .caseInsensitive)
            return re.firstMatch(in: form, range: NSRange(form.startIndex..., in: form)) != nil
        }
        if pattern.contains("*") || pattern.contains("?") {
            let escaped = NSRegularExpression.escapedPattern(for: pattern.lowercased())
                .replacingOccurrences(of: "\\*", with: ".*").replacingOccurrences(of: "\\?", with: ".")
            return form.range(of: "^" + escaped + "$", options: .regularExpression) != nil
        }
        return form == Folding.matchingForm(pattern)
    }

    /// Brute force for a sequence of items: "word", "a|b", "_", "_{m,n}"; shortest match per start.
    /// Every position the items can reach from a start, item by item (a set, as
    /// an automaton would run); the match ends at the least position left.
    static func bruteForce(_ corpus: Corpus, _ items: [String]) -> [Hit] {
        var hits: [Hit] = []
        for d in corpus.documents.indices {
            let forms = corpus.matchingForms(of: d), surfaces = corpus.surfaceTokens(of: d)
            // Whether each item admits each token, worked out once.
            let admits: [[Bool]?] = items.map { item in
                if item.hasPrefix("_") { return nil }
                let alternatives = item.hasPrefix("/") ? [item] : item.split(separator: "|").map(String.init)
                return forms.indices.map { p in alternatives.contains { tokenMatches($0, form: forms[p], surface: surfaces[p]) } }
            }
            for s in forms.indices {
                var reachable: Set<Int> = [s]
                for (i, item) in items.enumerated() {
                    var next = Set<Int>()
                    if let ok = admits[i] {
                        for p in reachable where p < forms.count && ok[p] { next.insert(p + 1) }
                    } else {
                        var (m, n) = (1, 1)
                        if item.count > 1 {
                            let nums = item.dropFirst(2).dropLast().split(separator: ",").map { Int($0)! }
                            (m, n) = (nums[0], nums[1])
                        }
                        for p in reachable { for k in m...n where p + k <= forms.count { next.insert(p + k) } }
                    }
                    reachable = next
                }
                if let e = reachable.min(), e > s { hits.append(Hit(document: d, start: s, end: e)) }
            }
        }
        return hits
    }

    /// Brute force for NEAR/n: every pair of hits, one from each side, starts at most
    /// n apart and not the same hit; the span of both, each once, in order.
    static func bruteNear(_ a: [Hit], _ b: [Hit], _ n: Int) -> [Hit] {
        var pairs = Set<Hit>()
        for x in a { for y in b where x.document == y.document && abs(x.start - y.start) <= n && x != y {
            pairs.insert(Hit(document: x.document, start: min(x.start, y.start), end: max(x.end, y.end)))
        } }
        return pairs.sorted { ($0.document, $0.start, $0.end) < ($1.document, $1.start, $1.end) }
    }

    static func bruteOr(_ a: [Hit], _ b: [Hit]) -> [Hit] {
        Set(a).union(b).sorted { ($0.document, $0.start, $0.end) < ($1.document, $1.start, $1.end) }
    }

    /// Random phrases with several gaps (narrow ones side by side, wide ones,
    /// leading and trailing ones, `=Word` among them): the matcher's merged gaps
    /// and its dynamic programming against the set-of-positions brute force.
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func gapChainsEqualBruteForce(seed: UInt64) throws {
        let c = Self.corpus(seed: seed)
        var rng = LCG(seed: seed &* 7919)
        let terms = ["a", "a|b", "the", "nato", "regime", "=NATO", "=A", "kiev|kyiv", "neg*", "b", "/k.*/"]
        var nonZero = 0, queries = 0
        for _ in 0..<60 {
            var items: [String] = []
            for _ in 0..<(1 + rng.int(6)) {
                switch rng.int(4) {
                case 0: items.append(rng.pick(terms))
                case 1: let m = rng.int(3); items.append("_{\(m),\(m + rng.int(4))}")
                case 2: let m = rng.int(2); items.append("_{\(m),\(m + rng.int(seed <= 4 ? 90 : 12))}")
                default: items.append(rng.int(3) == 0 ? "_" : rng.pick(terms))
                }
            }
            guard items.contains(where: { !$0.hasPrefix("_") }) else { continue }
            queries += 1
            let expected = Self.bruteForce(c, items)
            let got = try c.search(Self.queryText(items)).hits
            #expect(got == expected, "\(items) seed \(seed) got \(got.count) expected \(expected.count)")
            #expect(try c.search(Self.queryText(items)).hits.count == expected.count)
            if !expected.isEmpty { nonZero += 1 }
        }
        #expect(nonZero > queries / 4, "\(nonZero) of \(queries)")   // the test really exercised matches
    }

    /// Chains of OR and of AND (worked as one operation each) and a mix with
    /// parentheses: documents and hits against unions and intersections here.
    @Test(arguments: [1, 2, 5] as [UInt64])
    func booleanChainsEqualBruteForce(seed: UInt64) throws {
        let c = Self.corpus(seed: seed)
        let words = ["a", "b", "the", "nato", "regime", "kyiv", "absent", "a"]
        let hits = words.map { Self.bruteForce(c, [$0]) }
        let docs = hits.map { Set($0.map(\.document)) }
        let all = hits.reduce([], Self.bruteOr)
        #expect(try c.search(words.joined(separator: " OR ")).hits == all)
        #expect(Set(try c.search(words.joined(separator: " OR ")).documents) == docs.reduce(Set()) { $0.union($1) })
        let some = [0, 1, 2]
        let both = some.map { docs[$0] }.reduce(Set(c.documents.indices)) { $0.intersection($1) }
        #expect(Set(try c.search("a AND b AND the").documents) == both)
        #expect(try c.search("a AND b AND the").hits == some.map { hits[$0] }.reduce([], Self.bruteOr).filter { both.contains($0.document) })
        // (a OR b) AND (the OR nato) AND NOT regime
        let left = docs[0].union(docs[1]), right = docs[2].union(docs[3])
        let chosen = left.intersection(right).subtracting(docs[4])
        #expect(Set(try c.search("(a OR b) AND (the OR nato) AND NOT regime").documents) == chosen)
        #expect(try c.search("(a OR b) AND (the OR nato) AND NOT regime").hits
                    == [0, 1, 2, 3].map { hits[$0] }.reduce([], Self.bruteOr).filter { chosen.contains($0.document) })
    }

    /// Chains of NEAR, hits of several lengths at one start (an OR of phrases),
    /// a word near itself: against pairs worked out one by one.
    @Test(arguments: [1, 2, 3, 5, 6] as [UInt64])
    func nearChainsEqualBruteForce(seed: UInt64) throws {
        let c = Self.corpus(seed: seed)
        let a = Self.bruteForce(c, ["a"]), b = Self.bruteForce(c, ["b"]), the = Self.bruteForce(c, ["the"])
        let ab = Self.bruteForce(c, ["a", "b"]), aGap = Self.bruteForce(c, ["a", "_{0,3}", "the"])
        let cases: [(String, [Hit])] = [
            ("a NEAR/3 b NEAR/5 the", Self.bruteNear(Self.bruteNear(a, b, 3), the, 5)),
            ("a NEAR/40 a NEAR/40 a", Self.bruteNear(Self.bruteNear(a, a, 40), a, 40)),
            ("the NEAR/30 a NEAR/30 the NEAR/30 b", Self.bruteNear(Self.bruteNear(Self.bruteNear(the, a, 30), the, 30), b, 30)),
            ("(a OR \"a b\") NEAR/2 (a OR b)", Self.bruteNear(Self.bruteOr(a, ab), Self.bruteOr(a, b), 2)),
            ("(a OR \"a b\") NEAR/4 (b OR \"a b\")", Self.bruteNear(Self.bruteOr(a, ab), Self.bruteOr(b, ab), 4)),
            ("\"a _{0,3} the\" NEAR/6 (a OR \"a b\") NEAR/0 a", Self.bruteNear(Self.bruteNear(aGap, Self.bruteOr(a, ab), 6), a, 0)),
            ("a NEAR/0 a", Self.bruteNear(a, a, 0)),
            ("b NEAR/1000 (\"a b\" OR a)", Self.bruteNear(b, Self.bruteOr(ab, a), 1000)),
        ]
        for (q, expected) in cases {
            #expect(try c.search(q).hits == expected, "\(q) seed \(seed)")
        }
        #expect(cases.contains { !$0.1.isEmpty })
    }

    static let sequences: [[String]] = [
        ["nato"], ["a", "a"], ["a", "a", "a"], ["kiev's"], ["kiev|kyiv"], ["kiev|kyiv|київ", "regime"], ["special", "_", "operation"],
        ["a", "_{0,3}", "b"], ["the", "_{1,2}", "regime"], ["neo-*"], ["neg*"], ["k?iv"], ["*s"], ["/kh?[iy]ev|kyiv/"], ["/[0-9]+/"],
        ["=Kiev"], ["=NATO", "_"], ["_", "regime"], ["_{0,2}", "nato"], ["=Regime|military"], ["café"], ["absent"],
        // Regular expressions with a run every match needs (`RegexLiteral`: the byte search before the engine).
        ["/neg.*tions?/"], ["/k[iy]ev.*/"], ["/REG.me/"], ["/na+to/"], ["/caf./"], ["/.*20.*/", "_"],
        // `=Word` compares as String == does: a decomposed é is the same surface.
        ["=café"], ["=Kiev", "_{0,2}", "=NATO"],
        // Answered from the token's case where it is plain, from the text where it is not (`TokenCases`).
        ["=McCain"], ["=Mccain|=MCCAIN"], ["=A"], ["=a", "_"], ["=I'm"], ["=kiev’s"], ["=2022"],
        // Diacritics ignored (`%d`): café, cafe + U+0301, cafè and cafe alike.
        ["cafe%d"], ["café%d", "_"], ["київ%d|kyiv"], ["kiev%d"], ["the", "_{0,2}", "cafè%d"],
    ]

    static func queryText(_ items: [String]) -> String { "\"" + items.joined(separator: " ") + "\"" }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func sequencesEqualBruteForce(seed: UInt64) throws {
        let c = Self.corpus(seed: seed)
        var nonZero = 0
        for items in Self.sequences {
            let expected = Self.bruteForce(c, items)
            let got = try c.search(Self.queryText(items)).hits
            #expect(got == expected, "\(items) seed \(seed) got \(got.count) expected \(expected.count)")
            if !expected.isEmpty { nonZero += 1 }
        }
        #expect(nonZero > 10)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func booleansAndNearEqualBruteForce(seed: UInt64) throws {
        let c = Self.corpus(seed: seed)
        func docs(_ w: String) -> Set<Int> { Set(Self.bruteForce(c, [w]).map(\.document)) }
        let all = Set(c.documents.indices)
        #expect(Set(try c.search("nato AND regime").documents) == docs("nato").intersection(docs("regime")))
        #expect(Set(try c.search("nato OR kyiv").documents) == docs("nato").union(docs("kyiv")))
        #expect(Set(try c.search("NOT nato").documents) == all.subtracting(docs("nato")))
        #expect(Set(try c.search("regime AND NOT (nato OR kyiv)").documents) == docs("regime").subtracting(docs("nato").union(docs("kyiv"))))
        // hits of an AND are the hits of both sides inside the selected documents
        let andHits = try c.search("nato AND regime").hits
        let selected = docs("nato").intersection(docs("regime"))
        #expect(andHits == (Self.bruteForce(c, ["nato"]) + Self.bruteForce(c, ["regime"])).filter { selected.contains($0.document) }
                    .sorted { ($0.document, $0.start) < ($1.document, $1.start) })
        // NEAR/3: pairs whose starts are at most 3 apart, either order
        let a = Self.bruteForce(c, ["nato"]), b = Self.bruteForce(c, ["regime"])
        var pairs = Set<Hit>()
        for x in a { for y in b where x.document == y.document && abs(x.start - y.start) <= 3 {
            pairs.insert(Hit(document: x.document, start: min(x.start, y.start), end: max(x.end, y.end)))
        } }
        let inOrder: (Hit, Hit) -> Bool = { ($0.document, $0.start, $0.end) < ($1.document, $1.start, $1.end) }
        #expect(try c.search("nato NEAR/3 regime").hits == pairs.sorted(by: inOrder))   // in order, each once
        // a word near itself: other occurrences only, never the hit with itself
        var selfPairs = Set<Hit>()
        for x in a { for y in a where x.document == y.document && abs(x.start - y.start) <= 2 && x != y {
            selfPairs.insert(Hit(document: x.document, start: min(x.start, y.start), end: max(x.end, y.end)))
        } }
        #expect(try c.search("nato NEAR/2 nato").hits == selfPairs.sorted(by: inOrder))
    }

    @Test func stemsMatchInflections() throws {
        // Snowball English (Porter2) stems all four to "negoti"; "neglect" and "negative" stay apart.
        let c = CorpusBuilder.corpus(texts: ["They negotiate. Negotiations failed; negotiating again, the negotiator said. Neglect is negative."])
        #expect(try c.search("~negotiate").hits.map(\.start) == [1, 2, 4, 7])
        #expect(Stemmer()?.stem("negotiations") == "negoti")
    }

    /// The corpus keeps every type's stem after the first `~` query: later
    /// queries on it must find what stemming each token afresh finds.
    @Test func stemQueriesInARowAgreeWithStemmingEveryToken() throws {
        let c = CorpusBuilder.corpus(texts: ["They negotiate. Negotiations failed; negotiating again, the negotiator said.",
                                             "Neglect is negative. The negatives were neglected, running and runs ran; a runner runs."])
        let stemmer = try #require(Stemmer())
        for word in ["negotiate", "neglecting", "negatively", "run", "runner", "absent", "the", "Negotiations"] {
            var expected: [Int] = []
            for t in 0..<c.tokenCount where stemmer.stem(c.vocabulary.forms[Int(c.tokens[t])]) == stemmer.stem(Folding.matchingForm(word)) {
                expected.append(t)
            }
            let found = try c.search("~" + word).hits.map { c.documents[$0.document].tokenBase + $0.start }
            #expect(found == expected, "~\(word)")
        }
        #expect(try c.search("~run").hits.count == 3)   // by hand: running, runs, runs (Porter2: ran and runner stay apart)
    }

    @Test func bundledCorpusHandCounts() throws {
        let (c, _) = try CorpusLoader.load(path: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("corpus").path)
        let kiev = try c.search("kiev").hits.count, kyiv = try c.search("kyiv").hits.count
        #expect(try c.search("kiev|kyiv").hits.count == kiev + kyiv)
        #expect(try c.search("=Kiev").hits.count + (try c.search("=KIEV").hits.count) + (try c.search("=kiev").hits.count) == kiev)
        #expect(try c.search("\"minsk agreements\"").hits.count == (try c.search("minsk agreements").hits.count))
    }

    @Test(arguments: [
        ("\"nato", 1, "unclosed double quote"), ("(nato", 1, "'(' is not closed"), ("nato)", 5, "unexpected ')'"),
        ("nato AND", 9, "the query ends where a word was expected"), ("/[a/", 1, "is not a valid regular expression"),
        ("/abc", 1, "not closed with '/'"), ("a _{3,1} b", 3, "a gap is _{m,n}"), ("|kiev", 1, "'|' needs a word before it"),
        ("kiev|", 6, "'|' needs a word after it"), ("nato NEAR/x b", 6, "NEAR needs a distance"), ("***", 1, "at least one letter"),
        ("\"_ _\"", 1, "at least one word"), ("!!!", 1, "has no letters"), ("", 1, "empty query"),
        ("(lord AND israel) NOT egypt", 19, "unexpected NOT (for documents with one and not the other, write AND NOT)"),
    ])
    func malformedQueriesPointAtTheColumn(_ query: String, _ column: Int, _ message: String) {
        do {
            _ = try QueryParser.parse(query)
            Issue.record("accepted: \(query)")
        } catch let e as QueryError {
            #expect(e.column == column, "\(query): \(e)")
            #expect(e.message.contains(message), "\(query): \(e.message)")
        } catch { Issue.record("\(error)") }
    }

    @Test func severalTokensWrittenTogetherAreAPhrase() throws {
        let c = CorpusBuilder.corpus(texts: ["It cost 1,000 dollars in the U.S. and 1 000 elsewhere."])
        #expect(try c.search("1,000").hits.count == 2)
        #expect(try c.search("U.S.").hits.count == 1)
    }
}


@Suite struct QueryNestingTests {
    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "(", count: 5000) + "nato" + String(repeating: ")", count: 5000)
        #expect(throws: QueryError.self) { try QueryParser.parse(deep) }
        let nots = String(repeating: "NOT ", count: 5000) + "nato"
        #expect(throws: QueryError.self) { try QueryParser.parse(nots) }
        #expect((try? QueryParser.parse(String(repeating: "(", count: 50) + "nato" + String(repeating: ")", count: 50))) != nil)
    }
}
