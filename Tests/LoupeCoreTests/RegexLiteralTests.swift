import Foundation
import Testing
@testable import LoupeCore
import LoupeTestSupport

/// The run of characters every match of a `/regex/` term must contain, which
/// lets the query skip most forms with a byte search: it must never be a run
/// that some match lacks.
@Suite struct RegexLiteralTests {
    static func required(_ p: String) -> String? { RegexLiteral.required(in: p).map { String(decoding: $0, as: UTF8.self) } }

    @Test func handCases() {
        #expect(Self.required("nat.*ion") == "nat")
        #expect(Self.required("^kh?ar?kov$") == "kov")
        #expect(Self.required("colou?r") == "colo")
        #expect(Self.required("NATO.*") == "nato")
        #expect(Self.required("na+to") == "na")
        #expect(Self.required("x{2}yz") == "yz")
        #expect(Self.required("[abc]de[^f]") == "de")
        #expect(Self.required("[]ab]cd") == "cd")
        #expect(Self.required("(ab)?cd") == "cd")
        #expect(Self.required("(abc)de") == "de")
        // Nothing certain: alternatives, escapes, flags, look-arounds, nested sets, runs under two.
        for p in ["abc|def", "ab\\.cd", "(?i)abc", "(?=ab)cd", "[[a-z]]xy", "a.b", "[0-9]+", "кий.в", ""] {
            #expect(Self.required(p) == nil, "\(p)")
        }
    }

    /// Random patterns over a, b, c with every construct the reading knows,
    /// against every word of up to six letters: each word the engine matches
    /// (anchored, case-insensitive, as the query does) contains the run.
    @Test func everyMatchContainsTheRun() throws {
        let atoms = ["a", "b", "c", "A", "B", ".", "[ab]", "[^c]", "(ab)", "(a|c)", "(b)"]
        let quantifiers = ["", "", "", "?", "*", "+", "{2}", "{1,2}", "*?", "++"]
        var words: [String] = [""]
        var frontier: [String] = [""]
        for _ in 0..<6 {
            frontier = frontier.flatMap { w in ["a", "b", "c"].map { w + $0 } }
            words += frontier
        }
        var rng = LCG(seed: 2026)
        var withRun = 0
        for _ in 0..<2_000 {
            let pattern = (0..<(1 + rng.int(6))).map { _ in rng.pick(atoms) + rng.pick(quantifiers) }.joined()
            guard let run = RegexLiteral.required(in: pattern) else { continue }
            withRun += 1
            let re = try NSRegularExpression(pattern: "^(?:\(pattern))$", options: [.caseInsensitive])
            for w in words where re.firstMatch(in: w, range: NSRange(w.startIndex..., in: w)) != nil {
                #expect(w.utf8.contains(run[0]) && w.contains(String(decoding: run, as: UTF8.self)), "\(pattern) matches \(w) without \(run)")
            }
        }
        #expect(withRun > 80)
    }

    @Test func byteSearch() {
        let hay = Array("negotiations".utf8)
        hay.withUnsafeBufferPointer { h in
            #expect(RegexLiteral.contains(h, Array("tion".utf8)))
            #expect(RegexLiteral.contains(h, Array("neg".utf8)) && RegexLiteral.contains(h, Array("ns".utf8)))
            #expect(!RegexLiteral.contains(h, Array("tiona".utf8)) && !RegexLiteral.contains(h, Array("negotiationss".utf8)))
        }
    }
}
