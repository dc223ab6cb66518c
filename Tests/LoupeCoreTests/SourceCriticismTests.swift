import Foundation
import Testing
@testable import LoupeCore

/// Provenance, speaker turns, quotations and numbers on small made-up documents,
/// one edge case per test (docs/source-criticism.md states the rules tested here).
/// The checks against the bundled corpus are in SourceCriticismCorpusTests.swift.
@Suite struct SourceCriticismTests {
    /// A corpus of one document with the given text (and genre, when given).
    static func corpus(_ text: String, genre: String? = nil, title: String = "A title") -> Corpus {
        corpus([text], genre: genre, title: title)
    }

    static func corpus(_ texts: [String], genre: String? = nil, title: String = "A title") -> Corpus {
        var b = CorpusBuilder()
        for (i, text) in texts.enumerated() {
            var meta = Metadata()
            meta["outlet"] = .string("Outlet \(i + 1)")
            if let genre { meta["genre"] = .string(genre) }
            b.add(RawDocument(id: "d\(i + 1)", title: title, text: text, meta: meta,
                              source: DocumentSource(file: "d\(i + 1).txt", firstLine: 1, lastLine: 1)))
        }
        return b.build()
    }

    static func quotes(_ text: String, unclosed: Bool = false) throws -> [Quotation] {
        try Quotations.quotations(corpus(text), document: 0, options: QuoteOptions(unclosed: unclosed))
    }

    static func turns(_ text: String, genre: String? = nil, title: String = "A title", unlabeled: Bool? = nil) throws -> [SpeakerTurn] {
        try SpeakerTurns.turns(corpus(text, genre: genre, title: title), document: 0, options: TurnOptions(unlabeled: unlabeled))
    }

    static func numbers(_ text: String, words: Bool = true) throws -> [NumberClaim] {
        try NumberClaims.claims(corpus(text), document: 0, options: NumberOptions(words: words))
    }

    static func provenance(_ text: String) throws -> [ProvenanceFinding] {
        try Provenance.findings(corpus(text), document: 0)
    }

    // MARK: quotations

    @Test func curlyQuoteWithTheSpeakerAfterIt() throws {
        let q = try Self.quotes("“We will not give up,” the minister said on Monday.")
        #expect(q.count == 1)
        #expect(q[0].text == "We will not give up,")
        #expect(q[0].words == 5)
        #expect(q[0].speaker == "the minister")
        #expect(q[0].verb == "said")
        #expect(q[0].scare == false)
        #expect(q[0].marks == "“”")
        #expect(q[0].sentence == "“We will not give up,” the minister said on Monday.")
    }

    @Test func verbBeforeTheSpeakerAfterTheQuote() throws {
        let q = try Self.quotes("“The talks are over,” said Sergey Lavrov. “Nothing is left,” said the envoy.")
        #expect(q.map(\.speaker) == ["Sergey Lavrov", "the envoy"])
        #expect(q.map(\.verb) == ["said", "said"])
    }

    @Test func straightQuotesWithTheSpeakerBefore() throws {
        let q = try Self.quotes("Basurin said: \"The attack is coming.\" Nobody answered.")
        #expect(q.count == 1)
        #expect(q[0].text == "The attack is coming.")
        #expect(q[0].speaker == "Basurin")
        #expect(q[0].marks == "\"\"")
    }

    @Test func reportingVerbSeveralWordsBeforeThePartialQuote() throws {
        // "claimed that Kiev was committing" stands between the verb and the quote
        let q = try Self.quotes("On Tuesday, Putin claimed that Kiev was committing “genocide” in Donbass.")
        #expect(q.count == 1)
        #expect(q[0].speaker == "Putin")
        #expect(q[0].verb == "claimed")
        #expect(q[0].scare == false, "one word, but it has a speaker")
    }

    @Test func accordingTo() throws {
        let q = try Self.quotes("According to the ministry, the plan is “fully on track.” Later, according to critics, “nothing” happened.")
        #expect(q.map(\.speaker) == ["the ministry", "critics"])
        #expect(q.map(\.verb) == ["according to", "according to"])
    }

