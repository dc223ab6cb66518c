/// Speaker turns (`doc:turns()`, `corpus:turns()`, `corpus:speakers()`): who
/// speaks when in an interview or a transcript, and how much.
///
/// The text is cut into units: paragraphs (blank lines between), and inside a
/// paragraph a line break after a line that ends a sentence (`.` `!` `?` `…`,
/// closing quotes or brackets may follow) also starts a unit, so texts that put
/// one paragraph per line work too. A unit that opens with a speaker label
/// (`Question:`, `Sergey Lavrov:`, `Q:`, `TUCKER CARLSON:`) starts a turn; the
/// units after it continue the turn while each ends with punctuation. The full
/// rules are in docs/source-criticism.md.
public struct TurnOptions: Equatable, Sendable {
    /// Question-and-answer turns in documents without speaker labels: nil (the
    /// default) for documents whose `genre` is "interview", true for every
    /// document, false for none.
    public var unlabeled: Bool?
    public init(unlabeled: Bool? = nil) { self.unlabeled = unlabeled }
}

public struct SpeakerTurn: Equatable, Sendable {
    public var document: Int
    /// 1-based, within the document.
    public var number: Int
    /// The label as written ("Sergey Lavrov"), or "(question)" / "(answer)" in a document without labels.
    public var speaker: String
    /// 1-based line where the turn starts.
    public var line: Int
    /// The turn's text without its label, whitespace collapsed.
    public var text: String
    public var words: Int
    /// words over the words of all turns in the document.
    public var share: Double
    /// Sentences of the turn that end with a question mark.
    public var questions: Int
}

public enum SpeakerTurns {
    public static let questionLabel = "(question)"
    public static let answerLabel = "(answer)"

