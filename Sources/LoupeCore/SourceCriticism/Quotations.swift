/// Quotations (`corpus:quotes()`): direct quotes in “…”, "…", ‘…’ and «…»,
/// the speaker a reporting verb next to the quote names, and scare quotes.
/// The exact rules are in docs/source-criticism.md ("Quotations").
public struct QuoteOptions: Equatable, Sendable {
    /// Also report quotes whose closing mark never comes (their text runs to the paragraph's end).
    public var unclosed = false
    public init(unclosed: Bool = false) { self.unclosed = unclosed }
}

public struct Quotation: Equatable, Sendable {
    public var document: Int
    /// The quoted words, whitespace collapsed (paragraphs of a multi-paragraph quote joined by a space).
    public var text: String
    public var words: Int
    /// Who the reporting verb next to the quote names ("the envoy", "Basurin", "he"), if any.
    public var speaker: String?
    /// The reporting verb as written ("said", "claimed", "according to").
    public var verb: String?
    /// 1–3 words and no speaker.
    public var scare: Bool
    /// 1 for a quote, 2 for a quote inside a quote, …
    public var depth: Int
    public var unclosed: Bool
    /// The opening and closing marks ("“”", "\"\"", "‘’", "«»"; a mismatched pair such as "‘”" as found).
    public var marks: String
    /// 1-based line of the opening mark.
    public var line: Int
    /// The sentence(s) the quote stands in, whitespace collapsed.
    public var sentence: String
}

public enum Quotations {
    enum Kind { case curly, straight, single, guillemet }

    static let reportingVerbs: Set<String> = {
        let bases = ["say", "tell", "state", "add", "claim", "note", "stress", "declare", "write", "explain", "argue",
                     "insist", "warn", "announce", "report", "ask", "reply", "respond", "answer", "continue", "comment",
                     "acknowledge", "admit", "confirm", "deny", "suggest", "emphasize", "emphasise", "recall", "remark",
                     "observe", "assert", "allege", "call", "describe", "urge", "promise", "pledge", "predict", "proclaim",
                     "tweet", "conclude", "mention", "vow", "complain", "shout", "quip", "joke", "whisper", "testify",
                     "concede", "estimate", "recount", "boast", "dub", "label", "term", "reiterate", "underline"]
        var s: Set<String> = ["said", "says", "saying", "told", "tells", "telling", "wrote", "written", "writes", "writing",
                              "according"]
        for b in bases {
            s.insert(b)
            s.insert(b.hasSuffix("y") && !b.hasSuffix("ay") ? String(b.dropLast()) + "ies" : (b.hasSuffix("s") || b.hasSuffix("sh") ? b + "es" : b + "s"))
            let stem = b.hasSuffix("e") ? String(b.dropLast()) : b
            let doubled = ["admit", "dub", "quip", "label"].contains(b) ? b + String(b.last!) : stem
            s.insert(b.hasSuffix("y") && !b.hasSuffix("ay") ? String(b.dropLast()) + "ied" : doubled + "ed")
            s.insert(doubled + "ing")
        }
        s.insert("labeled"); s.insert("labeling")
        s.remove("calling")   // "calling on citizens to leave" reports no words
        return s
    }()
    static let auxiliaries: Set<String> = ["has", "have", "had", "was", "were", "is", "are", "be", "been", "will", "would",
                                           "also", "then", "later", "once", "again", "further", "not", "never", "even", "just",
                                           "already", "often", "has also", "did", "does", "do", "could", "can", "may", "might",
                                           "should", "must", "reportedly", "repeatedly", "publicly", "previously", "recently"]
    static let clauseWords: Set<String> = ["that", "which", "who", "whom", "whose", "and", "but", "or", "nor", "because",
                                           "since", "while", "when", "where", "whereas", "if", "as", "than", "although",
                                           "though", "until", "unless", "whether", "by", "so", "what", "how", "why",
                                           "before", "after", "during", "from", "about", "against", "into", "through"]
    static let pronouns: Set<String> = ["he", "she", "they", "we", "i", "it", "you"]
    static let determiners: Set<String> = ["the", "a", "an", "this", "these", "those", "his", "her", "its", "their",
                                           "our", "my", "your", "one", "some", "many", "several", "both", "all", "each",
                                           "another", "such", "most", "other"]
    static let leadingNoise: Set<String> = ["then", "later", "yesterday", "today", "earlier", "now", "however", "moreover",
                                            "meanwhile", "also", "but", "and", "so", "still", "indeed", "finally", "instead",
                                            "thus", "therefore", "significantly", "recently", "previously", "once", "again",
                                            "here", "there", "in", "on", "at"]
    /// Words that end a speaker named after the verb ("said Lavrov on Thursday").
    static let afterStops: Set<String> = ["on", "in", "at", "during", "after", "before", "yesterday", "today", "earlier",
                                          "later", "last", "adding", "noting", "stressing", "saying", "referring", "speaking",
                                          "according", "about", "to", "with"]