    @Test func nestedQuotesAreTwoRows() throws {
        let q = try Self.quotes("“They called it ‘a farce’ and walked out,” Smith said.")
        #expect(q.count == 2)
        #expect(q[0].text == "They called it ‘a farce’ and walked out,")
        #expect(q[0].depth == 1)
        #expect(q[0].speaker == "Smith")
        #expect(q[1].text == "a farce")
        #expect(q[1].depth == 2)
        #expect(q[1].speaker == "They", "found inside the outer quote, never outside it")
        #expect(q[1].scare == false)
    }

    @Test func apostrophesAreNotQuoteMarks() throws {
        let q = try Self.quotes("The so-called ‘referendum’ was held in the soldiers’ barracks. Don’t believe Kiev’s ’90s myths.")
        #expect(q.count == 1)
        #expect(q[0].text == "referendum")
        #expect(q[0].scare == true)
        #expect(q[0].marks == "‘’")
    }

    @Test func aPluralPossessiveInsideACurlyQuoteDoesNotCloseIt() throws {
        let q = try Self.quotes("He spoke of “the soldiers’ families and their losses” yesterday.")
        #expect(q.count == 1)
        #expect(q[0].text == "the soldiers’ families and their losses")
    }

    @Test func scareQuotesAreShortAndUnattributed() throws {
        let q = try Self.quotes("The “peacekeepers” arrived. Critics noted “serious doubts about the whole mission” at once.")
        #expect(q.count == 2)
        #expect(q[0].scare == true && q[0].speaker == nil)
        #expect(q[1].scare == false && q[1].speaker == "Critics")
    }

    @Test func anUnclosedQuoteStopsAtTheParagraphEnd() throws {
        let text = "He spoke of “peace and order.\n\nThe next paragraph has a “real quote” here."
        let q = try Self.quotes(text)
        #expect(q.map(\.text) == ["real quote"], "the unclosed quote is dropped and swallows nothing")
        let all = try Self.quotes(text, unclosed: true)
        #expect(all.count == 2)
        #expect(all[0].unclosed && all[0].text == "peace and order.")
        #expect(all[0].marks == "“")
        #expect(!all[1].unclosed && all[1].text == "real quote")
    }

    @Test func aQuoteContinuesIntoAParagraphThatOpensWithAQuoteMark() throws {
        let q = try Self.quotes("“The first paragraph of the speech.\n\n“The second paragraph,” she said.\n\nAfter that, silence.")
        #expect(q.count == 1)
        #expect(q[0].text == "The first paragraph of the speech. The second paragraph,")
        #expect(q[0].words == 9)
        #expect(q[0].speaker == "she")
        #expect(q[0].line == 1)
    }

    @Test func aStrayClosingMarkIsIgnored() throws {
        let q = try Self.quotes("It opposes interference in Eastern Europe.” Additionally, according to the authors, “other groups” took part.")
        #expect(q.count == 1)
        #expect(q[0].text == "other groups")
        #expect(q[0].speaker == "the authors")
    }

    @Test func unbalancedStraightQuotes() throws {
        let q = try Self.quotes("He said \"yes and then \"no\" again.", unclosed: true)
        #expect(q.count == 2)
        #expect(q[0].unclosed && q[0].text == "yes and then")
        #expect(!q[1].unclosed && q[1].text == "no")
    }

    @Test func guillemets() throws {
        let q = try Self.quotes("The slogan «Crimea is ours» was on every wall.")
        #expect(q.count == 1)
        #expect(q[0].text == "Crimea is ours")
        #expect(q[0].marks == "«»")
        #expect(q[0].scare == true)
    }