    /// Labels that name a role, not a person: accepted as speakers.
    static let roles: Set<String> = [
        "q", "a", "question", "answer", "interviewer", "interviewee", "host", "moderator", "presenter", "journalist",
        "reporter", "correspondent", "anchor", "audience", "voice", "participant", "chairman", "chair",
    ]
    /// Labels that are not speakers: a unit opening with one ends the current turn
    /// ("Note:", "Editor’s note:", "Source:", "Update:" …).
    static let notSpeakers: Set<String> = [
        "note", "notes", "nb", "n.b", "ps", "p.s", "pps", "postscript", "addendum", "editor", "editors", "editor's note",
        "editors' note", "editor's notes", "ed. note", "source", "sources", "update", "updated", "updates", "correction",
        "corrections", "clarification", "disclaimer", "warning", "attention", "important", "photo", "photos", "image",
        "images", "picture", "video", "audio", "caption", "credit", "credits", "tags", "tag", "related", "read more",
        "read also", "also read", "see also", "more", "share", "subscribe", "follow", "watch", "listen", "read", "also",
        "reply", "comments", "comment", "contents", "breaking", "breaking news", "live", "exclusive", "opinion",
        "analysis", "report", "statement", "figure", "table", "chapter", "part", "section", "article", "step",
        "example", "examples", "result", "results", "summary", "abstract", "conclusion", "conclusions", "introduction",
        "background", "context", "key points", "highlights", "bottom line", "fact check", "verdict", "claim",
        "latest", "subject", "title", "date", "time", "location", "place", "venue", "where", "when", "topic", "agenda",
        "translated", "translation", "transcript", "by", "from", "to", "re", "fw", "fwd", "cc", "author", "posted",
        "published", "filed", "category", "categories", "keywords", "quote", "quotes", "tl;dr", "p.p.s",
    ]
    static let particles: Set<String> = ["of", "de", "da", "di", "van", "von", "der", "den", "la", "le", "du", "bin", "al", "el", "y", "ter", "the"]
    static let calendarWords: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tomorrow",
    ]

    enum Label: Equatable { case speaker(String, contentStart: Int), stop, none }

    /// The units of a document: paragraphs, split after lines that end a sentence.
    static func units(_ t: DocText) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var current: Range<Int>?
        for n in 1...t.lineCount {
            let r = t.trimmed(t.lineRange(n))
            if r.isEmpty {
                if let c = current { out.append(c); current = nil }
                continue
            }
            current = current.map { $0.lowerBound..<r.upperBound } ?? r
            if t.endsSentence(r), let c = current { out.append(c); current = nil }
        }
        if let c = current { out.append(c) }
        return out
    }

    /// A label at the start of a unit: up to 60 characters before a colon that is followed by a space or the unit's end.
    static func label(_ t: DocText, _ u: Range<Int>) -> Label {
        var c = u.lowerBound
        let limit = min(u.upperBound, u.lowerBound + 60)
        while c < limit, t.scalars[c] != ":", t.scalars[c] != "\n" { c += 1 }
        guard c < limit, t.scalars[c] == ":", c > u.lowerBound, c + 1 == u.upperBound || t.isSpace(c + 1) else { return .none }
        let name = t.collapsed(u.lowerBound..<c)
        var content = c + 1
        while content < u.upperBound, t.isSpace(content) { content += 1 }
        switch classify(name) {
        case .speaker: return .speaker(name, contentStart: content)
        case .stop: return .stop
        case .none: return .none
        }
    }

    enum LabelClass { case speaker, stop, none }

    /// Whether text before a colon names a speaker: a role (Q, Question, Host …) or 1–4 capitalised
    /// words (initials, hyphens and apostrophes inside; "of", "de", "van" … between), no digits, not a
    /// month or weekday; the labels of `notSpeakers` are `.stop`.
    static func classify(_ label: String) -> LabelClass {
        let key = label.lowercased().replacingApostrophes().trimming([".", " "])
        if notSpeakers.contains(key) { return .stop }
        let words = label.split(whereSeparator: { $0.isWhitespace })
        guard !words.isEmpty, label.count <= 50 else { return .none }
        if let first = words.first, notSpeakers.contains(String(first).lowercased().replacingApostrophes().trimming(["."])),
           words.count <= 2 {
            return .stop   // "Editor's note", "Breaking news", "Photo credit"
        }
        guard !label.unicodeScalars.contains(where: { $0.properties.numericType != nil }) else { return .none }
        if words.count == 1, roles.contains(key) { return .speaker }
        var capitals = 0
        for (i, w) in words.enumerated() {
            let lw = w.lowercased()
            if particles.contains(lw), i > 0, i < words.count - 1 { continue }
            if lw == "the", i == 0, words.count > 1 { continue }
            guard let f = w.unicodeScalars.first, f.properties.isUppercase,
                  w.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0 == "." || $0 == "-" || $0 == "'" || $0 == "\u{2019}" }),
                  !calendarWords.contains(lw.trimming(["."])) else { return .none }
            capitals += 1
        }
        return capitals >= 1 && capitals <= 4 ? .speaker : .none
    }

    /// The turns of one document.
    public static func turns(_ corpus: Corpus, document d: Int, options: TurnOptions = TurnOptions()) throws -> [SpeakerTurn] {
        let t = try DocText(corpus, d)
        let units = units(t)
        try Interruption.check()
        let title = t.doc.title.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        // A given title repeated in the text is a heading, never a turn. A guessed one is only the
        // text's first line, which must not be lost to the analysis: it is a turn when it reads as one.
        let isTitle = units.map { u -> Bool in
            guard t.collapsed(u) == title else { return false }
            if t.doc.titleIsGuessed, case .speaker = label(t, u) { return false }
            return true
        }
        let labels = units.enumerated().map { i, u -> Label in
            guard !isTitle[i] else { return .none }
            let l = label(t, u)
            // a label line must read as speech: it ends with punctuation, or the label stands alone
            if case .speaker(_, let content) = l, content < u.upperBound, !t.endsWithPunctuation(u) { return .none }
            return l
        }
        let labelled = labels.filter { if case .speaker = $0 { return true } else { return false } }.count
        var raw: [(speaker: String, start: Int, content: Int, end: Int)] = []
        if labelled >= 2 {
            var open = false
            for (i, u) in units.enumerated() {
                switch labels[i] {
                case .speaker(let name, let content):
                    raw.append((name, u.lowerBound, content, u.upperBound)); open = true
                case .stop:
                    open = false
                case .none:
                    if open, !isTitle[i], t.endsWithPunctuation(u) { raw[raw.count - 1].end = u.upperBound } else { open = false }
                }
            }
        } else if options.unlabeled ?? (t.doc.meta.string("genre")?.lowercased() == "interview") {
            var open = false
            for (i, u) in units.enumerated() {
                let question = !isTitle[i] && t.endsWithQuestionMark(u) && t.wordCount(u) <= 80
                if labels[i] == .stop || isTitle[i] {
                    open = false
                } else if question {
                    if open, raw[raw.count - 1].speaker == questionLabel { raw[raw.count - 1].end = u.upperBound }
                    else { raw.append((questionLabel, u.lowerBound, u.lowerBound, u.upperBound)); open = true }
                } else if open, t.endsWithPunctuation(u) {
                    if raw[raw.count - 1].speaker == questionLabel { raw.append((answerLabel, u.lowerBound, u.lowerBound, u.upperBound)) }
                    else { raw[raw.count - 1].end = u.upperBound }
                } else {
                    open = false
                }
            }
        }
        let words = raw.map { t.wordCount($0.content..<$0.end) }
        let total = words.reduce(0, +)
        return raw.enumerated().map { i, r in
            var questions = 0
            if var s = t.sentenceIndex(containing: r.start) {
                if t.sentences[s].upperBound <= r.start { s += 1 }   // r.start lies between sentences
                while s < t.sentences.count, t.sentences[s].lowerBound < r.end {
                    if t.endsWithQuestionMark(t.sentences[s]) { questions += 1 }
                    s += 1
                }
            }
            return SpeakerTurn(document: d, number: i + 1, speaker: r.speaker, line: t.line(of: r.start),
                               text: t.collapsed(r.content..<r.end), words: words[i],
                               share: total == 0 ? 0 : Double(words[i]) / Double(total), questions: questions)
        }
    }

    /// Per speaker of one document's turns: turns, words, share, questions, in order of first turn.
    /// Speakers are one when their labels are equal ignoring case and spacing.
    public static func speakers(_ turns: [SpeakerTurn]) -> [(speaker: String, turns: Int, words: Int, share: Double, questions: Int)] {
        var order: [String] = []
        var byKey: [String: (speaker: String, turns: Int, words: Int, share: Double, questions: Int)] = [:]
        for t in turns {
            let key = t.speaker.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            if byKey[key] == nil { order.append(key); byKey[key] = (t.speaker, 0, 0, 0, 0) }
            byKey[key]!.turns += 1
            byKey[key]!.words += t.words
            byKey[key]!.questions += t.questions
        }
        let total = turns.reduce(0) { $0 + $1.words }
        return order.map { k in
            var s = byKey[k]!
            s.share = total == 0 ? 0 : Double(s.words) / Double(total)
            return s
        }
    }
}