    struct Open {
        var kind: Kind
        var mark: Int
        var contentStart: Int
        var depth: Int
        var segments: [Range<Int>] = []
    }

    struct Raw {
        var open: Int
        var close: Int?            // index of the closing mark
        var segments: [Range<Int>]
        var depth: Int
        var marks: String
        var paragraph: Int
        var parent: Range<Int>?    // content of the enclosing quote
    }

    static func opening(_ k: Kind) -> Unicode.Scalar {
        switch k { case .curly: return "\u{201C}"; case .straight: return "\""; case .single: return "\u{2018}"; case .guillemet: return "\u{AB}" }
    }

    /// The quotes of one document, in order of their opening marks.
    public static func quotations(_ corpus: Corpus, document d: Int, options: QuoteOptions = QuoteOptions()) throws -> [Quotation] {
        let t = try DocText(corpus, d)
        let raws = try scan(t)
        var found: [(raw: Raw, speaker: String?, verb: String?)] = []
        for (i, r) in raws.enumerated() {
            if i & 0xFF == 0xFF { try Interruption.check() }
            guard let close = r.close else { found.append((r, nil, nil)); continue }
            let a = attribute(t, r, close: close, all: raws)
            found.append((r, a?.speaker, a?.verb))
        }
        inherit(t, &found)
        var out: [Quotation] = []
        for f in found {
            let r = f.raw
            if r.close == nil, !options.unclosed { continue }
            let text = r.segments.map { t.collapsed($0) }.filter { !$0.isEmpty }.joined(separator: " ")
            let words = r.segments.reduce(0) { $0 + t.wordCount($1) }
            var sentence = t.sentence(containing: r.open) ?? t.paragraphs[r.paragraph]
            if let c = r.close, let last = t.sentence(containing: c), last.lowerBound >= sentence.lowerBound,
               t.paragraphs[r.paragraph].contains(c) {
                sentence = sentence.lowerBound..<max(sentence.upperBound, last.upperBound)
            }
            out.append(Quotation(document: d, text: text, words: words, speaker: f.speaker, verb: f.verb,
                                 scare: r.close != nil && (1...3).contains(words) && f.speaker == nil,
                                 depth: r.depth, unclosed: r.close == nil, marks: r.marks, line: t.line(of: r.open),
                                 sentence: t.collapsed(sentence)))
        }
        return out
    }

    // MARK: finding the marks