    @Test func mismatchedCurlyMarks() throws {
        // as in strategic-stability-report-197: ‘undeclared war” … “a declared war’
        let q = try Self.quotes("Earlier it was ‘undeclared war” against Russia. Since then it is “a declared war’ against Russia.")
        #expect(q.map(\.text) == ["undeclared war", "a declared war"])
        #expect(q.map(\.marks) == ["‘”", "“’"])
    }

    @Test func quotesOfOneSentenceShareTheSpeaker() throws {
        let q = try Self.quotes("It causes “outrage” and shows “double standards,” the envoy claimed.")
        #expect(q.map(\.speaker) == ["the envoy", "the envoy"])
        #expect(q.allSatisfy { !$0.scare })
    }

    @Test func aQuoteOpeningTheNextSentenceContinuesTheSpeaker() throws {
        let q = try Self.quotes("“The goal is clear,” the envoy said. “It will not change.” Then the briefing ended.")
        #expect(q.map(\.speaker) == ["the envoy", "the envoy"])
    }

    @Test func apposition() throws {
        let q = try Self.quotes("Vyacheslav Volodin, the speaker of the State Duma, noted “the direct participation of the USA.”")
        #expect(q.first?.speaker == "Vyacheslav Volodin")
        #expect(q.first?.verb == "noted")
    }

    @Test func namingPassivesAndNounsAreNotReporting() throws {
        let q = try Self.quotes("We will present a film called “The Case”. Earlier it was called “a war”. Similar claims have been slammed as “false”. The United States “aid” arrived.")
        #expect(q.map(\.speaker) == [nil, nil, nil, nil])
        #expect(q.allSatisfy { $0.scare })
    }

    @Test func quotesTableColumns() throws {
        let c = Self.corpus(["“Yes,” he said.", "No quotes here.", "A “scare” quote and “an unclosed one."])
        let t = try c.quotes()
        #expect(t.names == ["doc", "outlet", "line", "quote", "words", "speaker", "verb", "scare", "depth", "marks", "sentence"])
        #expect(t.rowCount == 2)
        #expect(t.column(named: "doc") == [.string("d1"), .string("d3")])
        #expect(t.column(named: "outlet") == [.string("Outlet 1"), .string("Outlet 3")])
        #expect(t.column(named: "speaker") == [.string("he"), .null])
        #expect(t.column(named: "scare") == [.bool(false), .bool(true)])
        let u = try c.quotes(options: QuoteOptions(unclosed: true))
        #expect(u.names.last == "unclosed")
        #expect(u.rowCount == 3)
        #expect(u.column(named: "unclosed") == [.bool(false), .bool(false), .bool(true)])
    }

    // MARK: speaker turns

    static let panel = """
        Panel on energy

        Moderator: Welcome. What do you think?

        Anna Schmidt: I think it is bad.

        It is very bad.

        JOHN DOE: I disagree. Why would it be? Who says so?

        Note: This transcript was edited.

        Moderator: Thank you.
        """

    @Test func threeSpeakersAndANote() throws {
        let t = try Self.turns(Self.panel)
        #expect(t.map(\.speaker) == ["Moderator", "Anna Schmidt", "JOHN DOE", "Moderator"])
        #expect(t.map(\.number) == [1, 2, 3, 4])
        #expect(t.map(\.line) == [3, 5, 9, 13])
        #expect(t.map(\.words) == [5, 9, 9, 2], "labels are not words of the turn; 'It is very bad.' continues Anna's turn")
        #expect(t.map(\.questions) == [1, 0, 2, 0])
        #expect(t[1].text == "I think it is bad. It is very bad.")
        #expect(t[2].text == "I disagree. Why would it be? Who says so?", "the Note paragraph ends the turn and is no one's")
        let total = 5.0 + 9 + 9 + 2
        #expect(t.map(\.share) == [5 / total, 9 / total, 9 / total, 2 / total])
        let s = SpeakerTurns.speakers(t)
        #expect(s.map(\.speaker) == ["Moderator", "Anna Schmidt", "JOHN DOE"])
        #expect(s.map(\.turns) == [2, 1, 1])
        #expect(s.map(\.words) == [7, 9, 9])
        #expect(s.map(\.questions) == [1, 0, 2])
    }

