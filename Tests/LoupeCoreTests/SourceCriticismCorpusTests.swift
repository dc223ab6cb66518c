import Foundation
import Testing
@testable import LoupeCore

/// Provenance, speaker turns, quotations and numbers on the bundled corpus. Every
/// expected value below was found by reading the document (line numbers are
/// lines of the document's text, after its front matter: file line minus the
/// front matter's lines), and the comments say how.
@Suite struct SourceCriticismCorpusTests {
    static let corpus: Corpus = { (try? BundledCorpusTests.load().0) ?? CorpusBuilder.corpus(texts: []) }()

    static func index(_ id: String) throws -> Int { try #require(corpus.documentIndex(id: id)) }

    // MARK: provenance

    @Test func rtAttributionBylineDateAndLink() throws {
        // rt-genocide-denial-2022-02-18: "From RT" (line 3), "February 18, 2022" (4), "By Alexey Viryasov" (8),
        // the closing URL (26); the text names no other date than these ("on Thursday", "On Tuesday").
        let f = try Provenance.findings(Self.corpus, document: try Self.index("rt-genocide-denial-2022-02-18"))
        #expect(f.map { "\($0.line) \($0.kind.rawValue) \($0.value)" } == [
            "3 from RT",
            "4 date February 18, 2022",
            "8 by Alexey Viryasov",
            "26 url https://www.rt.com/russia/549870-accusing-us-genocide-denial/",
            "26 domain rt.com",
        ])
        #expect(f[1].iso == "2022-02-18")
    }

    @Test func translatorRepublisherAndTranscript() throws {
        // chalenko: "Sept. 20:" opens line 3 (no year), "Translated by Greg Butterfield" is line 42.
        let ch = try Provenance.findings(Self.corpus, document: try Self.index("chalenko-lugansk-international-work"))
        #expect(ch.map { "\($0.line) \($0.kind.rawValue) \($0.value) \($0.iso ?? "")" } == ["3 date Sept. 20 --09-20", "42 translated Greg Butterfield "])
        // kagarlitsky: the headline credits "by Feyzi Ismail for Counterfire" (line 1); line 3 is the reposting blog's note.
        let k = try Provenance.findings(Self.corpus, document: try Self.index("kagarlitsky-ukraine-uprising-interview"))
        #expect(k.filter { $0.kind != .date }.map { "\($0.line) \($0.kind.rawValue) \($0.value)" } == [
            "1 by Feyzi Ismail",
            "3 republished Democracy and Class Struggle publish this interview for information",
        ])
        // lavrov: "Transcript from Russia Ministry of Foreign Affairs" (line 3), the closing URL (line 345).
        let l = try Provenance.findings(Self.corpus, document: try Self.index("lavrov-carlson-2024"))
        #expect(l.filter { $0.kind != .date }.map { "\($0.line) \($0.kind.rawValue) \($0.value)" } == [
            "3 transcript Russia Ministry of Foreign Affairs",
            "345 url https://www.mid.ru/en/foreign_policy/news/1985783/",
            "345 domain mid.ru",
        ])
    }

    @Test func attributionLinesLinksAndTruncationAcrossTheCorpus() throws {
        let t = try Self.corpus.provenance()
        func docs(_ kind: String) -> [String] {
            (0..<t.rowCount).filter { t.column(named: "kind")![$0] == .string(kind) }.map { t.column(named: "doc")![$0].description }
        }
        // docs/corpus.md: seven pieces carry a "From <outlet>" line (Strategic Stability 197 misspells it "Strategis")
        #expect(docs("from") == ["gagnon-anti-nato-events-dc-2024", "putin-accession-treaties-2022-09-30", "rt-genocide-denial-2022-02-18",
                                 "strategic-stability-report-145", "strategic-stability-report-146", "strategic-stability-report-197",
                                 "wsws-troop-deployments-2022-02-12"])
        let from = (0..<t.rowCount).filter { t.column(named: "kind")![$0] == .string("from") }.map { t.column(named: "value")![$0].description }
        #expect(from == ["Global Network Against Weapons and Nuclear Power in Space", "the Kremlin", "RT", "Strategic Stability",
                         "Strategic Stability", "Strategis Stability", "World Socialist Web Site"])
        // six pieces close with their source URL; four end with "Continue reading" (both lists from docs/corpus.md)
        #expect(docs("url") == ["gagnon-anti-nato-events-dc-2024", "lavrov-carlson-2024", "osce-statement-2022-01-27",
                                "osce-statement-2022-02-10", "rt-genocide-denial-2022-02-18", "wsws-troop-deployments-2022-02-12"])
        #expect(docs("truncated") == ["putin-accession-treaties-2022-09-30", "strategic-stability-report-145",
                                      "strategic-stability-report-146", "strategic-stability-report-197"])
        #expect(docs("by") == ["gagnon-anti-nato-events-dc-2024", "kagarlitsky-ukraine-uprising-interview", "rt-genocide-denial-2022-02-18"])
        #expect(docs("translated") == ["chalenko-lugansk-international-work"])
    }

    @Test func everyCuratedDateIsADateTheTextStates() throws {
        // The curator set `date` only where the text states it (docs/corpus.md); each must be found,
        // with its ISO form, in the document's first ten lines — including "September 25,2022"
        // (report 145, line 7) with its missing space.
        for (i, d) in Self.corpus.documents.enumerated() {
            guard let date = d.meta.string("date") else { continue }
            let found = try Provenance.findings(Self.corpus, document: i).filter { $0.kind == .date && $0.line <= 10 }
            #expect(found.contains { $0.iso == date }, "\(d.id): \(date) not in \(found.map(\.value))")
        }
        let r145 = try Provenance.findings(Self.corpus, document: try Self.index("strategic-stability-report-145"))
        #expect(r145.first { $0.kind == .date }.map { "\($0.line) \($0.value)" } == "7 September 25,2022")
    }

    // MARK: speaker turns

    @Test func lavrovCarlsonTurns() throws {
        // grep -c '^Question:' and grep -c '^Sergey Lavrov:' both give 39 (the labels are followed by a
        // no-break space); the two alternate, the first on line 7 (file line 17), the last on line 343.
        // Counting '?' in each "Question:" paragraph and the unlabelled paragraphs after it (lines 57,
        // 231 and 273–277 continue a question) gives 36; each of them ends a sentence (a space and a
        // capital, or the paragraph's end, follows). Lavrov's turns hold 15, e.g. "We asked: why? There
        // was lunch" and "When it was the last time? Two years ago".
        let d = try Self.index("lavrov-carlson-2024")
        let turns = try SpeakerTurns.turns(Self.corpus, document: d)
        #expect(turns.count == 78)
        #expect(turns.enumerated().allSatisfy { $0.element.speaker == ($0.offset % 2 == 0 ? "Question" : "Sergey Lavrov") })
        #expect(turns.first?.line == 7)
        #expect(turns.last?.line == 343)
        #expect(turns[6].line == 55 && turns[6].questions == 3, "line 55 and its continuation on line 57")
        let s = SpeakerTurns.speakers(turns)
        #expect(s.map(\.speaker) == ["Question", "Sergey Lavrov"])
        #expect(s.map(\.turns) == [39, 39])
        #expect(s.map(\.questions) == [36, 15])
        // Words: an independent count with the reference tokenizer over the same paragraphs (split at
        // blank lines, labels removed, the closing URL left out).
        var words = ["Q": 0, "L": 0]
        var current: String?
        for para in Self.corpus.documents[d].text.components(separatedBy: "\n\n") {
            var p = para.trimmingCharacters(in: .whitespacesAndNewlines)
            if p.hasPrefix("Question:") { current = "Q"; p = String(p.dropFirst("Question:".count)) }
            else if p.hasPrefix("Sergey Lavrov:") { current = "L"; p = String(p.dropFirst("Sergey Lavrov:".count)) }
            else if p.hasPrefix("http") { current = nil }
            if let c = current { words[c]! += ReferenceTokenizer.tokens(p).count }
        }
        #expect(s.map(\.words) == [words["Q"]!, words["L"]!])
        #expect(abs(s[0].share + s[1].share - 1) < 1e-12)
    }

    @Test func unlabelledInterviews() throws {
        // kagarlitsky: no labels; the questions are the lines that end with '?' (doc lines 14, 20, 24, 30,
        // 35, 40, 43, 46, 50), each followed by answer lines. The preface (lines 1–12) comes before the
        // first question. Question sentences: 1+1+1+2+1+2+2+2+1 = 13 ("…? And who are the opolchenie?" …).
        let k = try SpeakerTurns.turns(Self.corpus, document: try Self.index("kagarlitsky-ukraine-uprising-interview"))
        #expect(k.filter { $0.speaker == SpeakerTurns.questionLabel }.map(\.line) == [14, 20, 24, 30, 35, 40, 43, 46, 50])
        #expect(k.filter { $0.speaker == SpeakerTurns.answerLabel }.map(\.line) == [15, 21, 25, 31, 36, 41, 44, 47, 51])
        #expect(k.filter { $0.speaker == SpeakerTurns.questionLabel }.map(\.questions).reduce(0, +) == 13)
        // chalenko: questions are the paragraphs on lines 7, 15, 21, 27 and 35 (7 question sentences:
        // 2+1+2+1+1); "Sept. 20:" (line 3) is a dateline, not a speaker; the headline "Maxim Chalenko:
        // Problems and prospects …" (line 1) is the title; "Translated by Greg Butterfield" (line 42)
        // ends the last answer, so the comment form after it is no one's turn.
        let ch = try SpeakerTurns.turns(Self.corpus, document: try Self.index("chalenko-lugansk-international-work"))
        #expect(ch.map(\.line) == [7, 9, 15, 17, 21, 23, 27, 29, 35, 37])
        #expect(ch.filter { $0.speaker == SpeakerTurns.questionLabel }.map(\.questions) == [2, 1, 2, 1, 1])
        #expect(ch.last?.text.hasSuffix("a positive impact on the desire of Europeans to visit our Republic.") == true)
        // no other document has turns: the speech's single "President of Russia Vladimir Putin:" label is not a transcript
        let t = try Self.corpus.turns()
        let docs = Set(t.column(named: "doc")!.map(\.description))
        #expect(docs == ["chalenko-lugansk-international-work", "kagarlitsky-ukraine-uprising-interview", "lavrov-carlson-2024"])
    }

    // MARK: quotations

    @Test func rtQuotes() throws {
        // rt-genocide-denial-2022-02-18 has nine “…” quotes (grep -o '“' gives 9, each closed in its paragraph).
        let q = try Quotations.quotations(Self.corpus, document: try Self.index("rt-genocide-denial-2022-02-18"))
        #expect(q.map(\.line) == [10, 10, 12, 12, 16, 18, 18, 20, 20])
        #expect(q.map(\.speaker) == [
            "Russia’s ambassador to the US", "Russia’s ambassador to the US",   // “…,” Russia’s ambassador to the US claimed
            nil, "Putin",                                                      // “no basis of truth.” (Price "accused"); Putin claimed that …
            nil,                                                               // slammed … of being “false narratives.”
            "the envoy", "the envoy",                                          // “…,” the envoy said. “To that end …” continues
            "he", "he",                                                        // “…,” he continued · which he called “…”
        ])
        #expect(q.map(\.verb) == ["claimed", "claimed", nil, "claimed", nil, "said", "said", "continued", "called"])
        #expect(q.filter(\.scare).map(\.text) == ["false narratives."])
    }

    @Test func scareQuotesInGagnonAndUnclosedInKirillova() throws {
        // gagnon: eight ‘…’ quotes (grep -o '‘' gives 8), none with a speaker. "NATO’s ’75th anniversary
        // celebration’" opens with ’ (an apostrophe's mark) and is not read as a quote (documented).
        let g = try Quotations.quotations(Self.corpus, document: try Self.index("gagnon-anti-nato-events-dc-2024"))
        #expect(g.map(\.text) == ["illegal, immoral, provocative", "peace movement", "tensions", "regime change", "pivot",
                                  "partner", "peace movement", "young people"])
        #expect(g.allSatisfy { $0.scare && $0.speaker == nil && $0.marks == "‘’" })
        // kirillova: line 24 ends with a closing ” that nothing opened (ignored); line 26's last quote
        // “the DNR will organize … from around the world. is never closed and stops at its paragraph.
        let d = try Self.index("kirillova-anti-western-coalitions")
        let all = try Quotations.quotations(Self.corpus, document: d, options: QuoteOptions(unclosed: true))
        #expect(all.filter(\.unclosed).map { "\($0.line) \($0.text)" } == ["26 the DNR will organize offline meetings with ideological allies from around the world."])
        #expect(try Quotations.quotations(Self.corpus, document: d).count == all.count - 1)
        #expect(!all.contains { $0.text.contains("Additionally") }, "the stray ” on line 24 opens nothing")
    }

    @Test func speakersFoundInReportsAndNews() throws {
        // report 197, line 12: ‘undeclared war” … “a declared war’ — mismatched marks, both read;
        // line 26: "Vyacheslav Volodin, the speaker of the State Duma, noted “…”".
        let r = try Quotations.quotations(Self.corpus, document: try Self.index("strategic-stability-report-197"))
        #expect(r.filter { $0.line == 12 }.map { "\($0.marks) \($0.text)" } == ["‘” undeclared war", "“’ a declared war"])
        #expect(r.first { $0.line == 26 }?.speaker == "Vyacheslav Volodin")
        // wsws line 17: "US National Security Advisor Jake Sullivan said Russia is “…” … stating: “…”" and
        // "Sullivan urged US citizens in Ukraine to “leave as soon as possible.”"; line 43 "“…,” he said".
        let w = try Quotations.quotations(Self.corpus, document: try Self.index("wsws-troop-deployments-2022-02-12"))
        #expect(w.filter { $0.line == 17 }.map(\.speaker) == ["US National Security Advisor Jake Sullivan", "US National Security Advisor Jake Sullivan", "Sullivan"])
        #expect(w.first { $0.line == 47 }?.speaker == "Basurin", "On January 28, Basurin said: “According to our intelligence, …”")
    }

    @Test func quotesGroupByOutletIsAPlainCount() throws {
        // every quote row carries its document's outlet, so a per-outlet count is a group-by
        let t = try Self.corpus.quotes()
        let outlets = t.column(named: "outlet")!
        #expect(!outlets.contains(.null))
        let rt = outlets.filter { $0 == .string("RT") }.count
        #expect(rt == 9)
    }

    // MARK: numbers

    @Test func numbersInTheCorpus() throws {
        let t = try Self.corpus.numbers()
        func rows(_ doc: String, line: Int) -> [String] {
            (0..<t.rowCount).filter { t.column(named: "doc")![$0] == .string(doc) && t.column(named: "line")![$0] == .int(line) }
                .map { r in ["kind", "value", "number", "unit"].map { t.column(named: $0)![r].description }.joined(separator: " ") }
        }
        // wsws line 11: "the deployment of 3,000 troops from the 82nd Airborne Division … hundreds of soldiers"
        #expect(rows("wsws-troop-deployments-2022-02-12", line: 11) == ["number 3,000 3000.0 troops", "number hundreds  soldiers"])
        // report 145 line 15: "nearly 55% of voters … 46% in LPR, 36% in Kherson Region and 32% in Zaporozhye Region …
        // around 80-90% of voters"; "two days", "four referenda commissions", "September 25", "September 27"
        #expect(rows("strategic-stability-report-145", line: 15) == [
            "number two 2.0 days", "percent 55% 55.0 voters", "percent 46% 46.0 ", "percent 36% 36.0 ", "percent 32% 32.0 ",
            "number four 4.0 commissions", "date September 25  ", "date September 27  ", "percent 80-90% 80.0 voters"])
        // report 197 line 44: "ten billion dollars" and "$ 5.0 billion"; dates "April 2014", "February 2014"
        #expect(rows("strategic-stability-report-197", line: 44) == [
            "date April 2014  ", "number two 2.0 ", "date February 2014  ", "money ten billion dollars 10000000000.0 dollars",
            "money $ 5.0 billion 5000000000.0 $"])
        // report 146 lines 35–40: "killed – 1771;" … the counted noun stands before the number, so no unit
        #expect((35...40).map { rows("strategic-stability-report-146", line: $0) } == [
            ["number 1771 1771.0 "], ["number 3350 3350.0 "], ["number 38 38.0 "], ["number 91 91.0 "],
            ["number 7200 7200.0 "], ["number 26000 26000.0 "]])
        // nine sums of money in the corpus (grep for $, £, dollars, euros: lavrov 1, osce-01-27 4, report 197 2,
        // wsws "trillions of dollars", kirillova "£3.75")
        let money = (0..<t.rowCount).filter { t.column(named: "kind")![$0] == .string("money") }.map { t.column(named: "value")![$0].description }
        #expect(money == ["£3.75", "$5 billion", "$650 million", "$2.7 billion", "1.2 billion euros", "$120 million",
                          "ten billion dollars", "$ 5.0 billion", "trillions of dollars"])
    }
}