    static func scan(_ t: DocText) throws -> [Raw] {
        var out: [Raw] = []
        var stack: [Open] = []
        var carried = false

        func record(_ o: Open, closeAt close: Int?, end: Int, paragraph: Int, closing: Unicode.Scalar?) {
            let segments = o.segments + [o.contentStart..<max(o.contentStart, end)]
            var marks = String(Character(t.scalars[o.mark]))
            if let c = closing { marks.append(Character(c)) }
            out.append(Raw(open: o.mark, close: close, segments: segments, depth: o.depth, marks: marks,
                           paragraph: paragraph, parent: nil))
        }
        func close(_ k: Int, at i: Int, paragraph: Int) {
            while stack.count > k + 1 {
                let o = stack.removeLast()
                record(o, closeAt: nil, end: i, paragraph: paragraph, closing: nil)
            }
            let o = stack.removeLast()
            record(o, closeAt: i, end: i, paragraph: paragraph, closing: t.scalars[i])
        }

        for (pi, p) in t.paragraphs.enumerated() {
            if pi & 0xFF == 0xFF { try Interruption.check() }
            var i = p.lowerBound
            if carried, !stack.isEmpty {
                stack[0].contentStart = i + 1   // the continuation mark opens the paragraph
                i += 1
            }
            carried = false
            while i < p.upperBound {
                let s = t.scalars[i]
                switch s {
                case "\u{201C}":   // “
                    stack.append(Open(kind: .curly, mark: i, contentStart: i + 1, depth: stack.count + 1))
                case "\u{201D}":   // ”
                    if let k = stack.lastIndex(where: { $0.kind == .curly }) { close(k, at: i, paragraph: pi) }
                    else if let top = stack.last, top.kind == .single { close(stack.count - 1, at: i, paragraph: pi) }
                case "\u{AB}":     // «
                    stack.append(Open(kind: .guillemet, mark: i, contentStart: i + 1, depth: stack.count + 1))
                case "\u{BB}":     // »
                    if let k = stack.lastIndex(where: { $0.kind == .guillemet }) { close(k, at: i, paragraph: pi) }
                case "\u{2018}":   // ‘ — inside a word or before a digit it stands for an apostrophe
                    if !(t.isWord(i - 1) && t.isWord(i + 1)), !t.isDigit(i + 1) {
                        stack.append(Open(kind: .single, mark: i, contentStart: i + 1, depth: stack.count + 1))
                    }
                case "\u{2019}":   // ’ — an apostrophe inside a word (don’t) or before one (’tis, ’75)
                    guard i > p.lowerBound, !t.isSpace(i - 1), !t.isWord(i + 1) else { break }
                    if let k = stack.lastIndex(where: { $0.kind == .single }) {
                        close(k, at: i, paragraph: pi)
                    } else if let top = stack.last, top.kind == .curly, !contains(t, "\u{201D}", i + 1..<p.upperBound) {
                        close(stack.count - 1, at: i, paragraph: pi)   // “…’ with no ” to come
                    }
                case "\"":
                    let before = i == p.lowerBound ? nil : t.scalars[i - 1]
                    let openLike = before == nil || t.isSpace(i - 1) || "([{\u{2014}\u{2013}-/\u{201C}\u{2018}\u{AB}".unicodeScalars.contains(before!)
                    let afterSpace = i + 1 >= p.upperBound || t.isSpace(i + 1)
                    if let k = stack.lastIndex(where: { $0.kind == .straight }) {
                        if openLike, !afterSpace {
                            // `"a … "b"`: the earlier mark never closed; this one opens
                            let o = stack.remove(at: k)
                            while stack.count > k { stack.removeLast() }
                            record(o, closeAt: nil, end: i, paragraph: pi, closing: nil)
                            stack.append(Open(kind: .straight, mark: i, contentStart: i + 1, depth: stack.count + 1))
                        } else if !(openLike && afterSpace) {
                            close(k, at: i, paragraph: pi)
                        }
                    } else if openLike, !afterSpace {
                        stack.append(Open(kind: .straight, mark: i, contentStart: i + 1, depth: stack.count + 1))
                    }
                default:
                    break
                }
                i += 1
            }
            // The paragraph ends. One quote still open continues when the next paragraph opens with its mark.
            if stack.count == 1, pi + 1 < t.paragraphs.count,
               t.paragraphs[pi + 1].lowerBound < t.count, t.scalars[t.paragraphs[pi + 1].lowerBound] == opening(stack[0].kind) {
                stack[0].segments.append(stack[0].contentStart..<p.upperBound)
                carried = true
                continue
            }
            while let o = stack.popLast() { record(o, closeAt: nil, end: p.upperBound, paragraph: pi, closing: nil) }
        }
        while let o = stack.popLast() { record(o, closeAt: nil, end: t.count, paragraph: max(0, t.paragraphs.count - 1), closing: nil) }
        out.sort { $0.open < $1.open }
        // the content of the nearest enclosing quote
        for i in out.indices where out[i].depth > 1 {
            var j = i - 1
            while j >= 0 {
                if out[j].depth < out[i].depth, let last = out[j].segments.last, out[j].segments[0].lowerBound <= out[i].open,
                   (out[j].close ?? last.upperBound) > out[i].open {
                    out[i].parent = out[j].segments[0].lowerBound..<(out[j].close ?? last.upperBound)
                    break
                }
                j -= 1
            }
        }
        return out
    }