    @Test func datesTimesAndHeadlinesAreNotSpeakers() throws {
        let text = """
            Maxim Chalenko: Problems and prospects of work in Lugansk

            Sept. 20: A journalist spoke with Maxim Chalenko about the work.

            Q: How is the work going?

            A: Slowly. The meeting began at 10:30 and lasted long.

            February 3: nothing happened.

            Q: And now?

            A: Better.
            """
        let t = try Self.turns(text)
        #expect(t.map(\.speaker) == ["Q", "A", "Q", "A"])
        #expect(t[1].text == "Slowly. The meeting began at 10:30 and lasted long. February 3: nothing happened.")
        #expect(t.map(\.line) == [5, 7, 11, 13])
    }

    @Test func aLoneLabelIsNoTranscript() throws {
        #expect(try Self.turns("Breaking: markets fall.\n\nUkraine: the talks resume.\n\nMore later.").isEmpty,
                "one speaker-like label (Ukraine) is not enough, and Breaking is not a speaker")
        #expect(try Self.turns("Putin: We will win.\n\nThe rest of the article.").isEmpty)
    }

    /// The user audit: a file without front matter whose first line is a turn lost that turn,
    /// because the first line became the (guessed) title and a title is never a turn. A guessed
    /// title is still text; a given title repeated at the top is a heading and stays out.
    @Test func aGuessedTitleThatIsATurnStaysATurn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-turn-title-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "HOST: Welcome.\n\nGUEST: Thanks.\n\nHOST: Why?\n\nGUEST: Because.\n".write(toFile: dir + "/a.txt", atomically: true, encoding: .utf8)
        try "---\ntitle: \"HOST: Welcome.\"\n---\nHOST: Welcome.\n\nGUEST: Thanks.\n\nHOST: Why?\n\nGUEST: Because.\n"
            .write(toFile: dir + "/b.txt", atomically: true, encoding: .utf8)
        let (c, _) = try CorpusLoader.load(path: dir)
        #expect(c.documents[0].titleIsGuessed && c.documents[0].title == "HOST: Welcome.")
        let guessed = try SpeakerTurns.turns(c, document: 0)
        #expect(guessed.map(\.speaker) == ["HOST", "GUEST", "HOST", "GUEST"])
        #expect(guessed.first?.text == "Welcome.")
        #expect(!c.documents[1].titleIsGuessed)
        #expect(try SpeakerTurns.turns(c, document: 1).map(\.speaker) == ["GUEST", "HOST", "GUEST"])
        // a guessed title that is only a heading is no turn
        #expect(try Self.turns("Interview with the minister\n\nHost: Why now?\n\nGuest: Because.", title: "Interview with the minister")
                    .map(\.speaker) == ["Host", "Guest"])
    }

    @Test func aTurnEndsAtALineWithoutFinalPunctuation() throws {
        let text = "Host: Why now?\n\nGuest: Because.\n\nIt was time.\n\nLeave a Reply\n\nShare this article."
        let t = try Self.turns(text)
        #expect(t.map(\.speaker) == ["Host", "Guest"])
        #expect(t[1].text == "Because. It was time.")
    }

    @Test func unlabeledQuestionsAndAnswersInAnInterview() throws {
        let text = """
            Title line

            An introduction to the interview.
            What are the origins of the crisis?
            The origins are threefold. First, the economy.
            Second, politics.
            What comes next? And when?
            Nobody knows.

            Translated by A. Person
            """
        let t = try Self.turns(text, genre: "interview")
        #expect(t.map(\.speaker) == [SpeakerTurns.questionLabel, SpeakerTurns.answerLabel, SpeakerTurns.questionLabel, SpeakerTurns.answerLabel])
        #expect(t.map(\.line) == [4, 5, 7, 8])
        #expect(t.map(\.questions) == [1, 0, 2, 0])
        #expect(t[1].text == "The origins are threefold. First, the economy. Second, politics.")
        #expect(t[3].text == "Nobody knows.", "the translator line ends the answer")
        #expect(try Self.turns(text).isEmpty, "not an interview, and not asked for")
        #expect(try Self.turns(text, unlabeled: true).count == 4)
        #expect(try Self.turns(text, genre: "interview", unlabeled: false).isEmpty)
    }

    @Test func turnsAndSpeakersTables() throws {
        let c = Self.corpus([Self.panel, "No turns here."])
        let t = try c.turns()
        #expect(t.names == ["doc", "turn", "speaker", "line", "text", "words", "share", "questions"])
        #expect(t.rowCount == 4)
        let s = try c.speakers()
        #expect(s.names == ["doc", "speaker", "turns", "words", "share", "questions"])
        #expect(s.column(named: "turns") == [.int(2), .int(1), .int(1)])
        #expect(s.column(named: "share")?.first == .double(7.0 / 25))
    }

    // MARK: numbers

    @Test func moneyForms() throws {
        let n = try Self.numbers("They spent $5 billion, then 100 million rubles, then €3bn, then US$10 and 2 USD, £3.75 and ten billion dollars.")
        #expect(n.map(\.kind) == Array(repeating: .money, count: 7))
        #expect(n.map(\.value) == ["$5 billion", "100 million rubles", "€3bn", "US$10", "2 USD", "£3.75", "ten billion dollars"])
        #expect(n.map(\.number) == [5e9, 1e8, 3e9, 10, 2, 3.75, 1e10])
        #expect(n.map(\.unit) == ["$", "rubles", "€", "US$", "USD", "£", "dollars"])
    }

    @Test func percentForms() throws {
        let n = try Self.numbers("Turnout was 87.05% of voters, 40 percent in Kherson, 5 per cent elsewhere and 80-90% by evening.")
        #expect(n.map(\.kind) == [.percent, .percent, .percent, .percent])
        #expect(n.map(\.value) == ["87.05%", "40 percent", "5 per cent", "80-90%"])
        #expect(n.map(\.number) == [87.05, 40, 5, 80])
        #expect(n.map(\.unit) == ["voters", nil, nil, nil])
    }

    @Test func numbersWithTheirNouns() throws {
        let n = try Self.numbers("Washington sent 3,000 troops and 1.5 million rounds; 17 European countries and four new regions joined, and millions of people watched.")
        #expect(n.map(\.value) == ["3,000", "1.5 million", "17", "four", "millions"])
        #expect(n.map(\.number) == [3000, 1.5e6, 17, 4, nil])
        #expect(n.map(\.unit) == ["troops", "rounds", "countries", "regions", "people"])
        #expect(n.allSatisfy { $0.kind == .number })
        #expect(n[0].sentence.hasPrefix("Washington sent"))
        #expect(try Self.numbers("Four separate referenda.", words: false).isEmpty)
    }

    @Test func datesAndYears() throws {
        let n = try Self.numbers("On February 18, 2022 and 2022-02-18 and 18 February 2022, Sept. 20, in 2014, in the 1980s and in 1941-1945.")
        #expect(n.map(\.kind) == [.date, .date, .date, .date, .year, .year, .year])
        #expect(n.map(\.value) == ["February 18, 2022", "2022-02-18", "18 February 2022", "Sept. 20", "2014", "1980s", "1941-1945"])
        #expect(n.map(\.number) == [nil, nil, nil, nil, 2014, 1980, 1941])
    }

    @Test func codesTimesOrdinalsAndListNumbersAreNotClaims() throws {
        let n = try Self.numbers("1. The G20 met at 16:00 with the 82nd Airborne and S-300 systems on Covid-19.")
        #expect(n.isEmpty, "\(n.map(\.value))")
    }

    @Test func numbersTable() throws {
        let t = try Self.corpus(["About 300 people.", "Nothing."]).numbers()
        #expect(t.names == ["doc", "kind", "value", "number", "unit", "line", "sentence"])
        #expect(t.rowCount == 1)
        #expect(t.row(0).map(\.1) == [.string("d1"), .string("number"), .string("300"), .double(300), .string("people"), .int(1), .string("About 300 people.")])
    }

    // MARK: provenance

    static let provenanceText = """
        Headline here

        From Example News
        By Jane Roe and John Poe
        February 18, 2022

        The text mentions 2022-02-18, 18 February 2022, Sept. 20 and March 2014; see kremlin.ru for more.
        This article originally appeared in The Daily Example.
        Translated from Russian by Ivan Petrov.
        We publish this interview for information.
        Source: TASS
        https://www.example.com/news/2022/02/18/item?id=7.
        Continue reading
        """

    @Test func provenanceFindings() throws {
        let f = try Self.provenance(Self.provenanceText)
        let got = f.map { "\($0.line) \($0.kind.rawValue) \($0.value)" + ($0.iso.map { " \($0)" } ?? "") }
        #expect(got == [
            "3 from Example News",
            "4 by Jane Roe and John Poe",
            "5 date February 18, 2022 2022-02-18",
            "7 date 2022-02-18 2022-02-18",
            "7 date 18 February 2022 2022-02-18",
            "7 date Sept. 20 --09-20",
            "7 date March 2014 2014-03",
            "7 domain kremlin.ru",
            "8 republished This article originally appeared in The Daily Example",
            "9 translated Ivan Petrov",
            "10 republished We publish this interview for information",
            "11 republished Source: TASS",
            "12 url https://www.example.com/news/2022/02/18/item?id=7",
            "12 domain example.com",
            "13 truncated Continue reading",
        ])
        Self.expectConsistent(f, in: Self.provenanceText)
    }

    @Test func ordinarySentencesAreNotBylines() throws {
        let f = try Self.provenance("By early 2022 Russia knew.\n\nThe town was shelled by Ukrainian troops.\n\nFrom Moscow’s point of view, it is over.\n\nU.S. and e.g. are not domains.")
        #expect(f.isEmpty, "\(f.map { "\($0.kind) \($0.value)" })")
    }

    @Test func provenanceTable() throws {
        let t = try Self.corpus(["From RT\n\nhttps://rt.com/a", "Nothing here."]).provenance()
        #expect(t.names == ["doc", "kind", "value", "iso", "line", "text"])
        #expect(t.column(named: "kind") == [.string("from"), .string("url"), .string("domain")])
        #expect(t.column(named: "line") == [.int(1), .int(3), .int(3)])
    }

    /// Marks and labels at the very ends of a text, lone marks, empty lines: what each analysis
    /// finds there, exactly, and every finding consistent with the text.
    @Test(arguments: [
        // (text, provenance, quotes, numbers); no text here has speaker turns
        ("“", [], ["unclosed “ \"\" 0 words line 1"], []),
        ("”", [], [], []),                       // a stray closing mark opens nothing
        ("\"", [], [], []),                      // a straight quote followed by nothing does not open
        ("‘", [], ["unclosed ‘ \"\" 0 words line 1"], []),
        ("’", [], [], []),
        ("«", [], ["unclosed « \"\" 0 words line 1"], []),
        ("»", [], [], []),
        ("“\n\n“", [], ["unclosed “ \"\" 0 words line 1"], []),   // continued by the next paragraph's mark
        ("Q: “\n\nA: ”", [], ["unclosed “ \"\" 0 words line 1"], []),
        (":", [], [], []), ("A:", [], [], []), ("\u{00A0}Q:\u{00A0}x?", [], [], []), ("x\n\n\n", [], [], []),
        ("$", [], [], []),
        ("1.", [], [], []),                      // a list number opening a line
        ("-5", [], [], ["number 5 (5.0) line 1"]),   // the digits; a sign is no part of a number
        ("12,345,678.9", [], [], ["number 12,345,678.9 (12345678.9) line 1"]),
        ("Sept.", [], [], []), ("www.", [], [], []), ("http://", [], [], []),
        // days 1–31 in any month (docs/source-criticism.md): no calendar check, so an ISO form that is no date
        ("February 30, 2022", ["date February 30, 2022 (2022-02-30) line 1"], [], ["date February 30, 2022 line 1"]),
    ] as [(String, [String], [String], [String])])
    func oddTextGivesExactlyItsFindings(_ text: String, provenance: [String], quotes: [String], numbers: [String]) throws {
        let c = Self.corpus(text)
        let p = try Provenance.findings(c, document: 0)
        #expect(p.map { "\($0.kind.rawValue) \($0.value) \($0.iso.map { "(\($0))" } ?? "(no ISO)") line \($0.line)" } == provenance)
        Self.expectConsistent(p, in: text)
        let q = try Quotations.quotations(c, document: 0, options: QuoteOptions(unclosed: true))
        #expect(q.map { "\($0.unclosed ? "unclosed" : "closed") \($0.marks) \"\($0.text)\" \($0.words) words line \($0.line)" } == quotes)
        let lines = Self.lines(text)
        for quote in q {
            try #require(lines.indices.contains(quote.line - 1), "\(quote)")
            #expect(quote.words == ReferenceTokenizer.tokens(quote.text).count, "\(quote)")
            #expect(quote.text.isEmpty || (Self.collapsed(text).contains(quote.text) && quote.sentence.contains(quote.text)), "\(quote)")
            #expect(lines[quote.line - 1].contains(quote.marks.prefix(1)), "the opening mark is on its line: \(quote)")
        }
        let n = try NumberClaims.claims(c, document: 0, options: NumberOptions(words: true))
        #expect(n.map { "\($0.kind.rawValue) \($0.value)\($0.number.map { " (\($0))" } ?? "") line \($0.line)" } == numbers)
        for claim in n {
            try #require(lines.indices.contains(claim.line - 1), "\(claim)")
            #expect(lines[claim.line - 1].contains(claim.value) && claim.sentence.contains(claim.value), "\(claim)")
        }
        #expect(try SpeakerTurns.turns(c, document: 0, options: TurnOptions()).isEmpty)
        // the tables over the corpus give the same rows
        #expect(try c.provenance().rowCount == p.count)
        #expect(try c.quotes(options: QuoteOptions(unclosed: true)).rowCount == q.count)
        #expect(try c.numbers().rowCount == n.count)
        #expect(try c.turns().rowCount == 0 && c.speakers().rowCount == 0)
    }

    // MARK: consistency, computed from the text alone

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    static func collapsed(_ s: String) -> String {
        s.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Each finding's line is in the text; its `text` is that line, whitespace collapsed; its
    /// position is a scalar offset on that line; a URL or a date is the text at that offset.
    static func expectConsistent(_ findings: [ProvenanceFinding], in text: String,
                                 sourceLocation: SourceLocation = #_sourceLocation) {
        let lines = lines(text), scalars = Array(text.unicodeScalars)
        for f in findings {
            guard (1...lines.count).contains(f.line), (0..<scalars.count).contains(f.position) else {
                Issue.record("outside the text: \(f)", sourceLocation: sourceLocation); continue
            }
            #expect(f.text == collapsed(lines[f.line - 1]), "\(f)", sourceLocation: sourceLocation)
            #expect(scalars[..<f.position].filter { $0 == "\n" }.count + 1 == f.line, "\(f)", sourceLocation: sourceLocation)
            if f.kind == .url || f.kind == .date {
                let end = min(scalars.count, f.position + f.value.unicodeScalars.count)
                var slice = String.UnicodeScalarView(); slice.append(contentsOf: scalars[f.position..<end])
                #expect(String(slice) == f.value, "\(f)", sourceLocation: sourceLocation)
            } else {
                #expect(f.text.lowercased().contains(f.value.lowercased()), "\(f)", sourceLocation: sourceLocation)
            }
        }
    }
}
