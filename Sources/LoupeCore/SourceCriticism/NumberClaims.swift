/// Claims with numbers (`corpus:numbers()`): numbers, percentages, sums of
/// money, dates and years, each with the word it counts ("3,000 troops") and
/// the sentence it stands in. The exact rules are in docs/source-criticism.md.
public struct NumberOptions: Equatable, Sendable {
    /// Also numbers written as words ("two decades", "ten billion dollars", "millions of people").
    public var words = true
    public init(words: Bool = true) { self.words = words }
}

public struct NumberClaim: Equatable, Sendable {
    public enum Kind: String, Sendable { case number, percent, money, date, year }
    public var document: Int
    public var kind: Kind
    /// As written: "3,000", "87.05%", "$ 5.0 billion", "February 24, 2022", "1941-1945".
    public var value: String
    /// The value as a number where it has one (a range gives its first value; a date has none).
    public var number: Double?
    /// What is counted: the noun after the number ("troops"), the currency of a sum ("$", "rubles"),
    /// the noun after "% of" ("voters").
    public var unit: String?
    public var line: Int
    public var sentence: String
}

public enum NumberClaims {
    static let scales: [String: Double] = [
        "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
        "mln": 1e6, "mn": 1e6, "bln": 1e9, "bn": 1e9, "tn": 1e12, "trn": 1e12,
    ]
    /// Scales written straight after the digits: 5m, 3bn, 10k.
    static let attachedScales: [String: Double] = ["k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12]
    static let currencySymbols: Set<Unicode.Scalar> = ["$", "\u{20AC}", "\u{A3}", "\u{20BD}", "\u{A5}", "\u{20B4}"]
    static let currencyCodes: Set<String> = ["USD", "EUR", "RUB", "UAH", "GBP", "CNY", "JPY", "CHF"]
    static let currencyWords: Set<String> = ["dollar", "dollars", "euro", "euros", "ruble", "rubles", "rouble", "roubles",
                                             "hryvnia", "hryvnias", "hryvnas", "hryvna", "yuan", "yen", "usd", "eur", "rub",
                                             "uah", "gbp", "cny"]
    static let numberWords: [String: Double] = [
        "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
        "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9,
        "trillion": 1e12, "dozen": 12,
    ]
    static let wordScales: [String: Double] = ["hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12]
    /// Vague quantities, counted only before "of": "millions of people".
    static let vagueWords: Set<String> = ["dozens", "hundreds", "thousands", "millions", "billions", "trillions", "tens"]
    static let unitStops: Set<String> = [
        "the", "a", "an", "and", "or", "but", "to", "in", "on", "at", "by", "for", "from", "with", "than", "that", "which",
        "who", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could", "may",
        "might", "should", "more", "less", "about", "around", "nearly", "almost", "over", "under", "per", "each", "as",
        "so", "if", "it", "its", "their", "his", "her", "this", "these", "those", "ago", "later", "earlier", "before",
        "after", "since", "until", "till", "during", "when", "where", "while", "then", "also", "only", "just", "not",
        "no", "into", "onto", "between", "among", "against", "through", "toward", "towards", "up", "down", "out", "of",
        "them", "us", "we", "they", "he", "she", "i", "you", "there", "here", "all", "both", "some", "any", "what",
    ]
    /// Words before a four-digit number that make it a count, not a year: "more than 2000 troops".
    static let quantityCues: Set<String> = ["about", "around", "nearly", "almost", "over", "than", "some", "approximately",
                                            "roughly", "least", "only", "just", "total", "estimated", "up"]
    static let determinersAfterOf: Set<String> = ["the", "these", "those", "their", "our", "its", "his", "her", "all", "them"]

    /// The claims of one document, in text order.
    public static func claims(_ corpus: Corpus, document d: Int, options: NumberOptions = NumberOptions()) throws -> [NumberClaim] {
        let t = try DocText(corpus, d)
        let lx = try Lexemes(t)
        let urls = try URLMentions.find(t)
        var out: [NumberClaim] = []
        func add(_ kind: NumberClaim.Kind, _ a: Int, _ e: Int, _ number: Double?, _ unit: String?) {
            let r = lx.span(a, e)
            let sentence = t.sentence(containing: r.lowerBound).map { t.collapsed($0) } ?? ""
            out.append(NumberClaim(document: d, kind: kind, value: t.collapsed(r), number: number, unit: unit,
                                   line: t.line(of: r.lowerBound), sentence: sentence))
        }
        let dates = try DateMentions.find(lx, skip: urls)
        var nextDate = 0
        var i = 0
        var steps = 0
        while i < lx.count {
            steps += 1
            if steps & 0xFFF == 0 { try Interruption.check() }
            if nextDate < dates.count, dates[nextDate].lexemes.lowerBound == i {
                let m = dates[nextDate]
                add(.date, m.lexemes.lowerBound, m.lexemes.upperBound, nil, nil)
                i = m.lexemes.upperBound
                nextDate += 1
                continue
            }
            while nextDate < dates.count, dates[nextDate].lexemes.lowerBound < i { nextDate += 1 }
            if DateMentions.inside(lx.items[i].range.lowerBound, urls) { i += 1; continue }
            if let (claim, end) = claim(at: i, lx, words: options.words) {
                add(claim.kind, claim.start, end, claim.number, claim.unit)
                i = end
                continue
            }
            i += 1
        }
        return out
    }

    struct Found { var kind: NumberClaim.Kind; var start: Int; var number: Double?; var unit: String? }

    static func claim(at i: Int, _ lx: Lexemes, words: Bool) -> (Found, Int)? {
        if lx.isNumber(i) { return digits(at: i, lx) }
        if lx.items[i].kind == .symbol, currencySymbols.contains(lx.t.scalars[lx.items[i].range.lowerBound]) {
            // $5 billion · $ 5.0 billion · US$10 handled at "US"
            if lx.isNumber(i + 1), let (f, e) = digits(at: i + 1, lx) {
                guard f.kind == .number || f.kind == .year else { return nil }
                return (Found(kind: .money, start: i, number: f.number, unit: lx.text(i)), e)
            }
            return nil
        }
        if lx.isWord(i) {
            let length = lx.items[i].range.count
            guard length <= 9 else { return nil }   // no number word, scale or currency code is longer
            // words of four letters or more can only be number words, which start with one of these letters
            if length >= 4, !words || !"tfsenhmbdoTFSENHMBDO".unicodeScalars.contains(lx.t.scalars[lx.items[i].range.lowerBound]) {
                return nil
            }
            let w = lx.text(i)
            if (w == "US" || w == "U.S"), lx.adjacent(i), lx.isSymbol(i + 1, "$"), lx.isNumber(i + 2),
               let (f, e) = digits(at: i + 2, lx), f.kind == .number || f.kind == .year {
                return (Found(kind: .money, start: i, number: f.number, unit: "US$"), e)
            }
            if currencyCodes.contains(w), lx.isNumber(i + 1), !lx.adjacent(i),
               let (f, e) = digits(at: i + 1, lx), f.kind == .number || f.kind == .year {
                return (Found(kind: .money, start: i, number: f.number, unit: w), e)
            }
            if words { return wordNumber(at: i, lx) }
        }
        return nil
    }

    /// Scale words after a number: "4.5 million", "5bn", "ten billion".
    static func scale(after j: Int, _ lx: Lexemes, attached: Bool) -> (Double, Int)? {
        guard lx.isWord(j) else { return nil }
        let w = lx.lower(j)
        if attached, lx.adjacent(j - 1), let s = attachedScales[w] { return (s, j + 1) }
        if !lx.adjacent(j - 1), let s = scales[w] { return (s, j + 1) }
        return nil
    }

    static func digits(at i: Int, _ lx: Lexemes) -> (Found, Int)? {
        // not part of a name or code: G20, TB2, S-300, Covid-19; not a time: 16:00; not after a decimal point
        if lx.adjacent(i - 1), lx.isWord(i - 1) || lx.isNumber(i - 1) { return nil }
        if lx.adjacent(i - 1), lx.isDash(i - 1), lx.adjacent(i - 2), lx.isWord(i - 2) { return nil }
        if lx.adjacent(i), lx.isSymbol(i + 1, ":"), lx.adjacent(i + 1), lx.isNumber(i + 2) { return nil }
        if lx.adjacent(i - 1), lx.isSymbol(i - 1, ":"), lx.adjacent(i - 2), lx.isNumber(i - 2) { return nil }
        if lx.adjacent(i), lx.isWord(i + 1), DateMentions.ordinalSuffixes.contains(lx.lower(i + 1)) { return nil }   // 82nd
        // a list number opening a line: "1. The majority …", "2) …"
        if lx.adjacent(i), lx.isSymbol(i + 1, ".") || lx.isSymbol(i + 1, ")"), opensLine(lx, i) { return nil }
        let text = lx.text(i)
        guard var value = Double(text.filter { $0 != "," }) else { return nil }
        var e = i + 1
        // decade: 1980s
        if lx.adjacent(i), lx.isWord(i + 1), lx.lower(i + 1) == "s", let y = lx.plainInt(i), lx.digitCount(i) == 4 {
            return (Found(kind: .year, start: i, number: Double(y), unit: nil), i + 2)
        }
        // year, or a range of years: 2014, 1941-1945
        if let y = lx.plainInt(i), lx.digitCount(i) == 4, (1800...2100).contains(y), !(lx.adjacent(i) && lx.isWord(i + 1)) {
            if lx.isDash(e), lx.adjacent(i), lx.adjacent(e), let y2 = lx.plainInt(e + 1), lx.digitCount(e + 1) == 4, y2 >= y {
                return (Found(kind: .year, start: i, number: Double(y), unit: nil), e + 2)
            }
            let counted = lx.isSymbol(e, "%") || (lx.isWord(e) && (currencyWords.contains(lx.lower(e)) || lx.lower(e) == "percent"))
                || (lx.isWord(i - 1) && quantityCues.contains(lx.lower(i - 1)))
                || (i > 0 && lx.items[i - 1].kind == .symbol && currencySymbols.contains(lx.t.scalars[lx.items[i - 1].range.lowerBound]))
            if !counted { return (Found(kind: .year, start: i, number: Double(y), unit: nil), e) }
        }
        // a range: 80-90%, 10–15 km
        if lx.isDash(e), lx.adjacent(e - 1), lx.adjacent(e), lx.isNumber(e + 1) { e += 2 }
        // scale
        if let (s, next) = scale(after: e, lx, attached: true) { value *= s; e = next }
        // percent
        if lx.isSymbol(e, "%") {
            e += 1
            return (Found(kind: .percent, start: i, number: value, unit: ofUnit(after: e, lx)), e)
        }
        if lx.isWord(e), ["percent", "pct"].contains(lx.lower(e)) {
            e += 1
            return (Found(kind: .percent, start: i, number: value, unit: ofUnit(after: e, lx)), e)
        }
        if lx.isWord(e), lx.lower(e) == "per", lx.isWord(e + 1), lx.lower(e + 1) == "cent" {
            e += 2
            return (Found(kind: .percent, start: i, number: value, unit: ofUnit(after: e, lx)), e)
        }
        // money after the number: 100 million rubles, 10 USD
        if lx.isWord(e), currencyWords.contains(lx.lower(e)) {
            return (Found(kind: .money, start: i, number: value, unit: lx.text(e)), e + 1)
        }
        return (Found(kind: .number, start: i, number: value, unit: unit(after: e, lx)), e)
    }

    /// Only whitespace stands between the start of its line and lexeme i.
    static func opensLine(_ lx: Lexemes, _ i: Int) -> Bool {
        var k = lx.items[i].range.lowerBound - 1
        while k >= 0, lx.t.scalars[k] != "\n" {
            guard lx.t.isSpace(k) else { return false }
            k -= 1
        }
        return true
    }

    static func wordNumber(at i: Int, _ lx: Lexemes) -> (Found, Int)? {
        let w = lx.lower(i)
        if vagueWords.contains(w) {   // millions of people · trillions of dollars
            guard lx.isWord(i + 1), lx.lower(i + 1) == "of" else { return nil }
            if lx.isWord(i + 2), currencyWords.contains(lx.lower(i + 2)) {
                return (Found(kind: .money, start: i, number: nil, unit: lx.text(i + 2)), i + 3)
            }
            return (Found(kind: .number, start: i, number: nil, unit: unit(after: i + 1, lx)), i + 1)
        }
        var value: Double
        var e = i + 1
        if let v = numberWords[w] {
            value = v
            // twenty-five
            if v >= 20, v < 100, lx.isDash(e), lx.adjacent(e - 1), lx.adjacent(e), lx.isWord(e + 1),
               let u = numberWords[lx.lower(e + 1)], u < 10 {
                value += u; e += 2
            }
        } else if w == "one", lx.isWord(e), wordScales[lx.lower(e)] != nil {
            value = 1
        } else {
            return nil
        }
        while lx.isWord(e), let s = wordScales[lx.lower(e)] { value *= s; e += 1 }
        if lx.isWord(e), ["percent", "pct"].contains(lx.lower(e)) {
            return (Found(kind: .percent, start: i, number: value, unit: ofUnit(after: e + 1, lx)), e + 1)
        }
        if lx.isWord(e), currencyWords.contains(lx.lower(e)) {
            return (Found(kind: .money, start: i, number: value, unit: lx.text(e)), e + 1)
        }
        return (Found(kind: .number, start: i, number: value, unit: unit(after: e, lx)), e)
    }

    /// The noun after "% of": "15% of ballot papers" → "papers" (see `unit`).
    static func ofUnit(after e: Int, _ lx: Lexemes) -> String? {
        guard lx.isWord(e), lx.lower(e) == "of" else { return nil }
        return unit(after: e, lx)
    }

    /// The counted noun: within the next three words, read while only spaces
    /// (or the hyphen of "10-hour") stand between them, skipping "of" and a
    /// determiner after it, capitalised words skipped, stopping at a function
    /// word: the first lowercase word ending in -s, else the first lowercase word.
    static func unit(after e: Int, _ lx: Lexemes) -> String? {
        var j = e
        if lx.isSymbol(j, "-"), lx.adjacent(j - 1), lx.adjacent(j), lx.isWord(j + 1) {   // 10-hour, thousand-year
            return lx.lower(j + 1)
        }
        if lx.isWord(j), lx.lower(j) == "of" {
            j += 1
            if lx.isWord(j), determinersAfterOf.contains(lx.lower(j)) {
                if lx.lower(j) == "them" { return nil }
                j += 1
            }
        }
        var candidates: [String] = []
        var seen = 0
        while seen < 3, lx.isWord(j) {
            if j > e, !(lx.isWord(j - 1) && !lx.adjacent(j - 1)) { break }   // punctuation between
            var w = lx.lower(j)
            if unitStops.contains(w) { break }
            let capitalized = lx.isCapitalized(j)
            // a hyphenated word is one candidate: anti-globalist
            while lx.adjacent(j), lx.isSymbol(j + 1, "-"), lx.adjacent(j + 1), lx.isWord(j + 2) {
                w += "-" + lx.lower(j + 2); j += 2
            }
            let possessive = w.hasSuffix("'s") || w.hasSuffix("\u{2019}s")
            if !capitalized, !possessive { candidates.append(w) }
            seen += 1
            j += 1
        }
        return candidates.first { $0.hasSuffix("s") && !$0.hasSuffix("ss") }
            ?? candidates.first { w in !adjectiveEndings.contains { w.hasSuffix($0) } }
            ?? candidates.first
    }

    /// Endings that mark a word as more likely an adjective than the counted noun ("four separate referenda").
    static let adjectiveEndings = ["al", "ic", "ive", "ous", "ful", "less", "ate", "ent", "ant", "ary", "ern", "ish", "ed"]
}

extension Corpus {
    /// Numbers, percentages, money, dates and years of every document (or of `documents`):
    /// doc, kind, value, number, unit, line, sentence — in text order.
    public func numbers(documents: [Int]? = nil, options: NumberOptions = NumberOptions()) throws -> Table {
        var doc: [TableValue] = [], kind: [TableValue] = [], value: [TableValue] = [], number: [TableValue] = []
        var unit: [TableValue] = [], line: [TableValue] = [], sentence: [TableValue] = []
        for d in allOrSome(documents) {
            try Interruption.check()
            for c in try NumberClaims.claims(self, document: d, options: options) {
                doc.append(.string(self.documents[d].id)); kind.append(.string(c.kind.rawValue)); value.append(.string(c.value))
                number.append(c.number.map { .double($0) } ?? .null); unit.append(.text(c.unit)); line.append(.int(c.line))
                sentence.append(.string(c.sentence))
            }
        }
        return Table(columns: [("doc", doc), ("kind", kind), ("value", value), ("number", number), ("unit", unit),
                               ("line", line), ("sentence", sentence)])
    }
}