    static func contains(_ t: DocText, _ s: Unicode.Scalar, _ r: Range<Int>) -> Bool {
        for i in r where t.scalars[i] == s { return true }
        return false
    }

    // MARK: speakers

    /// The reporting verb and speaker next to a closed quote: after it ("…,” the envoy said; …,” said
    /// Lavrov), else before it within the sentence ("Basurin said: “…”", "Putin claimed that Kiev was committing “genocide”").
    static func attribute(_ t: DocText, _ r: Raw, close: Int, all: [Raw]) -> (speaker: String, verb: String)? {
        // neighbours: the window stops at other quotes of the same level and stays inside the enclosing quote
        var lo = t.sentence(containing: r.open)?.lowerBound ?? 0
        var hi = t.sentence(containing: close).map { max($0.upperBound, close + 1) } ?? t.count
        if let p = r.parent { lo = max(lo, p.lowerBound); hi = min(hi, p.upperBound) }
        for o in all where o.open != r.open && o.depth == r.depth {
            if let c = o.close, c < r.open { lo = max(lo, c + 1) }
            if o.open > close { hi = min(hi, o.open) }
        }
        if let a = after(t, from: close + 1, to: hi) { return a }
        return before(t, from: lo, to: r.open)
    }

    static func isStarter(_ t: DocText, _ k: Int) -> Bool {
        let f = t.form(k)
        return t.isCapitalized(k) || pronouns.contains(f) || determiners.contains(f)
    }

    static let beForms: Set<String> = ["is", "are", "was", "were", "be", "been", "being"]
    static let prepositions: Set<String> = ["at", "in", "on", "of", "for", "with", "to", "from", "by", "into", "over",
                                            "under", "about", "against", "through", "during", "after", "before"]
    /// Verbs that name rather than report: "a film called “…”" names no speaker.
    static let namingVerbs: Set<String> = ["call", "calls", "called", "dub", "dubs", "dubbed", "label", "labels", "labelled",
                                           "labeled", "term", "terms", "termed", "describe", "describes", "described"]
    /// Verbs that report only right after a quote ("…,” he continued).
    static let afterOnlyVerbs: Set<String> = ["continue", "continues", "continued", "continuing"]

    /// Token v can be a reporting verb here: lowercase, not a noun ("similar claims have been",
    /// "the claims"), not the infinitive after "to".
    static func isReportingVerb(_ t: DocText, _ v: Int) -> Bool {
        let f = t.form(v)
        guard reportingVerbs.contains(f), f != "according", !t.isCapitalized(v) else { return false }
        if v + 1 < t.tokenStarts.count, !t.hasPunctuation(t.gap(after: v)), auxiliaries.contains(t.form(v + 1)),
           !["also", "then", "later", "once", "again", "further", "never", "even", "just", "already", "often"].contains(t.form(v + 1)) {
            return false
        }
        if v > 0, !t.hasPunctuation(t.gap(after: v - 1)), determiners.contains(t.form(v - 1)) || t.form(v - 1) == "to" { return false }
        return true
    }