extension String {
    /// ’ as '.
    func replacingApostrophes() -> String { String(map { $0 == "\u{2019}" ? "'" : $0 }) }
}

extension Corpus {
    func allOrSome(_ documents: [Int]?) -> [Int] { documents ?? Array(self.documents.indices) }

    /// Speaker turns of every document (or of `documents`): doc, turn, speaker, line, text (first 80
    /// characters), words, share, questions. Documents without turns give no rows.
    public func turns(documents: [Int]? = nil, options: TurnOptions = TurnOptions()) throws -> Table {
        var doc: [TableValue] = [], turn: [TableValue] = [], speaker: [TableValue] = [], line: [TableValue] = []
        var text: [TableValue] = [], words: [TableValue] = [], share: [TableValue] = [], questions: [TableValue] = []
        for d in allOrSome(documents) {
            try Interruption.check()
            for t in try SpeakerTurns.turns(self, document: d, options: options) {
                doc.append(.string(self.documents[d].id)); turn.append(.int(t.number)); speaker.append(.string(t.speaker))
                line.append(.int(t.line)); text.append(.string(DocText.cut(t.text, 80))); words.append(.int(t.words))
                share.append(.double(t.share)); questions.append(.int(t.questions))
            }
        }
        return Table(columns: [("doc", doc), ("turn", turn), ("speaker", speaker), ("line", line), ("text", text),
                               ("words", words), ("share", share), ("questions", questions)])
    }

    /// Per document and speaker: doc, speaker, turns, words, share (of the document's words in turns), questions.
    public func speakers(documents: [Int]? = nil, options: TurnOptions = TurnOptions()) throws -> Table {
        var doc: [TableValue] = [], speaker: [TableValue] = [], turns: [TableValue] = [], words: [TableValue] = []
        var share: [TableValue] = [], questions: [TableValue] = []
        for d in allOrSome(documents) {
            try Interruption.check()
            for s in SpeakerTurns.speakers(try SpeakerTurns.turns(self, document: d, options: options)) {
                doc.append(.string(self.documents[d].id)); speaker.append(.string(s.speaker)); turns.append(.int(s.turns))
                words.append(.int(s.words)); share.append(.double(s.share)); questions.append(.int(s.questions))
            }
        }
        return Table(columns: [("doc", doc), ("speaker", speaker), ("turns", turns), ("words", words),
                               ("share", share), ("questions", questions)])
    }
}