    /// Tokens k… up to punctuation, a clause word or a stop word, at most 8: "Lavrov", "the minister".
    static func phrase(_ t: DocText, from k: Int, limit: Int, bare: Bool = false) -> String? {
        guard k < limit, bare || isStarter(t, k), !clauseWords.contains(t.form(k)), !afterStops.contains(t.form(k)) else { return nil }
        var e = k
        while e < limit, e - k < 8 {
            let f = t.form(e)
            if e > k, clauseWords.contains(f) || afterStops.contains(f) || isReportingVerb(t, e) { break }
            e += 1
            if breaks(t, after: e - 1) { break }
        }
        return t.string(t.tokenStarts[k]..<t.tokenEnds[e - 1])
    }

    /// "According to X" counts only at the start of a clause (after the sentence start or punctuation).
    static func opensClause(_ t: DocText, _ k: Int, lowest a: Int) -> Bool {
        k == a || t.hasPunctuation(t.gap(after: k - 1))
    }

    static func after(_ t: DocText, from start: Int, to hi: Int) -> (speaker: String, verb: String)? {
        let toks = t.tokens(in: start..<hi)
        guard !toks.isEmpty else { return nil }
        let a = toks.lowerBound, b = toks.upperBound
        // only spaces, a comma or a dash between the closing mark and the next word
        for i in start..<t.tokenStarts[a] where !t.isSpace(i) {
            guard ",\u{2014}\u{2013}-".unicodeScalars.contains(t.scalars[i]) else { return nil }
        }
        let f = t.form(a)
        if f == "according", a + 1 < b, t.form(a + 1) == "to" {
            return phrase(t, from: a + 2, limit: b, bare: true).map { ($0, "according to") }
        }
        if isReportingVerb(t, a) {   // “…,” said Lavrov
            guard !namingVerbs.contains(f) else { return nil }
            return phrase(t, from: a + 1, limit: b).map { ($0, t.surface(a)) }
        }
        // “…,” the envoy said · “…,” Russia’s ambassador to the US claimed · “…,” he has said
        guard isStarter(t, a) else { return nil }
        var v = a + 1
        while v < b, v - a <= 8 {
            if breaks(t, after: v - 1) || clauseWords.contains(t.form(v - 1)) { return nil }
            if isReportingVerb(t, v) {
                var e = v
                var be = false
                while e > a + 1, auxiliaries.contains(t.form(e - 1)) { be = be || beForms.contains(t.form(e - 1)); e -= 1 }
                if be, !t.form(v).hasSuffix("ing") { return nil }        // “…” it was called: passive
                if (a..<e).contains(where: { auxiliaries.contains(t.form($0)) }) { return nil }
                return (t.string(t.tokenStarts[a]..<t.tokenEnds[e - 1]), t.surface(v))
            }
            v += 1
        }
        return nil
    }

    static func before(_ t: DocText, from lo: Int, to open: Int) -> (speaker: String, verb: String)? {
        let toks = t.tokens(in: lo..<open)
        guard !toks.isEmpty else { return nil }
        let a = toks.lowerBound, b = toks.upperBound
        var v = b - 1
        while v >= a, b - 1 - v <= 10 {
            let f = t.form(v)
            if f == "according", v + 1 < b, t.form(v + 1) == "to", opensClause(t, v, lowest: a),
               let p = phrase(t, from: v + 2, limit: b, bare: true) {
                return (p, "according to")
            }
            if isReportingVerb(t, v), !afterOnlyVerbs.contains(f), let s = subject(t, before: v, lowest: a) {
                return (s, t.surface(v))
            }
            v -= 1
        }
        return nil
    }

    /// The subject before a verb: after skipping auxiliaries and -ly adverbs, back to punctuation or a
    /// clause word (at most 8 tokens), starting at a capitalised word, a pronoun or a determiner (or one
    /// or two lowercase words that make up the whole clause: "people say"). Passives ("was called"),
    /// bare participles ("a paper saying"), infinitives ("started to explain") and subjects holding an
    /// auxiliary ("we will present a film called") give none. "Vyacheslav Volodin, the speaker of the
    /// State Duma, noted" gives the name before the apposition; "the other day he asked" gives "he".
    static func subject(_ t: DocText, before v: Int, lowest a: Int) -> String? {
        var j = v - 1
        guard j >= a else { return nil }
        let verb = t.form(v)
        // only an apposition may stand between a comma and the verb
        let gapBeforeVerb = t.collapsed(t.gap(after: j))
        let commaBeforeVerb = gapBeforeVerb == ","
        guard gapBeforeVerb.isEmpty || commaBeforeVerb else { return nil }
        var be = false
        while !commaBeforeVerb, j >= a, auxiliaries.contains(t.form(j)) || isAdverb(t, j) {
            be = be || beForms.contains(t.form(j))
            guard j - 1 >= a, !t.hasPunctuation(t.gap(after: j - 1)) else { return nil }
            j -= 1
        }
        if verb.hasSuffix("ing") ? !be : be { return nil }   // progressive only; no passive
        if t.form(j) == "to" { return nil }
        var k = j
        while k >= a, j - k < 8 {
            if clauseWords.contains(t.form(k)) { break }
            if k < j, breaks(t, after: k) { break }
            k -= 1
        }
        var first = k + 1
        while first <= j, !isStarter(t, first) || (leadingNoise.contains(t.form(first)) && first < j) { first += 1 }
        if first > k + 1, first <= j {
            // trimmed words before the subject: a verb phrase ("we will present a film") or a preposition ("at some point")
            if prepositions.contains(t.form(first - 1)) { return nil }
            if (k + 1..<first).contains(where: { auxiliaries.contains(t.form($0)) }) { return nil }
        }
        if first > j {
            // "people say", "officials said": one or two lowercase words that are the whole clause
            guard k + 1 <= j else { return nil }
            let words = (k + 1)...j
            guard !commaBeforeVerb, words.count >= 1, words.count <= 2,
                  words.allSatisfy({ !auxiliaries.contains(t.form($0)) && !prepositions.contains(t.form($0)) && !leadingNoise.contains(t.form($0)) }),
                  words.allSatisfy({ t.form($0).unicodeScalars.allSatisfy { $0.properties.isAlphabetic } }) else { return nil }
            return namingVerbs.contains(verb) ? nil : t.string(t.tokenStarts[k + 1]..<t.tokenEnds[j])
        }
        if (first...j).contains(where: { auxiliaries.contains(t.form($0)) }) { return nil }
        // apposition: "Name Name, the speaker of …, noted"
        if determiners.contains(t.form(first)), first - 1 >= a, first == k + 1,
           t.string(t.gap(after: first - 1)).contains(",") {
            var n = first - 1
            var names = 0
            while n >= a, t.isCapitalized(n), names < 4, n == first - 1 || !breaks(t, after: n) {
                n -= 1; names += 1
            }
            let startsClause = n < a || breaks(t, after: n)
            if names > 0, startsClause {
                return t.string(t.tokenStarts[n + 1]..<t.tokenEnds[first - 1])
            }
        }
        if commaBeforeVerb { return nil }
        if j > first, pronouns.contains(t.form(j)) { return t.surface(j) }   // "the other day he asked"
        if namingVerbs.contains(verb), !(pronouns.contains(t.form(j)) || t.isCapitalized(j)) { return nil }
        return t.string(t.tokenStarts[first]..<t.tokenEnds[j])
    }

    static let titles: Set<String> = ["mr", "mrs", "ms", "dr", "prof", "gen", "st", "sen", "rep", "gov", "lt", "col", "pres", "amb", "sr", "jr"]

    /// Punctuation after token k ends a name or phrase — but not the full stop of an initial
    /// ("E. Blinken", "A.K. Lukashevich") or a title ("Mr. Price").
    static func breaks(_ t: DocText, after k: Int) -> Bool {
        let gap = t.gap(after: k)
        guard t.hasPunctuation(gap) else { return false }
        guard t.collapsed(gap) == "." else { return true }
        let f = t.form(k)
        return !((f.count == 1 && t.isCapitalized(k)) || titles.contains(f))
    }

    /// A lowercase -ly word of six letters or more ("reportedly", "publicly").
    static func isAdverb(_ t: DocText, _ k: Int) -> Bool {
        let f = t.form(k)
        return f.hasSuffix("ly") && f.count >= 6 && !t.isCapitalized(k)
    }

    /// Quotes without a speaker of their own take one: from another quote of the same sentence
    /// (“a” and “b,” he said), or, when they open a sentence, from the quote before them in the
    /// paragraph (a quote continued after "the envoy said.").
    static func inherit(_ t: DocText, _ found: inout [(raw: Raw, speaker: String?, verb: String?)]) {
        let own = found.map { $0.speaker != nil }
        for i in found.indices where found[i].speaker == nil && found[i].raw.close != nil && found[i].raw.depth == 1 {
            let open = found[i].raw.open
            guard let sentence = t.sentence(containing: open) else { continue }
            var best: Int?
            for j in found.indices where j != i && own[j] && found[j].raw.depth == 1 {
                if sentence.contains(found[j].raw.open), best.map({ abs(found[$0].raw.open - open) > abs(found[j].raw.open - open) }) ?? true {
                    best = j
                }
            }
            if best == nil, t.trimmed(sentence.lowerBound..<open).isEmpty {
                var j = i - 1
                while j >= 0, found[j].raw.depth != 1 { j -= 1 }
                if j >= 0, own[j], found[j].raw.paragraph == found[i].raw.paragraph, let c = found[j].raw.close, c < open {
                    best = j
                }
            }
            if let b = best { found[i].speaker = found[b].speaker; found[i].verb = found[b].verb }
        }
    }
}

extension Corpus {
    /// Quotations of every document (or of `documents`): doc, outlet, line, quote, words, speaker, verb,
    /// scare, depth, marks, sentence — and `unclosed` when `options.unclosed` asks for unclosed quotes too.
    public func quotes(documents: [Int]? = nil, options: QuoteOptions = QuoteOptions()) throws -> Table {
        var doc: [TableValue] = [], outlet: [TableValue] = [], line: [TableValue] = [], quote: [TableValue] = []
        var words: [TableValue] = [], speaker: [TableValue] = [], verb: [TableValue] = [], scare: [TableValue] = []
        var depth: [TableValue] = [], marks: [TableValue] = [], sentence: [TableValue] = [], unclosed: [TableValue] = []
        for d in allOrSome(documents) {
            try Interruption.check()
            let document = self.documents[d]
            for q in try Quotations.quotations(self, document: d, options: options) {
                doc.append(.string(document.id)); outlet.append(.meta(document, "outlet")); line.append(.int(q.line))
                quote.append(.string(q.text)); words.append(.int(q.words)); speaker.append(.text(q.speaker))
                verb.append(.text(q.verb)); scare.append(.bool(q.scare)); depth.append(.int(q.depth))
                marks.append(.string(q.marks)); sentence.append(.string(q.sentence)); unclosed.append(.bool(q.unclosed))
            }
        }
        var columns: [(String, [TableValue])] = [
            ("doc", doc), ("outlet", outlet), ("line", line), ("quote", quote), ("words", words), ("speaker", speaker),
            ("verb", verb), ("scare", scare), ("depth", depth), ("marks", marks), ("sentence", sentence)]
        if options.unclosed { columns.append(("unclosed", unclosed)) }
        return Table(columns: columns)
    }
}
